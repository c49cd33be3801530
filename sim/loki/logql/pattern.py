"""The `pattern` parser's expression language (grafana/loki v3.6.0 pkg/logql/log/pattern).

`<name>` is a capture (ASCII letters, digits, `_`, not starting with a digit), `<_>` an
unnamed one, everything else literal text. This module parses and validates; matching lines
is the evaluator's job. Messages are pattern.New's and pattern.ParseLineFilter's.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

_CAPTURE = re.compile(r"<([A-Za-z_][A-Za-z0-9_]*)>")


@dataclass(frozen=True)
class Capture:
    name: str  # "_" for an unnamed capture

    def __str__(self) -> str:
        return f"<{self.name}>"


@dataclass(frozen=True)
class Literal:
    text: str

    def __str__(self) -> str:
        return self.text


Node = Capture | Literal


class PatternError(ValueError):
    """A pattern Loki's pattern package rejects; str() is Loki's message."""


def _parse(text: str) -> list[Node]:
    # Ragel's scanner stops at the first byte that is not UTF-8; the rest is never read.
    valid = next((i for i, c in enumerate(text) if 0xD800 <= ord(c) <= 0xDFFF), len(text))
    text = text[:valid]
    if not text:
        raise PatternError(
            f"parse error at line 1, col {valid + 1}: "
            "syntax error: unexpected $end, expecting IDENTIFIER or LITERAL"
        )
    nodes: list[Node] = []
    i = 0
    while i < len(text):
        if (capture := _CAPTURE.match(text, i)) is not None:
            nodes.append(Capture(capture.group(1)))
            i = capture.end()
            continue
        if nodes and isinstance(nodes[-1], Literal):
            nodes[-1] = Literal(nodes[-1].text + text[i])
        else:
            nodes.append(Literal(text[i]))
        i += 1
    return nodes


def _check_no_consecutive_captures(nodes: list[Node]) -> None:
    for first, second in itertools.pairwise(nodes):
        if isinstance(first, Capture) and isinstance(second, Capture):
            raise PatternError(f"found consecutive capture '{first}{second}': invalid expression")


def named_captures(nodes: list[Node]) -> list[str]:
    return [n.name for n in nodes if isinstance(n, Capture) and n.name != "_"]


def parse_pattern(text: str) -> list[Node]:
    """pattern.New: the `| pattern "..."` parser; needs a named capture, no duplicates."""
    nodes = _parse(text)
    names = named_captures(nodes)
    if not names:
        raise PatternError("at least one capture is required")
    _check_no_consecutive_captures(nodes)
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise PatternError(f"duplicate capture name ({name}): invalid expression")
        seen.add(name)
    return nodes


def parse_line_filter_pattern(text: str) -> list[Node]:
    """pattern.ParseLineFilter: the `|>`/`!>` filters; only `<_>` captures are allowed."""
    if not text:
        return []
    nodes = _parse(text)
    _check_no_consecutive_captures(nodes)
    for node in nodes:
        if isinstance(node, Capture) and node.name != "_":
            raise PatternError(f"named captures are not allowed: found '{node}'")
    return nodes
