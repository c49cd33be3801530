"""fmt as templates use it (printf, print, %v), against the examples of Go's fmt docs."""

from __future__ import annotations

import math
from typing import Any

import pytest

from sim.gotemplate.gofmt import print_v, sprint, sprintf, sprintln
from sim.gotemplate.gotypes import Int64, IntList, StrList, StrMap, Uint8

# (format, args, output) — Go fmt package documentation ("Printing", "Format errors")
SPRINTF = [
    ("%d", [42], "42"),
    ("%5d|", [42], "   42|"),
    ("%-5d|", [42], "42   |"),
    ("%05d", [42], "00042"),
    ("%05d", [-42], "-0042"),
    ("%+d", [5], "+5"),
    ("% d", [5], " 5"),
    ("%x", [255], "ff"),
    ("%X", [255], "FF"),
    ("%#x", [255], "0xff"),
    ("%x", [-255], "-ff"),
    ("%o", [8], "10"),
    ("%#o", [8], "010"),
    ("%O", [8], "0o10"),
    ("%b", [5], "101"),
    ("%c", [65], "A"),
    ("%q", [65], "'A'"),
    ("%U", [0x1F600], "U+1F600"),
    ("%#U", [ord("x")], "U+0078 'x'"),
    ("%.3d", [7], "007"),
    ("%s", ["hi"], "hi"),
    ("%q", ["hi"], '"hi"'),
    ("%q", ['a"b\n'], '"a\\"b\\n"'),
    ("%#q", ["hi"], "`hi`"),
    ("%x", ["hi"], "6869"),
    ("%X", ["hi"], "6869"),
    ("% x", ["hi"], "68 69"),
    ("%#x", ["hi"], "0x6869"),
    ("%.2s", ["hello"], "he"),
    ("%5s|", ["ab"], "   ab|"),
    ("%-5s|", ["ab"], "ab   |"),
    ("%5.1s|", ["日本語"], "    日|"),
    ("%v", [True], "true"),
    ("%t", [False], "false"),
    ("%f", [3.14159], "3.141590"),
    ("%.2f", [3.14159], "3.14"),
    ("%6.2f|", [3.14159], "  3.14|"),
    ("%-8.3f|", [3.14159], "3.142   |"),
    ("%08.3f", [-3.14159], "-003.142"),
    ("%e", [1234.5678], "1.234568e+03"),
    ("%E", [1234.5678], "1.234568E+03"),
    ("%+.1e", [12345.678], "+1.2e+04"),
    ("%g", [1e6], "1e+06"),
    ("%g", [100000.0], "100000"),
    ("%g", [3.5], "3.5"),
    ("%.3g", [1234.0], "1.23e+03"),
    ("%v", [1e21], "1e+21"),
    ("%v", [0.000001], "1e-06"),
    ("%v", [0.0001], "0.0001"),
    ("%v", [math.inf], "+Inf"),
    ("%v", [-math.inf], "-Inf"),
    ("%f", [math.nan], "NaN"),
    ("%6.1f|", [math.inf], "  +Inf|"),
    ("%v", [[1, "a", None]], "[1 a <nil>]"),
    ("%s", [StrList(["a", "b"])], "[a b]"),
    ("%d", [IntList([1, 2])], "[1 2]"),
    ("%v", [{"b": 2, "a": 1}], "map[a:1 b:2]"),
    ("%s", [[1]], "[%!s(int=1)]"),
    ("%%", [], "%"),
    ("%d%%", [5], "5%"),
    ("%T", [1.5], "float64"),
    ("%T", ["s"], "string"),
    ("%T", [Int64(1)], "int64"),
    ("%T", [Uint8(1)], "uint8"),
    ("%T", [[1]], "[]interface {}"),
    ("%T", [StrMap()], "map[string]string"),
    ("%T", [None], "<nil>"),
    ("%v", [None], "<nil>"),
    # Format errors
    ("%d", ["hi"], "%!d(string=hi)"),
    ("%s", [5], "%!s(int=5)"),
    ("%s", [None], "%!s(<nil>)"),
    ("%d", [True], "%!d(bool=true)"),
    ("%f", [5], "%!f(int=5)"),
    ("%d", [1.5], "%!d(float64=1.5)"),
    ("%z", [17], "%!z(int=17)"),
    ("hi%d", [], "hi%!d(MISSING)"),
    ("%d", [1, 2], "1%!(EXTRA int=2)"),
    ("%d", [1, "a", None], "1%!(EXTRA string=a, <nil>)"),
    ("%", [], "%!(NOVERB)"),
    ("%5d", ["ab"], "%!d(string=   ab)"),
]


@pytest.mark.parametrize(("fmt", "args", "want"), SPRINTF)
def test_sprintf(fmt: str, args: list[Any], want: str) -> None:
    assert sprintf(fmt, args) == want


@pytest.mark.parametrize(
    ("args", "want"),
    [
        # fmt docs: Sprint adds spaces between operands when neither is a string
        (["a", 1, 2, "b", "c"], "a1 2bc"),
        ([1, 2, 3], "1 2 3"),
        ([None], "<nil>"),
        ([1.0, 2.5], "1 2.5"),
    ],
)
def test_sprint(args: list[Any], want: str) -> None:
    assert sprint(args) == want


def test_sprintln() -> None:
    # fmt docs: Sprintln always adds spaces between operands and a newline
    assert sprintln(["a", 1, "b"]) == "a 1 b\n"


@pytest.mark.parametrize(
    ("value", "want"),
    [
        # fmt %v: floats as strconv 'g' shortest (exponent when < -4 or >= 6 digits before the point)
        (1000000.0, "1e+06"),
        (123456.0, "123456"),
        (1234567.0, "1.234567e+06"),
        (0.1, "0.1"),
        (3.5, "3.5"),
        (2.0, "2"),
        (-0.0, "-0"),
        (1e-05, "1e-05"),
        (5e-324, "5e-324"),
        (17, "17"),
        (True, "true"),
        ({"k": [1, {"z": None}]}, "map[k:[1 map[z:<nil>]]]"),
    ],
)
def test_print_v(value: Any, want: str) -> None:
    assert print_v(value) == want
