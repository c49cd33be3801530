"""Tracing stored entries back to the lines the pods wrote."""

from __future__ import annotations

from pathlib import Path

from sim.verify.inputs import StoredEntry
from sim.verify.matching import Placement, marker_index, match
from sim.verify.original import rebuild
from tests.verify.helpers import Pods


def test_own_entries_merges_and_unknown_origin(tmp_path: Path) -> None:
    pods = Pods(tmp_path)
    java = pods.container(pod="orders-1", name="orders", app="orders")
    head = java.write("2026-11-26 14:39:01 ERROR boom")
    at1 = java.write("\tat com.acme.Orders.place(Orders.java:42)")
    at2 = java.write("\tat com.acme.Api.handle(Api.java:7)")
    nxt = java.write("2026-11-26 14:39:02 INFO ok")
    # multiline (ADR 8: firstline '^\d{4}-\d{2}-\d{2}') joins a trace onto its first line
    merged = java.stored(head, "\n".join([head.text, at1.text, at2.text]))
    stranger = StoredEntry({"job": "locust"}, 42, "pushed by the load generator")
    originals = rebuild(tmp_path)
    result = match([merged, java.stored(nxt), stranger], originals)
    ids = {line.text: line.id for line in originals.lines}
    assert result.placements[ids[head.text]] == [Placement(0, 0)]
    assert result.placements[ids[at1.text]] == [Placement(0, 1)]
    assert result.placements[ids[at2.text]] == [Placement(0, 2)]
    assert result.placements[ids[nxt.text]] == [Placement(1, 0)]
    assert result.unknown == [2]
    assert result.merged_entries == 1


def test_merges_follow_the_stream_when_entries_carry_one(tmp_path: Path) -> None:
    # The cri stage sets a `stream` label and multiline groups by label set (cri.py, multiline.py):
    # a merged stdout block skips the stderr line written in between.
    pods = Pods(tmp_path)
    app = pods.container()
    first = app.write("2026-11-26 start")
    app.write("warning on stderr", stream="stderr")
    second = app.write("  continued")
    originals = rebuild(tmp_path)
    result = match([app.stored(first, first.text + "\n" + second.text)], originals)
    ids = {line.text: line.id for line in originals.lines}
    assert result.placements[ids[second.text]] == [Placement(0, 1)]
    assert ids["warning on stderr"] not in result.placements


def test_same_nanosecond_in_two_containers_is_told_apart_by_labels(tmp_path: Path) -> None:
    pods = Pods(tmp_path)
    one, two = pods.container(pod="a-1"), pods.container(pod="b-1")
    line_one = one.write("same text")
    pods.clock[0] = line_one.ns - 1000  # the second container writes in the same nanosecond
    line_two = two.write("same text")
    assert line_one.ns == line_two.ns
    originals = rebuild(tmp_path)
    result = match([two.stored(line_two)], originals)
    (placed,) = result.placements
    assert originals.lines[placed].key.pod == "b-1"


def test_joined_partial_line_is_found_by_its_last_chunk_time(tmp_path: Path) -> None:
    # Promtail's cri stage keeps the F chunk's entry and prepends the P chunks (cri.py _join).
    pods = Pods(tmp_path)
    app = pods.container()
    long = app.write("y" * 50, max_line_size=16)
    originals = rebuild(tmp_path)
    entry = StoredEntry(app.labels, originals.lines[0].last_ns, long.text)
    assert match([entry], originals).placements[0] == [Placement(0, 0)]


def test_without_a_cri_timestamp_the_text_decides(tmp_path: Path) -> None:
    pods = Pods(tmp_path)
    app = pods.container()
    line = app.write("read without a cri stage: timestamped at read time")
    originals = rebuild(tmp_path)
    result = match([StoredEntry(app.labels, 7, line.text)], originals)
    assert result.placements[0] == [Placement(0, 0)] and result.unknown == []


def test_marker_index_finds_markers_glued_to_letters() -> None:
    stored = [
        StoredEntry({}, 1, "rid=lsmabcdefghijk&x=1"),
        StoredEntry({}, 2, "xlsmzyxwvutsrqpo"),  # overlapping candidates: found by lookahead
        StoredEntry({}, 3, "no marker"),
    ]
    found = marker_index(stored, ["lsmabcdefghijk", "lsmzyxwvutsrqpo"[:14], "lsmnotstoredxx"])
    assert found == {"lsmabcdefghijk": [0], "lsmzyxwvutsrqp": [1]}
