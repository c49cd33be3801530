"""sim/loki/engine/pipeline/builder.py against grafana/loki v3.6.0
pkg/logql/log/labels_test.go (TestLabelsBuilder_Get, _LabelsError, _LabelsErrorFromAdd,
_LabelsResult, _Set, _GroupedLabelsResult)."""

from __future__ import annotations

from sim.loki.engine.labels import labels_string
from sim.loki.engine.pipeline.builder import METADATA, PARSED, STREAM, BaseBuilder

from .support import builder, labels_of

LOKI = {"namespace": "loki", "job": "us-central1/loki", "cluster": "us-central1"}


def test_get_with_category():
    # TestLabelsBuilder_Get
    b = builder({"already": "in"})
    b.set(METADATA, "foo", "bar")
    b.set(PARSED, "bar", "buzz")
    assert b.get_with_category("bar")[1] == PARSED
    assert not b.base_builder.referenced_metadata
    assert b.get_with_category("foo")[1] == METADATA
    assert b.base_builder.referenced_metadata
    b.delete("foo")
    assert b.get_with_category("foo") is None
    assert b.get_with_category("bar") == ("buzz", PARSED)
    assert b.get_with_category("already") == ("in", STREAM)
    b.delete("bar")
    assert b.get_with_category("bar") is None
    b.delete("already")
    assert b.get_with_category("already") is None


def test_error_is_a_parsed_label():
    # TestLabelsBuilder_LabelsError
    b = builder({"already": "in"})
    b.err = "err"
    result = b.labels_result()
    assert result.labels == labels_of({"__error__": "err", "already": "in"})
    assert result.string == '{__error__="err", already="in"}'
    assert (result.stream, result.structured_metadata, result.parsed) == (
        labels_of({"already": "in"}),
        (),
        labels_of({"__error__": "err"}),
    )


def test_error_from_add():
    # TestLabelsBuilder_LabelsErrorFromAdd: error labels never become ordinary labels
    b = builder({"already": "in"})
    b.add(METADATA, labels_of({"__error__": "test error", "__error_details__": "test details"}))
    result = b.labels_result()
    errors = {"__error__": "test error", "__error_details__": "test details"}
    assert result.labels == labels_of({**errors, "already": "in"})
    assert result.parsed == labels_of(errors)
    assert result.structured_metadata == ()


def test_labels_result_categories():
    # TestLabelsBuilder_LabelsResult
    base = {**LOKI, "ToReplace": "text"}
    b = builder(base)
    assert b.labels_result().labels == labels_of(base)
    b.err = "err"
    assert b.labels_result().labels == labels_of({**base, "__error__": "err"})
    b.set(METADATA, "foo", "bar")
    b.set(STREAM, "namespace", "tempo")
    b.set(PARSED, "buzz", "fuzz")
    b.set(PARSED, "ToReplace", "other")
    b.delete("job")
    result = b.labels_result()
    assert result.stream == labels_of({"namespace": "tempo", "cluster": "us-central1"})
    assert result.structured_metadata == labels_of({"foo": "bar"})
    assert result.parsed == labels_of({"__error__": "err", "buzz": "fuzz", "ToReplace": "other"})
    assert b.labels_result() is result  # cached
    b.reset()
    b.set(STREAM, "namespace", "tempo")
    b.set(STREAM, "bazz", "tazz")
    b.set(METADATA, "bazz", "sazz")
    b.set(PARSED, "ToReplace", "other")
    result = b.labels_result()
    assert result.stream == labels_of({**LOKI, "namespace": "tempo"})
    assert result.structured_metadata == labels_of({"bazz": "sazz"})
    assert result.parsed == labels_of({"ToReplace": "other"})


def test_set_precedence():
    # TestLabelsBuilder_Set: parsed > structured metadata > stream
    base = {"namespace": "loki", "cluster": "us-central1", "toreplace": "fuzz"}
    stream_only = labels_of({"namespace": "loki", "cluster": "us-central1"})
    cases = [
        ([(METADATA, "stzz", "stvzz"), (PARSED, "toreplace", "buzz")],
         {"stzz": "stvzz"}, {"toreplace": "buzz"}),
        ([(METADATA, "stzz", "stvzz"), (METADATA, "toreplace", "muzz"), (PARSED, "toreplace", "buzz")],
         {"stzz": "stvzz"}, {"toreplace": "buzz"}),
        ([(METADATA, "toreplace", "muzz"), (PARSED, "stzz", "stvzz")],
         {"toreplace": "muzz"}, {"stzz": "stvzz"}),
        ([(PARSED, "toreplace", "puzz"), (METADATA, "stzz", "stvzzz"), (METADATA, "toreplace", "muzz")],
         {"stzz": "stvzzz"}, {"toreplace": "puzz"}),
        ([(PARSED, "stzz", "stvzzz"), (METADATA, "toreplace", "muzz")],
         {"toreplace": "muzz"}, {"stzz": "stvzzz"}),
    ]  # fmt: skip
    for sets, meta, parsed in cases:
        b = builder(base)
        for category, name, value in sets:
            b.set(category, name, value)
        result = b.labels_result()
        assert (result.stream, result.structured_metadata, result.parsed) == (
            stream_only,
            labels_of(meta),
            labels_of(parsed),
        ), sets


def _grouped(groups: list[str], without: bool = False):
    lbs = BaseBuilder(groups=tuple(groups), without=without).for_labels(labels_of(LOKI))
    lbs.reset()
    return lbs


def test_grouped_labels():
    # TestLabelsBuilder_GroupedLabelsResult
    b = _grouped(["namespace"])
    assert b.grouped_labels().labels == labels_of({"namespace": "loki"})
    b.err = "err"
    assert b.grouped_labels().labels == labels_of({**LOKI, "__error__": "err"})
    b.reset()
    b.set(METADATA, "foo", "bar")
    b.set(STREAM, "namespace", "tempo")
    b.set(PARSED, "buzz", "fuzz")
    b.delete("job")
    assert b.grouped_labels().labels == labels_of({"namespace": "tempo"})

    b = _grouped(["job"])
    assert b.grouped_labels().labels == labels_of({"job": "us-central1/loki"})
    b.delete("job")
    assert b.grouped_labels().labels == ()
    b.reset()
    b.set(STREAM, "namespace", "tempo")
    assert b.grouped_labels().labels == labels_of({"job": "us-central1/loki"})
    assert not b.base_builder.referenced_metadata

    b = _grouped(["foo"])
    b.set(METADATA, "foo", "bar")
    assert b.grouped_labels().labels == labels_of({"foo": "bar"})
    assert b.base_builder.referenced_metadata

    b = _grouped(["job"], without=True)
    b.delete("job")
    b.set(METADATA, "foo", "bar")
    b.set(STREAM, "job", "something")
    assert b.grouped_labels().labels == labels_of(
        {"namespace": "loki", "cluster": "us-central1", "foo": "bar"}
    )
    assert not b.base_builder.referenced_metadata

    b = _grouped(["foo"], without=True)
    b.set(METADATA, "foo", "bar")
    assert b.grouped_labels().labels == labels_of(LOKI)
    assert b.base_builder.referenced_metadata

    b = _grouped([])
    b.set(METADATA, "foo", "bar")
    b.set(STREAM, "job", "something")
    assert b.grouped_labels().labels == labels_of({**LOKI, "job": "something", "foo": "bar"})


def test_labels_string():
    # prometheus model/labels String(), as assertLabelResult checks it
    assert labels_string(labels_of({"a": 'x"y', "b": "\n"})) == '{a="x\\"y", b="\\n"}'
