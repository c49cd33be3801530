"""Go types whose UnmarshalYAML parses a string, with their own error texts."""

from __future__ import annotations

import datetime as dt

import pytest

from sim.loki.config.customtypes import STRING_PARSERS, CustomParseError, parse_day


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # pkg/storage/config/schema_config_test.go TestUnmarshalPeriodConfig: from "2020-07-31"
        ("2020-07-31", dt.date(2020, 7, 31)),
        ("2024-02-29", dt.date(2024, 2, 29)),
    ],
)
def test_day_time_parses_dates(text: str, expected: dt.date) -> None:
    assert parse_day(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        # Go's time.Parse("2006-01-02", ...) errors (time/format.go ParseError.Error)
        ("2024/04/01", 'parsing time "2024/04/01" as "2006-01-02": cannot parse "/04/01" as "-"'),
        ("24-04-01", 'parsing time "24-04-01" as "2006-01-02": cannot parse "24-04-01" as "2006"'),
        ("2024-4-01", 'parsing time "2024-4-01" as "2006-01-02": cannot parse "4-01" as "01"'),
        ("2024-13-01", 'parsing time "2024-13-01": month out of range'),
        ("2023-02-29", 'parsing time "2023-02-29": day out of range'),
        ("2024-04-01x", 'parsing time "2024-04-01x": extra text: "x"'),
    ],
)
def test_day_time_errors_are_gos(text: str, message: str) -> None:
    with pytest.raises(CustomParseError) as err:
        parse_day(text)
    assert str(err.value) == message


@pytest.mark.parametrize(
    ("type_id", "text", "expected"),
    [
        ("flagext.ByteSize", "4GB", 4 << 30),  # pkg/ingester/wal.go defaultCeiling
        ("flagext.ByteSize", "1.5MB", None),  # c2h5oh/datasize has no fractions
        ("model.Duration", "1w", 7 * 86400 * 10**9),
        ("log.Level", "warn", "warn"),  # dskit log/level.go Set
        ("log.Level", "WARN", None),
        ("flagext.StringSliceCSV", "", None),  # dskit stringslicecsv.go: empty is nil
        ("flagext.StringSliceCSV", "a,,b", ["a", "", "b"]),
    ],
)
def test_string_parsers(type_id: str, text: str, expected: object) -> None:
    parse = STRING_PARSERS[type_id]
    if expected is None and type_id != "flagext.StringSliceCSV":
        with pytest.raises(CustomParseError):
            parse(text)
    else:
        assert parse(text) == expected
