"""util.go getString and Go's float formatting."""

from __future__ import annotations

from typing import Any

import pytest

from sim.agent.stages.goconv import NotConvertible, format_float_g, get_string, go_v


@pytest.mark.parametrize(
    ("value", "text"),
    [
        # util_test.go TestGetString
        (1.0, "1"),
        (1562723913000.0, "1562723913000"),
        (2.02, "2.02"),
        # strconv.FormatFloat(f, 'f', -1, 64) never uses an exponent.
        (1e21, "1000000000000000000000"),
        (1e-7, "0.0000001"),
        (50, "50"),
        (True, "true"),
        ("x", "x"),
    ],
)
def test_get_string(value: Any, text: str) -> None:
    assert get_string(value) == text


@pytest.mark.parametrize("value", [None, [1], {"a": 1}])
def test_get_string_errors(value: Any) -> None:
    with pytest.raises(NotConvertible) as caught:
        get_string(value)
    assert str(caught.value).startswith("can't convert ")


def test_nil_error_text() -> None:
    # util.go: fmt.Errorf("can't convert %v to string", nil)
    with pytest.raises(NotConvertible, match="can't convert <nil> to string"):
        get_string(None)


@pytest.mark.parametrize(
    ("value", "text"), [(1e6, "1e+06"), (100000.0, "100000"), (0.0001, "0.0001"), (1e-5, "1e-05")]
)
def test_percent_v_of_floats(value: float, text: str) -> None:
    # fmt %v: strconv 'g' with shortest digits (exponent when < -4 or >= 6... digits).
    assert format_float_g(value) == text == go_v(value)
