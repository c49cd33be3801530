"""Did a line's non-secret text change, and how to show a change with the secrets masked.

`non_secret_changed` is exact and fast: the stored line keeps the non-secret text iff the
pieces of the original between the secrets appear in it in order, the first as its
prefix and the last as its suffix (whatever replaced each secret in between). Only the
examples shown in the report go through difflib.SequenceMatcher.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

_WINDOW = 360  # characters of an example shown around its first change
_LEAD = 100
_MAX_CHANGES = 6
_BRIDGE = 4  # equal runs shorter than this between two changes read as part of them
_MIN_PIECE = 6  # the shortest piece of a secret a report masks when it survives alone
_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")


def secret_spans(text: str, values: Iterable[str]) -> list[tuple[int, int]]:
    """Merged [start, end) spans of every occurrence of each value in `text`."""
    spans: list[tuple[int, int]] = []
    for value in values:
        if not value:
            continue
        start = text.find(value)
        while start >= 0:
            spans.append((start, start + len(value)))
            start = text.find(value, start + 1)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def non_secret_changed(original: str, stored: str, values: Iterable[str] = ()) -> bool:
    if original == stored:
        return False
    spans = secret_spans(original, values)
    if not spans:
        return True
    pieces: list[str] = []
    cursor = 0
    for start, end in spans:
        pieces.append(original[cursor:start])
        cursor = end
    pieces.append(original[cursor:])
    head, tail = pieces[0], pieces[-1]
    if len(head) + len(tail) > len(stored):
        return True
    if not stored.startswith(head) or not stored.endswith(tail):
        return True
    position, limit = len(head), len(stored) - len(tail)
    for piece in pieces[1:-1]:
        found = stored.find(piece, position, limit)
        if found < 0:
            return True
        position = found + len(piece)
    return False


def mask(text: str, secrets: Iterable[tuple[str, str]]) -> str:
    """`text` with each secret value, and any long piece of one, replaced by a placeholder.

    A value appears as `<kind:N chars>`; what a partial redaction left of it (6 characters
    or more in one piece) as `<kind:N chars left>`, so a report never quotes a secret.
    """
    for kind, value in secrets:
        if not value:
            continue
        text = text.replace(value, f"<{kind}:{len(value)} chars>")
        while True:
            matcher = difflib.SequenceMatcher(None, text, value, autojunk=False)
            piece = matcher.find_longest_match(0, len(text), 0, len(value))
            if piece.size < _MIN_PIECE:
                break
            end = piece.a + piece.size
            text = f"{text[: piece.a]}<{kind}:{piece.size} chars left>{text[end:]}"
    return text


def _first_difference(a: str, b: str) -> int:
    index = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        index += 1
    return index


def _crop(text: str, start: int) -> str:
    end = start + _WINDOW
    return ("…" if start > 0 else "") + text[start:end] + ("…" if end < len(text) else "")


def example(before: str, after: str) -> dict[str, object]:
    """Before and after (already masked), cropped around the first change, with the changes.

    The changes come from a diff over words and single punctuation marks: a character diff
    would pair letters of `***REDACTED***` with letters of the text it replaced.
    """
    start = max(_first_difference(before, after) - _LEAD, 0)
    a = _TOKEN.findall(before[start : start + _WINDOW])
    b = _TOKEN.findall(after[start : start + _WINDOW])
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    changes: list[dict[str, str]] = []
    bridge: tuple[str, str] | None = None  # a short equal run right after the last change
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        kept, put = "".join(a[i1:i2]), "".join(b[j1:j2])
        if tag == "equal":
            bridge = (kept, put) if changes and len(kept) < _BRIDGE else None
        elif bridge is not None:
            changes[-1]["before"] += bridge[0] + kept
            changes[-1]["after"] += bridge[1] + put
            bridge = None
        else:
            changes.append({"before": kept, "after": put})
    return {
        "before": _crop(before, start),
        "after": _crop(after, start),
        "changes": changes[:_MAX_CHANGES],
    }
