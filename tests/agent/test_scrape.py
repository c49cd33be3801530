"""One job's pipeline as the agent drives it: label-only stages run once per label set,
with the same result as running every stage on every line; the readline limiter."""

from __future__ import annotations

import asyncio
import random
from pathlib import Path

import pytest

from sim.agent.config import load_config
from sim.agent.config_model import ScrapeConfig
from sim.agent.ratelimit import TokenBucket
from sim.agent.scrape import ScrapePipeline, new_pipeline, split_pipeline
from sim.agent.stages import Entry

from .fleetrun import ROOT, fleet_output, load_collector
from .stages.conftest import secret_lines


def collect(job: ScrapePipeline, files: dict[str, list[str]]) -> list[tuple[object, ...]]:
    out: list[Entry] = []

    async def sink(entries: list[Entry]) -> None:
        out.extend(entries)

    async def feed() -> None:
        job._sink = sink
        for path, lines in files.items():
            await job.handle({"node": "n1", "filename": path}, lines, 7)
        await job.flush()

    asyncio.run(feed())
    return [(e.labels, e.extracted, e.timestamp_ns, e.line) for e in out]


def test_running_label_only_stages_once_changes_nothing(tmp_path: Path) -> None:
    text = (
        (ROOT / "scenarios" / "homelab.yaml").read_text().replace("duration: 90s", "duration: 5s")
    )
    run = fleet_output(tmp_path, text)
    config = load_collector("recommended.yaml", run.pods)
    scrape = config.scrape_configs[0]
    files = {
        str(p): p.read_bytes().decode("utf-8", "surrogateescape").split("\n")[:-1]
        for p in sorted(run.pods.rglob("*.log"))
    }

    async def nowhere(entries: list[Entry]) -> None:
        return None

    head, body = split_pipeline(scrape, config.path)
    assert head is not None and len(head.stages) == 4  # regex, regex, template, labels
    split = collect(ScrapePipeline(scrape, body, nowhere, head=head), files)
    whole = collect(ScrapePipeline(scrape, new_pipeline(scrape, config.path), nowhere), files)
    assert split == whole and len(whole) > 1000


STAGES = [
    # (stages, how many lead stages only read labels)
    ([{"regex": {"source": "filename", "expression": "(?P<x>.)"}}, {"labels": {"x": None}}], 2),
    ([{"template": {"source": "j", "template": "{{ .a }}/{{- .b -}}"}}, {"cri": {}}], 1),
    ([{"template": {"source": "j", "template": "{{ .Entry }}"}}], 0),  # reads the line
    ([{"template": {"source": "j", "template": "{{ now }}"}}], 0),  # not a plain field
    ([{"regex": {"expression": "(?P<x>.)"}}], 0),  # no source: the line
    ([{"labeldrop": ["a"]}, {"labelallow": ["b"]}, {"static_labels": {"c": "d"}}], 2),
]


@pytest.mark.parametrize(("stages", "count"), STAGES)
def test_which_stages_run_once_per_label_set(stages: list[object], count: int) -> None:
    scrape = ScrapeConfig(job_name="a", field="scrape_configs[0]", pipeline_stages=stages)
    head, _ = split_pipeline(scrape, "p.yaml")
    assert (0 if head is None else len(head.stages)) == count


def test_the_readline_limiter_drops_or_waits() -> None:
    # pipeline.go Wrap + limit/config.go: readline_rate_drop drops with reason
    # global_rate_limiter_drop, otherwise the line waits for a token.
    now = [0.0]
    bucket = TokenBucket(rate=1.0, burst=2, clock=lambda: now[0])
    assert [bucket.allow() for _ in range(3)] == [True, True, False]
    now[0] = 1.0
    assert bucket.allow() and not bucket.allow()

    scrape = ScrapeConfig(job_name="a", field="scrape_configs[0]")
    received: list[str] = []

    async def sink(entries: list[Entry]) -> None:
        received.extend(e.line for e in entries)

    job = ScrapePipeline(scrape, new_pipeline(scrape, "p.yaml"), sink, TokenBucket(0.0, 2), True)
    asyncio.run(job.handle({"a": "b"}, ["1", "2", "3", "4"], 0))
    assert received == ["1", "2"]
    assert job.pipeline.dropped == {"global_rate_limiter_drop": 2}


def _cri_files(seed: int) -> dict[str, list[str]]:
    """Three pods' CRI files: secrets, multi-line blocks, partial lines, non-ASCII."""
    rng = random.Random(seed)
    files: dict[str, list[str]] = {}
    for pod in ("prod_api-7f9c8d6b5-abcde_u1/api", "prod_db-0_u2/db", "home_x-b2c4d_u3/x"):
        lines = []
        for i, text in enumerate(secret_lines(seed + len(pod), 120)):
            stamp = f"2024-05-01T10:00:{i // 10:02d}.{rng.randrange(1, 10**9):09d}Z"
            stream = rng.choice(["stdout", "stderr"])
            flag = rng.choice(["F", "F", "F", "P"])
            first = rng.choice(["2024-05-01 10:00:00 ", "\tat ", ""])
            for part in (first + text).split("\n"):
                lines.append(f"{stamp} {stream} {flag} {part}")
        lines.append("not a CRI line 10.0.0.1")
        files[f"/var/log/pods/{pod}/0.log"] = lines
    return files


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_adr_pipeline_batched_equals_one_entry_at_a_time(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # lokisim: what the agent runs (label-only stages once per label set, then every later
    # stage on a whole read's lines at once) against Promtail's order: each entry through
    # every stage in turn (Pipeline.process), on compose/promtail/adr.yaml.
    monkeypatch.setattr("sim.agent.scrape.time.time", lambda: 1714557600.0)
    config = load_config(
        ROOT / "compose" / "promtail" / "adr.yaml",
        expand_env_vars=True,
        environ={"LOKISIM_PODS_DIR": "/var/log/pods"},
    )
    scrape = config.scrape_configs[0]
    files = _cri_files(seed)

    async def nowhere(entries: list[Entry]) -> None:
        return None

    head, body = split_pipeline(scrape, config.path)
    batched = collect(ScrapePipeline(scrape, body, nowhere, head=head), files)
    whole = new_pipeline(scrape, config.path)
    one_by_one: list[Entry] = []
    for path, lines in files.items():
        for line in lines:
            entry = Entry({"node": "n1", "filename": path}, {}, 7, line)
            one_by_one.extend(whole.process(entry, 1714557600.0))
    one_by_one.extend(whole.flush())
    assert batched == [(e.labels, e.extracted, e.timestamp_ns, e.line) for e in one_by_one]
    assert any("***REDACTED***" in str(line) for *_, line in batched)
