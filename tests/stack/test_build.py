"""One stack per target, and what each leaves in the run directory before it starts."""

from __future__ import annotations

from pathlib import Path

import pytest

from sim.stack.build import build_stack
from sim.stack.compose import ComposeStack
from sim.stack.embedded import EmbeddedStack
from sim.stack.options import StackOptions
from sim.stack.remote import RemoteStack
from sim.stack.targets import Target

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("target", "options", "kind", "scheme", "files"),
    [
        # ADR 6.2: TLS by default, with the run's CA and the config that serves its certificate
        (Target("embedded"), StackOptions(), EmbeddedStack, "https", ["loki-config.yaml", "tls"]),
        (Target("embedded"), StackOptions(tls=False), EmbeddedStack, "http", []),
        (
            Target("compose"),
            StackOptions(),
            ComposeStack,
            "https",
            ["compose.override.yaml", "loki-config.yaml", "tls"],
        ),
        (
            Target("compose"),
            StackOptions(tls=False),
            ComposeStack,
            "http",
            ["compose.override.yaml"],
        ),
        # someone else's Loki: nothing of Loki's in the run dir; the URL says the scheme
        (Target("url", url="https://loki.staging:3100"), StackOptions(), RemoteStack, "https", []),
        (Target("url", url="http://loki.staging:3100"), StackOptions(), RemoteStack, "http", []),
    ],
)
def test_build_stack(
    tmp_path: Path,
    target: Target,
    options: StackOptions,
    kind: type,
    scheme: str,
    files: list[str],
) -> None:
    run = tmp_path / "run"
    run.mkdir()
    stack = build_stack(
        target,
        run,
        loki_config=REPO / "compose" / "loki" / "config.yaml",
        collector="adr",
        collector_config=REPO / "compose" / "promtail" / "adr.yaml",
        pods_dir=run / "pods",
        options=options,
    )
    assert isinstance(stack, kind) and stack.kind == target.kind
    assert stack.endpoints.loki_url.startswith(f"{scheme}://")
    assert stack.owns_loki is (target.kind != "url")
    assert sorted(p.name for p in run.iterdir()) == files
    if target.kind == "url":
        assert stack.endpoints.loki_url == target.url
        stack.stop()  # closes its client; the collector never started
