"""The small Loki HTTP client the runner and verifier use: LogQL, series, metrics.

Everything the verdicts rest on comes through here, from Loki's own API, never from a
component's memory, so the same code reads an embedded, a compose or a remote Loki.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import httpx
import yaml

from sim.errors import ToolError

PAGE = 5000  # the ADR's max_entries_limit_per_query


@dataclass(frozen=True, slots=True)
class Entry:
    labels: Mapping[str, str]
    timestamp_ns: int
    line: str


@dataclass(frozen=True, slots=True)
class Timed:
    seconds: float
    results: int
    error: str | None


class LokiClient:
    def __init__(self, base_url: str, *, tenant: str | None = None, verify: Any = True) -> None:
        headers = {"X-Scope-OrgID": tenant} if tenant else {}
        self.base = base_url.rstrip("/")
        self._http = httpx.Client(base_url=self.base, headers=headers, timeout=60.0, verify=verify)

    def close(self) -> None:
        self._http.close()

    def _get(self, path: str, params: Mapping[str, Any] | list[tuple[str, Any]]) -> Any:
        try:
            answer = self._http.get(path, params=params)
        except httpx.HTTPError as err:
            raise ToolError(f"Loki at {self.base} did not answer {path}: {err}") from None
        if answer.status_code != 200:
            raise ToolError(f"Loki answered {path} with {answer.status_code}: {answer.text[:300]}")
        return answer.json()

    def metrics(self) -> str:
        try:
            return self._http.get("/metrics").text
        except httpx.HTTPError as err:
            raise ToolError(f"Loki at {self.base} did not answer /metrics: {err}") from None

    def ingestion_limits(self) -> tuple[float | None, float | None]:
        """(rate bytes/s, burst bytes): limits_config.ingestion_rate_mb and
        ingestion_burst_size_mb from one read of Loki's /config (Loki's MB is 2^20 bytes,
        validation/limits.go); None for what Loki does not say."""
        try:
            answer = self._http.get("/config")
            config = yaml.safe_load(answer.text) if answer.status_code == 200 else None
        except (httpx.HTTPError, yaml.YAMLError):
            return None, None
        limits = config.get("limits_config") if isinstance(config, dict) else None
        limits = limits if isinstance(limits, dict) else {}
        return _mib(limits.get("ingestion_rate_mb")), _mib(limits.get("ingestion_burst_size_mb"))

    def label_names(self, start_ns: int, end_ns: int) -> list[str]:
        body = self._get("/loki/api/v1/labels", {"start": start_ns, "end": end_ns})
        return list(body.get("data") or [])

    def series(self, start_ns: int, end_ns: int) -> list[dict[str, str]]:
        """Every stream in the window: the union over `{<name>=~".+"}` for each label name."""
        seen: dict[tuple[tuple[str, str], ...], dict[str, str]] = {}
        for name in self.label_names(start_ns, end_ns):
            params = [("match[]", f'{{{name}=~".+"}}'), ("start", start_ns), ("end", end_ns)]
            for labels in self._get("/loki/api/v1/series", params).get("data") or []:
                seen.setdefault(tuple(sorted(labels.items())), labels)
        return list(seen.values())

    def entries(self, selector: str, start_ns: int, end_ns: int) -> Iterator[Entry]:
        """Every entry of a log query in [start, end), forward, page by page.

        A full page restarts at its last timestamp, skipping the entries already returned
        there: entries sharing a timestamp may straddle two pages.
        """
        cursor, already = start_ns, set[tuple[Any, ...]]()
        while cursor < end_ns:
            params = {
                "query": selector,
                "start": cursor,
                "end": end_ns,
                "limit": PAGE,
                "direction": "forward",
            }
            result = self._get("/loki/api/v1/query_range", params)["data"]["result"]
            page = [
                Entry(stream["stream"], int(ts), line)
                for stream in result
                for ts, line, *_ in stream["values"]
            ]
            for entry in page:
                if _key(entry) not in already:
                    yield entry
            if len(page) < PAGE:
                return
            last = max(entry.timestamp_ns for entry in page)
            if last == cursor:
                raise ToolError(f"more than {PAGE} entries share one timestamp in {selector}")
            cursor, already = last, {_key(e) for e in page if e.timestamp_ns == last}

    def recent(self, selector: str, start_ns: int, end_ns: int, *, limit: int) -> list[Entry]:
        """The newest `limit` entries of a log query (backward), for freshness probes."""
        params = {
            "query": selector,
            "start": start_ns,
            "end": end_ns,
            "limit": limit,
            "direction": "backward",
        }
        result = self._get("/loki/api/v1/query_range", params)["data"]["result"]
        return [
            Entry(stream["stream"], int(ts), line)
            for stream in result
            for ts, line, *_ in stream["values"]
        ]

    def flush(self) -> None:
        """Loki's /flush: cut and store every in-memory chunk (so stored bytes are real)."""
        try:
            self._http.post("/flush")
        except httpx.HTTPError as err:
            raise ToolError(f"Loki at {self.base} did not answer /flush: {err}") from None

    def timed_query(self, query: str, *, start_ns: int, end_ns: int, instant: bool) -> Timed:
        path = "/loki/api/v1/query" if instant else "/loki/api/v1/query_range"
        params: dict[str, Any] = {"query": query, "limit": 1000}
        if instant:
            params["time"] = end_ns
        else:
            params.update(start=start_ns, end=end_ns)
        started = time.perf_counter()
        try:
            answer = self._http.get(path, params=params)
        except httpx.HTTPError as err:
            return Timed(time.perf_counter() - started, 0, f"{type(err).__name__}: {err}")
        seconds = time.perf_counter() - started
        if answer.status_code != 200:
            return Timed(seconds, 0, f"{answer.status_code}: {answer.text.strip()[:300]}")
        result = answer.json()["data"]["result"]
        count = sum(len(s.get("values", [])) for s in result) if isinstance(result, list) else 1
        return Timed(seconds, count, None)


def _mib(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) * (1 << 20)


def _key(entry: Entry) -> tuple[Any, ...]:
    return (tuple(sorted(entry.labels.items())), entry.timestamp_ns, entry.line)
