"""bmatcuk/doublestar v4 globs, as Promtail matches `__path__` and `__path_exclude__`.

`*` is any run of characters but `/`, `?` one such character, `[abc]`/`[!a-z]`/`[^a-z]`
a class, `{a,b}` alternatives (nestable), `\\` escapes, and a whole `**` component any
number of directories (zero included). Dot files match like any other (doublestar does
not hide them). `filepath_glob` walks the file system as doublestar.FilepathGlob does.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache

_META = frozenset("*?[{\\")


class BadPattern(ValueError):
    """doublestar.ErrBadPattern."""

    def __init__(self) -> None:
        super().__init__("syntax error in pattern")


def _class(pattern: str, i: int) -> tuple[str, int]:
    """A `[...]` class starting at pattern[i] == '[': (regex, index after it)."""
    j = i + 1
    negate = j < len(pattern) and pattern[j] in "!^"
    j += negate
    body: list[str] = []
    first = True
    while j < len(pattern) and (pattern[j] != "]" or first):
        char = pattern[j]
        if char == "\\" and j + 1 < len(pattern):
            j += 1
            char = pattern[j]
        if char == "/":
            raise BadPattern()
        body.append(re.escape(char) if char not in "-" else "-")
        first = False
        j += 1
    if j >= len(pattern) or not body:
        raise BadPattern()
    return ("[^/" if negate else "[") + "".join(body) + "]", j + 1


def _translate(pattern: str, i: int = 0, depth: int = 0) -> tuple[str, int]:
    """Regex for pattern[i:] up to an unmatched `,` or `}` when inside `{...}`."""
    out: list[str] = []
    n = len(pattern)
    while i < n:
        char = pattern[i]
        if depth and char in ",}":
            break
        if char == "*":
            at_start = i == 0 or pattern[i - 1] == "/"
            if pattern.startswith("**", i) and at_start and (i + 2 == n or pattern[i + 2] == "/"):
                if i + 2 == n:
                    out.append(".*")
                    i += 2
                else:
                    out.append("(?:.*/)?")
                    i += 3
                continue
            while i < n and pattern[i] == "*":
                i += 1
            out.append("[^/]*")
            continue
        if char == "?":
            out.append("[^/]")
        elif char == "[":
            regex, i = _class(pattern, i)
            out.append(regex)
            continue
        elif char == "{":
            options: list[str] = []
            i += 1
            while True:
                regex, i = _translate(pattern, i, depth + 1)
                options.append(regex)
                if i >= n:
                    raise BadPattern()
                if pattern[i] == "}":
                    i += 1
                    break
                i += 1  # the ','
            out.append("(?:" + "|".join(options) + ")")
            continue
        elif char == "\\":
            i += 1
            if i >= n:
                raise BadPattern()
            out.append(re.escape(pattern[i]))
        else:
            out.append(re.escape(char))
        i += 1
    return "".join(out), i


@lru_cache(maxsize=1024)
def _compiled(pattern: str) -> re.Pattern[str]:
    regex, end = _translate(pattern)
    if end != len(pattern):
        raise BadPattern()
    return re.compile(f"(?s:{regex})\\Z")


def match(pattern: str, name: str) -> bool:
    """doublestar.Match; raises BadPattern."""
    return _compiled(pattern).match(name) is not None


def _has_meta(part: str) -> bool:
    return any(char in _META for char in part)


def filepath_glob(pattern: str) -> list[str]:
    """doublestar.FilepathGlob: the existing paths (files and directories) matching."""
    pattern = os.path.normpath(pattern) if pattern else pattern
    if not pattern:
        return []
    compiled = _compiled(pattern)
    parts = pattern.split("/")
    fixed: list[str] = []
    for part in parts:
        if _has_meta(part):
            break
        fixed.append(part)
    if len(fixed) == len(parts):
        return [pattern] if os.path.lexists(pattern) else []
    base = "/".join(fixed) or ("/" if pattern.startswith("/") else ".")
    recursive = "**" in pattern
    depth = len(parts) - len(fixed)
    found: list[str] = []
    _walk(base, "" if base == "." else base, compiled, depth, recursive, found)
    return sorted(found)


def _walk(
    directory: str,
    prefix: str,
    compiled: re.Pattern[str],
    depth: int,
    recursive: bool,
    found: list[str],
) -> None:
    if depth <= 0 and not recursive:
        return
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return
    for entry in entries:
        path = f"{prefix.rstrip('/')}/{entry.name}" if prefix else entry.name
        if compiled.match(path):
            found.append(path)
        if entry.is_dir(follow_symlinks=False) and (recursive or depth > 1):
            _walk(entry.path, path, compiled, depth - 1, recursive, found)
