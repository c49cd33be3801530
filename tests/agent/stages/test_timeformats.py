"""util.go convertDateLayout and parseTimestampWithoutYear: upstream util_test.go tables."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sim.agent.stages.golayout import TimeParseError
from sim.agent.stages.gotime import load_location
from sim.agent.stages.timeformats import Rfc3339Utc, make_parser, rfc3339_fast

UTC = load_location("UTC")
NEW_YORK = load_location("America/New_York")
JUL_14_2019 = 1563062400.0  # 2019-07-14T00:00:00Z
JAN_1_2019 = 1546300800.0
DEC_31_2018 = 1546300799.0


# util_test.go TestConvertDateLayout (now = 2019-07-14 for the year-less layouts)
@pytest.mark.parametrize(
    ("layout", "location", "value", "expected_s"),
    [
        ("06 Jan 02 15:04:05", UTC, "19 Jul 15 01:02:03", 1563152523),
        ("2006 Jan 02 15:04:05", UTC, "2019 Jul 15 01:02:03", 1563152523),
        ("06 Jan 02 15:04:05", NEW_YORK, "19 Jul 15 01:02:03", 1563166923),
        ("2006 Jan 02 15:04:05", NEW_YORK, "2019 Jul 15 01:02:03", 1563166923),
        ("Jan 02 15:04:05", UTC, "Jul 15 01:02:03", 1563152523),
        ("Jan 02 15:04:05", NEW_YORK, "Jul 15 01:02:03", 1563166923),
    ],
)
def test_convert_date_layout(layout: str, location: object, value: str, expected_s: int) -> None:
    parser = make_parser(layout, location)  # type: ignore[arg-type]
    assert parser(value, JUL_14_2019) == expected_s * 1_000_000_000


# util_test.go TestParseTimestampWithoutYear
@pytest.mark.parametrize(
    ("location", "value", "now", "expected_s"),
    [
        (UTC, "Jul 15 01:02:03", JUL_14_2019, 1563152523),
        (NEW_YORK, "Jul 15 01:02:03", JUL_14_2019, 1563166923),  # EDT, -4h
        (NEW_YORK, "Jan 15 01:02:03", JUL_14_2019, 1547532123),  # EST, -5h
        (UTC, "Dec 31 23:59:59", JAN_1_2019, 1546300799),  # last year
        (UTC, "Jan 01 01:02:03", DEC_31_2018, 1546304523),  # next year
    ],
)
def test_parse_timestamp_without_year(
    location: object, value: str, now: float, expected_s: int
) -> None:
    parser = make_parser("Jan 02 15:04:05", location)  # type: ignore[arg-type]
    assert parser(value, now) == expected_s * 1_000_000_000


def test_layout_with_year_is_not_yearless() -> None:
    # util.go: a layout containing "06" goes to time.Parse, so the year is taken as given.
    assert make_parser("2006 Jan 02 15:04:05", UTC)("2019 Jan 01 01:02:03", JUL_14_2019) == (
        1546304523 * 1_000_000_000
    )


@pytest.mark.parametrize(
    ("fmt", "value"),
    [
        ("Unix", "1.2.3"),
        ("Unix", "abc"),
        ("UnixMs", "1.5"),
        ("UnixNs", ""),
        ("RFC3339", "2019-13-01T00:00:00Z"),
    ],
)
def test_unparseable(fmt: str, value: str) -> None:
    # util.go convertDateLayout: strconv.ParseInt / time.Parse errors.
    with pytest.raises((TimeParseError, ValueError)):
        make_parser(fmt, UTC)(value, JUL_14_2019)


@pytest.mark.parametrize(
    "value",
    [
        "2019-05-07T18:57:50.904275087+00:00",
        "2019-05-07T18:57:50.904275087Z",
        "2019-05-07T18:57:50Z",
        "2019-05-07T18:57:50.9-07:30",
        "2020-02-29T00:00:00.000000000001Z",
        "2019-02-29T00:00:00Z",
        "2019-05-07T18:57:50,5Z",
        "2019-05-07t18:57:50Z",
        "２０１９-05-07T18:57:50Z",  # Go's getnum reads ASCII digits only
        "2019-05-07T18:57:50.٣Z",
    ],
)
def test_rfc3339_fast_path_agrees_with_layout_parser(value: str) -> None:
    # timeformats.rfc3339_fast must return what golayout.parse returns, or defer (None).
    from sim.agent.stages.golayout import RFC3339_NANO
    from sim.agent.stages.gotimeparse import parse

    fast = rfc3339_fast(value)
    try:
        slow: int | None = parse(RFC3339_NANO, value).unix_nano()
    except TimeParseError:
        slow = None
    assert fast is None or fast == slow


_SECONDS = ["2024-05-01T10:00:00", "2024-05-01T10:00:01", "2024-12-31T23:59:59"]
_TAILS = [".5Z", ".123456789Z", ".1234567891Z", ".Z", "Z", ".000000001Z", ".5+02:00", ".٣Z", ".5z"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_SECONDS), st.sampled_from(_TAILS)), max_size=12))
def test_same_second_memo_equals_rfc3339_fast(times: list[tuple[str, str]]) -> None:
    # lokisim: Rfc3339Utc reuses the last time's second; rfc3339_fast is the reference.
    parse = Rfc3339Utc()
    for second, tail in times:
        assert parse(second + tail) == rfc3339_fast(second + tail)
