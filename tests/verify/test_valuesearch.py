"""Finding many literal values in many lines at once, with a safe fallback."""

from __future__ import annotations

import random
import string

from sim.verify.valuesearch import find_present


def test_finds_exactly_the_values_present() -> None:
    rng = random.Random(3)
    lines = ["".join(rng.choices(string.ascii_letters + " =:/", k=120)) for _ in range(2000)]
    values = ["".join(rng.choices(string.ascii_letters + string.digits, k=24)) for _ in range(600)]
    planted = set(values[::5])
    for index, value in enumerate(sorted(planted)):
        lines[index * 3] = lines[index * 3][:40] + value + lines[index * 3][40:]
    assert find_present(lines, values) == planted


def test_regexp_metacharacters_are_literal() -> None:
    assert find_present(["a+b=c (x)", "1.2.3.4"], ["a+b", "(x)", "1x2", "1.2.3.4", ".*"]) == {
        "a+b",
        "(x)",
        "1.2.3.4",
    }


def test_a_value_never_spans_two_lines() -> None:
    assert find_present(["secr", "et"], ["secret"]) == set()


def test_when_re2_cannot_compile_the_set_substring_search_answers() -> None:
    # max_mem too small for RE2 to compile the set: the fallback must still find the value
    values = [f"value-{i:04d}-padding-padding" for i in range(300)]
    assert find_present(["x " + values[123] + " y"], values, max_mem=1 << 12) == {values[123]}
