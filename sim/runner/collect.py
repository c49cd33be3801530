"""After the fleet stops: let the collector drain, time the queries, fetch what Loki stored."""

from __future__ import annotations

import time

import httpx
from prometheus_client.parser import text_string_to_metric_families

from sim.scenario import Scenario
from sim.stack.lokiclient import LokiClient
from sim.verify.inputs import QueryTiming, StoredEntry

DRAIN_QUIET_S = 4.0  # multiline's max_wait_time (3 s) plus batchwait (1 s) must pass
DRAIN_MAX_S = 60.0
QUERY_REPEATS = 5


def collector_metrics(agent_url: str) -> str:
    try:
        return httpx.get(f"{agent_url}/metrics", timeout=10).text
    except httpx.HTTPError:
        return ""


def _sent(agent_url: str) -> float:
    total = 0.0
    for family in text_string_to_metric_families(collector_metrics(agent_url)):
        if family.name == "promtail_sent_entries":
            total += sum(sample.value for sample in family.samples)
    return total


def drain(agent_url: str) -> float:
    """Wait until the collector has sent nothing new for DRAIN_QUIET_S; returns the wait."""
    started = time.monotonic()
    last, quiet_since = -1.0, time.monotonic()
    while time.monotonic() - started < DRAIN_MAX_S:
        sent = _sent(agent_url)
        if sent != last:
            last, quiet_since = sent, time.monotonic()
        elif time.monotonic() - quiet_since >= DRAIN_QUIET_S:
            break
        time.sleep(0.5)
    return time.monotonic() - started


def time_queries(
    loki: LokiClient, scenario: Scenario, start_ns: int, end_ns: int
) -> dict[str, list[QueryTiming]]:
    timings: dict[str, list[QueryTiming]] = {}
    for query in scenario.query_list():
        runs = []
        for _ in range(QUERY_REPEATS):
            begin = max(start_ns, end_ns - int(query.range * 1e9))
            timed = loki.timed_query(
                query.query, start_ns=begin, end_ns=end_ns, instant=query.type == "instant"
            )
            runs.append(QueryTiming(timed.seconds, timed.results, timed.error))
        timings[query.query] = runs
    return timings


def stored_entries(loki: LokiClient, start_ns: int, end_ns: int) -> list[StoredEntry]:
    """Every entry Loki holds in the window, each once.

    One query `{name=~".+"}` on the label most streams carry, then the streams without it
    one by one; a selector also matches streams with more labels, so results are keyed by
    (labels, timestamp, line): Loki itself never holds that triple twice.
    """
    series = loki.series(start_ns, end_ns)
    if not series:
        return []
    counts: dict[str, int] = {}
    for labels in series:
        for name in labels:
            counts[name] = counts.get(name, 0) + 1
    widest = max(counts, key=lambda name: (counts[name], name))
    selectors = [f'{{{widest}=~".+"}}'] + [
        "{" + ", ".join(f"{k}={_quote(v)}" for k, v in sorted(labels.items())) + "}"
        for labels in series
        if widest not in labels
    ]
    found: dict[tuple[object, ...], StoredEntry] = {}
    for selector in selectors:
        for entry in loki.entries(selector, start_ns, end_ns):
            key = (tuple(sorted(entry.labels.items())), entry.timestamp_ns, entry.line)
            found.setdefault(key, StoredEntry(entry.labels, entry.timestamp_ns, entry.line))
    return list(found.values())


def _quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
