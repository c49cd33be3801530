"""Streams decoded as columns go through the distributor and ingester as their Entry-object
twins do (pkg/distributor/distributor.go Push, validator.go, field_detection.go,
pkg/ingester/stream.go Push at v3.6.0): the same answer, status and text, the same entries
stored with the same detected_level, the same discards, truncations, shardings and
created streams, push after push. The Entry-object path is the reference; the limits
below make each of its refusals happen (too old, too new, too long, truncated, rate limits,
stream limit, sharding, duplicate timestamps).
"""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sim.loki.ingest.distributor import Distributor
from sim.loki.ingest.outcome import PushOutcome
from sim.loki.ingest.sharding import deal, deal_columns
from sim.loki.ingest.streams import IngesterRing
from sim.loki.limits import Limits, ShardStreams
from sim.loki.push.model import Entry, PushRequest, Stream

S = 1_000_000_000
NOW = 1_795_703_941 * S
RF1 = IngesterRing(replication_factor=1)
BASE = dataclasses.replace(Limits(), ingestion_rate_mb=1000, ingestion_burst_size_mb=1000)
LIMITS = {
    "defaults": BASE,
    "short lines": dataclasses.replace(BASE, max_line_size=12),
    "truncated": dataclasses.replace(
        BASE, max_line_size=12, max_line_size_truncate=True, max_line_size_truncate_identifier="~"
    ),
    "increment": dataclasses.replace(BASE, increment_duplicate_timestamp=True),
    "no levels": dataclasses.replace(BASE, discover_log_levels=False),
    "my fields": dataclasses.replace(BASE, log_level_fields=("lvl", "severity")),
    "stream rate": dataclasses.replace(
        BASE, per_stream_rate_limit=40, per_stream_rate_limit_burst=60
    ),
    "tenant rate": dataclasses.replace(
        BASE, ingestion_rate_mb=0.0001, ingestion_burst_size_mb=0.0001
    ),
    "sharded": dataclasses.replace(BASE, shard_streams=ShardStreams(desired_rate=30)),
    "unsharded": dataclasses.replace(BASE, shard_streams=ShardStreams(enabled=False)),
    "one stream": dataclasses.replace(BASE, max_global_streams_per_user=1),
}
LABELS = ['{app="api"}', '{app="web", level="warn"}', '{app="db"}']
_lines = st.sampled_from(
    [b"level=info a", b'level="error" b', b"time=x level=debug msg=y", b"plain INFO text",
     b'{"level":"warn"}', b"nothing here", b"level=x= y", b"a very long line indeed", b"x"]
)  # fmt: skip
# (seconds from now, line): mostly in order, some too old or too new, some repeated
_entries = st.lists(
    st.tuples(st.sampled_from([-700, -1, -1, 0, 0, 1, 2, 3, 900, -400 * 3600]), _lines),
    min_size=1,
    max_size=8,
)
_pushes = st.lists(
    st.lists(st.tuples(st.sampled_from(LABELS), _entries), min_size=1, max_size=3),
    min_size=1,
    max_size=4,
)


def _run(
    limits: Limits, pushes: list[list[tuple[str, list[tuple[int, bytes]]]]], as_columns: bool
) -> list[PushOutcome]:
    distributor = Distributor(limits, RF1)
    outcomes = []
    for number, push in enumerate(pushes):
        now = NOW + number * S
        streams = []
        for labels, entries in push:
            stamps = [now + offset * S + i for i, (offset, _) in enumerate(entries)]
            lines = [line for _, line in entries]
            if as_columns:
                streams.append(Stream(labels, columns=(stamps, lines)))
            else:
                streams.append(
                    Stream(labels, [Entry(t, x) for t, x in zip(stamps, lines, strict=True)])
                )
        outcomes.append(distributor.push("fake", PushRequest(streams), now))
    return outcomes


@pytest.mark.parametrize("name", list(LIMITS))
@given(pushes=_pushes)
@settings(max_examples=40, deadline=None)
def test_columns_push_as_entries_do(
    name: str, pushes: list[list[tuple[str, list[tuple[int, bytes]]]]]
) -> None:
    assert _run(LIMITS[name], pushes, True) == _run(LIMITS[name], pushes, False)


def test_a_clean_push_stays_columns_to_the_store() -> None:
    # the column path ran: what is stored carries its columns, no entry object was needed
    out = _run(BASE, [[(LABELS[0], [(0, b"level=info a"), (1, b"x")])]], True)[0]
    assert out.status == 204
    stored = out.stored[0]
    assert stored.columns is not None and stored._entries is None
    assert stored.columns[2] == [(("detected_level", "info"),), (("detected_level", "unknown"),)]


@given(st.lists(st.integers(), max_size=20), st.integers(1, 5))
def test_columns_are_dealt_as_entries_are(stamps: list[int], shards: int) -> None:
    # divideEntriesBetweenShards: entry i to shard i modulo the number of shards
    lines = [b"%d" % i for i in range(len(stamps))]
    metas = [(("detected_level", "info"),)] * len(stamps)
    dealt = deal([Entry(*row) for row in zip(stamps, lines, metas, strict=True)], shards)
    by_column = deal_columns((stamps, lines, metas), shards)
    assert [[(e.timestamp, e.line, e.metadata) for e in part] for part in dealt] == [
        list(zip(*part, strict=True)) for part in by_column
    ]
