"""The LALR(1) tables of `logql.lark`, resolved the way goyacc resolves Loki's `syntax.y`.

lark computes the LR(0) states and LALR(1) lookaheads (they depend only on the grammar, which
mirrors syntax.y rule for rule). lark itself resolves every shift/reduce conflict as a shift
and has no yacc precedence, so the actions are decided here with goyacc's rules instead:

* a shift/reduce conflict is decided by precedence when both the token and the rule have one
  (a rule's precedence is that of the *last* terminal in it, as goyacc does); else shift;
* a reduce/reduce conflict keeps the rule written first;
* each state gets goyacc's default reduction (the reduction on the most lookaheads), which yacc
  performs without looking at the next token; no default where `error` can be shifted.

Default reductions matter to users: they decide in which state a syntax error is noticed, and so
the "expecting ..." list and the position in the message.

Checked against Loki's generated syntax.y.go: the same 229 rules and 393 states, the same
exception table, and, run side by side on tens of thousands of generated and mutated token
sequences, the same reductions, the same tokens read and the same error messages.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from importlib import resources

from lark.common import ParserConf
from lark.grammar import Rule
from lark.load_grammar import load_grammar
from lark.parsers.lalr_analysis import LALR_Analyzer

from sim.loki.logql.tokens import END, ERROR, PRECEDENCE, RIGHT, TOKEN_NUMBER, TOKEN_ORDER


@dataclass(frozen=True)
class Production:
    """One grammar rule: `origin: <length symbols>`, built by the action named `action`."""

    origin: str
    length: int
    action: str


@dataclass
class State:
    """What yacc does in one parser state; tokens are goyacc token numbers."""

    shifts: dict[int, int] = field(default_factory=dict)
    reductions: dict[int, int] = field(default_factory=dict)  # exceptions to `default`
    default: int = 0  # production number; 0 means "syntax error"
    accepts: bool = False  # $end accepts the input here
    gotos: dict[str, int] = field(default_factory=dict)

    @property
    def reads_lookahead(self) -> bool:
        """yacc reduces without reading a token in states with nothing else to do."""
        return bool(self.shifts or self.reductions or self.accepts)


@dataclass(frozen=True)
class Tables:
    productions: list[Production]  # index 0 is yacc's `$accept` rule
    states: list[State]
    start: int


def _level(token: str) -> int:
    return PRECEDENCE[token][0] if token in PRECEDENCE else 0


def _rule_level(rule: Rule) -> int:
    terminals = [s.name for s in rule.expansion if s.is_term]
    return _level(terminals[-1]) if terminals else 0


def _number(terminal: str) -> int:
    return (
        END
        if terminal == "$END"
        else TOKEN_NUMBER[terminal.lower() if terminal == "ERROR" else terminal]
    )


def build(grammar_text: str) -> Tables:
    """Compute the tables for `grammar_text` (logql.lark)."""
    grammar, _ = load_grammar(grammar_text, "logql.lark", [], False)  # type: ignore[no-untyped-call]
    _, rules, _ = grammar.compile(["root"], set())
    number = {rule: i + 1 for i, rule in enumerate(rules)}
    analyzer = LALR_Analyzer(ParserConf(rules, {}, ["root"]))
    analyzer.compute_lr0_states()
    analyzer.compute_reads_relations()  # type: ignore[no-untyped-call]
    analyzer.compute_includes_lookback()  # type: ignore[no-untyped-call]
    analyzer.compute_lookaheads()  # type: ignore[no-untyped-call]

    (start_set,) = analyzer.lr0_start_states.values()
    itemsets = [start_set, *sorted(analyzer.lr0_itemsets - {start_set}, key=_stable_key)]
    index = {itemset: i for i, itemset in enumerate(itemsets)}
    accepting = index[
        start_set.transitions[next(s for s in start_set.transitions if s.name == "root")]
    ]

    states = []
    for itemset in itemsets:
        state = State(accepts=index[itemset] == accepting)
        for symbol, target in itemset.transitions.items():
            if symbol.is_term:
                state.shifts[_number(symbol.name)] = index[target]
            else:
                state.gotos[symbol.name] = index[target]
        _resolve(state, itemset, number)
        states.append(state)
    productions = [Production("$accept", 1, "accept")]
    productions += [Production(r.origin.name, len(r.expansion), str(r.alias)) for r in rules]
    return Tables(productions, states, 0)


def _stable_key(itemset: object) -> str:
    # Only the start state's number matters; a stable order keeps the tables reproducible.
    return repr(sorted(str(rp) for rp in itemset.kernel))  # type: ignore[attr-defined]


def _resolve(state: State, itemset: object, number: dict[Rule, int]) -> None:
    """Fill reductions and default for one state, as goyacc's output() and wract() do."""
    lookaheads: dict[int, set[Rule]] = {}
    for terminal, rules in itemset.lookaheads.items():  # type: ignore[attr-defined]
        lookaheads[_number(terminal.name)] = {r for r in rules if r in number}
    reduce_on: dict[int, int] = {}
    for rule in sorted({r for rs in lookaheads.values() for r in rs}, key=number.__getitem__):
        for token in sorted(t for t, rs in lookaheads.items() if rule in rs):
            if token in reduce_on:  # reduce/reduce: the rule written first wins
                reduce_on[token] = min(reduce_on[token], number[rule])
            elif token in state.shifts:
                if _reduce_wins(rule, token):
                    del state.shifts[token]
                    reduce_on[token] = number[rule]
            elif not (token == END and state.accepts):
                reduce_on[token] = number[rule]
    counts = Counter(reduce_on[t] for t in sorted(reduce_on))
    default = max(counts, key=lambda r: counts[r]) if counts else 0
    if ERROR in state.shifts:  # yacc: error recovery needs the error action as the default
        default = 0
    state.default = default
    state.reductions = {t: r for t, r in sorted(reduce_on.items()) if r != default}


def _reduce_wins(rule: Rule, token: int) -> bool:
    name = TOKEN_ORDER[token - 1]
    rule_level, token_level = _rule_level(rule), _level(name)
    if not rule_level or not token_level:
        return False  # unresolved conflict: yacc shifts
    if rule_level == token_level:
        return PRECEDENCE[name][1] != RIGHT
    return rule_level > token_level


TABLES = build(resources.files(__package__).joinpath("logql.lark").read_text(encoding="utf-8"))
