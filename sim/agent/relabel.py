"""Prometheus relabeling (prometheus/prometheus model/relabel/relabel.go, as vendored by Loki 3.6).

`relabel_configs` run once per discovered target, before the target exists. Defaults are
Prometheus's: action `replace`, separator `;`, regex `(.*)` (anchored: `^(?s:...)$`),
replacement `$1`. Regexes are Go's (RE2); `$1`, `${name}` expand as regexp.Expand does.
Label names are valid when non-empty UTF-8 (prometheus/common's UTF8Validation default).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import yaml

from sim.golang.strconv_quote import quote
from sim.gotemplate.errors import GoError
from sim.gotemplate.goregexp import GoRegexp, compile_go, expand, replace_all_string

from . import decode as d
from . import messages
from .yamlnode import is_null

ACTIONS = (
    "replace",
    "keep",
    "drop",
    "hashmod",
    "labelmap",
    "labeldrop",
    "labelkeep",
    "lowercase",
    "uppercase",
    "keepequal",
    "dropequal",
)
DEFAULT_REGEX = "(.*)"
DEFAULT_REPLACEMENT = "$1"
DEFAULT_SEPARATOR = ";"


def anchored(pattern: str) -> GoRegexp:
    """relabel.NewRegexp: the pattern anchored at both ends, `.` matching newlines."""
    return compile_go(f"^(?s:{pattern})$")


@dataclass(frozen=True, slots=True)
class RelabelConfig:
    source_labels: tuple[str, ...] = ()
    separator: str = DEFAULT_SEPARATOR
    regex: str = DEFAULT_REGEX
    regex_is_default: bool = True  # Go compares the default Regexp by pointer
    modulus: int = 0
    target_label: str = ""
    replacement: str = DEFAULT_REPLACEMENT
    action: str = "replace"

    @property
    def compiled(self) -> GoRegexp:
        return anchored(self.regex)


def _valid_name(name: str) -> bool:
    return name != ""  # UTF8Validation: any non-empty UTF-8 text


def _label_name(node: yaml.Node, where: d.Where) -> str:
    name = d.string(node, where)
    if not _valid_name(name):
        raise where.fail(messages.INVALID_LABEL_NAME.format(name=quote(name)))
    return name


def _regex(node: yaml.Node, where: d.Where) -> str | None:
    if is_null(node):
        return None
    pattern = d.string(node, where)
    try:
        anchored(pattern)
    except GoError as err:
        raise where.fail(err.message) from None
    return pattern


def _action(node: yaml.Node, where: d.Where) -> str:
    text = d.string(node, where)
    if text.lower() not in ACTIONS:
        raise where.fail(messages.RELABEL_UNKNOWN_ACTION.format(action=quote(text)))
    return text.lower()


RELABEL_STRUCT = d.Struct(
    "relabel.plain",
    {
        "source_labels": d.sequence(_label_name, "model.LabelNames"),
        "separator": d.string,
        "regex": _regex,
        "modulus": d.integer("uint64", unsigned=True),
        "target_label": d.string,
        "replacement": d.string,
        "action": _action,
    },
)


def decode_relabel_config(node: yaml.Node, where: d.Where) -> RelabelConfig:
    """relabel.Config.UnmarshalYAML: defaults, the YAML over them, then Validate()."""
    fields = RELABEL_STRUCT(node, where)
    regex = fields.get("regex", DEFAULT_REGEX)
    config = RelabelConfig(
        source_labels=tuple(fields.get("source_labels", ())),
        separator=fields.get("separator", DEFAULT_SEPARATOR),
        regex="" if regex is None else regex,
        regex_is_default="regex" not in fields,
        modulus=fields.get("modulus", 0),
        target_label=fields.get("target_label", ""),
        replacement=fields.get("replacement", DEFAULT_REPLACEMENT),
        action=fields.get("action", "replace"),
    )
    problem = validate(config)
    if problem:
        raise where.fail(problem)
    return config


def validate(c: RelabelConfig) -> str:
    """relabel.Config.Validate's message, or "" when the config is valid."""
    action = c.action
    needs_target = ("replace", "hashmod", "lowercase", "uppercase", "keepequal", "dropequal")
    if not action:
        return messages.RELABEL_ACTION_EMPTY
    if c.modulus == 0 and action == "hashmod":
        return messages.RELABEL_HASHMOD_MODULUS
    if action in needs_target and c.target_label == "":
        return messages.RELABEL_REQUIRES_TARGET.format(action=action)
    invalid_target = messages.RELABEL_INVALID_TARGET.format(
        target=quote(c.target_label), action=action
    )
    if action == "replace" and not _valid_name(c.target_label):
        return invalid_target
    case_or_equal = ("lowercase", "uppercase", "keepequal", "dropequal")
    if action in case_or_equal and not _valid_name(c.target_label):
        return invalid_target
    if action in case_or_equal and c.replacement != DEFAULT_REPLACEMENT:
        return messages.RELABEL_NO_REPLACEMENT.format(action=action)
    if action == "labelmap" and not _valid_name(c.replacement):
        return messages.RELABEL_INVALID_REPLACEMENT.format(
            replacement=quote(c.replacement), action=action
        )
    if action == "hashmod" and not _valid_name(c.target_label):
        return invalid_target
    if action in ("dropequal", "keepequal") and (
        not c.regex_is_default or c.modulus != 0 or c.separator != DEFAULT_SEPARATOR
    ):
        return messages.RELABEL_EQUAL_ONLY.format(action=action)
    if action in ("labeldrop", "labelkeep") and (
        c.source_labels
        or c.target_label
        or c.modulus != 0
        or c.separator != DEFAULT_SEPARATOR
        or c.replacement != DEFAULT_REPLACEMENT
    ):
        return messages.RELABEL_LABEL_ONLY.format(action=action)
    return ""


def process(labels: dict[str, str], configs: list[RelabelConfig]) -> dict[str, str] | None:
    """relabel.Process: the relabeled set, or None when a rule drops the target."""
    out = dict(labels)
    for config in configs:
        if not _relabel(config, out):
            return None
    return out


def _set(labels: dict[str, str], name: str, value: str) -> None:
    if value == "":
        labels.pop(name, None)  # labels.Builder.Set: an empty value deletes
    else:
        labels[name] = value


def _relabel(c: RelabelConfig, lb: dict[str, str]) -> bool:
    value = c.separator.join(lb.get(name, "") for name in c.source_labels)
    action = c.action
    if action == "drop":
        return c.compiled.prog.search(value, 0) is None
    if action == "keep":
        return c.compiled.prog.search(value, 0) is not None
    if action == "dropequal":
        return lb.get(c.target_label, "") != value
    if action == "keepequal":
        return lb.get(c.target_label, "") == value
    if action == "replace":
        _replace(c, lb, value)
    elif action == "lowercase":
        _set(lb, c.target_label, value.lower())
    elif action == "uppercase":
        _set(lb, c.target_label, value.upper())
    elif action == "hashmod":
        digest = hashlib.md5(value.encode("utf-8", "surrogateescape")).digest()
        _set(lb, c.target_label, str(int.from_bytes(digest[8:], "big") % c.modulus))
    else:
        _by_name(c, lb)
    return True


def _replace(c: RelabelConfig, lb: dict[str, str], value: str) -> None:
    if value == "" and c.regex_is_default and "$" not in c.target_label + c.replacement:
        _set(lb, c.target_label, c.replacement)  # the fast path: no regex at all
        return
    regex = c.compiled
    match = regex.search(value, 0)
    if match is None:
        return
    target = expand(regex, c.target_label, value, match)
    if not _valid_name(target):
        return
    result = expand(regex, c.replacement, value, match)
    if result == "":
        lb.pop(target, None)
    else:
        lb[target] = result


def _by_name(c: RelabelConfig, lb: dict[str, str]) -> None:
    """labelmap, labeldrop, labelkeep: over the names present before the rule ran."""
    regex = c.compiled
    for name, label_value in sorted(lb.items()):  # labels.Builder.Range: sorted names
        matched = regex.prog.search(name, 0) is not None
        if c.action == "labelmap" and matched:
            _set(lb, replace_all_string(regex, name, c.replacement), label_value)
        elif (c.action == "labeldrop" and matched) or (c.action == "labelkeep" and not matched):
            lb.pop(name, None)
