"""Execution state and the parts of exec.go every evaluator shares: errors worded as Go's
ExecError (location, node text) and the variable stack."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from sim.golang.strconv_quote import quote
from sim.gotemplate import nodes as n
from sim.gotemplate.errors import (
    TemplateExecError,
    UnsupportedAtRuntime,
    UnsupportedTemplateFeature,
)
from sim.gotemplate.signature import GoFunc

PY_TYPES: dict[str, type] = {"string": str, "int": int, "float64": float, "bool": bool}
MISSING: Any = object()  # "no final argument from the pipeline" (Go's missingVal)

Walk = Callable[["State", Any], None]
Eval = Callable[["State", Any], Any]
Command = Callable[["State", Any, Any], Any]
Plan = Callable[["State", Any, n.Node, Any, Any], Any]


class BreakSignal(Exception):
    """{{break}}: leaves the innermost range."""


class ContinueSignal(Exception):
    """{{continue}}: ends the current range iteration."""


class State:
    """One execution: output, variable stack and the node errors are reported at."""

    __slots__ = ("node", "out", "vars")

    def __init__(self, data: Any) -> None:
        self.node: n.Node | None = None
        self.out: list[str] = []
        self.vars: list[list[Any]] = [["$", data]]


class ExecBase:
    """What every compiled closure needs: the template text (for error locations) and the
    function tables."""

    def __init__(
        self, name: str, text: str, funcs: Mapping[str, GoFunc], builtins: Mapping[str, GoFunc]
    ) -> None:
        self.name = name
        self.text = text
        self.funcs = funcs
        self.builtins = builtins
        self.missingkey = "default"

    # -- errors ------------------------------------------------------------------
    def location(self, node: n.Node) -> str:
        before = self.text[: node.pos]
        nl = before.rfind("\n")
        col = len(before[nl + 1 :].encode("utf-8", "surrogateescape"))
        return f"{self.name}:{1 + before.count(chr(10))}:{col}"

    def fail(self, st: State, msg: str) -> TemplateExecError:
        if st.node is None:
            return TemplateExecError(f"template: {self.name}: {msg}")
        where = self.location(st.node)
        return TemplateExecError(
            f"template: {where}: executing {quote(self.name)} at <{st.node.text()}>: {msg}"
        )

    def refuse(self, st: State, err: UnsupportedAtRuntime) -> UnsupportedTemplateFeature:
        line = 1 + self.text.count("\n", 0, st.node.pos) if st.node is not None else 1
        return UnsupportedTemplateFeature(self.name, line, err.component, err.feature)

    # -- variables -------------------------------------------------------------------
    def set_var(self, st: State, name: str, value: Any) -> None:
        for pair in reversed(st.vars):
            if pair[0] == name:
                pair[1] = value
                return
        raise self.fail(st, f"undefined variable: {name}")

    def var_value(self, st: State, name: str) -> Any:
        for pair in reversed(st.vars):
            if pair[0] == name:
                return pair[1]
        raise self.fail(st, f"undefined variable: {name}")
