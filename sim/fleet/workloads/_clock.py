"""Timestamp pieces the workloads share; each caches the formatted seconds itself."""

from __future__ import annotations

import time

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# Fraction strings by index: a tuple lookup is cheaper than formatting per line.
MILLIS = tuple(f"{i:03d}" for i in range(1000))


def utc(seconds: int) -> time.struct_time:
    return time.gmtime(seconds)


def iso_seconds(seconds: int) -> str:
    """`2026-11-26T14:39:01`"""
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(seconds))


def spaced_seconds(seconds: int) -> str:
    """`2026-11-26 14:39:01`"""
    return time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(seconds))


def millis(now: float, seconds: int) -> str:
    return MILLIS[int((now - seconds) * 1000)]


def micros(now: float, seconds: int) -> str:
    return f"{int((now - seconds) * 1_000_000):06d}"
