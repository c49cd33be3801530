"""-config.expand-env: drone/envsubst as vendored by Loki v3.6.0 (vendor/github.com/drone/envsubst)."""

from __future__ import annotations

import pytest

from sim.loki.config.expand import ExpandError, expand_env

ENV = {"HOST": "loki.example", "EMPTY": "", "NAME": "hello"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("url: ${HOST}", "url: loki.example"),
        ("url: ${MISSING}", "url: "),  # EvalEnv: os.Getenv, "" when unset
        ("url: $HOST", "url: $HOST"),  # parse.go: only `${` starts a reference
        ("cost: $$5", "cost: $5"),  # scan.go scanEscaped: `$$` -> `$`
        ("re: a\\\\b\\/c", "re: a\\b/c"),  # scanEscaped: `\\` and `\/` lose the backslash
        ("re: a\\d", "re: a\\d"),
        # funcs.go toDefault for every default operator, when the variable is empty or unset
        ("${MISSING:-x}", "x"),
        ("${EMPTY:-x}", "x"),
        ("${MISSING:=x}", "x"),
        ("${MISSING=x}", "x"),
        ("${MISSING:?x}", "x"),  # no error: envsubst implements it as a default
        ("${MISSING:+x}", "x"),
        ("${HOST:-x}", "loki.example"),
        ("${MISSING:-a${HOST}b}", "aloki.exampleb"),  # a default may hold a reference
        ("${MISSING:-}", ""),
        ("${#NAME}", "5"),  # toLen
        ("${NAME:1}", "ello"),  # toSubstr
        ("${NAME:1:2}", "el"),
        ("${NAME:-2}", "hello"),  # `:-` is a default, not a negative offset
        ("${NAME^}", "Hello"),
        ("${NAME^^}", "HELLO"),
        ("${HOST/./-}", "loki-example"),  # replaceFirst
        ("${NAME//l/L}", "heLLo"),  # replaceAll
        ("${NAME/#he/HE}", "HEllo"),  # replacePrefix
        ("${NAME/%lo/LO}", "helLO"),  # replaceSuffix
        ("${HOST#*.}", "example"),  # trimShortestPrefix with path.Match
        ("${HOST%.*}", "loki"),  # trimShortestSuffix
    ],
)
def test_expand(text: str, expected: str) -> None:
    assert expand_env(text, ENV) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("${HOST", "missing closing brace"),  # parse.go ErrMissingClosingBrace
        ("${HOST-x}", "missing closing brace"),  # `-` alone is not an operator here
        ("${}", "unable to parse variable name"),  # ErrParseVariableName
        ("${MISSING:-x", "unable to parse substitution within function"),
    ],
)
def test_expand_errors(text: str, message: str) -> None:
    with pytest.raises(ExpandError) as err:
        expand_env(text, ENV)
    assert str(err.value) == message
