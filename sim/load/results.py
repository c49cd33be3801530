"""What a headless Locust run measured, read from its `--csv` files.

`<prefix>_stats.csv` has one row per (Type, Name) and a final `Aggregated` row; response
times are in milliseconds (percentiles as Locust rounds them), and for pushes the
`Average Content Size` is the line bytes per push (loadtests/locustfile.py reports it so).
A 429 has its own row: Type RATE_LIMITED, same Name; here it becomes `<name>_rate_limited`.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sim.load.client import TYPE_RATE_LIMITED

PUSH = "push"
_COLUMNS = ("Type", "Name", "Request Count", "Failure Count", "Average Content Size")
_PERCENTILES = {"p50_s": "50%", "p95_s": "95%", "p99_s": "99%"}


class LocustCsvError(ValueError):
    """The file is not a Locust stats CSV (missing columns, unreadable numbers)."""


@dataclass(frozen=True, slots=True)
class RequestStats:
    count: int
    failures: int
    rps: float
    p50_s: float | None  # None: no request of this kind completed
    p95_s: float | None
    p99_s: float | None
    avg_size: float  # bytes per request; for pushes, line bytes

    def to_report(self) -> dict[str, Any]:
        return {
            "count": self.count,
            "failures": self.failures,
            "rps": round(self.rps, 3),
            "p50_s": self.p50_s,
            "p95_s": self.p95_s,
            "p99_s": self.p99_s,
        }


@dataclass(slots=True)
class LoadResult:
    requests: dict[str, RequestStats]
    errors: list[dict[str, Any]] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)

    def _pushed(self, key: str) -> tuple[int, float]:
        """(line bytes, MB/s) of the pushes of `key` that did not fail."""
        stats = self.requests.get(key)
        if stats is None or not stats.count:
            return 0, 0.0
        share = (stats.count - stats.failures) / stats.count
        sent = round((stats.count - stats.failures) * stats.avg_size)
        return sent, stats.rps * share * stats.avg_size / 1e6

    @property
    def http_429(self) -> int:
        return sum(s.count for k, s in self.requests.items() if k.endswith("_rate_limited"))

    @property
    def failures(self) -> int:
        return sum(s.failures for s in self.requests.values())

    def to_report(self) -> dict[str, Any]:
        """The report.json `load` section."""
        queries = {k: s for k, s in self.requests.items() if not k.startswith(PUSH)}
        accepted, accepted_rate = self._pushed(PUSH)
        limited, limited_rate = self._pushed(f"{PUSH}_rate_limited")
        return {
            "requests": {key: stats.to_report() for key, stats in sorted(self.requests.items())},
            "push": {
                "line_bytes": accepted,  # answered 2xx
                "mb_per_s": round(accepted_rate, 3),
                "rate_limited_line_bytes": limited,  # answered 429
                "rate_limited_mb_per_s": round(limited_rate, 3),
            },
            "queries": {
                "count": sum(s.count for s in queries.values()),
                "failures": sum(s.failures for s in queries.values()),
                **{p: _worst(queries.values(), p) for p in _PERCENTILES},
            },
            "http_429": self.http_429,
            "failures": self.failures,
            "errors": self.errors[:10],
            "files": dict(self.files),
        }


def _worst(stats: Any, name: str) -> float | None:
    values = [getattr(s, name) for s in stats if getattr(s, name) is not None]
    return max(values) if values else None


def read_stats_csv(path: Path) -> dict[str, RequestStats]:
    """Rows of a Locust `_stats.csv` by request key (the Aggregated row left out)."""
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    out: dict[str, RequestStats] = {}
    for line, row in enumerate(rows, start=2):
        missing = [c for c in (*_COLUMNS, *_PERCENTILES.values(), "Requests/s") if c not in row]
        if missing:
            raise LocustCsvError(f"{path}: expected Locust's columns, missing {missing}")
        if row["Name"] == "Aggregated" and not row["Type"]:
            continue
        key = row["Name"] + ("_rate_limited" if row["Type"] == TYPE_RATE_LIMITED else "")
        try:
            out[key] = RequestStats(
                count=int(row["Request Count"]),
                failures=int(row["Failure Count"]),
                rps=float(row["Requests/s"]),
                avg_size=float(row["Average Content Size"]),
                **{name: _seconds(row[column]) for name, column in _PERCENTILES.items()},
            )
        except ValueError as err:
            raise LocustCsvError(f"{path}: line {line}: {err}") from None
    return out


def _seconds(text: str) -> float | None:
    return None if text in ("N/A", "") else float(text) / 1000


def read_failures_csv(path: Path) -> list[dict[str, Any]]:
    """`_failures.csv`: each distinct error, most frequent first."""
    if not path.exists():
        return []
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    errors = [
        {"name": r["Name"], "error": r["Error"], "count": int(r["Occurrences"])}
        for r in rows
        if r.get("Occurrences", "").isdigit()
    ]
    return sorted(errors, key=lambda e: -int(e["count"]))
