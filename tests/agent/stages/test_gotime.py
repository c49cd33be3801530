"""Proleptic Gregorian day arithmetic and time.LoadLocation."""

from __future__ import annotations

import datetime

import pytest

from sim.agent.stages.gotime import (
    UnknownLocation,
    civil_from_days,
    days_from_civil,
    load_location,
)


@pytest.mark.parametrize("day", [-719528, -1, 0, 1, 11016, 47482, 2932896])
def test_days_round_trip(day: int) -> None:
    year, month, dom = civil_from_days(day)
    assert days_from_civil(year, month, dom) == day
    if year >= 1:
        assert datetime.date(year, month, dom) == datetime.date(1970, 1, 1) + datetime.timedelta(
            days=day
        )


def test_year_zero() -> None:
    # Go's year 0 (1 BC) is a leap year: 0000-03-01 is 60 days after 0000-01-01.
    assert days_from_civil(0, 3, 1) - days_from_civil(0, 1, 1) == 60


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("America/Canada", "unknown time zone America/Canada"),
        ("../etc", "time: invalid location name"),
    ],
)
def test_load_location_errors(name: str, message: str) -> None:
    with pytest.raises(UnknownLocation) as caught:
        load_location(name)
    assert str(caught.value) == message


def test_offsets() -> None:
    new_york = load_location("America/New_York")
    assert new_york.offset_at(1563148800) == -4 * 3600
    assert new_york.offset_at(1547532123) == -5 * 3600
    assert load_location("").offset_at(0) == 0
