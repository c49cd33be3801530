"""Request parameters of the read endpoints (pkg/loghttp/params.go, series.go, tail.go).

Time bounds, limits and directions are parsed by the query engine's helpers
(sim/loki/engine/params.py, the same params.go); this module adds what only the HTTP layer
reads: Go's first-value form view, series `match[]` groups and the tail parameters.
"""

from __future__ import annotations

from dataclasses import dataclass

from sim.gotemplate.gostrconv import NumError, parse_int
from sim.loki.engine import ParamError
from sim.loki.engine import params as engine_params
from sim.loki.http import messages as m
from sim.loki.http.form import Form

__all__ = ["ParamError", "TailQuery", "first_values", "parse_bounds", "parse_series_groups"]


def first_values(form: Form) -> dict[str, str]:
    """r.Form.Get for every key: the first value."""
    values: dict[str, str] = {}
    for key, value in form.pairs:
        values.setdefault(key, value)
    return values


def parse_bounds(form: Form, now_ns: int) -> tuple[int, int]:
    """bounds(r): (start, end) in nanoseconds, defaults now-1h and now."""
    return engine_params.determine_bounds(
        now_ns, form.get("start"), form.get("end"), form.get("since")
    )


def parse_series_groups(form: Form) -> list[str]:
    """ParseSeriesQuery: `match` and `match[]` united, sorted; a lone `{}` is no group."""
    groups = sorted(set(form.get_all("match")) | set(form.get_all("match[]")))
    if len(groups) == 1 and groups[0].replace(" ", "") == "{}":
        return []
    return groups


@dataclass(frozen=True)
class TailQuery:
    query: str
    start_ns: int
    limit: int
    delay_for_s: int


def _atoi(value: str) -> int:
    """parseInt: strconv.Atoi (0 when empty), worded as Go words its errors."""
    if value == "":
        return 0
    try:
        return parse_int(value, 10, 64)
    except NumError as err:
        raise ParamError(str(err).replace("ParseInt", "Atoi")) from None


def parse_tail_query(form: Form, now_ns: int) -> TailQuery:
    """ParseTailQuery after the query parsed: limit, start, then delay_for (at most 5)."""
    limit = engine_params.parse_limit(form.get("limit"))
    start, _ = parse_bounds(form, now_ns)
    delay = _atoi(form.get("delay_for")) & 0xFFFFFFFF  # uint32(l): a negative one wraps
    if delay > m.MAX_DELAY_FOR_IN_TAILING:
        raise ParamError(m.ERR_DELAY_FOR_TOO_LARGE % m.MAX_DELAY_FOR_IN_TAILING)
    return TailQuery(form.get("query"), start, limit, delay)
