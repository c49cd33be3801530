"""After the fleet stops: let the collector drain, time the queries, fetch what Loki stored."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Mapping
from pathlib import Path

import httpx
from prometheus_client.parser import text_string_to_metric_families

from sim.scenario import Scenario
from sim.stack.lokiclient import LokiClient
from sim.verify.inputs import QueryTiming, StoredEntry

DRAIN_QUIET_S = 4.0  # multiline's max_wait_time (3 s) plus batchwait (1 s) must pass
DRAIN_MAX_S = 60.0
DISCOVERY_S = 12.0  # Promtail's target_config.sync_period (10 s), and a little
QUERY_REPEATS = 5
QUERY_BUDGET_S = 10.0  # no further repeat of a query once its runs took this long
# What the collector has pushed: Promtail's counter, and Grafana Alloy's loki.write one.
SENT_ENTRIES = ("promtail_sent_entries", "loki_write_sent_entries")
# Gauges {path}: each file's read offset (Promtail; Alloy's loki.source.file).
READ_BYTES = ("promtail_read_bytes_total", "loki_source_file_read_bytes_total")

StreamFilter = Callable[[Mapping[str, str]], bool]


def collector_metrics(agent_url: str) -> str:
    try:
        return httpx.get(f"{agent_url}/metrics", timeout=10).text
    except httpx.HTTPError:
        return ""


def _progress(text: str) -> tuple[float, dict[str, float] | None]:
    """(entries sent, read offset per file path or None if not exported) from /metrics."""
    sent, read = 0.0, dict[str, float]()
    exported = False
    for family in text_string_to_metric_families(text):
        if family.name in SENT_ENTRIES:
            sent += sum(sample.value for sample in family.samples)
        elif family.name in READ_BYTES:
            exported = True
            read.update((s.labels.get("path", ""), s.value) for s in family.samples)
    return sent, read if exported else None


def unread_bytes(pods_dir: Path, read: Mapping[str, float]) -> int:
    """Bytes of the pods' current log files the collector has not read (a file it has not
    discovered yet counts whole). Paths match by their end: a container sees /var/log/pods."""
    by_tail = {"/".join(Path(path).parts[-3:]): offset for path, offset in read.items()}
    unread = 0
    for file in pods_dir.glob("*/*/*.log"):
        size = file.stat().st_size
        unread += max(size - int(by_tail.get("/".join(file.parts[-3:]), 0)), 0)
    return unread


def drain(agent_url: str, pods_dir: Path | None = None) -> float:
    """Wait until the collector has read every pod file (when it says what it read) and sent
    nothing new for DRAIN_QUIET_S; returns the wait.

    Promtail finds new files only every target_config.sync_period (10 s): a short fleet may
    end before the collector has even opened its files, so silence alone is not the end.
    """
    started = time.monotonic()
    last, quiet_since = -1.0, time.monotonic()
    while time.monotonic() - started < DRAIN_MAX_S:
        sent, read = _progress(collector_metrics(agent_url))
        behind = unread_bytes(pods_dir, read) if pods_dir is not None and read is not None else 0
        if sent != last:
            last, quiet_since = sent, time.monotonic()
        elif time.monotonic() - quiet_since >= DRAIN_QUIET_S and (
            behind == 0 or time.monotonic() - started >= DISCOVERY_S
        ):
            break  # past DISCOVERY_S, unread files are ones the config does not tail
        time.sleep(0.5)
    return time.monotonic() - started


def time_queries(
    loki: LokiClient, scenario: Scenario, start_ns: int, end_ns: int
) -> dict[str, list[QueryTiming]]:
    timings: dict[str, list[QueryTiming]] = {}
    for query in scenario.query_list():
        runs: list[QueryTiming] = []
        spent = 0.0
        # a slow query over a big run is timed fewer times, not skipped
        while len(runs) < QUERY_REPEATS and (not runs or spent < QUERY_BUDGET_S):
            begin = max(start_ns, end_ns - int(query.range * 1e9))
            timed = loki.timed_query(
                query.query, start_ns=begin, end_ns=end_ns, instant=query.type == "instant"
            )
            runs.append(QueryTiming(timed.seconds, timed.results, timed.error))
            spent += timed.seconds
        timings[query.query] = runs
    return timings


def stored_entries(
    loki: LokiClient, start_ns: int, end_ns: int, keep: StreamFilter | None = None
) -> list[StoredEntry]:
    """Every entry Loki holds in the window (only streams `keep` accepts, if given), each once.

    One query `{name=~".+"}` on the label most streams carry, then the streams without it
    one by one; a selector also matches streams with more labels, so results are keyed by
    (labels, timestamp, line): Loki itself never holds that triple twice. With `keep` (a
    shared Loki) every kept stream is queried by its own labels, so nothing else is read.
    """
    series = loki.series(start_ns, end_ns)
    if keep is not None:
        series = [labels for labels in series if keep(labels)]
    if not series:
        return []
    if keep is not None:
        selectors = [_exact(labels) for labels in series]
    else:
        counts: dict[str, int] = {}
        for labels in series:
            for name in labels:
                counts[name] = counts.get(name, 0) + 1
        widest = max(counts, key=lambda name: (counts[name], name))
        selectors = [f'{{{widest}=~".+"}}'] + [
            _exact(labels) for labels in series if widest not in labels
        ]
    found: dict[tuple[object, ...], StoredEntry] = {}
    for selector in selectors:
        for entry in loki.entries(selector, start_ns, end_ns):
            if keep is not None and not keep(entry.labels):
                continue
            key = (tuple(sorted(entry.labels.items())), entry.timestamp_ns, entry.line)
            found.setdefault(key, StoredEntry(entry.labels, entry.timestamp_ns, entry.line))
    return list(found.values())


def run_streams(pods_dir: Path) -> StreamFilter:
    """This run's streams in a shared Loki: a `filename` under the run's pods dir, or (for a
    collector that drops `filename`) the namespace and pod of one of its pod directories."""
    prefix = str(pods_dir.resolve()) + "/"
    pods = set()
    for directory in pods_dir.iterdir() if pods_dir.is_dir() else ():
        namespace, _, rest = directory.name.partition("_")
        pods.add((namespace, rest.rpartition("_")[0]))

    def keep(labels: Mapping[str, str]) -> bool:
        if "filename" in labels:
            return labels["filename"].startswith(prefix)
        return (labels.get("namespace"), labels.get("pod")) in pods

    return keep


def fleet_files(pods_dir: Path) -> StreamFilter:
    """Streams that may be the fleet's in a Loki that also took Locust's pushes: all but
    those whose `filename` names a file outside the run's pods dir (Locust's streams name
    /var/log/pods/..., where no fleet file lies)."""
    prefix = str(pods_dir.resolve()) + "/"

    def keep(labels: Mapping[str, str]) -> bool:
        return labels.get("filename", prefix).startswith(prefix)

    return keep


def probe_selector(pods_dir: Path | None) -> str | None:
    """The freshness probes' selector: only files under the run's pods dir, or (None) every
    stream, by a label the probes find in Loki (probes.py)."""
    if pods_dir is None:
        return None
    return "{filename=~" + _quote(re.escape(str(pods_dir.resolve()) + "/") + ".+") + "}"


def _exact(labels: Mapping[str, str]) -> str:
    return "{" + ", ".join(f"{k}={_quote(v)}" for k, v in sorted(labels.items())) + "}"


def _quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
