"""Limits as Loki's tests build them."""

from __future__ import annotations

import dataclasses
from typing import Any

from sim.loki.limits import Limits


def zero_limits(**values: Any) -> Limits:
    """`&validation.Limits{...}` in Go tests: every field not named is Go's zero value."""
    zeros: dict[str, Any] = {}
    for field in dataclasses.fields(Limits):
        default = getattr(Limits(), field.name)
        if isinstance(default, bool):
            zeros[field.name] = False
        elif isinstance(default, int | float):
            zeros[field.name] = type(default)(0)
        elif isinstance(default, str):
            zeros[field.name] = ""
        elif isinstance(default, tuple):
            zeros[field.name] = ()
    return dataclasses.replace(Limits(), **{**zeros, **values})
