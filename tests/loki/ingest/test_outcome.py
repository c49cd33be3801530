"""PushOutcome bookkeeping."""

from __future__ import annotations

from sim.loki.ingest.outcome import DiscardKey, PushOutcome, StoredStream
from sim.loki.push.model import Entry


def test_discards_add_up_per_key_and_per_reason():
    out = PushOutcome("fake")
    out.discard(DiscardKey("rate_limited", "fake", "720"), 2, 20)
    out.discard(DiscardKey("rate_limited", "fake", "720"), 1, 5)
    out.discard(DiscardKey("rate_limited", "other", "720"), 1, 1)
    out.discard(DiscardKey("line_too_long", "fake", "720"), 1, 300)
    assert out.discarded[DiscardKey("rate_limited", "fake", "720")].samples == 3
    by_reason = out.discarded_by_reason()
    assert (by_reason["rate_limited"].samples, by_reason["rate_limited"].bytes) == (4, 26)
    assert by_reason["line_too_long"].bytes == 300


def test_defaults_are_a_204_with_nothing_stored():
    out = PushOutcome("fake")
    assert (out.status, out.body, out.stored_entries) == (204, "", 0)
    out.stored.append(StoredStream("{}", [Entry(0, b"a"), Entry(1, b"b")]))
    assert out.stored_entries == 2
