"""Parsing of the quantities scenario files use: durations, sizes and rates.

Durations follow Go's time.ParseDuration (what Loki and Promtail users write: `1h30m`,
`500ms`); sizes accept both SI (`KB`) and IEC (`KiB`) units as Kubernetes and Loki do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

_DURATION_PART = re.compile(r"(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h|d|w)")
_DURATION_SECONDS = {
    "ns": 1e-9,
    "us": 1e-6,
    "µs": 1e-6,
    "ms": 1e-3,
    "s": 1.0,
    "m": 60.0,
    "h": 3600.0,
    "d": 86400.0,
    "w": 604800.0,
}
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([KMGT]i?B?|B)?\s*$", re.IGNORECASE)
_SIZE_FACTOR = {
    "": 1,
    "b": 1,
    "k": 1000,
    "kb": 1000,
    "ki": 1024,
    "kib": 1024,
    "m": 1000**2,
    "mb": 1000**2,
    "mi": 1024**2,
    "mib": 1024**2,
    "g": 1000**3,
    "gb": 1000**3,
    "gi": 1024**3,
    "gib": 1024**3,
    "t": 1000**4,
    "tb": 1000**4,
    "ti": 1024**4,
    "tib": 1024**4,
}
_RATE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([A-Za-z]*)\s*/\s*(s|sec|m|min|h)\s*$")
_RATE_PER = {"s": 1.0, "sec": 1.0, "m": 60.0, "min": 60.0, "h": 3600.0}

DURATION_HINT = "a duration like '30s', '5m' or '1h30m'"
SIZE_HINT = "a size like '16KiB', '10MiB' or '256kb'"
RATE_HINT = "a rate like '200/s' or '50KiB/s'"


def parse_duration(value: object) -> float:
    """Seconds from a Go-style duration string or a plain number of seconds."""
    if isinstance(value, bool):
        raise ValueError(f"expected {DURATION_HINT}, got {value!r}")
    if isinstance(value, int | float):
        if value < 0:
            raise ValueError(f"expected {DURATION_HINT}, got {value!r}")
        return float(value)
    if not isinstance(value, str):
        raise ValueError(f"expected {DURATION_HINT}, got {value!r}")
    text = value.strip()
    if text == "0":
        return 0.0
    pos, total = 0, 0.0
    for match in _DURATION_PART.finditer(text):
        if match.start() != pos:
            break
        total += float(match.group(1)) * _DURATION_SECONDS[match.group(2)]
        pos = match.end()
    if pos == 0 or pos != len(text):
        raise ValueError(f"expected {DURATION_HINT}, got {value!r}")
    return total


def parse_size(value: object) -> int:
    """Bytes from `16KiB`, `10MB`, `256kb` or a plain integer."""
    if isinstance(value, bool):
        raise ValueError(f"expected {SIZE_HINT}, got {value!r}")
    if isinstance(value, int):
        if value < 0:
            raise ValueError(f"expected {SIZE_HINT}, got {value!r}")
        return value
    match = _SIZE.match(value) if isinstance(value, str) else None
    if match is None:
        raise ValueError(f"expected {SIZE_HINT}, got {value!r}")
    unit = (match.group(2) or "").lower()
    return int(float(match.group(1)) * _SIZE_FACTOR[unit])


@dataclass(frozen=True, slots=True)
class Rate:
    """A pace: lines per second, or bytes per second of log content."""

    per_second: float
    unit: Literal["lines", "bytes"]

    def scaled(self, factor: float) -> Rate:
        return Rate(self.per_second * factor, self.unit)

    def __str__(self) -> str:
        if self.unit == "lines":
            return f"{self.per_second:g}/s"
        return f"{self.per_second:g}B/s"


def parse_rate(value: object) -> Rate:
    """`200/s` (lines), `50KiB/s` or `5MB/min` (bytes of content)."""
    match = _RATE.match(value) if isinstance(value, str) else None
    if match is None:
        raise ValueError(f"expected {RATE_HINT}, got {value!r}")
    amount, unit, per = float(match.group(1)), match.group(2), _RATE_PER[match.group(3)]
    if unit.lower() in ("", "l", "line", "lines"):
        return Rate(amount / per, "lines")
    factor = _SIZE_FACTOR.get(unit.lower())
    if factor is None:
        raise ValueError(f"expected {RATE_HINT}, got {value!r}")
    return Rate(amount * factor / per, "bytes")
