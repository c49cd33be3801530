"""Pipelines, commands, fields and variables (exec.go evalPipeline, evalCommand, evalField)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from sim.golang.strconv_quote import quote
from sim.gotemplate import nodes as n
from sim.gotemplate.builtins import NIL_IFACE
from sim.gotemplate.errors import (
    UnsupportedAtRuntime,
)
from sim.gotemplate.execargs import ArgCompiler
from sim.gotemplate.execstate import MISSING, Command, Eval, Plan, State
from sim.gotemplate.gotypes import (
    StrMap,
    type_name,
)
from sim.gotemplate.methods import method_of


class Evaluator(ArgCompiler):
    """Compiles pipelines, commands, field chains and variable references."""

    # -- pipelines and commands -------------------------------------------------------
    def eval_pipeline(self, pipe: n.PipeNode) -> Eval:
        cmds = [self.command(cmd) for cmd in pipe.cmds]
        names = [v.ident[0] for v in pipe.decl]
        assign = pipe.is_assign
        if len(cmds) == 1 and not names:
            only = cmds[0]

            def run_one(st: State, dot: Any) -> Any:
                st.node = pipe
                v = only(st, dot, MISSING)
                return None if v is NIL_IFACE else v

            return run_one

        def run(st: State, dot: Any) -> Any:
            st.node = pipe
            value = MISSING
            for cmd in cmds:
                value = cmd(st, dot, value)
                if value is NIL_IFACE:
                    value = None
            for name in names:
                if assign:
                    self.set_var(st, name, value)
                else:
                    st.vars.append([name, value])
            return value

        return run

    def not_a_function(self, st: State, args: list[n.Node], final: Any) -> None:
        if len(args) > 1 or final is not MISSING:
            raise self.fail(st, f"can't give argument to non-function {args[0].text()}")

    def command(self, cmd: n.CommandNode) -> Command:
        first = cmd.args[0]
        args = cmd.args
        if isinstance(first, n.FieldNode):
            chain = self.field_chain(first, first.ident, args)

            def run_field(st: State, dot: Any, final: Any) -> Any:
                st.node = first
                return chain(st, dot, dot, final)

            return run_field
        if isinstance(first, n.ChainNode):
            return self.chain_command(first, args)
        if isinstance(first, n.IdentifierNode):
            return self.function_call(first, cmd, args)
        if isinstance(first, n.PipeNode):
            inner = self.eval_pipeline(first)

            def run_pipe(st: State, dot: Any, final: Any) -> Any:
                self.not_a_function(st, args, final)
                return inner(st, dot)

            return run_pipe
        if isinstance(first, n.VariableNode):
            return self.variable(first, args)
        value = self.constant(first)

        def run_constant(st: State, dot: Any, final: Any) -> Any:
            st.node = first
            self.not_a_function(st, args, final)
            return value(st, dot)

        return run_constant

    def constant(self, node: n.Node) -> Eval:
        if isinstance(node, n.BoolNode):
            b = node.value
            return lambda st, dot: b
        if isinstance(node, n.DotNode):
            return lambda st, dot: dot
        if isinstance(node, n.StringNode):
            s = node.value
            return lambda st, dot: s
        if isinstance(node, n.NumberNode):
            return self.ideal_constant(node)

        def run_nil(st: State, dot: Any) -> Any:
            raise self.fail(st, "nil is not a command")

        return run_nil

    def variable(self, node: n.VariableNode, args: list[n.Node] | None) -> Command:
        name = node.ident[0]
        if len(node.ident) == 1:

            def run_var(st: State, dot: Any, final: Any) -> Any:
                st.node = node
                value = self.var_value(st, name)
                if args is not None:
                    self.not_a_function(st, args, final)
                return value

            return run_var
        chain = self.field_chain(node, node.ident[1:], args)

        def run(st: State, dot: Any, final: Any) -> Any:
            st.node = node
            return chain(st, dot, self.var_value(st, name), final)

        return run

    def chain_command(self, node: n.ChainNode, args: list[n.Node] | None) -> Command:
        if isinstance(node.node, n.NilNode):

            def run_nil(st: State, dot: Any, final: Any) -> Any:
                st.node = node
                raise self.fail(st, f"indirection through explicit nil in {node.text()}")

            return run_nil
        receiver = self.arg(None, node.node)
        chain = self.field_chain(node, node.fields, args)

        def run(st: State, dot: Any, final: Any) -> Any:
            st.node = node
            return chain(st, dot, receiver(st, dot), final)

        return run

    # -- fields ------------------------------------------------------------------------
    def field_chain(
        self, node: n.Node, ident: list[str], args: list[n.Node] | None
    ) -> Callable[[State, Any, Any, Any], Any]:
        steps = [self.field(node, name, None) for name in ident[:-1]]
        last = self.field(node, ident[-1], args)
        if not steps:
            return last

        def run(st: State, dot: Any, receiver: Any, final: Any) -> Any:
            for step in steps:
                receiver = step(st, dot, receiver, MISSING)
            return last(st, dot, receiver, final)

        return run

    def field(
        self, node: n.Node, name: str, args: list[n.Node] | None
    ) -> Callable[[State, Any, Any, Any], Any]:
        nargs = len(args) if args else 0
        quoted = quote(name)
        plans: dict[int, Plan] = {}

        def run(st: State, dot: Any, receiver: Any, final: Any) -> Any:
            if receiver is None:
                if self.missingkey == "error":
                    raise self.fail(st, f"nil data; no entry for key {quoted}")
                return None
            cls = type(receiver)
            if cls is dict or cls is StrMap or isinstance(receiver, Mapping):
                if nargs > 1 or final is not MISSING:
                    raise self.fail(st, f"{name} is not a method but has arguments")
                try:
                    value = receiver[name]
                except KeyError:
                    if self.missingkey == "zero":
                        return "" if type(receiver) is StrMap else None
                    if self.missingkey == "error":
                        raise self.fail(st, f"map has no entry for key {quoted}") from None
                    return None
                return NIL_IFACE if value is None else value
            if receiver is NIL_IFACE:
                raise self.fail(st, f"nil pointer evaluating interface {{}}.{name}")
            try:
                method = method_of(receiver, name)
            except UnsupportedAtRuntime as err:
                raise self.refuse(st, err) from None
            if method is not None:
                plan = plans.get(id(method))
                if plan is None:
                    plan = plans[id(method)] = self.plan_call(
                        method, False, name, args[1:] if args else [], method=True
                    )
                return plan(st, dot, node, final, receiver)
            raise self.fail(st, f"can't evaluate field {name} in type {type_name(receiver)}")

        return run

    # -- calls and dynamic arguments ----------------------------------------------------
    def function_call(
        self, ident: n.IdentifierNode, cmd: n.Node, args: list[n.Node] | None
    ) -> Command:
        name = ident.ident
        fn = self.funcs.get(name)
        builtin = fn is None
        if fn is None:
            fn = self.builtins[name]
        plan = self.plan_call(fn, builtin, name, args[1:] if args else [])

        def run(st: State, dot: Any, final: Any) -> Any:
            st.node = ident
            return plan(st, dot, cmd, final, None)

        return run

    def _dynamic(self, node: n.Node) -> Eval | None:
        if isinstance(node, n.FieldNode):
            chain = self.field_chain(node, node.ident, [node])

            def run_field(st: State, dot: Any) -> Any:
                st.node = node
                return chain(st, dot, dot, MISSING)

            return run_field
        if isinstance(node, n.VariableNode):
            var = self.variable(node, None)
            return lambda st, dot: var(st, dot, MISSING)
        if isinstance(node, n.PipeNode):
            return self.eval_pipeline(node)
        if isinstance(node, n.IdentifierNode):
            call = self.function_call(node, node, None)
            return lambda st, dot: call(st, dot, MISSING)
        if isinstance(node, n.ChainNode):
            chained = self.chain_command(node, None)
            return lambda st, dot: chained(st, dot, MISSING)
        return None
