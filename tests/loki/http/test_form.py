"""Go's url.ParseQuery and Request.ParseForm, as Loki's PrepopulateMiddleware runs them."""

from __future__ import annotations

import pytest

from sim.loki.http.form import FormError, build_form, parse_query, query_unescape

# Go src/net/url/url_test.go parseTests (query, pairs kept, whether an error is reported)
PARSE_TESTS = [
    ("a=1", [("a", "1")], True),
    ("a=1&b=2", [("a", "1"), ("b", "2")], True),
    ("a=1&a=2&a=banana", [("a", "1"), ("a", "2"), ("a", "banana")], True),
    ("ascii=%3Ckey%3A+0x90%3E", [("ascii", "<key: 0x90>")], True),
    ("a=1;b=2", [], False),
    ("a;b=1", [], False),
    ("a=%3B", [("a", ";")], True),
    ("a%3Bb=1", [("a;b", "1")], True),
    ("a=1&a=2;a=banana", [("a", "1")], False),
    ("a;b&c=1", [("c", "1")], False),
    ("a=1&b=2;a=3&c=4", [("a", "1"), ("c", "4")], False),
    ("a=1&b=2;c=3", [("a", "1")], False),
    (";", [], False),
    ("a=1;", [], False),
    ("a=1&;", [("a", "1")], False),
    (";a=1&b=2", [("b", "2")], False),
    ("a=1&b=2;", [("a", "1")], False),
]


@pytest.mark.parametrize(("query", "pairs", "ok"), PARSE_TESTS)
def test_parse_query_matches_go(query: str, pairs: list[tuple[str, str]], ok: bool) -> None:
    got, error = parse_query(query)
    assert got == pairs
    assert (error is None) == ok


# Go src/net/url/url.go unescape: EscapeError is `invalid URL escape "<at most 3 bytes>"`
@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("%zz", 'invalid URL escape "%zz"'),
        ("a%", 'invalid URL escape "%"'),
        ("a%4", 'invalid URL escape "%4"'),
        ("%4g1", 'invalid URL escape "%4g"'),
    ],
)
def test_bad_escapes_are_go_errors(text: str, error: str) -> None:
    with pytest.raises(FormError) as raised:
        query_unescape(text)
    assert str(raised.value) == error


def test_body_values_come_before_query_values() -> None:
    # net/http request.go ParseForm: PostForm values are prepended to the URL's
    form = build_form("limit=5&query=b", b"query=a")
    assert form.get("query") == "a"
    assert form.get_all("query") == ["a", "b"]
    assert form.get("limit") == "5"
    assert form.get("absent") == ""


def test_the_first_error_is_raised_even_when_later_pairs_parse() -> None:
    # Go keeps parsing after an error; ParseForm returns the first one
    with pytest.raises(FormError, match="semicolon"):
        build_form("a=1;b&c=%zz", None)
