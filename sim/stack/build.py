"""Which stack a run gets for its target: the one place a target becomes processes."""

from __future__ import annotations

from pathlib import Path

from sim.stack.base import Stack
from sim.stack.compose import ComposeStack
from sim.stack.embedded import EmbeddedStack
from sim.stack.options import StackOptions
from sim.stack.remote import RemoteStack
from sim.stack.targets import Target

REPO = Path(__file__).resolve().parent.parent.parent
COMPOSE_FILE = REPO / "compose" / "docker-compose.yml"


def build_stack(
    target: Target,
    run_dir: Path,
    *,
    loki_config: Path,
    collector: str,
    collector_config: Path,
    pods_dir: Path,
    options: StackOptions,
    docker: str = "docker",
) -> Stack:
    """`collector` is the --collector value (adr, recommended, a path); `collector_config`
    the file it names."""
    if target.kind == "url":
        return RemoteStack(
            run_dir,
            url=target.url,
            collector_config=collector_config,
            pods_dir=pods_dir,
            tenant=options.tenant,
            ca_file=options.ca_file,
        )
    if target.kind == "compose":
        return ComposeStack(
            run_dir,
            docker=docker,
            compose_file=COMPOSE_FILE,
            loki_config=loki_config,
            collector=collector,
            collector_config=collector_config,
            pods_dir=pods_dir,
            tls=options.tls,
            remove_volumes=options.remove_volumes,
        )
    return EmbeddedStack(
        run_dir,
        loki_config=loki_config,
        collector_config=collector_config,
        pods_dir=pods_dir,
        tls=options.tls,
    )
