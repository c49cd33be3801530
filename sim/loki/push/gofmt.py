"""Values rendered the way Loki's Go code renders them inside its error texts.

Strings here are Python `str`; a byte that was not valid UTF-8 on the wire is carried as a
lone surrogate (Python's "surrogateescape"), so Go's `\\xNN` for it can be reproduced.
Times are integer nanoseconds since the Unix epoch, rendered in UTC (the grafana/loki image
runs with TZ unset, i.e. UTC).
"""

from __future__ import annotations

import datetime as dt

_SIMPLE_ESCAPES = {
    "\a": "\\a",
    "\b": "\\b",
    "\f": "\\f",
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\v": "\\v",
}
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_NS = 1_000_000_000


def go_quote(text: str) -> str:
    """strconv.Quote: double-quoted, Go escapes, printable non-ASCII kept as is."""
    if text.isascii() and text.isprintable() and '"' not in text and "\\" not in text:
        return f'"{text}"'
    out = ['"']
    for char in text:
        code = ord(char)
        if char in ('"', "\\"):
            out.append("\\" + char)
        elif 0xDC80 <= code <= 0xDCFF:  # an undecodable byte, kept by surrogateescape
            out.append(f"\\x{code - 0xDC00:02x}")
        elif char.isprintable():
            out.append(char)
        elif char in _SIMPLE_ESCAPES:
            out.append(_SIMPLE_ESCAPES[char])
        elif code < 0x20 or code == 0x7F:
            out.append(f"\\x{code:02x}")
        elif code < 0x10000:
            out.append(f"\\u{code:04x}")
        else:
            out.append(f"\\U{code:08x}")
    out.append('"')
    return "".join(out)


def _utc(ns: int) -> tuple[dt.datetime, int]:
    seconds, frac = divmod(ns, _NS)
    return _EPOCH + dt.timedelta(seconds=seconds), frac


def rfc3339(ns: int) -> str:
    """time.Time.Format(time.RFC3339) of a UTC time: whole seconds, `Z` suffix."""
    moment, _ = _utc(ns)
    return f"{_year(moment.year)}-{moment:%m-%dT%H:%M:%S}Z"


def rfc3339_nano(ns: int) -> str:
    """time.RFC3339Nano in UTC: fractional seconds with trailing zeros trimmed."""
    moment, frac = _utc(ns)
    fraction = f".{frac:09d}".rstrip("0").rstrip(".")
    return f"{_year(moment.year)}-{moment:%m-%dT%H:%M:%S}{fraction}Z"


def go_time_string(ns: int) -> str:
    """time.Time.String() of a UTC time: `2006-01-02 15:04:05.999999999 +0000 UTC`."""
    moment, frac = _utc(ns)
    fraction = f".{frac:09d}".rstrip("0").rstrip(".")
    return f"{_year(moment.year)}-{moment:%m-%d %H:%M:%S}{fraction} +0000 UTC"


def _year(year: int) -> str:
    return f"{year:04d}"


def datasize_string(size: int) -> str:
    """c2h5oh/datasize ByteSize.String(): the largest binary unit dividing it exactly."""
    if size == 0:
        return "0B"
    for unit, shift in (("EB", 60), ("PB", 50), ("TB", 40), ("GB", 30), ("MB", 20), ("KB", 10)):
        if size % (1 << shift) == 0:
            return f"{size >> shift}{unit}"
    return f"{size}B"


def go_byte_len(text: str) -> int:
    """len() of the Go string this Python string stands for (UTF-8 bytes)."""
    if text.isascii():
        return len(text)
    return len(text.encode("utf-8", "surrogateescape"))
