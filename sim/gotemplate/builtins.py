"""text/template's predefined functions (text/template/funcs.go, Go 1.24)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sim.gotemplate.errors import GoError
from sim.gotemplate.gofmt import print_v, sprint, sprintf, sprintln
from sim.gotemplate.gotypes import (
    IFACE,
    REFLECT_VALUE,
    UINT_KINDS,
    StrMap,
    Uint8,
    from_bytes,
    is_true,
    to_bytes,
    type_name,
)
from sim.gotemplate.gourl import query_escape
from sim.gotemplate.signature import GoFunc, Unsupported

RV = REFLECT_VALUE


class NilInterface:
    """A map entry that holds a nil interface{} (Go keeps it apart from a missing entry)."""

    def __repr__(self) -> str:
        return "NIL_IFACE"


NIL_IFACE = NilInterface()


def _basic_kind(v: Any) -> str:
    t = type(v)
    if t is str:
        return "string"
    if t is bool:
        return "bool"
    if t is float:
        return "float"
    if isinstance(v, int):
        return "uint" if type_name(v) in UINT_KINDS else "int"
    return "invalid"


def _is_nil(v: Any) -> bool:
    return v is None or v is NIL_IFACE


def _reflect_kind(v: Any) -> str:
    if v is None:
        return "invalid"
    if v is NIL_IFACE:
        return "interface"
    if isinstance(v, list):
        return "slice"
    if isinstance(v, Mapping):
        return "map"
    return _basic_kind(v) if _basic_kind(v) != "invalid" else "struct"


def _unwrap(v: Any) -> Any:
    return None if v is NIL_IFACE else v


def eq(arg1: Any, *others: Any) -> bool:
    arg1 = _unwrap(arg1)
    if not others:
        raise GoError("missing argument for comparison")
    k1 = _basic_kind(arg1)
    for arg in others:
        arg = _unwrap(arg)
        k2 = _basic_kind(arg)
        if k1 != k2:
            if {k1, k2} == {"int", "uint"}:
                truth = arg1 >= 0 and arg >= 0 and int(arg1) == int(arg)
            elif arg1 is not None and arg is not None:
                raise GoError(
                    f"incompatible types for comparison: {type_name(arg1)} and {type_name(arg)}"
                )
            else:
                truth = False
        elif k1 != "invalid":
            truth = arg1 == arg
        else:
            kinds = (_reflect_kind(arg1), _reflect_kind(arg))
            if kinds[0] != kinds[1] and "invalid" not in kinds:
                raise GoError(
                    f"non-comparable types {sprintf('%s', [arg1])}: {type_name(arg1)}, "
                    f"{type_name(arg)}: {print_v(arg)}"
                )
            if arg1 is None or arg is None:
                truth = arg1 is None and arg is None
            else:
                if isinstance(arg, (list, Mapping)):
                    raise GoError(f"non-comparable type {sprintf('%s', [arg])}: {type_name(arg)}")
                truth = arg1 == arg
        if truth:
            return True
    return False


def ne(arg1: Any, arg2: Any) -> bool:
    return not eq(arg1, arg2)


def lt(arg1: Any, arg2: Any) -> bool:
    arg1, arg2 = _unwrap(arg1), _unwrap(arg2)
    k1, k2 = _basic_kind(arg1), _basic_kind(arg2)
    if k1 == "invalid" or k2 == "invalid":
        raise GoError("invalid type for comparison")
    if k1 != k2:
        if k1 == "int" and k2 == "uint":
            return arg1 < 0 or int(arg1) < int(arg2)
        if k1 == "uint" and k2 == "int":
            return arg2 >= 0 and int(arg1) < int(arg2)
        raise GoError(f"incompatible types for comparison: {type_name(arg1)} and {type_name(arg2)}")
    if k1 == "bool":
        raise GoError("invalid type for comparison")
    return arg1 < arg2  # type: ignore[no-any-return]


def le(arg1: Any, arg2: Any) -> bool:
    return lt(arg1, arg2) or eq(arg1, arg2)


def gt(arg1: Any, arg2: Any) -> bool:
    return not le(arg1, arg2)


def ge(arg1: Any, arg2: Any) -> bool:
    return not lt(arg1, arg2)


def not_(arg: Any) -> bool:
    return not is_true(_unwrap(arg))


def _index_arg(index: Any, cap: int) -> int:
    index = _unwrap(index)
    if index is None:
        raise GoError("cannot index slice/array with nil")
    if type(index) is bool or not isinstance(index, int):
        raise GoError(f"cannot index slice/array with type {type_name(index)}")
    if index < 0 or index > cap:
        raise GoError(f"index out of range: {int(index)}")
    return int(index)


def index(item: Any, *indexes: Any) -> Any:
    item = _unwrap(item)
    if item is None:
        raise GoError("index of untyped nil")
    for idx in indexes:
        if item is None or item is NIL_IFACE:
            raise GoError("index of nil pointer")
        if isinstance(item, (list, str)):
            n = len(item) if isinstance(item, list) else len(to_bytes(item))
            x = _index_arg(idx, n)
            if x == n:
                what = "slice" if isinstance(item, list) else "string"
                raise GoError(f"reflect: {what} index out of range")
            item = item[x] if isinstance(item, list) else Uint8(to_bytes(item)[x])
        elif isinstance(item, Mapping):
            idx = _unwrap(idx)
            if idx is None:
                raise GoError("value is nil; should be of type string")
            if type(idx) is not str:
                raise GoError(f"value has type {type_name(idx)}; should be string")
            if isinstance(item, StrMap):
                item = item.get(idx, "")
            else:
                found = item.get(idx)
                item = NIL_IFACE if found is None else found
        else:
            raise GoError(f"can't index item of type {type_name(item)}")
    return item


def slice_(item: Any, *indexes: Any) -> Any:
    item = _unwrap(item)
    if item is None:
        raise GoError("slice of untyped nil")
    if len(indexes) > 3:
        raise GoError(f"too many slice indexes: {len(indexes)}")
    if isinstance(item, str):
        if len(indexes) == 3:
            raise GoError("cannot 3-index slice a string")
        data: Any = to_bytes(item)
    elif isinstance(item, list):
        data = item
    else:
        raise GoError(f"can't slice item of type {type_name(item)}")
    idx = [0, len(data), 0]
    for i, ix in enumerate(indexes):
        idx[i] = _index_arg(ix, len(data))
    if idx[0] > idx[1]:
        raise GoError(f"invalid slice index: {idx[0]} > {idx[1]}")
    if len(indexes) == 3 and idx[1] > idx[2]:
        raise GoError(f"invalid slice index: {idx[1]} > {idx[2]}")
    part = data[idx[0] : idx[1]]
    if isinstance(item, str):
        return from_bytes(part)
    return type(item)(part)


def length(item: Any) -> int:
    if item is NIL_IFACE:
        raise GoError("len of nil pointer")
    if item is None:
        raise GoError("reflect: call of reflect.Value.Type on zero Value")
    if isinstance(item, str):
        return len(to_bytes(item))
    if isinstance(item, (list, Mapping)):
        return len(item)
    raise GoError(f"len of type {type_name(item)}")


def _eval_args(args: tuple[Any, ...]) -> str:
    if len(args) == 1 and type(args[0]) is str:
        return str(args[0])
    return sprint(["<no value>" if a is None else a for a in args])


_HTML = {'"': "&#34;", "'": "&#39;", "&": "&amp;", "<": "&lt;", ">": "&gt;", "\x00": "\ufffd"}


def html_escaper(*args: Any) -> str:
    s = _eval_args(args)
    return "".join(_HTML.get(c, c) for c in s)


_JS = {"\\": "\\\\", "'": "\\'", '"': '\\"', "<": "\\u003C", ">": "\\u003E"}
_JS.update({"&": "\\u0026", "=": "\\u003D"})


def js_escaper(*args: Any) -> str:
    out = []
    for c in _eval_args(args):
        if c in _JS:
            out.append(_JS[c])
        elif c < " ":
            out.append(f"\\u00{ord(c):02X}")
        elif ord(c) < 0x80 or c.isprintable():
            out.append(c)
        else:
            out.append(f"\\u{ord(c):04X}")
    return "".join(out)


def urlquery_escaper(*args: Any) -> str:
    return query_escape(_eval_args(args))


def _and_or(*_args: Any) -> Any:
    raise AssertionError("and/or are evaluated by the executor (they short-circuit)")


BUILTINS: dict[str, GoFunc | Unsupported] = {
    "and": GoFunc(_and_or, (RV,), RV),
    "or": GoFunc(_and_or, (RV,), RV),
    "call": Unsupported(
        "Go text/template", 'the builtin "call" (template data holds no functions)'
    ),
    "html": GoFunc(html_escaper, (), IFACE),
    "index": GoFunc(index, (RV,), RV),
    "slice": GoFunc(slice_, (RV,), RV),
    "js": GoFunc(js_escaper, (), IFACE),
    "len": GoFunc(length, (RV,)),
    "not": GoFunc(not_, (RV,)),
    "print": GoFunc(lambda *a: sprint(list(a)), (), IFACE),
    "printf": GoFunc(lambda fmt, *a: sprintf(fmt, list(a)), ("string",), IFACE),
    "println": GoFunc(lambda *a: sprintln(list(a)), (), IFACE),
    "urlquery": GoFunc(urlquery_escaper, (), IFACE),
    "eq": GoFunc(eq, (RV,), RV),
    "ge": GoFunc(ge, (RV, RV)),
    "gt": GoFunc(gt, (RV, RV)),
    "le": GoFunc(le, (RV, RV)),
    "lt": GoFunc(lt, (RV, RV)),
    "ne": GoFunc(ne, (RV, RV)),
}
