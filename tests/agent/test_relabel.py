"""relabel_configs: Prometheus's relabeling as vendored by Loki v3.6.0.

Rows of TEST_RELABEL are the cases of prometheus/prometheus model/relabel/relabel_test.go
TestRelabel, in order; validation rows follow vendor/.../model/relabel/relabel.go Validate
under UTF-8 name validation (prometheus/common's default since 0.62, used by Loki 3.6).
"""

from __future__ import annotations

import pytest
import yaml

from sim.agent import decode as d
from sim.agent.relabel import RelabelConfig, decode_relabel_config, process, validate
from sim.errors import AgentConfigError


def rc(**fields: object) -> RelabelConfig:
    """A config as the Go test builds it: unset fields take DefaultRelabelConfig's values."""
    regex = fields.pop("regex", None)
    values = {"regex": regex or "(.*)", "regex_is_default": regex is None, **fields}
    if "source_labels" in values:
        values["source_labels"] = tuple(values["source_labels"])  # type: ignore[arg-type]
    return RelabelConfig(**values)  # type: ignore[arg-type]


TEST_RELABEL = [
    (
        {"a": "foo", "b": "bar", "c": "baz"},
        [rc(source_labels=["a"], regex="f(.*)", target_label="d", replacement="ch${1}-ch${1}")],
        {"a": "foo", "b": "bar", "c": "baz", "d": "choo-choo"},
    ),
    (
        {"a": "foo", "b": "bar", "c": "baz"},
        [
            rc(
                source_labels=["a", "b"],
                regex="f(.*);(.*)r",
                target_label="a",
                replacement="b${1}${2}m",
            ),
            rc(
                source_labels=["c", "a"],
                regex="(b).*b(.*)ba(.*)",
                target_label="d",
                replacement="$1$2$2$3",
            ),
        ],
        {"a": "boobam", "b": "bar", "c": "baz", "d": "boooom"},
    ),
    (
        {"a": "foo"},
        [
            rc(source_labels=["a"], regex=".*o.*", action="drop"),
            rc(source_labels=["a"], regex="f(.*)", target_label="d", replacement="ch$1-ch$1"),
        ],
        None,
    ),
    ({"a": "foo", "b": "bar"}, [rc(source_labels=["a"], regex=".*o.*", action="drop")], None),
    (
        {"a": "abc"},
        [rc(source_labels=["a"], regex=".*(b).*", target_label="d", replacement="$1")],
        {"a": "abc", "d": "b"},
    ),
    ({"a": "foo"}, [rc(source_labels=["a"], regex="no-match", action="drop")], {"a": "foo"}),
    ({"a": "foo"}, [rc(source_labels=["a"], regex="f|o", action="drop")], {"a": "foo"}),
    ({"a": "foo"}, [rc(source_labels=["a"], regex="no-match", action="keep")], None),
    ({"a": "foo"}, [rc(source_labels=["a"], regex="f.*", action="keep")], {"a": "foo"}),
    # No replacement must be applied if there is no match.
    (
        {"a": "boo"},
        [rc(source_labels=["a"], regex="f", target_label="b", replacement="bar")],
        {"a": "boo"},
    ),
    (
        {"a": "foo", "b": "bar", "c": "baz"},
        [rc(source_labels=["c"], target_label="d", action="hashmod", modulus=1000)],
        {"a": "foo", "b": "bar", "c": "baz", "d": "976"},
    ),
    (
        {"a": "foo\nbar"},
        [rc(source_labels=["a"], target_label="b", action="hashmod", modulus=1000)],
        {"a": "foo\nbar", "b": "734"},
    ),
    (
        {"a": "foo", "b1": "bar", "b2": "baz"},
        [rc(regex="(b.*)", replacement="bar_${1}", action="labelmap")],
        {"a": "foo", "b1": "bar", "b2": "baz", "bar_b1": "bar", "bar_b2": "baz"},
    ),
    (
        {"a": "foo", "__meta_my_bar": "aaa", "__meta_my_baz": "bbb", "__meta_other": "ccc"},
        [rc(regex="__meta_(my.*)", replacement="${1}", action="labelmap")],
        {
            "a": "foo",
            "__meta_my_bar": "aaa",
            "__meta_my_baz": "bbb",
            "__meta_other": "ccc",
            "my_bar": "aaa",
            "my_baz": "bbb",
        },
    ),
    (
        {"a": "some-name-value"},
        [
            rc(
                source_labels=["a"],
                regex="some-([^-]+)-([^,]+)",
                replacement="${2}",
                target_label="${1}",
            )
        ],
        {"a": "some-name-value", "name": "value"},
    ),
    (
        {"a": "some-name-value"},
        [
            rc(
                source_labels=["a"],
                regex="some-([^-]+)-([^,]+)",
                replacement="${3}",
                target_label="${1}",
            )
        ],
        {"a": "some-name-value"},
    ),
    (
        {"a": "some-name-0"},
        [
            rc(
                source_labels=["a"],
                regex="some-([^-]+)-([^,]+)",
                replacement="${1}",
                target_label="${3}",
            ),
            rc(
                source_labels=["a"],
                regex="some-([^-]+)-([^,]+)",
                replacement="${1}",
                target_label="${3}",
            ),
            rc(
                source_labels=["a"],
                regex="some-([^-]+)(-[^,]+)",
                replacement="${1}",
                target_label="${3}",
            ),
        ],
        {"a": "some-name-0"},
    ),
    (
        {"__meta_sd_tags": "path:/secret,job:some-job,label:foo=bar"},
        [
            rc(
                source_labels=["__meta_sd_tags"],
                regex="(?:.+,|^)path:(/[^,]+).*",
                replacement="${1}",
                target_label="__metrics_path__",
            ),
            rc(
                source_labels=["__meta_sd_tags"],
                regex="(?:.+,|^)job:([^,]+).*",
                replacement="${1}",
                target_label="job",
            ),
            rc(
                source_labels=["__meta_sd_tags"],
                regex="(?:.+,|^)label:([^=]+)=([^,]+).*",
                replacement="${2}",
                target_label="${1}",
            ),
        ],
        {
            "__meta_sd_tags": "path:/secret,job:some-job,label:foo=bar",
            "__metrics_path__": "/secret",
            "job": "some-job",
            "foo": "bar",
        },
    ),
    (
        {
            "__meta_kubernetes_pod_container_port_name": "foo",
            "__meta_kubernetes_pod_annotation_XXX_metrics_port": "9091",
        },
        [
            rc(regex="^__meta_kubernetes_pod_container_port_name$", action="labeldrop"),
            rc(
                source_labels=["__meta_kubernetes_pod_annotation_XXX_metrics_port"],
                regex="(.+)",
                replacement="metrics",
                target_label="__meta_kubernetes_pod_container_port_name",
            ),
            rc(
                source_labels=["__meta_kubernetes_pod_container_port_name"],
                regex="^metrics$",
                action="keep",
            ),
        ],
        {
            "__meta_kubernetes_pod_annotation_XXX_metrics_port": "9091",
            "__meta_kubernetes_pod_container_port_name": "metrics",
        },
    ),
    (
        {"a": "foo", "b1": "bar", "b2": "baz"},
        [rc(regex="(b.*)", action="labelkeep")],
        {"b1": "bar", "b2": "baz"},
    ),
    ({"a": "foo", "b1": "bar", "b2": "baz"}, [rc(regex="(b.*)", action="labeldrop")], {"a": "foo"}),
    (
        {"foo": "bAr123Foo"},
        [
            rc(source_labels=["foo"], action="uppercase", target_label="foo_uppercase"),
            rc(source_labels=["foo"], action="lowercase", target_label="foo_lowercase"),
        ],
        {"foo": "bAr123Foo", "foo_lowercase": "bar123foo", "foo_uppercase": "BAR123FOO"},
    ),
    (
        {"__tmp_port": "1234", "__port1": "1234", "__port2": "5678"},
        [rc(source_labels=["__tmp_port"], action="keepequal", target_label="__port1")],
        {"__tmp_port": "1234", "__port1": "1234", "__port2": "5678"},
    ),
    (
        {"__tmp_port": "1234", "__port1": "1234", "__port2": "5678"},
        [rc(source_labels=["__tmp_port"], action="dropequal", target_label="__port1")],
        None,
    ),
    (
        {"__tmp_port": "1234", "__port1": "1234", "__port2": "5678"},
        [rc(source_labels=["__tmp_port"], action="dropequal", target_label="__port2")],
        {"__tmp_port": "1234", "__port1": "1234", "__port2": "5678"},
    ),
    (
        {"__tmp_port": "1234", "__port1": "1234", "__port2": "5678"},
        [rc(source_labels=["__tmp_port"], action="keepequal", target_label="__port2")],
        None,
    ),
]


@pytest.mark.parametrize(("labels", "configs", "expected"), TEST_RELABEL)
def test_relabel(
    labels: dict[str, str], configs: list[RelabelConfig], expected: dict[str, str] | None
) -> None:
    for config in configs:
        assert validate(config) == ""
    assert process(labels, configs) == expected


def test_fast_path_sets_the_replacement_when_the_source_is_empty() -> None:
    # relabel.go Replace fast path: default regex, empty value, no `$`: set the replacement.
    config = rc(target_label="job", replacement="pods")
    assert process({"__path__": "/x"}, [config]) == {"__path__": "/x", "job": "pods"}


def decode(text: str) -> RelabelConfig:
    node = yaml.compose(text)
    assert node is not None
    return decode_relabel_config(node, d.Where("promtail.yaml", "relabel_configs[0]"))


def test_yaml_defaults() -> None:
    # relabel.go DefaultRelabelConfig: replace, `;`, (.*), $1.
    config = decode("{source_labels: [a], target_label: b}")
    assert (config.action, config.separator, config.regex, config.replacement) == (
        "replace",
        ";",
        "(.*)",
        "$1",
    )
    assert config.regex_is_default
    assert decode("{action: LabelDrop, regex: x}").action == "labeldrop"  # Action is lower-cased


# relabel.go Config.Validate (and Action/Regexp UnmarshalYAML).
VALIDATE = [
    ("{action: replace}", "relabel configuration for replace action requires 'target_label' value"),
    (
        "{action: lowercase}",
        "relabel configuration for lowercase action requires 'target_label' value",
    ),
    (
        "{action: hashmod, target_label: x}",
        "relabel configuration for hashmod requires non-zero modulus",
    ),
    (
        "{action: uppercase, target_label: x, replacement: y}",
        "'replacement' can not be set for uppercase action",
    ),
    (
        "{action: keepequal, target_label: x, regex: '(.*)'}",
        "keepequal action requires only 'source_labels' and `target_label`, and no other fields",
    ),
    (
        "{action: labeldrop, regex: x, target_label: y}",
        "labeldrop action requires only 'regex', and no other fields",
    ),
    ("{action: labelmap, replacement: ''}", "\"\" is invalid 'replacement' for labelmap action"),
    ("{action: frobnicate}", 'unknown relabel action "frobnicate"'),
    ("{source_labels: ['']}", '"" is not a valid label name'),
    ("{regex: '(a', target_label: x}", "error parsing regexp: missing closing ): `^(?s:(a)$`"),
]


@pytest.mark.parametrize(("text", "message"), VALIDATE)
def test_validate(text: str, message: str) -> None:
    with pytest.raises(AgentConfigError) as caught:
        decode(text)
    assert caught.value.detail == message
