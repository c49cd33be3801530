"""The delivery verdict on crafted runs: merged, duplicated, dropped and lost lines."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from sim.agent.stages import Entry, build_pipeline
from sim.verify.delivery import accounted_drops, delivery_verdict
from sim.verify.drops import PROMTAIL
from sim.verify.inputs import StoredEntry
from sim.verify.matching import match
from sim.verify.original import rebuild
from tests.verify.helpers import Pods


def _delivery(
    pods: Pods,
    stored: list[StoredEntry],
    loki: dict[str, int] | None = None,
    collector: dict[str, int] | None = None,
    http_400: int = 0,
) -> dict[str, Any]:
    originals = rebuild(pods.root)
    return delivery_verdict(
        pods.accounting(),
        originals,
        match(stored, originals),
        loki or {},
        collector,
        PROMTAIL if collector is not None else None,
        http_400,
    )


def _figures(d: dict[str, Any]) -> tuple[int, int, int, int, int]:
    return d["written"], d["stored"], d["merged"], d["lost"], d["duplicated"]


def test_a_multiline_merge_is_merged_not_lost(tmp_path: Path) -> None:
    pods = Pods(tmp_path)
    java = pods.container(pod="orders-1", name="orders", app="orders")
    head = java.write("2026-11-26 14:39:01.000 ERROR 1 --- [main] c.a.Orders : failed")
    trace = [java.write(f"\tat com.acme.Frame{i}(Frame.java:{i})") for i in range(3)]
    block = java.stored(head, "\n".join([head.text] + [t.text for t in trace]))
    assert _figures(_delivery(pods, [block])) == (4, 1, 3, 0, 0)


def test_a_line_stored_twice_is_duplicated(tmp_path: Path) -> None:
    pods = Pods(tmp_path)
    api = pods.container()
    line = api.write('{"level":"info","msg":"ok"}')
    copy = StoredEntry({**api.labels, "stream": "stdout", "retry": "1"}, line.ns, line.text)
    assert _figures(_delivery(pods, [api.stored(line), copy])) == (1, 1, 0, 0, 1)


def test_a_line_loki_rejected_for_rate_limited_is_dropped_not_lost(tmp_path: Path) -> None:
    pods = Pods(tmp_path)
    api = pods.container()
    kept = api.write("kept")
    api.write("rejected")
    # Loki refused it (429) and Promtail gave up after its retries (client.go sendBatch)
    result = _delivery(
        pods, [api.stored(kept)], loki={"rate_limited": 4}, collector={"rate_limited": 1}
    )
    assert _figures(result) == (2, 1, 0, 0, 0)
    assert result["dropped"] == {"loki:rate_limited": 4, "promtail:rate_limited": 1}


def test_a_line_that_vanished_is_lost(tmp_path: Path) -> None:
    pods = Pods(tmp_path)
    api = pods.container()
    kept = api.write("kept")
    api.write("vanished")
    result = _delivery(pods, [api.stored(kept)], collector={})
    assert _figures(result) == (2, 1, 0, 1, 0)
    assert result["dropped"] == {}


@pytest.mark.parametrize(
    ("loki", "collector", "http_400", "final"),
    [
        # 400s are never retried by Promtail (client.go: only 429, 5xx, connection errors)
        ({"line_too_long": 3}, {}, 1, 3),
        # a 429 is retried: Loki's count is of attempts, the collector's of final drops
        ({"rate_limited": 9}, {"rate_limited": 2}, 0, 2),
        # no collector view at all: each of Loki's rejections may have been final
        ({"rate_limited": 9, "line_too_long": 1}, None, 0, 10),
        # on a 400 Promtail counts the whole batch as ingester_error (client.go sendBatch)
        ({"line_too_long": 1}, {"ingester_error": 500}, 1, 1),
        # without 400s, ingester_error is a batch given up after 5xx or connection errors
        ({}, {"ingester_error": 50}, 0, 50),
        # stage drops (logentry_dropped_lines_total) are final
        ({}, {"drop_stage": 7}, 0, 7),
    ],
)
def test_accounted_drops(
    loki: dict[str, int], collector: dict[str, int] | None, http_400: int, final: int
) -> None:
    assert accounted_drops(loki, collector, http_400) == final


def test_lines_in_files_that_are_gone_are_unverifiable_not_lost(tmp_path: Path) -> None:
    pods = Pods(tmp_path)
    api = pods.container()
    kept = api.write("kept")
    gone = pods.container(pod="redis-0", uid="dead", name="redis")
    old = gone.write("in a pod dir kubelet removed")
    (gone.dir / "0.log").unlink()
    result = _delivery(pods, [api.stored(kept), gone.stored(old)])
    assert _figures(result) == (2, 1, 0, 0, 0)
    assert (result["unverifiable"], result["unknown_origin"]) == (1, 1)


def test_blocks_after_a_flushed_multiline_block_carry_its_timestamp(tmp_path: Path) -> None:
    # Promtail's multiline keeps the block's first entry after a max_lines flush, so the
    # next block is stamped with the first line's time (multiline.go; stages/multiline.py).
    pods = Pods(tmp_path)
    app = pods.container()
    written = [app.write("2026-11-26 14:39:01 started")]
    written += [app.write(f'{{"n":{i},"msg":"json after a dated banner"}}') for i in range(130)]
    pipeline = build_pipeline(
        yaml.safe_load("- multiline: {firstline: '^\\d{4}-\\d{2}-\\d{2}'}"), path="adr.yaml"
    )
    out = []
    for line in written:
        out += pipeline.process(Entry(dict(app.labels), {}, line.ns, line.text), 0.0)
    out += pipeline.flush()
    stored = [StoredEntry(e.labels, e.timestamp_ns, e.line) for e in out]
    assert [e.timestamp_ns for e in stored] == [written[0].ns] * 2
    result = _delivery(pods, stored)
    assert _figures(result) == (131, 2, 129, 0, 0)
    assert result["retimed_entries"] == 1


def test_a_rewritten_first_line_does_not_move_its_block(tmp_path: Path) -> None:
    pods = Pods(tmp_path)
    app = pods.container()
    head = app.write("2026-11-26 14:39:01 ERROR from 10.42.0.7")
    frames = [app.write(f"\tat com.acme.F{i}(F.java:1)") for i in range(3)]
    text = "\n".join(["2026-11-26 14:39:01 ERROR from ${1}xxx7"] + [f.text for f in frames])
    result = _delivery(pods, [app.stored(head, text)])
    assert _figures(result) == (4, 1, 3, 0, 0)
    assert result["retimed_entries"] == 0


def test_a_rotated_file_the_collector_never_opened_is_counted_as_such(tmp_path: Path) -> None:
    # kubelet renames 0.log to 0.log.<stamp> (container_log_manager.go); a collector that
    # is more than one file behind tails only `*.log` again and never opens the renamed one.
    pods = Pods(tmp_path)
    api = pods.container()
    read = api.write("read before rotation", file="0.log.20261126-120000")
    skipped = [api.write(f"never read {i}", file="0.log.20261126-120010") for i in range(3)]
    live = api.write("the live file", file="0.log")
    api.write("live but not sent yet", file="0.log")
    result = _delivery(pods, [api.stored(read), api.stored(live)], collector={})
    assert _figures(result) == (6, 2, 0, 4, 0)
    assert (result["unread_rotated_files"], result["missing_in_unread_rotated_files"]) == (
        1,
        len(skipped),
    )


def test_lines_still_retried_when_the_collector_was_killed_are_unsettled_not_lost(
    tmp_path: Path,
) -> None:
    # client.go: Stop waits for the batch being retried (backoff up to 5 m, 10 retries), so
    # a run that ends mid-retry must kill the collector; Loki counted each rejected attempt.
    pods = Pods(tmp_path)
    api = pods.container()
    kept = api.write("kept")
    for i in range(3):
        api.write(f"over the stream limit {i}")
    originals = rebuild(pods.root)
    args = (pods.accounting(), originals, match([api.stored(kept)], originals))
    rejected = {"stream_limit": 5}
    killed = delivery_verdict(*args, rejected, {}, PROMTAIL, 0, collector_killed_at_stop=True)
    assert (killed["lost"], killed["unsettled_at_stop"]) == (0, 3)
    stopped = delivery_verdict(*args, rejected, {}, PROMTAIL, 0)
    assert (stopped["lost"], stopped["unsettled_at_stop"]) == (3, 0)
    few = delivery_verdict(
        *args, {"stream_limit": 1}, {}, PROMTAIL, 0, collector_killed_at_stop=True
    )
    assert (few["lost"], few["unsettled_at_stop"]) == (2, 1)  # no more than Loki rejected
