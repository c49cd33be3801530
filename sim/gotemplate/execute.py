"""Compiles a parse tree into Python closures that execute as text/template's exec.go does.

Each closure keeps Go's bookkeeping that is visible to users: the node an error is reported
at (`s.at(node)`), the variable stack, the argument type checks and their error texts."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sim.gotemplate import nodes as n
from sim.gotemplate.evaluate import Evaluator
from sim.gotemplate.execstate import BreakSignal, ContinueSignal, State, Walk
from sim.gotemplate.gofmt import print_v
from sim.gotemplate.gotypes import (
    is_true,
)


class Compiler(Evaluator):
    """Turns a parsed template into one callable: run(state, dot) writes the output."""

    # -- walk ----------------------------------------------------------------------
    def walk_list(self, lst: n.ListNode) -> Walk:
        parts = [self.walk(child) for child in lst.nodes]
        if len(parts) == 1:
            return parts[0]

        def run(st: State, dot: Any) -> None:
            for part in parts:
                part(st, dot)

        return run

    def walk(self, node: n.Node) -> Walk:
        if isinstance(node, n.TextNode):
            text = node.value

            def run_text(st: State, dot: Any) -> None:
                st.out.append(text)

            return run_text
        if isinstance(node, n.ActionNode):
            return self.walk_action(node)
        if isinstance(node, (n.IfNode, n.WithNode)):
            return self.walk_if_with(node)
        if isinstance(node, n.RangeNode):
            return self.walk_range(node)
        if isinstance(node, n.BreakNode):
            return self._raiser(BreakSignal)
        if isinstance(node, n.ContinueNode):
            return self._raiser(ContinueSignal)
        raise AssertionError(f"unknown node {node!r}")

    @staticmethod
    def _raiser(exc: type[Exception]) -> Walk:
        def run(st: State, dot: Any) -> None:
            raise exc

        return run

    def walk_action(self, node: n.ActionNode) -> Walk:
        pipe = self.eval_pipeline(node.pipe)
        if node.pipe.decl:

            def run_decl(st: State, dot: Any) -> None:
                st.node = node
                pipe(st, dot)

            return run_decl

        def run(st: State, dot: Any) -> None:
            st.node = node
            v = pipe(st, dot)
            if type(v) is str:
                st.out.append(v)
            elif v is None:
                st.out.append("<no value>")
            else:
                st.out.append(print_v(v))

        return run

    def walk_if_with(self, node: n.BranchNode) -> Walk:
        pipe = self.eval_pipeline(node.pipe)
        body = self.walk_list(node.body)
        else_body = self.walk_list(node.else_body) if node.else_body is not None else None
        is_with = isinstance(node, n.WithNode)

        def run(st: State, dot: Any) -> None:
            st.node = node
            mark = len(st.vars)
            try:
                val = pipe(st, dot)
                if is_true(val):
                    body(st, val if is_with else dot)
                elif else_body is not None:
                    else_body(st, dot)
            finally:
                del st.vars[mark:]

        return run

    def walk_range(self, node: n.RangeNode) -> Walk:
        pipe = self.eval_pipeline(node.pipe)
        body = self.walk_list(node.body)
        else_body = self.walk_list(node.else_body) if node.else_body is not None else None
        decl = [v.ident[0] for v in node.pipe.decl]
        assign = node.pipe.is_assign

        def one(st: State, mark: int, index: Any, elem: Any) -> None:
            if decl:
                if assign:
                    self.set_var(st, decl[0], index if len(decl) > 1 else elem)
                else:
                    st.vars[-1][1] = elem
            if len(decl) > 1:
                if assign:
                    self.set_var(st, decl[1], elem)
                else:
                    st.vars[-2][1] = index
            try:
                body(st, elem)
            except ContinueSignal:
                pass
            finally:
                del st.vars[mark:]

        def run(st: State, dot: Any) -> None:
            st.node = node
            outer = len(st.vars)
            try:
                val = pipe(st, dot)
                mark = len(st.vars)
                if isinstance(val, list):
                    for i, elem in enumerate(val):
                        one(st, mark, i, elem)
                    if val:
                        return
                elif isinstance(val, Mapping):
                    for key in sorted(val):
                        one(st, mark, key, val[key])
                    if val:
                        return
                elif isinstance(val, int) and type(val) is not bool:
                    if len(decl) > 1:
                        raise self.fail(
                            st, f"can't use {print_v(val)} to iterate over more than one variable"
                        )
                    for i in range(int(val)):
                        one(st, mark, None, type(val)(i))
                    if val > 0:
                        return
                elif val is not None:
                    raise self.fail(st, f"range can't iterate over {print_v(val)}")
                if else_body is not None:
                    else_body(st, dot)
            except BreakSignal:
                pass
            finally:
                del st.vars[outer:]

        return run
