"""Per-tenant query limits and the checks Loki makes with them (v3.6.0
pkg/querier/queryrange/limits.go, pkg/querier/limits/validation.go, pkg/querier/http.go,
pkg/logql/engine.go; defaults from pkg/validation/limits.go).

    limits = QueryLimits.from_limits(loki_limits)   # sim.loki.limits.Limits (limits_config)

`max_query_bytes_read` and `max_querier_bytes_read` need the index statistics Loki's TSDB
keeps; the stand-in has none, so a configured non-default value is refused loudly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sim.errors import UnsupportedFeature
from sim.gotemplate.goduration import duration_string
from sim.loki import limits as loki_limits
from sim.loki.engine import messages as msg
from sim.loki.engine.errors import ExecutionError, QueryLimitError
from sim.loki.logql.matchers import Matcher

_S = 1_000_000_000
_MS = 1_000_000
_DEFAULT_QUERIER_BYTES = loki_limits.parse_byte_size("150GB")  # Loki's default


def model_duration(ns: int) -> str:
    """prometheus/common model.Duration.String: `1h`, `10m`, `721h`, `90d`, `0s`."""
    ms = ns // _MS
    if ms == 0:
        return "0s"
    sign = ""
    if ms < 0:
        sign, ms = "-", -ms
    out = ""
    for unit, mult, exact in (
        ("y", 365 * 86400_000, True),
        ("w", 7 * 86400_000, True),
        ("d", 86400_000, False),
        ("h", 3600_000, False),
        ("m", 60_000, False),
        ("s", 1000, False),
        ("ms", 1, False),
    ):
        if exact and ms % mult:
            continue
        if ms // mult > 0:
            out += f"{ms // mult}{unit}"
            ms -= (ms // mult) * mult
    return sign + out


@dataclass(frozen=True)
class QueryLimits:
    max_entries_limit_per_query: int = 5000
    max_query_series: int = 500
    max_query_length_ns: int = 721 * 3600 * _S
    max_query_lookback_ns: int = 0
    max_query_range_ns: int = 0
    max_streams_matchers_per_query: int = 1000
    required_labels: tuple[str, ...] = ()
    minimum_labels_number: int = 0
    enable_multi_variant_queries: bool = False

    @classmethod
    def from_limits(cls, limits: loki_limits.Limits) -> QueryLimits:
        """The query limits of a parsed limits_config (defaults where a key is absent)."""
        raw = limits.others
        for key, default in (("max_query_bytes_read", 0), ("max_querier_bytes_read", None)):
            value = raw.get(key)
            if value is None:
                continue
            size = loki_limits.parse_byte_size(str(value))
            if size not in (0, default if default is not None else _DEFAULT_QUERIER_BYTES):
                raise UnsupportedFeature("embedded Loki", f"limits_config.{key}")
        values = cls()

        def duration(key: str, default: int) -> int:
            value = raw.get(key)
            return default if value is None else loki_limits.parse_model_duration(str(value))

        def integer(key: str, default: int) -> int:
            value = raw.get(key)
            return default if value is None else int(value)

        return cls(
            max_entries_limit_per_query=integer(
                "max_entries_limit_per_query", values.max_entries_limit_per_query
            ),
            max_query_series=integer("max_query_series", values.max_query_series),
            max_query_length_ns=duration("max_query_length", values.max_query_length_ns),
            max_query_lookback_ns=duration("max_query_lookback", 0),
            max_query_range_ns=duration("max_query_range", 0),
            max_streams_matchers_per_query=integer(
                "max_streams_matchers_per_query", values.max_streams_matchers_per_query
            ),
            required_labels=tuple(str(v) for v in raw.get("required_labels") or ()),
            minimum_labels_number=integer("minimum_labels_number", 0),
            enable_multi_variant_queries=bool(raw.get("enable_multi_variant_queries", False)),
        )

    # --- checks -------------------------------------------------------------------------------
    def check_entries(self, limit: int) -> None:
        """validateMaxEntriesLimits (log queries only)."""
        maximum = self.max_entries_limit_per_query
        if maximum and limit > maximum:
            raise QueryLimitError(msg.ERR_MAX_ENTRIES % (limit, maximum))

    def clamp_start(self, start_ns: int, end_ns: int, now_ns: int) -> int | None:
        """max_query_lookback: the new start, or None when the query is entirely too old."""
        if not self.max_query_lookback_ns:
            return start_ns
        earliest = now_ns - self.max_query_lookback_ns
        if end_ns < earliest:
            return None
        return max(start_ns, earliest)

    def check_length(self, start_ns: int, end_ns: int) -> None:
        """max_query_length, measured in whole milliseconds as the frontend does."""
        length = (end_ns // _MS - start_ns // _MS) * _MS
        if self.max_query_length_ns and length > self.max_query_length_ns:
            raise QueryLimitError(
                msg.ERR_QUERY_TOO_LONG
                % (duration_string(length), model_duration(self.max_query_length_ns))
            )

    def check_matchers(self, matchers: Sequence[Matcher]) -> None:
        if len(matchers) > self.max_streams_matchers_per_query:
            raise QueryLimitError(
                msg.ERR_MAX_MATCHERS % (len(matchers), self.max_streams_matchers_per_query)
            )
        present = [m.name for m in matchers]
        missing = [name for name in self.required_labels if name not in present]
        if missing:
            raise QueryLimitError(
                msg.ERR_REQUIRED_LABELS % (", ".join(missing), ", ".join(present))
            )
        if self.minimum_labels_number and len(present) < self.minimum_labels_number:
            raise QueryLimitError(
                msg.ERR_REQUIRED_NUMBER_LABELS
                % (", ".join(present), len(present), self.minimum_labels_number)
            )

    def check_range(self, interval_ns: int) -> None:
        """max_query_range on a `[range]` (engine.go checkIntervalLimit; an HTTP 500)."""
        if self.max_query_range_ns and interval_ns > self.max_query_range_ns:
            raise ExecutionError(
                f"{msg.ERR_INTERVAL_LIMIT}: [{model_duration(interval_ns)}] > "
                f"[{model_duration(self.max_query_range_ns)}]"
            )
