"""Runs the LogQL tables the way goyacc's generated parser runs Loki's.

Same order of events as Loki, which users see in error messages: a token is read only when
the state needs one, default reductions happen before a wrong token is noticed, the first
syntax error is reported as "syntax error: unexpected X[, expecting A or B]" (at most four
expected tokens, none when the state would reduce anyway), then yacc's `error` recovery runs
(pop to a state that shifts `error`, drop tokens until one fits) so that later parse-time
errors in semantic actions still surface the way they do in Loki.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from sim.loki.logql.tables import Tables
from sim.loki.logql.tokens import END, ERROR, FIRST_REAL_TOKEN, TOKEN_ORDER, display_name


@dataclass(frozen=True)
class Token:
    """A terminal: goyacc token number, its name in syntax.y, and its semantic value."""

    number: int
    kind: str
    value: Any = None


class TokenSource(Protocol):
    def lex(self) -> Token: ...

    def error(self, message: str) -> None: ...


Reducer = Callable[[str, list[Any]], Any]


def _expected_message(tables: Tables, state: int, token: int) -> str:
    message = "syntax error: unexpected " + display_name(TOKEN_ORDER[token - 1])
    st = tables.states[state]
    expected = sorted(t for t in st.shifts if t >= FIRST_REAL_TOKEN)
    if st.reductions or st.accepts:  # goyacc's exception table, listed after the shifts
        expected += sorted(t for t in st.reductions if t >= FIRST_REAL_TOKEN)
        if st.default:  # "if the default action is to accept or reduce, give up"
            return message
    if not expected or len(expected) > 4:  # "to match Bison, suggest at most four"
        return message
    names = [display_name(TOKEN_ORDER[t - 1]) for t in expected]
    return message + ", expecting " + " or ".join(names)


def parse(tables: Tables, source: TokenSource, reduce: Reducer) -> tuple[bool, Any]:
    """Parse the tokens of `source`; returns (accepted, value of the root rule).

    Syntax errors are reported through `source.error`, as Loki's lexer collects them.
    """
    stack: list[tuple[int, Any]] = [(tables.start, None)]
    lookahead: Token | None = None
    recovering = 0  # goyacc's Errflag: shifts still needed before errors are reported again
    while True:
        state_no = stack[-1][0]
        state = tables.states[state_no]
        if state.reads_lookahead and lookahead is None:
            lookahead = source.lex()
        if lookahead is not None and lookahead.number in state.shifts:
            stack.append((state.shifts[lookahead.number], lookahead))
            lookahead = None
            recovering = max(recovering - 1, 0)
            continue
        action = state.default
        if lookahead is not None and lookahead.number in state.reductions:
            action = state.reductions[lookahead.number]
        elif lookahead is not None and lookahead.number == END and state.accepts:
            return True, stack[-1][1]
        if action:
            production = tables.productions[action]
            cut = len(stack) - production.length
            children = [value for _, value in stack[cut:]]
            del stack[cut:]
            value = reduce(production.action, children)
            stack.append((tables.states[stack[-1][0]].gotos[production.origin], value))
            continue
        if lookahead is None:
            lookahead = source.lex()
        if recovering < 3:
            if recovering == 0:
                source.error(_expected_message(tables, state_no, lookahead.number))
            recovering = 3
            while stack and ERROR not in tables.states[stack[-1][0]].shifts:
                stack.pop()
            if not stack:
                return False, None
            stack.append((tables.states[stack[-1][0]].shifts[ERROR], None))
            continue
        if lookahead.number == END:
            return False, None
        lookahead = None  # still recovering: drop the token and try again
