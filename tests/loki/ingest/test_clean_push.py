"""A push with nothing to refuse takes the distributor's and ingester's column path; what it
stores is what the entry-by-entry path stores (pkg/distributor/distributor.go Push,
validator.go ValidateEntry, field_detection.go, pkg/ingester/stream.go Push at v3.6.0).

The reference is the same push with one more, too-old entry: validation refuses that entry
alone, and the other entries go through the per-entry path.
"""

from __future__ import annotations

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from sim.loki.ingest.distributor import Distributor
from sim.loki.ingest.ingester import Ingester, IngesterConfig, PushStream
from sim.loki.ingest.outcome import PushOutcome
from sim.loki.ingest.sharding import StreamRates
from sim.loki.ingest.streams import IngesterRing
from sim.loki.limits import Limits
from sim.loki.push.model import Entry, PushRequest, Stream

S = 1_000_000_000
NOW = 1_795_703_941 * S
RF1 = IngesterRing(replication_factor=1)
APP = '{app="api"}'
LEVELED = '{app="api", level="warn"}'

_lines = st.sampled_from(
    [b"level=info a", b'level="error" b', b"LEVEL=dbg", b"msg=x lvl=warn", b"plain INFO text",
     b'{"level":"warn"}', b"nothing here", b"level=x= y", b"", b"err: disk"]
)  # fmt: skip


def _push(stream: str, entries: list[tuple[int, bytes]], extra_old: bool) -> PushOutcome:
    limits = dataclasses.replace(Limits(), ingestion_rate_mb=1000, ingestion_burst_size_mb=1000)
    items = [Entry(ts, line) for ts, line in entries]
    if extra_old:
        items.append(Entry(NOW - 400 * 3600 * S, b"too old"))
    request = PushRequest([Stream(stream, items)])
    return Distributor(limits, RF1).push("fake", request, NOW)


@given(
    steps=st.lists(st.tuples(st.integers(-2 * S, 2 * S), _lines), min_size=1, max_size=30),
    labels=st.sampled_from([APP, LEVELED]),
)
@settings(max_examples=150, deadline=None)
def test_a_clean_push_stores_what_the_per_entry_path_stores(
    steps: list[tuple[int, bytes]], labels: str
) -> None:
    ts, entries = NOW - 600 * S, []
    for step, line in steps:
        ts += step
        entries.append((ts, line))
    clean, reference = _push(labels, entries, False), _push(labels, entries, True)
    assert clean.status == 204 and reference.status == 400
    assert clean.stored == reference.stored  # entries with their detected_level
    for stored in clean.stored:
        if stored.columns is not None:  # the column path ran: columns are the entries'
            stamps, lines, metas = stored.columns
            assert [(e.timestamp, e.line, e.metadata) for e in stored.entries] == list(
                zip(stamps, lines, metas, strict=True)
            )


def test_an_in_order_clean_push_hands_its_columns_on() -> None:
    # what the store is given: timestamps, lines and each entry's detected_level pair
    out = _push(APP, [(NOW - 10 * S + i, b"level=warn x") for i in range(3)], False)
    assert out.stored[0].columns == (
        [NOW - 10 * S + i for i in range(3)],
        [b"level=warn x"] * 3,
        [(("detected_level", "warn"),)] * 3,
    )


def test_in_order_entries_are_stored_whole() -> None:
    # stream.go Push: nothing is a duplicate of the entry before it, nothing is behind
    ingester = Ingester(Limits(), RF1, IngesterConfig(), StreamRates())
    out = PushOutcome("fake")
    entries = [Entry(NOW + i, b"line %d" % i) for i in range(5)]
    assert ingester.push("fake", [PushStream(APP, APP, entries)], NOW, out) is None
    assert [e.timestamp for e in out.stored[0].entries] == [NOW + i for i in range(5)]


def test_repeat_of_the_last_entry_is_dropped_even_in_order() -> None:
    # stream.go Push: an entry equal to the stream's last one is dropped silently
    ingester = Ingester(Limits(), RF1, IngesterConfig(), StreamRates())
    first = PushOutcome("fake")
    ingester.push("fake", [PushStream(APP, APP, [Entry(NOW, b"a")])], NOW, first)
    out = PushOutcome("fake")
    again = [Entry(NOW, b"a"), Entry(NOW + 1, b"b")]
    assert ingester.push("fake", [PushStream(APP, APP, again)], NOW, out) is None
    assert [e.line for e in out.stored[0].entries] == [b"b"]


def test_in_order_entries_behind_the_stream_are_refused() -> None:
    # stream.go validateEntries: older than the newest entry less max_chunk_age/2
    ingester = Ingester(Limits(), RF1, IngesterConfig(), StreamRates())
    ingester.push("fake", [PushStream(APP, APP, [Entry(NOW, b"a")])], NOW, PushOutcome("fake"))
    out = PushOutcome("fake")
    late = [Entry(NOW - 2 * 3600 * S + i, b"late %d" % i) for i in range(3)]
    error = ingester.push("fake", [PushStream(APP, APP, late)], NOW, out)
    assert error is not None and error.status == 400
    assert not out.stored
