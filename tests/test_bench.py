"""`lokisim bench`'s terminal output (sim/bench.py)."""

from __future__ import annotations

from rich.console import Console

from sim.bench import _print

LOKI = {
    "name": "loki",
    "mb_per_s": 42.9,
    "lines_per_s": 265358.0,
    "baseline_mb_per_s": 5075.1,
    "ratio_to_baseline": 0.008,
    "rss_mib": 148.0,
    "mb_per_cpu_s": 39.7,
    "homelab_mb_per_cpu_s": 21.8,
    "query": '{namespace="x"} |= "needle"',
    "p95_s": 0.274,
    "hour_query": 'sum by (namespace) (rate({job=~".+"}[5m]))',
    "homelab_minutes": 60.0,
    "hour_p95_s": 1.21,
    "homelab_rss_mib": 248.1,
}


def test_the_loki_line_names_the_issues_figures() -> None:
    # issue 4's targets are per CPU-second and query p95s, which the table has no column for
    console = Console(record=True, width=200)
    _print([LOKI], console)
    text = console.export_text()
    assert "39.7 MB per CPU-second (synthetic batches), 21.8 (homelab batches)" in text
    assert 'needle"` p95 0.27 s' in text
    assert "over 60 min p95 1.21 s; peak RSS 248 MiB" in text


def test_other_benchmarks_get_no_loki_line() -> None:
    console = Console(record=True, width=200)
    _print([{"name": "fleet", "mb_per_s": 64.6}], console)
    assert "per CPU-second" not in console.export_text()
