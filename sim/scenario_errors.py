"""Turns pydantic's validation errors into lokisim's `field: expected ..., got ...` form."""

from __future__ import annotations

from typing import Any

_PHASE_KINDS = {"steady", "log_bomb", "spike", "churn", "label_blowup", "restart"}
_EXPECTED = {
    "int_type": "an integer",
    "int_parsing": "an integer",
    "int_from_float": "an integer",
    "float_type": "a number",
    "float_parsing": "a number",
    "string_type": "a string",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
}


def field_path(loc: tuple[Any, ...]) -> str:
    """`('pods', 3, 'rate')` -> `pods[3].rate`; drops pydantic's union-tag segments."""
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        elif part in _PHASE_KINDS or str(part).startswith("function-"):
            continue
        else:
            path += f".{part}" if path else str(part)
    return path


def describe_pydantic_error(error: Any) -> tuple[str, str]:
    """(field path, message) for one entry of `ValidationError.errors()`."""
    loc = tuple(error["loc"])
    kind = error["type"]
    found = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "extra_forbidden":
        return field_path(loc), "unknown key"
    if kind == "missing":
        return field_path(loc), "required field is missing"
    if kind == "value_error":
        return field_path(loc), str(ctx.get("error", error["msg"]))
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        expected = ctx.get("expected_tags", ", ".join(sorted(_PHASE_KINDS)))
        tag = ctx.get("tag", "nothing")
        return field_path((*loc, "kind")), f"expected one of {expected}, got {tag!r}"
    if kind == "literal_error":
        return field_path(loc), f"expected one of {ctx.get('expected')}, got {found!r}"
    if kind == "string_pattern_mismatch":
        return field_path(loc), f"expected a DNS label (lowercase a-z, 0-9, '-'), got {found!r}"
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        bound = {"greater_than": ">", "greater_than_equal": ">=", "less_than": "<"}.get(kind, "<=")
        limit = next(iter(ctx.values()), "?")
        shown = f"{limit:g}" if isinstance(limit, int | float) else limit
        return field_path(loc), f"expected a value {bound} {shown}, got {found!r}"
    if kind in ("too_short", "too_long"):
        return field_path(loc), f"expected {error['msg'][0].lower()}{error['msg'][1:]}"
    if kind in _EXPECTED:
        return field_path(loc), f"expected {_EXPECTED[kind]}, got {found!r}"
    return field_path(loc), f"{error['msg']} (got {found!r})"
