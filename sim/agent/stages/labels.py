"""The `labels` stage (labels.go): extracted values become labels.

Also the label-config rules `structured_metadata` shares: names must be legacy Prometheus
label names, an empty source means "same as the name", and a value is used only if it has
a string form and is valid UTF-8.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import messages
from .base import BuildContext, Entry, ProcessorStage, StageConfigError
from .decode import MAP_PSTRING
from .goconv import NotConvertible, get_string
from .helpers import decode_plain


def is_legacy_label_name(name: str) -> bool:
    """model.LabelName.IsValidLegacy: [a-zA-Z_][a-zA-Z0-9_]*."""
    if not name or not name.isascii():
        return False
    if not (name[0].isalpha() or name[0] == "_"):
        return False
    return all(c.isalnum() or c == "_" for c in name)


def is_valid_utf8(text: str) -> bool:
    """model.LabelValue.IsValid: the text is valid UTF-8 (no lone surrogates)."""
    if text.isascii():
        return True
    try:
        text.encode()
    except UnicodeEncodeError:
        return False
    return True


def labels_config(config: Any) -> dict[str, str]:
    """Decode and validate a LabelsConfig: label name -> extracted source key."""
    decoded = decode_plain(config, MAP_PSTRING)
    if decoded is None:
        raise StageConfigError(messages.ERR_EMPTY_LABEL_STAGE_CONFIG)
    resolved: dict[str, str] = {}
    for name, source in decoded.items():
        if not is_legacy_label_name(name):
            raise StageConfigError(messages.ERR_INVALID_LABEL_NAME.format(name=name), name)
        resolved[name] = source or name
    return resolved


def for_each_label(
    extracted: dict[str, Any], configs: dict[str, str], consume: Callable[[str, str, str], None]
) -> None:
    """processLabelsConfigs: consume(source, label name, value) for each usable value."""
    for name, source in configs.items():
        if source not in extracted:
            continue
        try:
            value = get_string(extracted[source])
        except NotConvertible:
            continue
        if is_valid_utf8(value):
            consume(source, name, value)


class LabelsStage(ProcessorStage):
    name = "labels"

    def __init__(self, configs: dict[str, str]) -> None:
        self._configs = configs

    def apply(self, entry: Entry, now: float) -> None:
        extracted, labels = entry.extracted, entry.labels
        for name, source in self._configs.items():
            if source not in extracted:
                continue
            value = extracted[source]
            if type(value) is not str:
                try:
                    value = get_string(value)
                except NotConvertible:
                    continue
            if is_valid_utf8(value):
                labels[name] = value


def new_labels_stage(config: Any, ctx: BuildContext) -> LabelsStage:
    return LabelsStage(labels_config(config))
