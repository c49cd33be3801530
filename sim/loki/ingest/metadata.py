"""Structured metadata as the distributor rewrites it before storing (distributor.go Push).

Names go through otlptranslator's LabelNamer (every character outside [a-zA-Z0-9] becomes
`_`, a leading digit gets `key_`, a single leading `_` gets `key`); values holding
U+FFFD or bytes that are not UTF-8 have each such character replaced by a space. The pairs
then pass through a Prometheus labels.Builder: sorted by name, pairs with an empty value
dropped, a renamed pair replacing any pair already holding the new name.
"""

from __future__ import annotations

import re

from sim.loki import messages as msg
from sim.loki.push.model import Metadata

_INVALID_NAME_CHARS = re.compile(r"[^a-zA-Z0-9]")
_RUNE_ERRORS = re.compile("[\ufffd\udc80-\udcff]")


class MetadataNameError(ValueError):
    """LabelNamer refused a name; Loki answers 500 with this text."""


def normalize_name(name: str) -> str:
    """otlptranslator LabelNamer{UTF8Allowed: false}.Build."""
    if not name:
        raise MetadataNameError(msg.go_format(msg.LABEL_NAMER_EMPTY, name))
    normalized = _INVALID_NAME_CHARS.sub("_", name)
    if normalized[0].isdigit():
        normalized = "key_" + normalized
    elif normalized.startswith("_") and not normalized.startswith("__"):
        normalized = "key" + normalized
    if normalized != name and set(normalized) == {"_"}:
        raise MetadataNameError(msg.go_format(msg.LABEL_NAMER_INVALID, name, normalized))
    return normalized


def sanitize(metadata: Metadata) -> tuple[Metadata, int]:
    """Rewrite names and values; return the new pairs and how many rewrites were counted."""
    if not metadata:
        return metadata, 0
    base = sorted(metadata, key=lambda pair: pair[0])
    deleted = {name for name, value in base if value == ""}
    added: dict[str, str] = {}
    rewrites = 0

    def set_pair(name: str, value: str) -> None:
        if value == "":
            deleted.add(name)
            added.pop(name, None)
        else:
            added[name] = value

    for name, value in metadata:
        normalized = normalize_name(name)
        if normalized != name:
            deleted.add(name)
            added.pop(name, None)
            set_pair(normalized, value)
            rewrites += 1
        if _RUNE_ERRORS.search(value):
            set_pair(normalized, _RUNE_ERRORS.sub(" ", value))
            rewrites += 1
    if not deleted and not added:
        return tuple(base), rewrites
    kept = [pair for pair in base if pair[0] not in deleted and pair[0] not in added]
    kept.extend(added.items())
    kept.sort(key=lambda pair: pair[0])
    return tuple(kept), rewrites
