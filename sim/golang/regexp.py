"""Go 1.24 regexp (and grafana/regexp, the same RE2 syntax) on google-re2: compiling with Go's
error texts, and SubexpNames.

Go's parser and C++ RE2 descend from the same design, so C++ RE2 reports the same problem with
the same offending text; only the wording differs, e.g. C++ "missing ): (a" is Go's
"error parsing regexp: missing closing ): `(a`". `\\C` (any byte) is the one construct C++
accepts and Go rejects; it is refused here. Unicode class tables (`\\p{...}`) follow the
RE2 release google-re2 ships, which may name a script Go's tables do not know, or the
other way round. ReplaceAll/Expand/Split live with their caller (sim/gotemplate/goregexp.py);
the collector's byte-level matcher with its literal fast path is sim/agent/stages/goregexp.py.
"""

from __future__ import annotations

from typing import Any

import re2

OPTIONS: Any = re2.Options()
OPTIONS.log_errors = False  # the C++ library would otherwise print every bad pattern

# C++ RE2's wording -> Go regexp/syntax's ErrorCode text.
_GO_CODES = (
    ("invalid escape sequence", "invalid escape sequence"),
    ("missing )", "missing closing )"),
    ("unexpected )", "unexpected )"),
    ("missing ]", "missing closing ]"),
    ("invalid character class range", "invalid character class range"),
    ("invalid character class", "invalid character class"),
    ("bad repetition operator", "invalid nested repetition operator"),
    ("invalid repetition size", "invalid repeat count"),
    ("no argument for repetition operator", "missing argument to repetition operator"),
    ("invalid perl operator", "invalid or unsupported Perl syntax"),
    ("invalid named capture group", "invalid named capture"),
    ("invalid UTF-8", "invalid UTF-8"),
)


class GoRegexpError(ValueError):
    """A pattern Go's regexp.Compile rejects; str() is Go's `error parsing regexp: ...`."""


def go_message(cxx: str, pattern: str) -> str:
    """Go's `error parsing regexp: <code>: `<expr>`` for a C++ RE2 error message."""
    if cxx.startswith("pattern too large"):  # Go checks sizes while parsing, C++ when compiling
        return f"error parsing regexp: expression too large: `{pattern}`"
    if cxx.startswith("trailing \\"):
        return "error parsing regexp: trailing backslash at end of expression: ``"
    for prefix, code in _GO_CODES:
        if cxx.startswith(prefix):
            arg = cxx[len(prefix) :].removeprefix(": ")
            return f"error parsing regexp: {code}: `{arg}`"
    return f"error parsing regexp: {cxx}"


def reject_any_byte(pattern: str) -> None:
    r"""Go has no `\C`; C++ RE2 would accept it."""
    i, quoted = 0, False
    while i < len(pattern) - 1:
        pair = pattern[i : i + 2]
        if quoted:
            quoted = pair != r"\E"
        elif pair == r"\Q":
            quoted = True
        elif pair == r"\C":
            raise GoRegexpError(r"error parsing regexp: invalid escape sequence: `\C`")
        i += 2 if pair[0] == "\\" else 1


def re2_error_text(err: Exception) -> str:
    """The C++ message inside a re2.error (bytes or str)."""
    detail = err.args[0] if err.args else b""
    return detail.decode("utf-8", "replace") if isinstance(detail, bytes) else str(detail)


def compile_go(pattern: str) -> Any:
    """Compile like Go's regexp.Compile; raises GoRegexpError with Go's message."""
    reject_any_byte(pattern)
    try:
        return re2.compile(pattern, OPTIONS)
    except re2.error as err:
        raise GoRegexpError(go_message(re2_error_text(err), pattern)) from None


def capture_names(pattern: str) -> list[str]:
    """Go's SubexpNames()[1:] for a valid pattern: one entry per group, "" when unnamed."""
    names: list[str] = []
    i, in_class, quoted = 0, False, False
    while i < len(pattern):
        if quoted:  # inside \Q...\E everything is literal
            quoted = not pattern.startswith("\\E", i)
            i += 1 if quoted else 2
        elif pattern[i] == "\\":
            quoted = pattern.startswith("\\Q", i)
            i += 2
        elif in_class:
            in_class = pattern[i] != "]"
            i += 1
        elif pattern[i] == "[":  # a ']' right after '[' or '[^' is a literal
            i += 1 + pattern.startswith("^", i + 1)
            i += pattern.startswith("]", i)
            in_class = True
        else:
            if pattern[i] == "(":
                names += _group_name(pattern, i)
            i += 1
    return names


def _group_name(pattern: str, i: int) -> list[str]:
    for opener in ("(?P<", "(?<"):
        if pattern.startswith(opener, i):
            return [pattern[i + len(opener) : pattern.index(">", i)]]
    return [] if pattern.startswith("(?", i) else [""]
