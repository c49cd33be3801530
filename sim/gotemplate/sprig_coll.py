"""Sprig v3.3 list and dict functions (list.go, dict.go): reflection-based list access with
sprig's panic texts; dict functions take map[string]interface{} only."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any, Final

from sim.gotemplate.errors import GoError, UnsupportedAtRuntime
from sim.gotemplate.gocast import strval, to_int64
from sim.gotemplate.gotypes import IFACE, StrList, kind, type_name
from sim.gotemplate.signature import GoFunc
from sim.gotemplate.sprig_num import deep_equal, empty

MAP: Final = "map[string]interface {}"
NIL_DEREF: Final = "runtime error: invalid memory address or nil pointer dereference"


class ListOfLists(list):  # type: ignore[type-arg]
    go_type: Final = "[][]interface {}"


def _kind_name(v: Any) -> str:
    """reflect.Kind.String() for sprig's error texts."""
    k = kind(v)
    if k in ("int", "uint", "float"):
        name = type_name(v)
        return "int" if name.startswith("time.") else name
    return k


def _as_list(v: Any, what: str) -> list[Any]:
    if v is None:
        raise GoError(NIL_DEREF)
    if not isinstance(v, list):
        raise GoError(what.format(kind=_kind_name(v)))
    return list(v)


def _list_fn(what: str, op: Callable[[list[Any]], Any], nargs: int = 1) -> GoFunc:
    return GoFunc(lambda v: op(_as_list(v, what)), (IFACE,) * nargs)


def _chunk(size: int, v: Any) -> ListOfLists:
    items = _as_list(v, "Cannot chunk type {kind}")
    n = len(items)
    if size == 0 or (size < 0 and n != 1):
        raise GoError("runtime error: makeslice: len out of range")
    count = int(math.floor((n - 1) / size) + 1)
    out = ListOfLists()
    for i in range(count):
        clen = size
        if i == count - 1:
            clen = math.floor(math.fmod(n, size)) or size
        out.append(items[i * size : i * size + clen])
    return out


def _uniq(v: Any) -> list[Any]:
    dest: list[Any] = []
    for item in _as_list(v, "Cannot find uniq on type {kind}"):
        if not any(deep_equal(item, d) for d in dest):
            dest.append(item)
    return dest


def _without(v: Any, *omit: Any) -> list[Any]:
    items = _as_list(v, "Cannot find without on type {kind}")
    return [x for x in items if not any(deep_equal(x, o) for o in omit)]


def _has(needle: Any, haystack: Any) -> bool:
    if haystack is None:
        return False
    items = _as_list(haystack, "Cannot find has on type {kind}")
    return any(deep_equal(needle, x) for x in items)


def _slice(v: Any, *indices: Any) -> Any:
    items = _as_list(v, "list should be type of slice or array but {kind}")
    if not items:
        return None
    start = to_int64(indices[0]) if indices else 0
    end = to_int64(indices[1]) if len(indices) > 1 else len(items)
    if not 0 <= start <= end <= len(items):
        raise GoError("reflect.Value.Slice: slice index out of bounds")
    return type(v)(v[start:end])


def _concat(*lists: Any) -> list[Any]:
    out: list[Any] = []
    for v in lists:
        if v is None:
            raise GoError(NIL_DEREF)
        if not isinstance(v, list):
            raise GoError(f"Cannot concat type {_kind_name(v)} as list")
        out.extend(v)
    return out


def _sort_alpha(v: Any) -> StrList:
    if isinstance(v, list):
        return StrList(sorted(strval(x) for x in v if x is not None))
    return StrList([strval(v)])


def _to_strings(v: Any) -> StrList:
    if isinstance(v, list):
        return StrList(strval(x) for x in v if x is not None)
    return StrList() if v is None else StrList([strval(v)])


def _join(sep: str, v: Any) -> str:
    return sep.join(_to_strings(v))


_EMPTY: Final[Mapping[str, Any]] = {}


def _m(d: Mapping[str, Any] | None) -> Mapping[str, Any]:
    """A nil map reads as empty."""
    return _EMPTY if d is None else d


def _mutable(d: Mapping[str, Any] | None) -> dict[str, Any]:
    if d is None:
        raise GoError("assignment to entry in nil map")
    if not isinstance(d, dict):
        raise UnsupportedAtRuntime("sprig", "set/unset on a read-only mapping")
    return d


def _set(d: Mapping[str, Any], key: str, value: Any) -> Mapping[str, Any]:
    _mutable(d)[key] = value
    return d


def _unset(d: Mapping[str, Any] | None, key: str) -> Mapping[str, Any] | None:
    if d is not None:
        _mutable(d).pop(key, None)
    return d


def _dict(*v: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for i in range(0, len(v), 2):
        out[strval(v[i])] = v[i + 1] if i + 1 < len(v) else ""
    return out


def _assert(v: Any, want: str) -> Any:
    got = "nil" if v is None else type_name(v)
    if (want == "string" and type(v) is not str) or (want == MAP and got != MAP):
        raise GoError(f"interface conversion: interface {{}} is {got}, not {want}")
    return v


def _dig(*ps: Any) -> Any:
    if len(ps) < 3:
        raise GoError("dig needs at least three arguments")
    d = _assert(ps[-1], MAP)
    default = ps[-2]
    keys = [_assert(k, "string") for k in ps[:-2]]
    for i, k in enumerate(keys):
        if k not in d:
            return default
        if i == len(keys) - 1:
            return d[k]
        d = _assert(d[k], MAP)
    return default


M = (MAP,)

SPRIG_COLL: dict[str, GoFunc] = {
    "list": GoFunc(lambda *v: list(v), (), IFACE),
    "tuple": GoFunc(lambda *v: list(v), (), IFACE),
    "append": GoFunc(lambda v, x: [*_as_list(v, "Cannot push on type {kind}"), x], (IFACE, IFACE)),
    "push": GoFunc(lambda v, x: [*_as_list(v, "Cannot push on type {kind}"), x], (IFACE, IFACE)),
    "prepend": GoFunc(
        lambda v, x: [x, *_as_list(v, "Cannot prepend on type {kind}")], (IFACE, IFACE)
    ),
    "chunk": GoFunc(_chunk, ("int", IFACE)),
    "first": _list_fn("Cannot find first on type {kind}", lambda xs: xs[0] if xs else None),
    "last": _list_fn("Cannot find last on type {kind}", lambda xs: xs[-1] if xs else None),
    "rest": _list_fn("Cannot find rest on type {kind}", lambda xs: xs[1:]),
    "initial": _list_fn("Cannot find initial on type {kind}", lambda xs: xs[:-1]),
    "reverse": _list_fn("Cannot find reverse on type {kind}", lambda xs: xs[::-1]),
    "compact": _list_fn(
        "Cannot compact on type {kind}", lambda xs: [x for x in xs if not empty(x)]
    ),
    "uniq": GoFunc(_uniq, (IFACE,)),
    "without": GoFunc(_without, (IFACE,), IFACE),
    "has": GoFunc(_has, (IFACE, IFACE)),
    "slice": GoFunc(_slice, (IFACE,), IFACE),
    "concat": GoFunc(_concat, (), IFACE),
    "sortAlpha": GoFunc(_sort_alpha, (IFACE,)),
    "join": GoFunc(_join, ("string", IFACE)),
    "toStrings": GoFunc(_to_strings, (IFACE,)),
    "get": GoFunc(lambda d, k: _m(d).get(k, ""), (*M, "string")),
    "set": GoFunc(_set, (*M, "string", IFACE)),
    "unset": GoFunc(_unset, (*M, "string")),
    "hasKey": GoFunc(lambda d, k: k in _m(d), (*M, "string")),
    "pluck": GoFunc(
        lambda k, *ds: [d[k] for d in ds if d is not None and k in d], ("string",), MAP
    ),
    "keys": GoFunc(lambda *ds: StrList(k for d in ds if d is not None for k in d), (), MAP),
    "pick": GoFunc(lambda d, *ks: {k: _m(d)[k] for k in ks if k in _m(d)}, M, "string"),
    "omit": GoFunc(lambda d, *ks: {k: v for k, v in _m(d).items() if k not in ks}, M, "string"),
    "dict": GoFunc(_dict, (), IFACE),
    "values": GoFunc(lambda d: list(_m(d).values()), M),
    "dig": GoFunc(_dig, (), IFACE),
}
# the must* twins return the error their plain twin panics with: same text here
for _name in ("push", "prepend", "chunk", "first", "last", "rest", "initial", "reverse"):
    SPRIG_COLL["must" + _name[0].upper() + _name[1:]] = SPRIG_COLL[_name]
for _name in ("compact", "uniq", "without", "has", "slice"):
    SPRIG_COLL["must" + _name[0].upper() + _name[1:]] = SPRIG_COLL[_name]
SPRIG_COLL["mustAppend"] = SPRIG_COLL["push"]
