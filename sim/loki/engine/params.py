"""Query parameters of /loki/api/v1/query and /query_range, read as Loki 3.6 reads them
(pkg/loghttp/params.go and query.go).

Defaults: limit 100, direction backward, end now, start one hour (`since`) before the end
(or before now, when the end is in the future), step max(floor(range seconds / 250), 1)s.
Times are Unix seconds (up to 10 digits), Unix nanoseconds, seconds with a fraction (kept
to the millisecond) or RFC 3339. Errors are ParamError (HTTP 400) with Loki's text.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from sim.gotemplate.errors import GoError
from sim.gotemplate.gostrconv import NumError, parse_float, parse_int
from sim.gotemplate.gotime import UTC
from sim.gotemplate.gotimeparse import parse_in_location
from sim.loki import limits as loki_limits
from sim.loki.engine import messages as msg
from sim.loki.engine.errors import QueryError
from sim.loki.push.gofmt import go_quote

Direction = Literal["forward", "backward"]
_S = 1_000_000_000
_RFC3339_NANO = "2006-01-02T15:04:05.999999999Z07:00"
_INT64 = (-(1 << 63), (1 << 63) - 1)


class ParamError(QueryError):
    """A query parameter Loki rejects."""


def _go_round(x: float) -> float:
    """math.Round: halves away from zero."""
    return math.copysign(math.floor(abs(x) + 0.5), x)


def parse_timestamp(value: str, default_ns: int) -> int:
    """parseTimestamp, in nanoseconds."""
    if not value:
        return default_ns
    if "." in value:
        try:
            frac, whole = math.modf(parse_float(value))
            frac = _go_round(frac * 1000) / 1000
            return int(whole) * _S + int(frac * _S)
        except NumError:
            pass
    try:
        number = parse_int(value, 10, 64)
    except NumError as err:
        try:
            return parse_in_location(_RFC3339_NANO, value, UTC).unix_nano()
        except GoError:
            raise ParamError(str(err)) from None
    return number * _S if len(value) <= 10 else number


def parse_direction(value: str, default: Direction = "backward") -> Direction:
    if not value:
        return default
    upper = value.upper()
    if upper == "FORWARD":
        return "forward"
    if upper == "BACKWARD":
        return "backward"
    raise ParamError(f"invalid direction '{value}'")


def parse_seconds_or_duration(value: str) -> int:
    """parseSecondsOrDuration: `5`, `5.5` (seconds) or `5m` (Prometheus duration)."""
    try:
        seconds = parse_float(value)
    except NumError:
        try:
            return loki_limits.parse_model_duration(value)
        except loki_limits.LimitsValueError:
            raise ParamError(f"cannot parse {go_quote(value)} to a valid duration") from None
    ns = seconds * _S
    if not _INT64[0] <= ns <= _INT64[1]:
        raise ParamError(f"cannot parse {go_quote(value)} to a valid duration. It overflows int64")
    return int(ns)


def default_step_ns(start_ns: int, end_ns: int) -> int:
    """defaultQueryRangeStep, in nanoseconds."""
    seconds = (end_ns - start_ns) / _S
    return int(max(math.floor(seconds / 250), 1)) * _S


def parse_limit(value: str) -> int:
    if not value:
        return 100
    try:
        number = parse_int(value, 10, 64)
    except NumError as err:
        raise ParamError(str(err).replace("ParseInt", "Atoi")) from None
    if number <= 0:
        raise ParamError(msg.ERR_LIMIT_NOT_POSITIVE)
    return number


def determine_bounds(now_ns: int, start: str, end: str, since: str) -> tuple[int, int]:
    since_ns = 3600 * _S
    if since:
        try:
            since_ns = loki_limits.parse_model_duration(since)
        except loki_limits.LimitsValueError as err:
            raise ParamError(f"could not parse 'since' parameter: {err}") from None
    try:
        end_ns = parse_timestamp(end, now_ns)
    except ParamError as err:
        raise ParamError(f"could not parse 'end' parameter: {err}") from None
    end_or_now = min(end_ns, now_ns)
    try:
        start_ns = parse_timestamp(start, end_or_now - since_ns)
    except ParamError as err:
        raise ParamError(f"could not parse 'start' parameter: {err}") from None
    return start_ns, end_ns


@dataclass(frozen=True)
class RangeQuery:
    query: str
    start_ns: int
    end_ns: int
    step_ns: int
    interval_ns: int
    limit: int
    direction: Direction


@dataclass(frozen=True)
class InstantQuery:
    query: str
    time_ns: int
    limit: int
    direction: Direction


def parse_range_query(form: Mapping[str, str], now_ns: int) -> RangeQuery:
    """ParseRangeQuery (v1 path)."""
    start, end = determine_bounds(
        now_ns, form.get("start", ""), form.get("end", ""), form.get("since", "")
    )
    if end < start:
        raise ParamError(msg.ERR_END_BEFORE_START)
    limit = parse_limit(form.get("limit", ""))
    direction = parse_direction(form.get("direction", ""))
    step_text = form.get("step", "")
    step = parse_seconds_or_duration(step_text) if step_text else default_step_ns(start, end)
    if step <= 0:
        raise ParamError(msg.ERR_ZERO_OR_NEGATIVE_STEP)
    if (end - start) // step > 11000:
        raise ParamError(msg.ERR_STEP_TOO_SMALL)
    interval_text = form.get("interval", "")
    interval = parse_seconds_or_duration(interval_text) if interval_text else 0
    if interval < 0:
        raise ParamError(msg.ERR_NEGATIVE_INTERVAL)
    return RangeQuery(form.get("query", ""), start, end, step, interval, limit, direction)


def parse_instant_query(form: Mapping[str, str], now_ns: int) -> InstantQuery:
    """ParseInstantQuery."""
    limit = parse_limit(form.get("limit", ""))
    time_ns = parse_timestamp(form.get("time", ""), now_ns)
    direction = parse_direction(form.get("direction", ""))
    return InstantQuery(form.get("query", ""), time_ns, limit, direction)
