"""A stream holding its entries as columns (sim/loki/push/model.py) is the same stream as
one holding Entry objects: equal, same count, and once its entries are read (and perhaps
changed, as truncate_lines changes them) the columns are gone, never stale."""

from __future__ import annotations

from sim.loki.push.model import Entry, Stream

COLUMNS = ([1, 2, 3], [b"a", b"bb", b"c"])
ENTRIES = [Entry(1, b"a"), Entry(2, b"bb"), Entry(3, b"c")]


def test_columns_read_as_entries() -> None:
    stream = Stream('{a="1"}', hash=7, columns=([1, 2, 3], [b"a", b"bb", b"c"]))
    assert stream.entry_count() == 3 and stream.columns is not None
    assert stream == Stream('{a="1"}', list(ENTRIES), 7)
    assert stream.columns is None  # reading the entries made them the only copy


def test_changing_the_entries_leaves_no_stale_columns() -> None:
    stream = Stream("{}", columns=([1], [b"long line"]))
    stream.entries[0].line = b"long"
    assert stream.columns is None and stream.entries == [Entry(1, b"long")]
    stream.entries = [Entry(5, b"x")]
    assert stream.entry_count() == 1 and stream.entries == [Entry(5, b"x")]


def test_entries_given_win_and_defaults_are_empty() -> None:
    assert Stream("{}", list(ENTRIES), columns=COLUMNS).columns is None
    empty = Stream("{}")
    assert empty.entries == [] and empty.entry_count() == 0 and empty.hash == 0
    assert empty != Stream("{}", [Entry(1, b"a")]) and empty != "{}"
    assert repr(Stream("{}", columns=([1], [b"a"]))) == (
        "Stream(labels='{}', entries=[Entry(timestamp=1, line=b'a', metadata=())], hash=0)"
    )
