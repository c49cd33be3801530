"""`| json`, `| json a="b.c"` and `| unpack` (pkg/logql/log/parser.go, grafana/loki v3.6.0).

`| json` flattens nested objects into `outer_inner` labels, ignores arrays and nulls, and on
malformed input keeps the labels it found before the problem and sets `__error__` to
JSONParserErr with jsonparser's message in `__error_details__`. `| unpack` only adds labels
when the object has a packed `_entry`, which becomes the new line.
"""

from __future__ import annotations

from sim.loki.engine.messages import (
    DUPLICATE_SUFFIX,
    ERR_JSON,
    ERR_UNEXPECTED_JSON_OBJECT,
    PACKED_ENTRY_KEY,
)
from sim.loki.engine.pipeline import jsonscan as js
from sim.loki.engine.pipeline.builder import PARSED, LabelsBuilder
from sim.loki.engine.pipeline.jsoneachkey import each_key
from sim.loki.engine.pipeline.util import (
    FoundAllLabels,
    Interned,
    LabelDoesNotMatch,
    add_err_label,
    append_sanitized,
    go_trim_space,
    sanitize_label_key,
    to_str,
    without_rune_error,
)

_SCALARS = (js.STRING, js.NUMBER, js.BOOLEAN)


def read_value(value: bytes, kind: int) -> str:
    """readValue."""
    if kind == js.STRING:
        return unescape_json_string(value)
    if kind == js.NUMBER:
        return to_str(value)
    if kind == js.BOOLEAN:
        return "true" if value == b"true" else "false"
    return ""


def unescape_json_string(value: bytes) -> str:
    """unescapeJSONString: "" for a bad escape, invalid UTF-8 becomes spaces."""
    try:
        return without_rune_error(to_str(js.unescape(value)))
    except js.JSONScanError:
        return ""


class JSONParser:
    def __init__(self) -> None:
        self.keys = Interned()
        self.prefix: list[bytes] = []
        self.lbs: LabelsBuilder | None = None

    def required_label_names(self) -> list[str]:
        return []

    def process(self, ts: int, line: bytes, lbs: LabelsBuilder) -> bytes | None:
        if lbs.hints.no_labels():
            return line
        self.prefix = []
        self.lbs = lbs
        try:
            js.object_each(line, self._member)
        except FoundAllLabels:
            return line
        except LabelDoesNotMatch:
            return None
        except js.JSONScanError as err:
            add_err_label(ERR_JSON, str(err), lbs)
        return line

    def _member(self, key: bytes, value: bytes, kind: int) -> None:
        lbs = self.lbs
        assert lbs is not None
        if kind == js.OBJECT:
            depth = len(self.prefix)
            self.prefix.append(key)
            try:
                if lbs.hints.should_extract_prefix(self._sanitized_prefix()):
                    js.object_each(value, self._member)
            finally:
                del self.prefix[depth:]
            return
        if kind in _SCALARS:
            self._label(key, value, kind, lbs)
        if lbs.hints.all_required_extracted():
            raise FoundAllLabels

    def _sanitized_prefix(self) -> str:
        out = ""
        for i, part in enumerate(self.prefix):
            text = to_str(part)
            if not go_trim_space(text):
                continue
            if i > 0 and out:
                out += "_"
            out = append_sanitized(out, text)
        return out

    def _label(self, key: bytes, value: bytes, kind: int, lbs: LabelsBuilder) -> None:
        hints = lbs.hints
        if not self.prefix:

            def top_level() -> tuple[str, bool]:
                field = sanitize_label_key(to_str(key), True)
                if lbs.base_has(field):
                    field += DUPLICATE_SUFFIX
                return (field, True) if hints.should_extract(field) else ("", False)

            name, ok = self.keys.get(key, top_level)
        else:
            depth = len(self.prefix)
            self.prefix.append(key)
            sanitized = self._sanitized_prefix()

            def nested() -> tuple[str, bool]:
                if lbs.base_has(sanitized):
                    self.prefix[depth] = key + DUPLICATE_SUFFIX.encode()
                full = self._sanitized_prefix()
                return (full, True) if hints.should_extract(full) else ("", False)

            name, ok = self.keys.get(sanitized.encode("utf-8", "surrogateescape"), nested)
            del self.prefix[depth:]
        if not ok or hints.is_extracted(name):
            return
        lbs.set(PARSED, name, read_value(value, kind))
        if not hints.should_continue_parsing_line(name, lbs):
            raise LabelDoesNotMatch


class JSONExpressionParser:
    """`| json a="path"`: every identifier gets a label, "" when the path is missing."""

    def __init__(self, ids: list[str], paths: list[list[str]]) -> None:
        self.ids = ids
        self.paths = paths
        self.keys = Interned()

    def required_label_names(self) -> list[str]:
        return []

    def process(self, ts: int, line: bytes, lbs: LabelsBuilder) -> bytes | None:
        if not line or lbs.hints.no_labels():
            return line
        if line[0] not in b'"{[':
            add_err_label(ERR_JSON, None, lbs)
            return line
        matches = 0

        def found(idx: int, data: bytes, kind: int, err: str | None) -> None:
            nonlocal matches
            if err is not None:
                add_err_label(ERR_JSON, err, lbs)
                return
            ident = self.ids[idx]

            def suffixed() -> tuple[str, bool]:
                return (ident + DUPLICATE_SUFFIX if lbs.base_has(ident) else ident), True

            name, _ = self.keys.get(ident.encode("utf-8", "surrogateescape"), suffixed)
            if kind == js.NULL:
                lbs.set(PARSED, name, "")
            elif kind == js.OBJECT:
                lbs.set(PARSED, name, to_str(data))
            else:
                lbs.set(PARSED, name, unescape_json_string(data))
            matches += 1

        each_key(line, found, self.paths)
        if matches < len(self.ids):
            for ident in self.ids:
                if not lbs.get(ident)[1]:
                    lbs.set(PARSED, ident, "")
        return line


class UnpackParser:
    def __init__(self) -> None:
        self.keys = Interned()

    def required_label_names(self) -> list[str]:
        return []

    def process(self, ts: int, line: bytes, lbs: LabelsBuilder) -> bytes | None:
        if not line or lbs.hints.no_labels():
            return line
        if line[0] != 0x7B:
            add_err_label(ERR_JSON, ERR_UNEXPECTED_JSON_OBJECT, lbs)
            return line
        found: list[tuple[str, str]] = []
        state = {"entry": line, "packed": False}

        def member(key: bytes, value: bytes, kind: int) -> None:
            if kind != js.STRING:
                return
            if key == PACKED_ENTRY_KEY.encode():
                state["entry"] = js.unescape(value)
                state["packed"] = True
                return

            def field() -> tuple[str, bool]:
                name = to_str(key)
                if lbs.base_has(name):
                    name += DUPLICATE_SUFFIX
                return (name, True) if lbs.hints.should_extract(name) else ("", False)

            name, ok = self.keys.get(key, field)
            if ok and not lbs.hints.is_extracted(name):
                found.append((sanitize_label_key(name, True), unescape_json_string(value)))

        try:
            js.object_each(line, member)
        except js.JSONScanError as err:
            add_err_label(ERR_JSON, str(err), lbs)
            return line
        entry = state["entry"]
        assert isinstance(entry, bytes)
        if state["packed"]:
            for name, value in found:
                lbs.set(PARSED, name, value)
                if not lbs.hints.should_continue_parsing_line(name, lbs):
                    return None
        return entry
