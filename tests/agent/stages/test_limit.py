"""The limit stage: upstream limit_test.go, with Promtail's blocking wait on a fake clock."""

from __future__ import annotations

from typing import Any

import pytest

from sim.errors import AgentConfigError

from .conftest import entry, pipeline, run

APP1 = '{"time":"2012-11-01T22:08:41+00:00","app":"loki","msg":"app1 log line"}'
APP2 = '{"time":"2012-11-01T22:08:41+00:00","app":"poki","msg":"app2 log line"}'
NON_APP = '{"time":"2012-11-01T22:08:41+00:00","msg":"Non app log line"}'
JSON = {"json": {"expressions": {"app": None, "msg": None}}}


def test_limit_wait_pipeline() -> None:
    # limit_test.go TestLimitWaitPipeline: nothing is lost, entries wait for tokens.
    p = pipeline([JSON, {"limit": {"rate": 1, "burst": 1, "drop": False}}])
    released = [len(p.process(entry(APP1, {"app": "loki"}), 100.0)) for _ in range(5)]
    assert released == [1, 0, 0, 0, 0]
    # rate.Limiter: one token per second; entry k is due at 100+k seconds.
    assert [len(p.tick(100.0 + s)) for s in (0.5, 1.0, 2.0, 3.5)] == [0, 1, 1, 1]
    assert len(p.flush()) == 1 and p.dropped == {}


def test_limit_drop_pipeline() -> None:
    # limit_test.go TestLimitDropPipeline
    p = pipeline([JSON, {"limit": {"rate": 1, "burst": 1, "drop": True}}])
    out = run(p, *(entry(APP1, {"app": "loki"}) for _ in range(10)))
    assert [e.line for e in out] == [APP1]
    assert p.dropped == {"ratelimit_drop_stage": 9}


def test_limit_by_label_pipeline() -> None:
    # limit_test.go TestLimitByLabelPipeline
    p = pipeline([JSON, {"limit": {"rate": 1, "burst": 1, "drop": True, "by_label_name": "app"}}])
    entries = (
        [entry(APP1, {"app": "loki"}) for _ in range(5)]
        + [entry(APP2, {"app": "poki"}) for _ in range(5)]
        + [entry(NON_APP) for _ in range(5)]
    )
    out = run(p, *entries)
    assert [e.line for e in out] == [APP1, APP2] + [NON_APP] * 5
    assert p.dropped == {"ratelimit_drop_stage": 8}
    limit = p.stages[1]
    assert limit.dropped_by_label == {("app", "loki"): 4, ("app", "poki"): 4}  # type: ignore[attr-defined]


def test_tokens_refill_with_time() -> None:
    # golang.org/x/time/rate: tokens accrue at `rate` per second up to `burst`.
    p = pipeline([{"limit": {"rate": 2, "burst": 2, "drop": True}}])
    kept = [len(p.process(entry("x"), t)) for t in (0.0, 0.0, 0.0, 0.5, 0.5, 10.0, 10.0, 10.0)]
    assert kept == [1, 1, 0, 1, 0, 1, 1, 0]


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ({"rate": 0, "burst": 1}, "limit stage failed to parse rate or burst"),
        ({"rate": 1}, "limit stage failed to parse rate or burst"),
        (
            {"rate": 1, "burst": 1, "by_label_name": "app"},
            "When ratelimiting by label, drop must be true",
        ),
    ],
)
def test_limit_config_errors(config: dict[str, Any], message: str) -> None:
    # limit.go validateLimitConfig
    with pytest.raises(AgentConfigError) as caught:
        pipeline([{"limit": config}])
    assert caught.value.detail == f"invalid limit stage config: {message}"


def test_max_distinct_labels_is_raised_with_a_warning() -> None:
    # limit.go: by_label_name with max_distinct_labels < 10000 is adjusted up (and logged).
    p = pipeline([{"limit": {"rate": 1, "burst": 1, "drop": True, "by_label_name": "a"}}])
    assert p.warnings == [
        "pipeline_stages[0].limit.max_distinct_labels: max_distinct_labels was adjusted up to "
        "the minimal reasonable value of 10000"
    ]
