"""Sprig v3.3 functions as Promtail offers them: the examples of sprig's documentation
(docs/*.md in Masterminds/sprig) and the behaviour of its Go code (strings.go, numeric.go,
list.go, dict.go, defaults.go, date.go, regex.go)."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest

from sim.gotemplate import PROMTAIL_FUNCS, TemplateExecError, compile_template
from sim.gotemplate.sprig_num import _decimal_op


def render(text: str, data: Any = None) -> str:
    return compile_template(text, name="t", funcs=PROMTAIL_FUNCS).execute(data)


HELLO_SHA256 = hashlib.sha256(b"Hello world!").hexdigest()

CASES = [
    # strings
    ('{{ trunc 5 "hello world" }}', "hello"),
    ('{{ trunc -5 "hello world" }}', "world"),
    ('{{ abbrev 5 "hello world" }}', "he..."),
    ('{{ untitle "Hello World" }}', "hello world"),
    ('{{ title "hello world" }}', "Hello World"),
    ('{{ nospace "hello w o r l d" }}', "helloworld"),
    ('{{ quote "a" "b" }}', '"a" "b"'),
    ('{{ squote "a" "b" }}', "'a' 'b'"),
    ('{{ cat "hello" "beautiful" "world" }}', "hello beautiful world"),
    ('{{ plural "one anchovy" "many anchovies" 2 }}', "many anchovies"),
    ('{{ "hello" | repeat 3 }}', "hellohellohello"),
    ('{{ substr 0 5 "hello world" }}', "hello"),
    ('{{ trimAll "$" "$5.00" }}', "5.00"),
    ('{{ trimSuffix "-" "hello-" }}', "hello"),
    ('{{ trimPrefix "-" "-hello" }}', "hello"),
    ('{{ replace " " "-" "I Am Henry VIII" }}', "I-Am-Henry-VIII"),
    ('{{ sha256sum "Hello world!" }}', HELLO_SHA256),
    ('{{ sha1sum "Hello world!" }}', hashlib.sha1(b"Hello world!").hexdigest()),
    ('{{ toString 5 }}', "5"),
    ('{{ (split "$" "foo$bar$baz")._0 }}', "foo"),
    ('{{ splitList "$" "foo$bar$baz" }}', "[foo bar baz]"),
    ('{{ splitn "$" 2 "foo$bar$baz" }}', "map[_0:foo _1:bar$baz]"),
    ('{{ b64enc "hello" }} {{ b64dec "aGVsbG8=" }}', "aGVsbG8= hello"),
    ('{{ b64dec "!!" }}', "illegal base64 data at input byte 0"),
    ('{{ b32enc "hello" }} {{ b32dec "NBSWY3DP" }}', "NBSWY3DP hello"),
    ('{{ base "foo/bar/baz" }} {{ dir "foo/bar/baz" }} {{ ext "foo.bar" }}', "baz foo/bar .bar"),
    ('{{ clean "foo/bar/../baz" }} {{ isAbs "/x" }}', "foo/baz true"),
    # numbers: cast's parsing (base prefixes), int64 arithmetic truncating toward zero
    ('{{ atoi "42" }} {{ int64 "0x10" }} {{ int "010" }} {{ float64 "1e3" }}', "42 16 8 1000"),
    ("{{ add 1 2 3 }} {{ mul 2 3 4 }} {{ sub 5 7 }} {{ add1 5 }}", "6 24 -2 6"),
    ("{{ div 7 2 }} {{ div -7 2 }} {{ mod -7 2 }}", "3 -3 -1"),
    ('{{ add "1" 2.9 }}', "3"),
    ("{{ max 1 5 3 }} {{ min 4 2 9 }} {{ maxf 1 2.5 }} {{ minf 1 2.5 }}", "5 2 2.5 1"),
    ("{{ round 123.555555 3 }} {{ ceil 1.1 }} {{ floor 1.9 }}", "123.556 2 1"),
    ("{{ addf 1.1 2.2 }} {{ mulf 1.1 3 }} {{ subf 10 0.1 }}", "3.3 3.3 9.9"),
    ("{{ seq 5 }}|{{ seq -3 }}|{{ seq 2 5 }}|{{ seq 0 2 10 }}|{{ seq 0 -2 -5 }}", "1 2 3 4 5|1 0 -1 -2 -3|2 3 4 5|0 2 4 6 8 10|0 -2 -4"),
    ("{{ until 5 }} {{ untilStep 3 6 2 }}", "[0 1 2 3 4] [3 5]"),
    # defaults and flow
    ('{{ default "foo" "" }} {{ default "foo" "bar" }} {{ default "foo" 0 }}', "foo bar foo"),
    ('{{ empty "" }} {{ empty 0 }} {{ empty (list) }} {{ empty "x" }}', "true true true false"),
    ('{{ coalesce 0 "" "x" }}', "x"),
    ('{{ ternary "a" "b" true }} {{ ternary "a" "b" false }}', "a b"),
    ('{{ all 1 "a" }} {{ any 0 "" }}', "true false"),
    # json (encoding/json: sorted keys, HTML-escaped, numbers decode to float64)
    ('{{ toJson (dict "b" 2 "a" "<x>") }}', '{"a":"\\u003cx\\u003e","b":2}'),
    ('{{ toRawJson (dict "b" 2 "a" "<x>") }}', '{"a":"<x>","b":2}'),
    ("{{ toPrettyJson (list 1 2) }}", "[\n  1,\n  2\n]"),
    ('{{ (fromJson "{\\"a\\":1.5}").a }} {{ fromJson "{\\"a\\":[1,2]}" }}', "1.5 map[a:[1 2]]"),
    ('{{ fromJson "not json" }}', "<no value>"),
    # reflection
    ('{{ typeOf 1 }} {{ typeOf "a" }} {{ typeOf (list) }} {{ kindOf (list) }} {{ kindIs "map" (dict) }}', "int string []interface {} slice true"),
    ('{{ typeIs "int64" (add 1 2) }} {{ deepEqual (list 1 2) (list 1 2) }}', "true true"),
    # lists
    ("{{ first (list 1 2 3) }} {{ rest (list 1 2 3) }} {{ last (list 1 2 3) }} {{ initial (list 1 2 3) }}", "1 [2 3] 3 [1 2]"),
    ("{{ reverse (list 1 2 3) }} {{ uniq (list 1 1 2) }} {{ without (list 1 2 3) 2 }}", "[3 2 1] [1 2] [1 3]"),
    ("{{ has 4 (list 1 2 3) }} {{ has 2 (list 1 2 3) }}", "false true"),
    ("{{ append (list 1) 2 }} {{ prepend (list 1) 0 }} {{ concat (list 1) (list 2 3) }}", "[1 2] [0 1] [1 2 3]"),
    ('{{ compact (list 1 "" 2) }} {{ slice (list 1 2 3) 1 2 }} {{ chunk 2 (list 1 2 3) }}', "[1 2] [2] [[1 2] [3]]"),
    ('{{ sortAlpha (list "b" "a") }} {{ join "," (list 1 2) }}', "[a b] 1,2"),
    ("{{ first (list) }}", "<no value>"),
    # dicts
    ('{{ get (dict "a" 1) "a" }} {{ get (dict "a" 1) "z" }}|{{ hasKey (dict "a" 1) "b" }}', "1 |false"),
    ('{{ pluck "a" (dict "a" 1) (dict "a" 2) }}', "[1 2]"),
    ('{{ pick (dict "a" 1 "b" 2) "a" }} {{ omit (dict "a" 1 "b" 2) "a" }}', "map[a:1] map[b:2]"),
    ('{{ keys (dict "a" 1) }} {{ values (dict "a" 1) }}', "[a] [1]"),
    ('{{ dig "a" "b" "def" (dict "a" (dict "b" 1)) }} {{ dig "a" "x" "def" (dict "a" (dict)) }}', "1 def"),
    ('{{ $d := dict "a" 1 }}{{ $_ := set $d "b" 2 }}{{ $d }}', "map[a:1 b:2]"),
    # regex
    ('{{ regexMatch "^[a-z]+$" "abc" }} {{ regexMatch "(" "abc" }}', "true false"),
    ('{{ regexFindAll "[2,4,6,8]" "123456789" -1 }} {{ regexFind "[a-zA-Z][1-9]" "abcd1234" }}', "[2 4 6 8] d1"),
    ('{{ regexSplit "z+" "pizza" -1 }} {{ regexQuoteMeta "1.2.3" }}', "[pi a] 1\\.2\\.3"),
    # dates (Local is UTC, as in Promtail's image)
    ('{{ date "2006-01-02" 0 }} {{ htmlDate 86400 }}', "1970-01-01 1970-01-02"),
    ('{{ dateInZone "2006-01-02 15:04 MST" 0 "America/New_York" }}', "1969-12-31 19:00 EST"),
    ('{{ dateInZone "15:04 MST" 0 "Bad/Zone" }}', "00:00 UTC"),
    ('{{ toDate "2006-01-02" "2021-01-01" | dateModify "1.5h" | date "2006-01-02 15:04" }}', "2021-01-01 01:30"),
    ('{{ toDate "2006-01-02" "bad" | unixEpoch }}', "-62135596800"),
    ('{{ duration "95" }} {{ durationRound "2h10m5s" }}', "1m35s 2h"),
    ("{{ duration 95 }}", "0s"),  # date.go duration: an int (not int64) falls to the default, 0
]  # fmt: skip


@pytest.mark.parametrize(("text", "want"), CASES)
def test_sprig(text: str, want: str) -> None:
    assert render(text) == want


ERRORS = [
    # sprig panics (list.go) and Go runtime panics, reported as the call's error
    ('{{ first "x" }}', "error calling first: Cannot find first on type string"),
    ("{{ first nil }}", "error calling first: runtime error: invalid memory address or nil pointer dereference"),
    ("{{ div 1 0 }}", "error calling div: runtime error: integer divide by zero"),
    ("{{ divf 1 0 }}", "error calling divf: decimal division by 0"),
    ('{{ substr 2 1 "hello" }}', "error calling substr: runtime error: slice bounds out of range [2:1]"),
    ('{{ mustToDate "2006-01-02" "x" }}', 'error calling mustToDate: parsing time "x" as "2006-01-02": cannot parse "x" as "2006"'),
    ('{{ mustRegexFind "(" "x" }}', "error calling mustRegexFind: error parsing regexp: missing closing ): `(`"),
    ('{{ fail "boom" }}', "error calling fail: boom"),
    ('{{ repeat -1 "x" }}', "error calling repeat: strings: negative Repeat count"),
    ('{{ hasKey . "a" }}', "wrong type for value; expected map[string]interface {}; got map[string]string"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "want"), ERRORS)
def test_sprig_errors(text: str, want: str) -> None:
    tmpl = compile_template(text, name="t", funcs=PROMTAIL_FUNCS, data_type="map[string]string")
    with pytest.raises(TemplateExecError) as err:
        tmpl.execute({"a": "b"})
    assert str(err.value).endswith(want)


def test_decimal_division_rounds_the_sixteenth_place_half_away() -> None:
    # shopspring/decimal Div: DivisionPrecision 16, DivRound half away from zero
    divf = _decimal_op("/").fn
    assert divf(2, 3) == 0.6666666666666667
    assert divf(-2, 3) == -0.6666666666666667
    assert divf(1, 3) == 0.3333333333333333
