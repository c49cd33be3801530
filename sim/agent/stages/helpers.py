"""Small pieces several stages share: config decoding with warnings, reading a source."""

from __future__ import annotations

from typing import Any

from sim.golang.regexp import GoRegexpError

from .base import BuildContext, StageConfigError
from .decode import DecodeError, decode_struct, decode_top
from .goconv import NotConvertible, get_string
from .goregexp import GoRegexp


def decode_config(
    ctx: BuildContext, config: Any, fields: dict[str, str], *, weak: bool = False
) -> dict[str, Any]:
    """mapstructure (Weak)Decode into a struct; ignored keys become warnings."""
    try:
        decoded = decode_struct(config, fields, weak=weak)
    except DecodeError as err:
        raise StageConfigError(str(err), err.key) from None
    for key in decoded.unknown_keys:
        where = f"{ctx.stage_field}.{key}" if ctx.stage_field else key
        ctx.warnings.append(f"{where}: unknown option, ignored (as Promtail ignores it)")
    return decoded.values


def decode_plain(config: Any, target: str) -> Any:
    """mapstructure.Decode into a map or slice type."""
    try:
        return decode_top(config, target)
    except DecodeError as err:
        raise StageConfigError(str(err)) from None


def compile_regexp(pattern: str, template: str, key: str) -> GoRegexp:
    """regexp.Compile; the error text is `template` filled with Go's error."""
    try:
        return GoRegexp(pattern)
    except GoRegexpError as err:
        raise StageConfigError(template.format(err=err), key) from None


def source_string(extracted: dict[str, Any], source: str) -> str | None:
    """getString(extracted[source]), or None when it is missing or has no string form."""
    if source not in extracted:
        return None
    try:
        return get_string(extracted[source])
    except NotConvertible:
        return None
