"""Drop counters: which collector's names a /metrics text carries, summed by reason."""

from __future__ import annotations

from sim.verify.drops import ALLOY, PROMTAIL, collector_drops, collector_names
from sim.verify.promtext import MetricSet

# Promtail v3.6: client.go and the stages' logentry_dropped_lines_total
PROMTAIL_TEXT = """promtail_dropped_entries_total{host="l",reason="rate_limited",tenant=""} 3
promtail_dropped_entries_total{host="l",reason="ingester_error",tenant=""} 0
logentry_dropped_lines_total{reason="drop_stage"} 2
logentry_dropped_lines_total{reason="rate_limited"} 1
"""
# Grafana Alloy: loki.write and loki.process
ALLOY_TEXT = """loki_write_dropped_entries_total{host="l",reason="line_too_long",tenant=""} 4
loki_process_dropped_lines_total{component_id="loki.process.x",reason="match_stage"} 5
"""


def test_promtail_names_and_reasons_add_up_across_client_and_stages() -> None:
    metrics = MetricSet([PROMTAIL_TEXT])
    assert collector_names(metrics) is PROMTAIL
    # a drop stage may name its own reason: the same name from both counters adds up
    assert collector_drops(metrics, PROMTAIL) == {"drop_stage": 2, "rate_limited": 4}


def test_alloy_names() -> None:
    metrics = MetricSet([ALLOY_TEXT])
    assert collector_names(metrics) is ALLOY
    assert collector_drops(metrics, ALLOY) == {"line_too_long": 4, "match_stage": 5}


def test_a_text_of_neither_is_no_collector() -> None:
    assert collector_names(MetricSet(["go_goroutines 8\n"])) is None
