"""LogQL's template function map for line_format / label_format (pkg/logql/log/fmt.go, v3.6.0):
Loki's functionMap plus the sprig functions it whitelists, and per formatter `__line__` and
`__timestamp__` (see with_line_and_timestamp)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

from sim.golang.strconv import NumError, parse_float
from sim.gotemplate import goregexp as rx
from sim.gotemplate import gostd
from sim.gotemplate.errors import GoError
from sim.gotemplate.funcs_promtail import PROMTAIL_EXTRA
from sim.gotemplate.goduration import duration_seconds, parse_duration
from sim.gotemplate.gotime import GoTime, time_unix
from sim.gotemplate.gotypes import to_bytes, wrap_int64
from sim.gotemplate.gourl import query_escape, query_unescape
from sim.gotemplate.signature import FuncMap, GoFunc, Unsupported
from sim.gotemplate.sprig_coll import SPRIG_COLL
from sim.gotemplate.sprig_num import SPRIG_NUM
from sim.gotemplate.sprig_text import SPRIG_TEXT
from sim.gotemplate.sprig_time import SPRIG_TIME, to_date_in_zone, unix_to_time

S = ("string",)
S2 = ("string", "string")
S3 = ("string", "string", "string")

# fmt.go templateFunctions: the sprig functions line_format and label_format may use
# fmt: off
SPRIG_WHITELIST: Final = (
    "b64enc", "b64dec", "lower", "upper", "title", "trunc", "substr", "contains", "hasPrefix",
    "hasSuffix", "indent", "nindent", "replace", "repeat", "trim", "trimAll", "trimSuffix",
    "trimPrefix", "int", "float64", "add", "sub", "mul", "div", "mod", "addf", "subf", "mulf",
    "divf", "max", "min", "maxf", "minf", "ceil", "floor", "round", "fromJson", "date",
    "toDate", "now", "unixEpoch", "default",
)
# fmt: on

_BYTE_UNITS: Final = {
    "b": 1, "": 1,
    "kib": 1 << 10, "ki": 1 << 10, "kb": 1000, "k": 1000,
    "mib": 1 << 20, "mi": 1 << 20, "mb": 1000**2, "m": 1000**2,
    "gib": 1 << 30, "gi": 1 << 30, "gb": 1000**3, "g": 1000**3,
    "tib": 1 << 40, "ti": 1 << 40, "tb": 1000**4, "t": 1000**4,
    "pib": 1 << 50, "pi": 1 << 50, "pb": 1000**5, "p": 1000**5,
    "eib": 1 << 60, "ei": 1 << 60, "eb": 1000**6, "e": 1000**6,
}  # fmt: skip


def convert_bytes(v: str) -> float:
    """Loki's `bytes`: humanize.ParseBytes ("3 kB" -> 3000)."""
    last = 0
    has_comma = False
    for c in v:
        if not (c.isdecimal() or c in ".,"):
            break
        has_comma = has_comma or c == ","
        last += 1
    data = to_bytes(v)
    num = data[:last].decode("utf-8", "surrogateescape")  # Go counts runes, slices bytes
    if has_comma:
        num = num.replace(",", "")
    try:
        f = parse_float(num)
    except NumError as err:
        raise GoError(str(err)) from None
    extra = gostd.to_lower(gostd.trim_space(data[last:].decode("utf-8", "surrogateescape")))
    unit = _BYTE_UNITS.get(extra)
    if unit is None:
        raise GoError(f"unhandled size name: {extra}")
    f *= float(unit)
    if f >= 2.0**64:
        raise GoError(f"too large: {v}")
    return float(int(f))


def convert_duration(v: str) -> float:
    """Loki's `duration` / `duration_seconds`: time.ParseDuration, in seconds."""
    return duration_seconds(parse_duration(v))


def count(regex: str, s: str) -> int:
    return len(rx.all_matches(rx.compile_go(regex), s, -1))


def align_left(count: int, src: str) -> str:
    if count < 0 or count == len(src):
        return src
    pad = count - len(src)
    return src + " " * pad if pad > 0 else src[:count]


def align_right(count: int, src: str) -> str:
    if count < 0 or count == len(src):
        return src
    pad = count - len(src)
    return " " * pad + src if pad > 0 else src[len(src) - count :]


LOKI_FUNCTIONS: Final[dict[str, GoFunc]] = {
    **{k: v for k, v in PROMTAIL_EXTRA.items() if not k.startswith(("Hash", "Sha2", "regex"))},
    "regexReplaceAll": GoFunc(
        lambda r, s, repl: rx.replace_all_string(rx.compile_go(r), s, repl), S3
    ),
    "regexReplaceAllLiteral": GoFunc(
        lambda r, s, repl: rx.replace_all_literal(rx.compile_go(r), s, repl), S3
    ),
    "count": GoFunc(count, S2),
    "urldecode": GoFunc(query_unescape, S),
    "urlencode": GoFunc(query_escape, S),
    "bytes": GoFunc(convert_bytes, S),
    "duration": GoFunc(convert_duration, S),
    "duration_seconds": GoFunc(convert_duration, S),
    "unixEpochMillis": GoFunc(
        lambda t: str(wrap_int64(t.sec * 1000 + t.nsec // 1_000_000)), ("time.Time",)
    ),
    "unixEpochNanos": GoFunc(lambda t: str(t.unix_nano()), ("time.Time",)),
    "toDateInZone": GoFunc(to_date_in_zone, S3),
    "unixToTime": GoFunc(unix_to_time, S),
    "alignLeft": GoFunc(align_left, ("int", "string")),
    "alignRight": GoFunc(align_right, ("int", "string")),
}


def _build() -> dict[str, GoFunc | Unsupported]:
    sprig: dict[str, GoFunc] = {}
    for part in (SPRIG_TEXT, SPRIG_NUM, SPRIG_COLL, SPRIG_TIME):
        sprig.update(part)
    funcs: dict[str, GoFunc | Unsupported] = dict(LOKI_FUNCTIONS)
    funcs.update({name: sprig[name] for name in SPRIG_WHITELIST})
    return funcs


LOGQL_FUNCS: Final[FuncMap] = _build()


def with_line_and_timestamp(
    funcs: FuncMap, current_line: Callable[[], str], current_ts: Callable[[], int]
) -> FuncMap:
    """Add Loki's `__line__` (the line being formatted) and `__timestamp__` (its time, from
    Unix nanoseconds), read through callbacks as the formatter updates them per entry."""
    out: dict[str, Callable[..., Any]] = dict(funcs)
    out["__line__"] = GoFunc(lambda: current_line())
    out["__timestamp__"] = GoFunc(lambda: _timestamp(current_ts()))
    return out


def _timestamp(ns: int) -> GoTime:
    return time_unix(0, ns)
