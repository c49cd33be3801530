"""Push-path series with Loki's exact names and label sets (push.go, validate.go)."""

from __future__ import annotations

from sim.loki import messages as lm
from sim.loki.http.metrics import LokiMetrics
from sim.loki.ingest.outcome import DiscardKey, PushOutcome
from sim.loki.push.request import ReceivedStats


def _value(metrics: LokiMetrics, name: str, labels: dict[str, str]) -> float | None:
    return metrics.registry.get_sample_value(name, labels)


def test_record_push_uses_loki_label_sets() -> None:
    metrics = LokiMetrics()
    outcome = PushOutcome("team", status=400, received=ReceivedStats(lines=3, line_bytes=30))
    outcome.discard(DiscardKey(lm.LINE_TOO_LONG, "team", "744"), 1, 300)
    outcome.truncated.add(2, 50)
    outcome.streams_created.append('{a="b"}')
    metrics.record_push(outcome, "744")
    # pkg/loghttp/push/push.go: tenant, retention_hours, is_internal_stream, policy, format
    received = {"tenant": "team", "retention_hours": "744", "is_internal_stream": "false",
                "policy": "", "format": "loki"}  # fmt: skip
    assert _value(metrics, lm.METRIC_BYTES_RECEIVED, received) == 30
    lines = {k: v for k, v in received.items() if k != "retention_hours"}
    assert _value(metrics, lm.METRIC_LINES_RECEIVED, lines) == 3
    # pkg/validation/validate.go: reason, tenant, retention_hours, policy, format
    discarded = {"reason": "line_too_long", "tenant": "team", "retention_hours": "744",
                 "policy": "", "format": "loki"}  # fmt: skip
    assert _value(metrics, lm.METRIC_DISCARDED_SAMPLES, discarded) == 1
    assert _value(metrics, lm.METRIC_DISCARDED_BYTES, discarded) == 300
    # distributor.go passes the tenant as the `truncated` label of the mutated metrics
    mutated = {"reason": "line_too_long", "truncated": "team"}
    assert _value(metrics, lm.METRIC_MUTATED_SAMPLES, mutated) == 2
    assert _value(metrics, lm.METRIC_STREAMS_CREATED, {"tenant": "team"}) == 1


def test_nothing_received_counts_no_received_series() -> None:
    # ParseRequest only adds lines when numLines != 0
    metrics = LokiMetrics()
    metrics.record_push(PushOutcome("team", status=400), "0")
    assert _value(metrics, lm.METRIC_LINES_RECEIVED, {"tenant": "team", "is_internal_stream":
                  "false", "policy": "", "format": "loki"}) is None  # fmt: skip


def test_request_duration_uses_dskit_labels_and_buckets() -> None:
    metrics = LokiMetrics()
    metrics.observe_request("POST", "loki_api_v1_push", 204, False, 0.003, (10, 0))
    labels = {"method": "POST", "route": "loki_api_v1_push", "status_code": "204", "ws": "false"}
    # instrument.DefBuckets starts at 5ms
    assert _value(metrics, "loki_request_duration_seconds_bucket", {**labels, "le": "0.005"}) == 1
    assert _value(metrics, "loki_request_duration_seconds_bucket", {**labels, "le": "100.0"}) == 1
