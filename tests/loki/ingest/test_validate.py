"""The distributor's validation (pkg/distributor/validator.go, validator_test.go)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from types import MappingProxyType

import pytest

from sim.loki.ingest.validate import (
    GroupedErrors,
    ValidationContext,
    blocked,
    missing_enforced_labels,
    truncate_lines,
    validate_entry,
    validate_labels,
)
from sim.loki.limits import Limits
from sim.loki.push.gofmt import rfc3339
from sim.loki.push.labels import parse_labels
from sim.loki.push.model import Entry, Stream
from tests.loki.ingest.zero_limits import zero_limits

S = 1_000_000_000
HOUR = 3600 * S
NOW = 1_795_703_941 * S
LABELS = '{my="label"}'


@pytest.mark.parametrize(
    ("limits", "entry", "expected"),
    [
        # validator_test.go TestValidator_ValidateEntry, row by row
        (Limits(), Entry(NOW, b"test"), None),
        (
            zero_limits(reject_old_samples=True, reject_old_samples_max_age=HOUR),
            Entry(NOW - 5 * HOUR, b"test"),
            f"entry for stream '{LABELS}' has timestamp too old: {rfc3339(NOW - 5 * HOUR)}, "
            f"oldest acceptable timestamp is: {rfc3339(NOW - HOUR)}",
        ),
        (
            Limits(),
            Entry(NOW + 5 * HOUR, b"test"),
            f"entry for stream '{LABELS}' has timestamp too new: {rfc3339(NOW + 5 * HOUR)}",
        ),
        (
            zero_limits(max_line_size=10),
            Entry(NOW, b"12345678901"),
            f"max entry size '10' bytes exceeded for stream '{LABELS}' while adding an entry with "
            "length '11' bytes",
        ),
        (
            zero_limits(allow_structured_metadata=False),
            Entry(NOW, b"12345678901", (("foo", "bar"),)),
            f"stream '{LABELS}' includes structured metadata, but this feature is disallowed. "
            "Please see `limits_config.allow_structured_metadata` or contact your Loki "
            "administrator to enable it",
        ),
        (
            zero_limits(allow_structured_metadata=True, max_structured_metadata_size=4),
            Entry(NOW, b"12345678901", (("foo", "bar"),)),
            f"stream '{LABELS}' has structured metadata too large: '6' bytes, limit: '4' bytes. "
            "Please see `limits_config.max_structured_metadata_size` or contact your Loki "
            "administrator to increase it",
        ),
        (
            zero_limits(allow_structured_metadata=True, max_structured_metadata_entries_count=1),
            Entry(NOW, b"12345678901", (("foo", "bar"), ("too", "many"))),
            f"stream '{LABELS}' has too many structured metadata labels: '2', limit: '1'. Please "
            "see `limits_config.max_structured_metadata_entries_count` or contact your Loki "
            "administrator to increase it",
        ),
    ],
)
def test_validate_entry(limits, entry, expected):
    rejection = validate_entry(ValidationContext("test", NOW, limits), LABELS, entry)
    assert (rejection.message if rejection else None) == expected


def test_reasons_of_entry_rejections():
    ctx = ValidationContext("test", NOW, Limits())
    old = validate_entry(ctx, LABELS, Entry(NOW - 8 * 86400 * S, b"x"))
    new = validate_entry(ctx, LABELS, Entry(NOW + 11 * 60 * S, b"x"))
    long = validate_entry(ctx, LABELS, Entry(NOW, b"x" * (256 * 1024 + 1)))
    reasons = [rejection.reason for rejection in (old, new, long) if rejection]
    assert reasons == ["greater_than_max_sample_age", "too_far_in_future", "line_too_long"]


@pytest.mark.parametrize(
    ("limits", "labels", "expected"),
    [
        # validator_test.go TestValidator_ValidateLabels, row by row
        (Limits(), '{foo="bar"}', None),
        (Limits(), "{}", "error at least one label pair is required per stream"),
        (
            zero_limits(max_label_names_per_series=2),
            '{foo="bar",food="bars",fed="bears"}',
            'entry for stream \'{foo="bar",food="bars",fed="bears"}\' has 3 label names; limit 2',
        ),
        (
            zero_limits(max_label_names_per_series=2, max_label_name_length=5),
            '{fooooo="bar"}',
            "stream '{fooooo=\"bar\"}' has label name too long: 'fooooo'",
        ),
        (
            zero_limits(
                max_label_names_per_series=2, max_label_name_length=5, max_label_value_length=5
            ),
            '{foo="barrrrrr"}',
            "stream '{foo=\"barrrrrr\"}' has label value too long: 'barrrrrr'",
        ),
        (
            zero_limits(
                max_label_names_per_series=2, max_label_name_length=5, max_label_value_length=5
            ),
            '{foo="bar", foo="barf"}',
            "stream '{foo=\"bar\", foo=\"barf\"}' has duplicate label name: 'foo'",
        ),
        (
            zero_limits(
                max_label_names_per_series=2, max_label_name_length=5, max_label_value_length=5
            ),
            '{foo="bar", foo="barf%s"}',
            "stream '{foo=\"bar\", foo=\"barf%s\"}' has label value too long: 'barf%s'",
        ),
        # distributor_test.go TestParseStreamLabels: service_name does not count
        (
            dataclasses.replace(Limits(), max_label_names_per_series=1),
            '{foo="bar", service_name="unknown_service"}',
            None,
        ),
        # internal streams are not checked
        (zero_limits(), '{__pattern__="x", a="b", c="d"}', None),
    ],
)
def test_validate_labels(limits, labels, expected):
    ctx = ValidationContext("test", NOW, limits)
    rejection = validate_labels(ctx, parse_labels(labels), Stream(labels))
    assert (rejection.message if rejection else None) == expected


def _until(hours: int) -> dt.datetime:
    return dt.datetime.fromtimestamp(NOW // S, dt.UTC) + dt.timedelta(hours=hours)


@pytest.mark.parametrize(
    ("until", "policies", "policy", "expected"),
    [
        # validator_test.go TestShouldBlockIngestion, row by row (status code 1234)
        (None, {}, "", None),
        (_until(1), {"*": _until(-2), "policy1": _until(-1)}, "policy1", "blocked_ingestion"),
        (
            _until(-2),
            {"*": _until(-1), "policy1": _until(1)},
            "policy1",
            "blocked_ingestion_policy",
        ),
        (_until(-1), {"*": _until(1)}, "policy1", None),
        (None, {"*": _until(1)}, "", "blocked_ingestion_policy"),
        (None, {"*": _until(1), "policy1": _until(2)}, "notExists", None),
        (None, {"*": _until(1), "policy1": _until(-1)}, "policy1", None),
        (None, {"policy1": _until(2)}, "notExists", None),
    ],
)
def test_should_block_ingestion(until, policies, policy, expected):
    limits = dataclasses.replace(
        Limits(),
        block_ingestion_until=until,
        block_ingestion_policy_until=MappingProxyType(policies),
        block_ingestion_status_code=1234,
    )
    result = blocked(ValidationContext("fake", NOW, limits), policy)
    assert (result[1].reason if result else None) == expected
    if result:
        assert result[0] == 1234


def test_block_message():
    # distributor_test.go TestDistributor_PushIngestionBlocked: the RFC 3339 time and code
    limits = dataclasses.replace(
        Limits(), block_ingestion_until=_until(1), block_ingestion_status_code=456
    )
    result = blocked(ValidationContext("test", NOW, limits))
    assert result is not None
    expected = (
        f"ingestion blocked for user test until '{rfc3339(NOW + HOUR)}' with status code '456'"
    )
    assert result[1].message == expected


@pytest.mark.parametrize(
    ("labels", "policy", "missing"),
    [
        # distributor_test.go Test_MissingEnforcedLabels, row by row
        ({"app": "foo", "env": "prod", "cluster": "cluster1", "namespace": "ns1"}, "policy1", []),
        ({"env": "prod", "namespace": "ns1"}, "policy1", ["app", "cluster"]),
        ({"app": "foo", "namespace": "ns1"}, "policy1", ["env", "cluster"]),
        ({"pod": "distributor-abc"}, "policy2", ["app", "env", "namespace"]),
    ],
)
def test_missing_enforced_labels(labels, policy, missing):
    limits = dataclasses.replace(
        Limits(),
        enforced_labels=("app",),
        policy_enforced_labels=MappingProxyType(
            {"policy1": ("cluster", "namespace"), "policy2": ("namespace",), "*": ("env",)}
        ),
    )
    assert missing_enforced_labels(limits, tuple(sorted(labels.items())), policy) == missing


@pytest.mark.parametrize(
    ("max_size", "identifier", "expected"),
    [
        # distributor_test.go Test_TruncateLogLines: 10-byte line "0000000000"
        (5, "", b"00000"),
        (8, "[...]", b"000[...]"),
        # truncateTo <= 0: the line is left alone
        (3, "[...]", b"0000000000"),
    ],
)
def test_truncate_lines(max_size, identifier, expected):
    limits = dataclasses.replace(
        Limits(),
        max_line_size=max_size,
        max_line_size_truncate=True,
        max_line_size_truncate_identifier=identifier,
    )
    stream = Stream('{foo="bar"}', [Entry(NOW, b"0000000000")])
    truncate_lines(limits, stream)
    assert stream.entries[0].line == expected


def test_truncation_counts_bytes_removed():
    # loki_mutated_bytes_total counts len(line) - truncateTo
    limits = dataclasses.replace(Limits(), max_line_size=8, max_line_size_truncate=True)
    stream = Stream("{}", [Entry(0, b"x" * 10), Entry(0, b"y" * 20), Entry(0, b"z")])
    assert truncate_lines(limits, stream) == (2, 2 + 12)


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        # pkg/util/errors.go GroupedErrors.Error
        (["a"], "a"),
        (["a", "a"], "2 errors like: a"),
        (["a", "b", "a"], "2 errors like: a; 1 errors like: b"),
    ],
)
def test_grouped_errors(texts, expected):
    errors = GroupedErrors()
    for text in texts:
        errors.add(text)
    assert errors.text() == expected
