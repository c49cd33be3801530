"""Loki's words: rendering Go format strings once, as fmt.Errorf does."""

from __future__ import annotations

import pytest

from sim.loki import messages as msg


@pytest.mark.parametrize(
    ("template", "args", "expected"),
    [
        # pkg/distributor/validator_test.go TestValidator_ValidateLabels "label value contains %":
        # a `%s` inside a value is not substituted again
        (
            msg.LABEL_VALUE_TOO_LONG_ERROR_MSG,
            ('{foo="bar", foo="barf%s"}', "barf%s"),
            "stream '{foo=\"bar\", foo=\"barf%s\"}' has label value too long: 'barf%s'",
        ),
        # pkg/distributor/validator_test.go TestValidator_ValidateEntry "line too long"
        (
            msg.LINE_TOO_LONG_ERROR_MSG,
            (10, '{my="label"}', 11),
            "max entry size '10' bytes exceeded for stream '{my=\"label\"}' while adding an entry "
            "with length '11' bytes",
        ),
        # pkg/loghttp/push/push.go: Content-Encoding %q
        (msg.CONTENT_ENCODING_NOT_SUPPORTED, ("br",), 'Content-Encoding "br" not supported'),
        # pkg/util/errors.go GroupedErrors prefix
        (msg.GROUPED_ERRORS_PREFIX, (100,), "100 errors like: "),
        # pkg/util/http.go decompressRequest
        (
            msg.MESSAGE_SIZE_LARGER_ERR_FMT,
            (msg.ERR_MESSAGE_SIZE_TOO_LARGE, 30, 5),
            "message size too large than max (30 vs 5)",
        ),
    ],
)
def test_go_format_renders_each_verb_once(template, args, expected):
    assert msg.go_format(template, *args) == expected


def test_go_format_keeps_a_literal_percent():
    # Go's "%%" is a literal percent sign
    assert msg.go_format("100%% of %d", 3) == "100% of 3"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        # pkg/validation/validate.go reason label values used by the verifier's report
        ("RATE_LIMITED", "rate_limited"),
        ("STREAM_LIMIT", "stream_limit"),
        ("LINE_TOO_LONG", "line_too_long"),
        ("STREAM_RATE_LIMIT", "per_stream_rate_limit"),
        ("TOO_FAR_BEHIND", "too_far_behind"),
        ("GREATER_THAN_MAX_SAMPLE_AGE", "greater_than_max_sample_age"),
        ("TOO_FAR_IN_FUTURE", "too_far_in_future"),
        ("REQUEST_BODY_TOO_LARGE", "request_body_too_large"),
        # pkg/validation/validate.go metric names (namespace "loki")
        ("METRIC_DISCARDED_SAMPLES", "loki_discarded_samples_total"),
        ("METRIC_DISCARDED_BYTES", "loki_discarded_bytes_total"),
    ],
)
def test_reason_and_metric_names_are_lokis(name, value):
    assert getattr(msg, name) == value
