"""Durations and byte sizes as LogQL reads and prints them; durations are int nanoseconds.

Facts from Go's `time.ParseDuration` / `Duration.String`, prometheus/common's
`model.ParseDuration` / `model.Duration.String` (vendored in grafana/loki v3.6.0) and
go-humanize's `ParseBytes` / `Bytes`. Loki's lexer tries the Prometheus form first and falls
back to Go's (lex.go `parseDuration`); `[range]` brackets accept only the Prometheus form.
"""

from __future__ import annotations

import math

from sim.golang.strconv import GoRangeError, parse_float
from sim.golang.strconv_quote import GoSyntaxError, quote

NANOSECOND = 1
MICROSECOND = 1000
MILLISECOND = 1000 * MICROSECOND
SECOND = 1000 * MILLISECOND
MINUTE = 60 * SECOND
HOUR = 60 * MINUTE
DAY = 24 * HOUR
_MAX_INT64 = 2**63 - 1

_GO_UNITS = {"ns": 1, "us": MICROSECOND, "µs": MICROSECOND, "μs": MICROSECOND,
             "ms": MILLISECOND, "s": SECOND, "m": MINUTE, "h": HOUR}  # fmt: skip
# model.ParseDuration: unit -> (order, multiplier); units must come biggest first.
_PROM_UNITS = {"y": (1, 365 * DAY), "w": (2, 7 * DAY), "d": (3, DAY), "h": (4, HOUR),
               "m": (5, MINUTE), "s": (6, SECOND), "ms": (7, MILLISECOND)}  # fmt: skip


class DurationError(ValueError):
    """A duration string Go or Prometheus rejects; the message is theirs."""


def parse_prometheus_duration(s: str) -> int:
    """prometheus/common model.ParseDuration."""
    if s == "0":
        return 0
    if s == "":
        raise DurationError("empty duration string")
    invalid = DurationError(f"not a valid duration string: {quote(s)}")
    rest, total, last_order = s, 0, 0
    while rest:
        digits = len(rest) - len(rest.lstrip("0123456789"))
        if digits == 0:
            raise invalid
        value, rest = int(rest[:digits]), rest[digits:]
        unit_len = next((i for i, c in enumerate(rest) if "0" <= c <= "9"), len(rest))
        if unit_len == 0 or value >= 1 << 64:  # strconv.ParseUint fails, or no unit
            raise invalid
        unit, rest = rest[:unit_len], rest[unit_len:]
        if unit not in _PROM_UNITS:
            raise DurationError(f"unknown unit {quote(unit)} in duration {quote(s)}")
        order, mult = _PROM_UNITS[unit]
        if order <= last_order:
            raise invalid
        last_order = order
        if value > (1 << 63) // mult:
            raise DurationError("duration out of range")
        total += value * mult
        if total > _MAX_INT64:
            raise DurationError("duration out of range")
    return total


def parse_go_duration(s: str) -> int:
    """Go's time.ParseDuration (the error text is Go's)."""
    invalid = DurationError(f"time: invalid duration {quote(s)}")
    rest, negative = s, s[:1] == "-"
    if s[:1] in "+-":
        rest = s[1:]
    if rest == "0":
        return 0
    if rest == "":
        raise invalid
    total = 0
    while rest:
        if not (rest[0] == "." or "0" <= rest[0] <= "9"):
            raise invalid
        whole_len = _leading_digits(rest)
        whole, rest = rest[:whole_len], rest[whole_len:]
        value = int(whole) if whole else 0
        if value > 1 << 63:
            raise invalid
        frac = ""
        if rest[:1] == ".":
            frac_len = _leading_digits(rest[1:])
            frac, rest = rest[1 : 1 + frac_len], rest[1 + frac_len :]
        if not whole and not frac:
            raise invalid
        unit_len = next((i for i, c in enumerate(rest) if c == "." or "0" <= c <= "9"), len(rest))
        if unit_len == 0:
            raise DurationError(f"time: missing unit in duration {quote(s)}")
        unit, rest = rest[:unit_len], rest[unit_len:]
        if unit not in _GO_UNITS:
            raise DurationError(f"time: unknown unit {quote(unit)} in duration {quote(s)}")
        mult = _GO_UNITS[unit]
        if value > (1 << 63) // mult:
            raise invalid
        value *= mult
        value += _fraction(frac, mult)
        total += value
        if value > 1 << 63 or total > 1 << 63:
            raise invalid
    if negative:
        return -total
    if total > _MAX_INT64:
        raise invalid
    return total


def _leading_digits(s: str) -> int:
    return next((i for i, c in enumerate(s) if not "0" <= c <= "9"), len(s))


def _fraction(frac: str, mult: int) -> int:
    # time.leadingFraction keeps digits only while they fit in an int64, then scales in float64.
    f, scale = 0, 1.0
    overflow = False
    for c in frac:
        if overflow:
            continue
        if f > ((1 << 63) - 1) // 10:
            overflow = True
            continue
        candidate = f * 10 + int(c)
        if candidate > 1 << 63:
            overflow = True
            continue
        f, scale = candidate, scale * 10
    return int(float(f) * (float(mult) / scale)) if f else 0


def parse_lexer_duration(s: str) -> int:
    """lex.go parseDuration: the Prometheus form, else Go's."""
    try:
        return parse_prometheus_duration(s)
    except DurationError:
        return parse_go_duration(s)


_BYTE_SIZES = {"b": 1, "kib": 1 << 10, "kb": 10**3, "mib": 1 << 20, "mb": 10**6,
               "gib": 1 << 30, "gb": 10**9, "tib": 1 << 40, "tb": 10**12, "pib": 1 << 50,
               "pb": 10**15, "eib": 1 << 60, "eb": 10**18, "": 1, "ki": 1 << 10, "k": 10**3,
               "mi": 1 << 20, "m": 10**6, "gi": 1 << 30, "g": 10**9, "ti": 1 << 40,
               "t": 10**12, "pi": 1 << 50, "p": 10**15, "ei": 1 << 60, "e": 10**18}  # fmt: skip


class BytesError(ValueError):
    """A size go-humanize's ParseBytes rejects."""


def parse_bytes(s: str) -> int:
    """go-humanize ParseBytes ("42 MB", "2.5KiB", "1,000kB")."""
    end = next((i for i, c in enumerate(s) if not (c.isdecimal() or c in ".,")), len(s))
    number = s[:end].replace(",", "")
    try:
        value = parse_float(number)
    except (GoSyntaxError, GoRangeError) as err:
        raise BytesError(str(err)) from err
    extra = s[end:].strip().lower()
    if extra not in _BYTE_SIZES:
        raise BytesError(f"unhandled size name: {extra}")
    value *= _BYTE_SIZES[extra]
    if value >= 2.0**64:
        raise BytesError(f"too large: {s}")
    return int(value)


def humanize_bytes(size: int) -> str:
    """go-humanize Bytes (SI units): 20000000 -> "20 MB", 1024 -> "1.0 kB"."""
    if size < 10:
        return f"{size} B"
    exponent = 0
    while 1000 ** (exponent + 1) <= size:
        exponent += 1
    suffix = ["B", "kB", "MB", "GB", "TB", "PB", "EB"][exponent]
    value = math.floor(size / 1000.0**exponent * 10 + 0.5) / 10
    return f"{value:.0f} {suffix}" if value >= 10 else f"{value:.1f} {suffix}"


def format_go_duration(ns: int) -> str:
    """Go's time.Duration.String: "1h0m0s", "1.5s", "250ms", "0s"."""
    if ns == 0:
        return "0s"
    sign, u = ("-", -ns) if ns < 0 else ("", ns)
    if u < SECOND:
        for limit, unit, digits in (
            (MICROSECOND, "ns", 0),
            (MILLISECOND, "µs", 3),
            (SECOND, "ms", 6),
        ):
            if u < limit:
                return sign + _with_fraction(u, digits) + unit
    text = _with_fraction(u % MINUTE, 9) + "s"
    minutes = u // MINUTE
    if minutes:
        text = f"{minutes % 60}m" + text
        if minutes // 60:
            text = f"{minutes // 60}h" + text
    return sign + text


def _with_fraction(value: int, digits: int) -> str:
    whole, frac = divmod(value, 10**digits)
    frac_text = f"{frac:0{digits}d}".rstrip("0") if digits else ""
    return f"{whole}.{frac_text}" if frac_text else str(whole)


_PROM_FORMAT = (
    ("y", 365 * 86400000, True), ("w", 7 * 86400000, True), ("d", 86400000, False),
    ("h", 3600000, False), ("m", 60000, False), ("s", 1000, False), ("ms", 1, False),
)  # fmt: skip


def format_prometheus_duration(ns: int) -> str:
    """prometheus/common model.Duration.String: "5m", "1d", "1w", "1h30m", "0s"."""
    sign, ms = ("-", -ns // MILLISECOND) if ns < 0 else ("", ns // MILLISECOND)
    if ms == 0:  # Go's integer division truncates toward zero, as -ns // 1e6 does here
        return "0s"
    text = ""
    for unit, mult, exact in _PROM_FORMAT:
        if exact and ms % mult:
            continue
        if ms // mult:
            text += f"{ms // mult}{unit}"
            ms -= ms // mult * mult
    return sign + text
