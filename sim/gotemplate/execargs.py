"""Calls and arguments (exec.go evalCall, evalArg, validateType): arity checks, typed
constants, Go's assignability rules and their error texts."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sim.gotemplate import nodes as n
from sim.gotemplate.builtins import NIL_IFACE
from sim.gotemplate.errors import (
    GoError,
    UnsupportedAtRuntime,
)
from sim.gotemplate.execstate import MISSING, PY_TYPES, Eval, ExecBase, Plan, State
from sim.gotemplate.gotypes import (
    IFACE,
    INT_KINDS,
    REFLECT_VALUE,
    UINT_KINDS,
    is_true,
    type_name,
)
from sim.gotemplate.signature import GoFunc, assignable_check, can_be_nil


class ArgCompiler(ExecBase):
    """Compiles call sites and their arguments."""

    def plan_call(
        self, fn: GoFunc, is_builtin: bool, name: str, args: list[n.Node], method: bool = False
    ) -> Plan:
        """Go's evalCall for one call site: arity check, typed argument evaluation, call."""
        fixed = fn.params
        variadic = fn.variadic
        nargs = len(args)
        types = [
            fixed[i] if i < len(fixed) else (variadic if variadic is not None else IFACE)
            for i in range(nargs)
        ]
        evals = [self.arg(t, a) for t, a in zip(types, args, strict=True)]
        final_check = {}
        for num_in in range(1, nargs + 2):
            if variadic is None:
                if num_in == len(fixed):
                    final_check[num_in] = self.validator(fixed[-1])
            elif num_in >= len(fixed):
                t = fixed[num_in - 1] if num_in - 1 < len(fixed) else variadic
                final_check[num_in] = self.validator(t)
        short = name if is_builtin and name in ("and", "or") else None
        impl = fn.fn

        def run(st: State, dot: Any, node: n.Node, final: Any, receiver: Any) -> Any:
            num_in = nargs + (final is not MISSING)
            if variadic is not None:
                if num_in < len(fixed):
                    raise self.fail(
                        st,
                        f"wrong number of args for {name}: want at least {len(fixed)} got {nargs}",
                    )
            elif num_in != len(fixed):
                raise self.fail(
                    st, f"wrong number of args for {name}: want {len(fixed)} got {num_in}"
                )
            if short is not None:
                v: Any = None
                for ev in evals:
                    v = ev(st, dot)
                    v = None if v is NIL_IFACE else v
                    if is_true(v) == (short == "or"):
                        return v
                return final if final is not MISSING else v
            argv = [ev(st, dot) for ev in evals]
            if final is not MISSING:
                argv.append(final_check[num_in](st, final))
            if method:
                argv.insert(0, receiver)
            try:
                return impl(*argv)
            except GoError as err:
                st.node = node
                raise self.fail(st, f"error calling {name}: {err.message}") from None
            except UnsupportedAtRuntime as err:
                raise self.refuse(st, err) from None

        return run

    # -- arguments -------------------------------------------------------------------------
    def validator(self, typ: str | None) -> Callable[[State, Any], Any]:
        """Go's validateType: may this value be passed as `typ`?"""
        if typ is None:
            return lambda st, v: v
        ok = assignable_check(typ)
        nilable = can_be_nil(typ)
        passthrough = typ == REFLECT_VALUE

        def check(st: State, v: Any) -> Any:
            if v is None:
                if nilable:
                    return None
                raise self.fail(st, f"invalid value; expected {typ}")
            if passthrough:
                return v
            if v is NIL_IFACE:
                if typ == IFACE:
                    return None
                raise self.fail(st, f"wrong type for value; expected {typ}; got interface {{}}")
            if not ok(v):
                raise self.fail(st, f"wrong type for value; expected {typ}; got {type_name(v)}")
            return v

        exact = PY_TYPES.get(typ)
        if exact is None:
            return check

        def fast(st: State, v: Any) -> Any:
            return v if type(v) is exact else check(st, v)

        return fast

    def arg(self, typ: str | None, node: n.Node) -> Eval:
        """Go's evalArg: evaluate an argument node for a parameter of type `typ`."""
        check = self.validator(typ)
        if isinstance(node, n.DotNode):

            def run_dot(st: State, dot: Any) -> Any:
                st.node = node
                return check(st, dot)

            return run_dot
        if isinstance(node, n.NilNode):

            def run_nil(st: State, dot: Any) -> Any:
                st.node = node
                if typ is not None and can_be_nil(typ):
                    return None
                raise self.fail(st, f"cannot assign nil to {typ}")

            return run_nil
        dynamic = self._dynamic(node)
        if dynamic is not None:

            def run_dynamic(st: State, dot: Any) -> Any:
                st.node = node
                return check(st, dynamic(st, dot))

            return run_dynamic
        return self._literal(typ, node)

    def _dynamic(self, node: n.Node) -> Eval | None:
        """Evaluation of a field, variable, pipeline, call or chain argument (Evaluator)."""
        raise NotImplementedError

    def ideal_constant(self, node: n.NumberNode) -> Eval:
        src = node.source
        is_hex_int = (
            len(src) > 2 and src[0] == "0" and src[1] in "xX" and not any(c in "pP" for c in src)
        )
        if (
            node.is_float
            and not is_hex_int
            and not src.startswith("'")
            and any(c in ".eEpP" for c in src)
        ):
            f = node.float64
            value: Any = f
        elif node.is_int:
            value = node.int64
        else:
            msg = f"{src} overflows int" if node.is_uint else None

            def run_bad(st: State, dot: Any) -> Any:
                st.node = node
                if msg is None:
                    return None
                raise self.fail(st, msg)

            return run_bad

        def run(st: State, dot: Any) -> Any:
            st.node = node
            return value

        return run

    def _literal(self, typ: str | None, node: n.Node) -> Eval:
        value: Any
        expected = ""
        if typ in (IFACE, REFLECT_VALUE):
            if isinstance(node, n.NumberNode):
                return self.ideal_constant(node)
            if isinstance(node, (n.BoolNode, n.StringNode)):
                value = node.value
                return self._const(node, value)
        elif typ == "bool":
            if isinstance(node, n.BoolNode):
                return self._const(node, node.value)
            expected = "bool"
        elif typ == "string":
            if isinstance(node, n.StringNode):
                return self._const(node, node.value)
            expected = "string"
        elif typ == "float64":
            if isinstance(node, n.NumberNode) and node.is_float:
                return self._const(node, node.float64)
            expected = "float"
        elif typ in INT_KINDS:
            if isinstance(node, n.NumberNode) and node.is_int:
                return self._const(node, _typed_int(typ, node.int64))
            expected = "integer"
        elif typ in UINT_KINDS:
            if isinstance(node, n.NumberNode) and node.is_uint:
                return self._const(node, _typed_int(typ, node.uint64))
            expected = "unsigned integer"
        msg = f"expected {expected}; found {node.text()}" if expected else None
        if msg is None:
            msg = f"can't handle {node.text()} for arg of type {typ}"

        def run_bad(st: State, dot: Any) -> Any:
            st.node = node
            raise self.fail(st, msg)

        return run_bad

    @staticmethod
    def _const(node: n.Node, value: Any) -> Eval:
        def run(st: State, dot: Any) -> Any:
            st.node = node
            return value

        return run


def _typed_int(typ: str, v: int) -> int:
    from sim.gotemplate import gotypes

    cls = {"int64": gotypes.Int64, "int32": gotypes.Int32, "uint8": gotypes.Uint8}.get(typ)
    cls = cls or {"uint64": gotypes.Uint64}.get(typ)
    return cls(v) if cls is not None else v
