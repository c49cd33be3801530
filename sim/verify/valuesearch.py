"""Which of many literal strings occur anywhere in a large text: one RE2 set pass per group.

RE2::Set answers "which patterns match" in one scan. If its DFA runs out of memory it
answers "none" without an error, so every group also carries a sentinel that is known to
be at the very end of the text: a group whose answer lacks the sentinel is searched again
with plain substring tests. A false "not found" would be a false "not leaked".
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import re2

_SENTINEL = "\x00lokisim-end-of-text\x00"
_GROUP = 256
_MAX_MEM = 256 << 20


def _search_group(blob: str, values: Sequence[str], max_mem: int) -> set[str] | None:
    options = re2.Options()
    options.literal = True
    options.max_mem = max_mem
    options.log_errors = False
    patterns = re2.Set.SearchSet(options)
    try:
        for value in values:
            patterns.Add(value)
        sentinel = patterns.Add(_SENTINEL)
        patterns.Compile()
        hits = patterns.Match(blob) or []
    except re2.error:  # too big to compile within max_mem
        return None
    if sentinel not in hits:
        return None  # the scan gave up part way
    return {values[i] for i in hits if i != sentinel}


def find_present(
    texts: Iterable[str], values: Iterable[str], *, max_mem: int = _MAX_MEM
) -> set[str]:
    """The values that occur (verbatim) in at least one of `texts`."""
    wanted = sorted({v for v in values if v})
    if not wanted:
        return set()
    # '\x00' never occurs in a log line Loki returns; it keeps a value from spanning two texts
    blob = "\x00".join(texts) + _SENTINEL
    present: set[str] = set()
    for start in range(0, len(wanted), _GROUP):
        group = wanted[start : start + _GROUP]
        hits = _search_group(blob, group, max_mem)
        if hits is None:
            hits = {value for value in group if value in blob}
        present |= hits
    return present
