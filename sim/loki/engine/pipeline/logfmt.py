"""`| logfmt` and `| logfmt a="b"` (pkg/logql/log/parser.go and pkg/logql/log/logfmt, v3.6.0).

The decoder is Loki's fork of go-logfmt: it skips a malformed pair and goes on (unless
`--strict`), a key without `=` is a key with an empty value (dropped unless `--keep-empty`),
and only `--strict` turns a syntax error into `__error__="LogfmtParserErr"`.
"""

from __future__ import annotations

from sim.loki.engine.messages import DUPLICATE_SUFFIX, ERR_LOGFMT, ERROR_LABEL
from sim.loki.engine.pipeline.builder import PARSED, LabelsBuilder
from sim.loki.engine.pipeline.logfmt_decode import Decoder
from sim.loki.engine.pipeline.util import (
    Interned,
    add_err_label,
    sanitize_label_key,
    to_str,
    without_rune_error,
)


class LogfmtParser:
    def __init__(self, strict: bool, keep_empty: bool) -> None:
        self.strict = strict
        self.keep_empty = keep_empty
        self.keys = Interned()

    def required_label_names(self) -> list[str]:
        return []

    def process(self, ts: int, line: bytes, lbs: LabelsBuilder) -> bytes | None:
        hints = lbs.hints
        if hints.no_labels():
            return line
        dec = Decoder(line)
        while not dec.eol():
            if not dec.scan_keyval():
                if self.strict:
                    break
                continue
            raw = dec.key or b""

            def name_for(raw: bytes = raw) -> tuple[str, bool]:
                name = sanitize_label_key(to_str(raw), True)
                if not name:
                    return "", False
                if lbs.base_has(name):
                    name += DUPLICATE_SUFFIX
                return (name, True) if hints.should_extract(name) else ("", False)

            key, ok = self.keys.get(raw, name_for)
            if not ok or hints.is_extracted(key):
                continue
            value = without_rune_error(to_str(dec.value or b""))
            if not self.keep_empty and not value:
                continue
            lbs.set(PARSED, key, value)
            if not hints.should_continue_parsing_line(key, lbs):
                return None
            if hints.all_required_extracted():
                break
        if self.strict and dec.err is not None:
            add_err_label(ERR_LOGFMT, dec.err, lbs)
            if not hints.should_continue_parsing_line(ERROR_LABEL, lbs):
                return None
        return line


class LogfmtExpressionParser:
    """`| logfmt a="b"`: every identifier gets a label ("" when the key is missing)."""

    def __init__(self, expressions: dict[str, list[str]], strict: bool) -> None:
        self.expressions = expressions
        self.strict = strict
        self.keys = Interned()
        # fmt.Sprintf("%v", paths...): one key, or Go's %!(EXTRA ...) for more
        self.originals = {ident: _sprintf_v(path) for ident, path in expressions.items()}

    def required_label_names(self) -> list[str]:
        return []

    def process(self, ts: int, line: bytes, lbs: LabelsBuilder) -> bytes | None:
        if not self.expressions:
            return None
        hints = lbs.hints
        if hints.no_labels():
            return line
        for ident in self.expressions:
            if not lbs.base_has(ident):
                lbs.set(PARSED, ident, "")
        dec = Decoder(line)
        while not dec.eol():
            if not dec.scan_keyval():
                if self.strict:
                    break
                continue
            raw = dec.key or b""

            def name_for(raw: bytes = raw) -> tuple[str, bool]:
                name = sanitize_label_key(to_str(raw), True)
                if not name:
                    return "", False
                if name not in self.originals and not hints.should_extract(name):
                    return "", False
                return name, True

            key, ok = self.keys.get(raw, name_for)
            if not ok or (key not in self.originals and hints.is_extracted(key)):
                continue
            value = dec.value or b""
            text = "" if "\ufffd" in value.decode("utf-8", "replace") else to_str(value)
            key = next((i for i, orig in self.originals.items() if key == orig), key)
            if key in self.expressions:
                if lbs.base_has(key):
                    key += DUPLICATE_SUFFIX
                    if hints.is_extracted(key) or not hints.should_extract(key):
                        break
                lbs.set(PARSED, key, text)
                if hints.all_required_extracted():
                    break
        if self.strict and dec.err is not None:
            add_err_label(ERR_LOGFMT, dec.err, lbs)
        return line


def _sprintf_v(path: list[str]) -> str:
    if not path:
        return "%!v(MISSING)"
    extra = ", ".join(f"string={p}" for p in path[1:])
    return path[0] + (f"%!(EXTRA {extra})" if extra else "")
