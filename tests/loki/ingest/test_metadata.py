"""Structured metadata sanitization (distributor.go Push, otlptranslator LabelNamer)."""

from __future__ import annotations

import pytest

from sim.loki.ingest.metadata import MetadataNameError, normalize_name, sanitize


@pytest.mark.parametrize(
    ("name", "normalized"),
    [
        # otlptranslator label_namer.go Build doc examples
        ("http.method", "http_method"),
        ("123invalid", "key_123invalid"),
        ("__reserved__", "__reserved__"),
        # a single leading underscore gets "key"; every non-alphanumeric rune one `_`
        ("_private", "key_private"),
        ("trace-id", "trace_id"),
        ("naïve", "na_ve"),
        ("valid_name", "valid_name"),
    ],
)
def test_label_namer(name, normalized):
    assert normalize_name(name) == normalized


@pytest.mark.parametrize(
    ("name", "error"),
    [
        ("", 'normalization for label name "" resulted in empty name'),
        ("...", 'normalization for label name "..." resulted in invalid name "___"'),
    ],
)
def test_label_namer_errors(name, error):
    with pytest.raises(MetadataNameError) as caught:
        normalize_name(name)
    assert str(caught.value) == error


@pytest.mark.parametrize(
    ("metadata", "expected", "rewrites"),
    [
        # distributor_test.go TestDistributor_StructuredMetadataSanitization: one count per
        # renamed name and one per value holding an invalid rune
        ((("smValid", "v"),), (("smValid", "v"),), 0),
        ((("sm.invalid", "v"),), (("sm_invalid", "v"),), 1),
        ((("ok", "bad\udcffvalue"),), (("ok", "bad value"),), 1),
        ((("sm.invalid", "a\ufffdb"),), (("sm_invalid", "a b"),), 2),
        # labels.Builder: sorted; pairs with an empty value dropped
        ((("b", "2"), ("a", "1")), (("a", "1"), ("b", "2")), 0),
        ((("a", ""), ("b", "2")), (("b", "2"),), 0),
        # a renamed pair replaces one that already had the new name
        ((("x_y", "old"), ("x.y", "new")), (("x_y", "new"),), 1),
    ],
)
def test_sanitize(metadata, expected, rewrites):
    assert sanitize(metadata) == (expected, rewrites)
