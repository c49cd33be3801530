"""sim/loki/engine/limits.py: defaults of grafana/loki v3.6.0 pkg/validation/limits.go and the
wording of the limit errors (pkg/util/validation/validate.go, queryrange/limits.go)."""

from __future__ import annotations

import pytest

from sim.errors import UnsupportedFeature
from sim.loki.engine.errors import QueryLimitError
from sim.loki.engine.limits import QueryLimits, model_duration
from sim.loki.limits import Limits
from sim.loki.logql import parse_matchers

S = 1_000_000_000


# prometheus/common model.Duration.String (vendored)
@pytest.mark.parametrize(
    ("ns", "text"),
    [(0, "0s"), (721 * 3600 * S, "30d1h"), (3600 * S, "1h"), (90 * 86400 * S, "90d"),
     (14 * 86400 * S, "2w"), (365 * 86400 * S, "1y"), (1500 * 1_000_000, "1s500ms")],
)  # fmt: skip
def test_model_duration(ns, text):
    assert model_duration(ns) == text


def test_defaults_and_config():
    # limits.go RegisterFlags defaults; ADR-loki.md limits_config values
    assert QueryLimits.from_limits(Limits()) == QueryLimits()
    limits = QueryLimits.from_limits(Limits.from_mapping(
        {"max_entries_limit_per_query": 5000, "max_query_length": "721h", "max_query_series": 50}
    ))  # fmt: skip
    assert (
        limits.max_entries_limit_per_query,
        limits.max_query_length_ns,
        limits.max_query_series,
    ) == (5000, 721 * 3600 * S, 50)


def test_byte_limits_are_refused():
    with pytest.raises(UnsupportedFeature, match="max_query_bytes_read"):
        QueryLimits.from_limits(Limits.from_mapping({"max_query_bytes_read": "10GB"}))
    QueryLimits.from_limits(Limits.from_mapping({"max_querier_bytes_read": "150GB"}))


def test_matchers_limit():
    # querier/limits/validation.go ValidateQueryRequest
    with pytest.raises(QueryLimitError) as caught:
        QueryLimits(max_streams_matchers_per_query=1).check_matchers(
            parse_matchers('{a="1", b="2"}')
        )
    assert (
        str(caught.value)
        == "max streams matchers per query exceeded, matchers-count > limit (2 > 1)"
    )


def test_minimum_labels_number():
    with pytest.raises(QueryLimitError) as caught:
        QueryLimits(minimum_labels_number=2).check_matchers(parse_matchers('{a="1"}'))
    assert str(caught.value) == (
        "stream selector has less label matchers than required: (present: [a], number_present: 1, "
        "required_number_label_matchers: 2)"
    )
