"""`| regexp "..."`, `| pattern "..."` and the `|>` / `!>` line filters (v3.6.0
pkg/logql/log/parser.go and pkg/logql/log/pattern/pattern.go).

A pattern matches greedily from the left: each literal is found with a plain substring
search after the previous one, a capture takes what lies between, and a pattern that runs
out of literals still returns the captures it has.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sim.loki.engine.messages import DUPLICATE_SUFFIX
from sim.loki.engine.pipeline.builder import PARSED, LabelsBuilder
from sim.loki.engine.pipeline.util import Interned, sanitize_label_key, to_bytes, to_str
from sim.loki.logql.pattern import Capture, Literal, Node

# A compiled pattern: literals as bytes, captures as names ("_" for an unnamed one).
Part = tuple[bool, bytes | str]


def compile_pattern(nodes: Sequence[Node]) -> list[Part]:
    """(True, literal bytes) or (False, capture name) per node."""
    out: list[Part] = []
    for node in nodes:
        if isinstance(node, Literal):
            out.append((True, to_bytes(node.text)))
        else:
            assert isinstance(node, Capture)
            out.append((False, node.name))
    return out


def pattern_matches(parts: Sequence[Part], line: bytes) -> list[bytes]:
    """Matcher.Matches: the values of the named captures, in order."""
    if not line or not parts:
        return []
    captures: list[bytes] = []
    i = 0
    first_is_literal, first = parts[0]
    if first_is_literal:
        assert isinstance(first, bytes)
        if not line.startswith(first):
            return []
        line = line[len(first) :]
        i = 1
    if i == len(parts):
        return []
    while i < len(parts):
        name = parts[i][1]
        named = name != "_"
        if i + 1 == len(parts):  # ends on a capture
            if named:
                captures.append(line)
            return captures
        literal = parts[i + 1][1]
        assert isinstance(literal, bytes)
        i += 2
        at = line.find(literal)
        if at == -1:
            if named:
                captures.append(line)
            return captures
        if named:
            captures.append(line[:at])
        line = line[at + len(literal) :]
    return captures


def pattern_test(parts: Sequence[Part], line: bytes) -> bool:
    """Matcher.Test, the `|>` line filter."""
    if not line or not parts:
        return not line and not parts
    offset = 0
    for i, (is_literal, literal) in enumerate(parts):
        if not is_literal:
            continue
        assert isinstance(literal, bytes)
        at = line.find(literal, offset)
        if at == -1:
            return False
        if i != 0 and at == offset:
            return False
        offset = at + len(literal)
    ends_on_capture = not parts[-1][0]
    return ends_on_capture == (offset != len(line))


class RegexpParser:
    def __init__(self, regex: Any, names: Sequence[str]) -> None:
        self.regex = regex
        self.names = {i + 1: name for i, name in enumerate(names) if name}
        self.keys = Interned()

    def required_label_names(self) -> list[str]:
        return []

    def process(self, ts: int, line: bytes, lbs: LabelsBuilder) -> bytes | None:
        match = self.regex.search(line)
        if match is None:
            return line
        hints = lbs.hints
        for index, name in self.names.items():

            def label_name(name: str = name) -> tuple[str, bool]:
                key = sanitize_label_key(name, True)
                if not key:
                    return "", False
                if lbs.base_has(key):
                    key += DUPLICATE_SUFFIX
                return (key, True) if hints.should_extract(key) else ("", False)

            key, ok = self.keys.get(to_bytes(name), label_name)
            if not ok or hints.is_extracted(key):
                continue
            lbs.set(PARSED, key, to_str(match.group(index) or b""))
            if not hints.should_continue_parsing_line(key, lbs):
                return None
        return line


class PatternParser:
    def __init__(self, nodes: Sequence[Node]) -> None:
        self.parts = compile_pattern(nodes)
        self.names = [str(name) for is_lit, name in self.parts if not is_lit and name != "_"]

    def required_label_names(self) -> list[str]:
        return []

    def process(self, ts: int, line: bytes, lbs: LabelsBuilder) -> bytes | None:
        hints = lbs.hints
        if hints.no_labels():
            return line
        for name, value in zip(self.names, pattern_matches(self.parts, line), strict=False):
            if lbs.base_has(name):
                name += DUPLICATE_SUFFIX
            if hints.is_extracted(name) or not hints.should_extract(name):
                continue
            lbs.set(PARSED, name, to_str(value))
            if not hints.should_continue_parsing_line(name, lbs):
                return None
        return line
