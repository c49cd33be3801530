"""-config.expand-env as drone/envsubst expands (the version vendored by Loki v3.6.0)."""

from __future__ import annotations

import pytest

from sim.agent.envsubst import EnvsubstError, expand_env
from sim.errors import UnsupportedFeature

# (environment, input, output): rows from drone/envsubst eval_test.go TestExpand unless noted.
CASES = [
    ({}, "abcdEFGH28ij", "abcdEFGH28ij"),
    ({"var01": "abcdEFGH28ij"}, "${#var01}", "12"),
    ({"var01": "abcdEFGH28ij"}, "${var01^}", "AbcdEFGH28ij"),
    ({"var01": "abcdEFGH28ij"}, "${var01^^}", "ABCDEFGH28IJ"),
    ({"var01": "ABCDEFGH28IJ"}, "${var01,}", "aBCDEFGH28IJ"),
    ({"var01": "ABCDEFGH28IJ"}, "${var01,,}", "abcdefgh28ij"),
    ({"var": "abc"}, "${var=abc}", "abc"),
    ({}, "${var=xyz}", "xyz"),
    ({"default_var": "foo"}, "something ${var=${default_var}}", "something foo"),
    ({"default_var": "foo1"}, "foo: ${var=${default_var}-suffix}", "foo: foo1-suffix"),
    ({"default_var": "foo1"}, "foo: ${var=prefix${default_var}-suffix}", "foo: prefixfoo1-suffix"),
    ({}, "${var:=xyz}", "xyz"),
    ({"var01": "abcdEFGH28ij"}, "${var=${var01^^}}", "ABCDEFGH28IJ"),
    ({"var01": "abcdEFGH28ij"}, "$${var01}", "${var01}"),
    (
        {"var01": "abcdEFGH28ij"},
        "some text ${var01}$${var$${var01}$var01${var01}",
        "some text abcdEFGH28ij${var${var01}$var01abcdEFGH28ij",
    ),
    ({"default_var": "foo"}, "something $${var=${default_var}}", "something ${var=foo}"),
    # parse/scan.go scanEscaped: outside ${...} a backslash before / or \ is dropped.
    ({}, "a\\/b \\\\d \\d", "a/b \\d \\d"),
    # funcs.go toDefault: `:-` with an unset or empty variable gives the word.
    ({"URL": ""}, "${URL:-http://127.0.0.1:3100/x}", "http://127.0.0.1:3100/x"),
    ({"URL": "https://loki"}, "${URL:-http://127.0.0.1:3100/x}", "https://loki"),
    ({}, "ca_file: ${CA:-}", "ca_file: "),
    # eval.go EvalEnv: an undefined variable is empty; `${1}` is variable "1".
    ({}, "${1}***REDACTED***${3}", "***REDACTED***"),
    ({}, "$${1}***REDACTED***$${3}", "${1}***REDACTED***${3}"),
    ({}, "$1 and $ alone", "$1 and $ alone"),
]


@pytest.mark.parametrize(("env", "text", "expected"), CASES)
def test_expand(env: dict[str, str], text: str, expected: str) -> None:
    assert expand_env(text, env) == expected


# parse/parse.go errors.
ERRORS = [
    ("${}", "unable to parse variable name"),
    ("${", "unable to parse variable name"),
    ("${var", "missing closing brace"),
    ("${var!}", "missing closing brace"),
    ("${var:-abc", "unable to parse substitution within function"),
    ("${var,,,}", "bad substitution"),
]


@pytest.mark.parametrize(("text", "message"), ERRORS)
def test_parse_errors(text: str, message: str) -> None:
    with pytest.raises(EnvsubstError, match=f"^{message}$"):
        expand_env(text, {})


@pytest.mark.parametrize("text", ["${path:11}", "${s/a/b}", "${f#*.}", "${f%.*}"])
def test_forms_lokisim_refuses(text: str) -> None:
    with pytest.raises(UnsupportedFeature):
        expand_env(text, {"path": "/a/b", "s": "a", "f": "x.y"})
