"""Go function signatures for template functions, so calls are checked as Go's reflection does."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sim.errors import UnsupportedFeature
from sim.gotemplate.gotypes import IFACE, NILABLE_PREFIXES, REFLECT_VALUE, type_name

# name -> function, as Go's template.FuncMap; GoFunc entries carry the Go signature
FuncMap = Mapping[str, Callable[..., Any]]


@dataclass(frozen=True)
class GoFunc:
    """A template function: the Python stand-in plus the Go signature it mirrors.

    `params` are Go type names of the fixed parameters; `variadic` is the element type of a
    trailing `...` parameter. The stand-in returns the single result, and raises GoError where
    the Go function returns a non-nil error or panics.
    """

    fn: Callable[..., Any]
    params: tuple[str, ...] = ()
    variadic: str | None = None

    def __call__(self, *args: Any) -> Any:
        return self.fn(*args)


@dataclass(frozen=True)
class Unsupported:
    """A function the real template has but lokisim refuses at parse time."""

    component: str
    feature: str

    def __call__(self, *args: Any) -> Any:
        raise UnsupportedFeature(self.component, self.feature)


def gofunc(*params: str, variadic: str | None = None) -> Callable[[Callable[..., Any]], GoFunc]:
    """Decorate a stand-in with the Go parameter types of the function it mirrors."""

    def wrap(fn: Callable[..., Any]) -> GoFunc:
        return GoFunc(fn, tuple(params), variadic)

    return wrap


def as_gofunc(value: Any) -> GoFunc:
    """A FuncMap entry as GoFunc; plain Python callables take `...interface{}`."""
    if isinstance(value, GoFunc):
        return value
    if callable(value):
        return GoFunc(value, (), IFACE)
    raise TypeError(f"template function {value!r} is not callable")


def can_be_nil(typ: str) -> bool:
    return typ in (IFACE, REFLECT_VALUE) or typ.startswith(NILABLE_PREFIXES)


def _is_str(v: Any) -> bool:
    return type(v) is str


def _is_int(v: Any) -> bool:
    return type(v) is int


def _is_float(v: Any) -> bool:
    return type(v) is float


def _is_bool(v: Any) -> bool:
    return type(v) is bool


def _any(v: Any) -> bool:
    return True


_FAST = {"string": _is_str, "int": _is_int, "float64": _is_float, "bool": _is_bool, IFACE: _any}


def assignable_check(typ: str) -> Callable[[Any], bool]:
    """A predicate: can a held (non-nil) value be passed where Go expects `typ`?"""
    fast = _FAST.get(typ)
    if fast is not None:
        return fast
    if typ == REFLECT_VALUE:
        return _any

    def check(v: Any) -> bool:
        return type_name(v) == typ

    return check
