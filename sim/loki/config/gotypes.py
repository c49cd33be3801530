"""The Go types Loki 3.6 decodes its config file into, from the generated gotypes36.yaml.

Each type has a kind (`struct`, `basic`, `duration`, `slice`, `map`, `named`, `custom`,
`any`), the name yaml.v2's errors print for it (reflect.Type.String(), e.g. `server.Config`,
`validation.plain` for types whose UnmarshalYAML decodes a `type plain T`), and for structs
the yaml keys with their types. tests/loki/config/gen_gotypes.py regenerates the table.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any

import yaml

ROOT_KEY = "root"


@dataclass(frozen=True)
class GoType:
    """One Go type as yaml.v2 sees it."""

    id: str
    kind: str
    name: str
    fields: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    elem: str = "any"
    key: str = "string"
    underlying: str = "any"
    inline_map: str | None = None


_ANY = GoType("any", "any", "interface {}")


@cache
def _table() -> tuple[str, Mapping[str, GoType]]:
    text = resources.files(__package__).joinpath("gotypes36.yaml").read_text(encoding="utf-8")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    raw: dict[str, Any] = yaml.load(text, Loader=loader)
    types = {
        tid: GoType(
            id=tid,
            kind=entry["kind"],
            name=entry["name"],
            fields=MappingProxyType(dict(entry.get("fields") or {})),
            elem=entry.get("elem", "any"),
            key=entry.get("key", "string"),
            underlying=entry.get("underlying", "any"),
            inline_map=entry.get("inline_map"),
        )
        for tid, entry in raw["types"].items()
    }
    return raw[ROOT_KEY], MappingProxyType(types)


def root_type() -> GoType:
    """loki.ConfigWrapper: what cmd/loki/main.go unmarshals the file into."""
    root, types = _table()
    return types[root]


def go_type(tid: str) -> GoType:
    """The type with this id; unknown ids decode as `interface {}`."""
    return _table()[1].get(tid, _ANY)


def struct_at(path: str) -> GoType:
    """The struct type at a dotted yaml key path from the root (`ingester.wal`)."""
    current = root_type()
    for key in filter(None, path.split(".")):
        current = go_type(current.fields[key])
        while current.kind == "named":
            current = go_type(current.underlying)
    return current
