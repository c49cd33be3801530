"""Stream labels as syntax.ParseLabels reads them and labels.Labels.String() prints them."""

from __future__ import annotations

import pytest

from sim.loki.push.labels import (
    LabelsParseError,
    get,
    has,
    is_legacy_name,
    labels_string,
    parse_labels,
    with_label,
)


@pytest.mark.parametrize(
    ("text", "printed"),
    [
        # pkg/distributor/validator_test.go TestValidator_ValidateLabels "test valid"
        ('{foo="bar"}', '{foo="bar"}'),
        # pkg/loghttp/push/push_test.go TestParseRequest: extra spaces and quoted names
        ('{ "foo"="bar2",      "environment"="prod"   }', '{environment="prod", foo="bar2"}'),
        # pkg/distributor/distributor_test.go Test_SortLabelsOnPush: sorted on push
        ('{buzz="f", service_name="foo", a="b"}', '{a="b", buzz="f", service_name="foo"}'),
        # validator_test.go "duplicate label": duplicates survive parsing
        ('{foo="bar", foo="barf"}', '{foo="bar", foo="barf"}'),
        # syntax.ParseLabels: empty values are dropped by labels.Builder
        ('{a="", b="c"}', '{b="c"}'),
        # validator_test.go "empty" / promql metric grammar: an empty label set is valid
        ("{}", "{}"),
        ("", "{}"),
        # promql generated_parser.y `metric: metric_identifier label_set`
        ('up{job="x"}', '{__name__="up", job="x"}'),
        ('sum{a="b"}', '{__name__="sum", a="b"}'),
        ('{"web"}', '{__name__="web"}'),
        # trailing comma, single quotes, raw strings, comments
        ('{a="b",}', '{a="b"}'),
        ("{a='x'}", '{a="x"}'),
        ("{a=`x\\n`}", '{a="x\\\\n"}'),
        ('{a="b"} # comment', '{a="b"}'),
        # escapes: strutil.Unquote
        ('{a="\\x41\\u00e9\\101"}', '{a="AéA"}'),
        # names that are not legacy-valid print quoted
        ('{"a.b"="c"}', '{"a.b"="c"}'),
    ],
)
def test_parse_and_print(text, printed):
    assert labels_string(parse_labels(text)) == printed


@pytest.mark.parametrize(
    ("text", "error"),
    [
        # pkg/distributor/distributor_test.go TestDistributor: mangled labels
        ('{ab"', "1:4: parse error: unterminated quoted string"),
        # promql lexer (lex.go lexInsideBraces) and parser (generated_parser.y label_set_item)
        ('{a="b"', "1:7: parse error: unexpected end of input inside braces"),
        ('{1a="b"}', "1:2: parse error: unexpected character inside braces: '1'"),
        ('{a.b="c"}', "1:3: parse error: unexpected character inside braces: '.'"),
        ("{foo}", '1:5: parse error: unexpected "}" in label set, expected "="'),
        (
            "{foo=bar}",
            '1:6: parse error: unexpected identifier "bar" in label set, expected string',
        ),
        (
            '{foo="a" b="c"}',
            '1:10: parse error: unexpected identifier "b" in label set, expected "," or "}"',
        ),
        ('{="x"}', '1:2: parse error: unexpected "=" in label set, expected identifier or "}"'),
        ('{foo!="x"}', '1:5: parse error: unexpected <op:!=> in label set, expected "="'),
        ('{a="\\q"}', "1:4: parse error: unknown escape sequence U+0071 'q'"),
        ('{a="b"}}', "1:8: parse error: unexpected character: '}'"),
        (
            '{a="b"\n c=d}',
            '2:2: parse error: unexpected identifier "c" in label set, expected "," or "}"',
        ),
        # columns count bytes, as Go does
        ('{a="é", ü="x"}', "1:10: parse error: unexpected character inside braces: 'ü'"),
        # lexString: U+FFFD and undecodable bytes are RuneError
        ('{a="\ufffd"}', "1:4: parse error: invalid UTF-8 rune"),
    ],
)
def test_parse_errors(text, error):
    with pytest.raises(LabelsParseError) as caught:
        parse_labels(text)
    assert str(caught.value) == error


def test_builder_helpers():
    labels = parse_labels('{b="2", a="1"}')
    assert has(labels, "a") and not has(labels, "c")
    assert get(labels, "b") == "2" and get(labels, "c") == ""
    # labels.Builder.Set inserts sorted, replaces, and "" deletes
    assert with_label(labels, "aa", "x") == (("a", "1"), ("aa", "x"), ("b", "2"))
    assert with_label(labels, "a", "9") == (("a", "9"), ("b", "2"))
    assert with_label(labels, "a", "") == (("b", "2"),)


@pytest.mark.parametrize(
    ("name", "legacy"),
    # model.LabelName.IsValidLegacy
    [("foo", True), ("_x9", True), ("9x", False), ("a.b", False), ("", False), ("é", False)],
)
def test_legacy_names(name, legacy):
    assert is_legacy_name(name) is legacy
