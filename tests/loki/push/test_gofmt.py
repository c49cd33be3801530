"""Go's renderings used inside Loki's texts: strconv.Quote, time formats, datasize."""

from __future__ import annotations

import pytest

from sim.loki.push.gofmt import (
    datasize_string,
    go_byte_len,
    go_quote,
    go_time_string,
    rfc3339,
    rfc3339_nano,
)

S = 1_000_000_000


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        # Go strconv.Quote (strconv/quote.go appendEscapedRune)
        ("bar", '"bar"'),
        ('a"b', '"a\\"b"'),
        ("a\\b", '"a\\\\b"'),
        ("line\nbreak\t", '"line\\nbreak\\t"'),
        ("\x00\x7f", '"\\x00\\x7f"'),
        ("é日本", '"é日本"'),  # printable runes are kept
        ("\u200b", '"\\u200b"'),  # a format character (Cf) is not printable
        ("\U0001f600", '"\U0001f600"'),
        ("\udcff", '"\\xff"'),  # a byte that is not UTF-8 (carried by surrogateescape)
    ],
)
def test_go_quote(text, quoted):
    assert go_quote(text) == quoted


@pytest.mark.parametrize(
    ("ns", "rfc", "nano", "string"),
    [
        # time.RFC3339, time.RFC3339Nano and Time.String() of UTC times
        (0, "1970-01-01T00:00:00Z", "1970-01-01T00:00:00Z", "1970-01-01 00:00:00 +0000 UTC"),
        (
            1570818238 * S + 500_000_000,
            "2019-10-11T18:23:58Z",
            "2019-10-11T18:23:58.5Z",
            "2019-10-11 18:23:58.5 +0000 UTC",
        ),
        (
            -1,
            "1969-12-31T23:59:59Z",
            "1969-12-31T23:59:59.999999999Z",
            "1969-12-31 23:59:59.999999999 +0000 UTC",
        ),
    ],
)
def test_time_formats(ns, rfc, nano, string):
    assert (rfc3339(ns), rfc3339_nano(ns), go_time_string(ns)) == (rfc, nano, string)


@pytest.mark.parametrize(
    ("size", "text"),
    # c2h5oh/datasize ByteSize.String(): largest binary unit dividing exactly
    [
        (0, "0B"),
        (100, "100B"),
        (3 << 20, "3MB"),
        (1536 << 10, "1536KB"),
        (1025, "1025B"),
        (1 << 30, "1GB"),
    ],
)
def test_datasize_string(size, text):
    assert datasize_string(size) == text


@pytest.mark.parametrize(("text", "length"), [("abc", 3), ("é", 2), ("\udcff", 1), ("日本", 6)])
def test_byte_len_is_utf8_length(text, length):
    assert go_byte_len(text) == length
