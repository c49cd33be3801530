"""Stream label sets as Loki parses and prints them (pkg/logql/syntax ParseLabels).

ParseLabels is Prometheus' `promql/parser.ParseMetric` followed by a `labels.Builder` pass
that drops empty values; the text of a stream is `labels.Labels.String()`. This module
implements that metric grammar (`name{a="b", "c.d"='e'}`, trailing comma, `#` comments,
"/'/` strings) with the Prometheus lexer's error texts; only the first error is reported,
as ParseErrors.Error() does. Positions are `line:column` in bytes, as Go counts them.
Malformed input outside the braces gets a generic "unexpected ..." text.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from sim.loki.push.gofmt import go_byte_len, go_quote

Labels = tuple[tuple[str, str], ...]
METRIC_NAME = "__name__"

# promql/parser/generated_parser.y: tokens accepted as a metric name
_METRIC_KEYWORDS = {
    "avg", "bottomk", "by", "count", "count_values", "group", "and", "or", "unless", "max",
    "min", "offset", "quantile", "stddev", "stdvar", "sum", "topk", "without", "start", "end",
    "limitk", "limit_ratio", "step",
}  # fmt: skip
_AGGREGATORS = {
    "avg", "bottomk", "count", "count_values", "group", "max", "min", "quantile", "stddev",
    "stdvar", "sum", "topk", "limitk", "limit_ratio",
}  # fmt: skip
_OPERATORS = {"and", "or", "unless", "atan2"}
_KEYWORDS = {"offset", "by", "without", "on", "ignoring", "group_left", "group_right", "bool"}
_SIMPLE_ESCAPES = {"a": 7, "b": 8, "f": 12, "n": 10, "r": 13, "t": 9, "v": 11, "\\": 92}


class LabelsParseError(ValueError):
    """ParseMetric refused the text; str() is Prometheus' `1:4: parse error: ...`."""


class _Token(NamedTuple):
    kind: str  # "{", "}", ",", "=", "op", "ident", "metric", "word", "string", "eof", "error"
    value: str
    pos: int  # index into the text (characters)


def is_legacy_name(name: str) -> bool:
    """model.LabelName.IsValidLegacy: [a-zA-Z_][a-zA-Z0-9_]*."""
    if not name or not (name[0] == "_" or (name[0].isascii() and name[0].isalpha())):
        return False
    return all(c == "_" or (c.isascii() and c.isalnum()) for c in name)


def labels_string(labels: Labels) -> str:
    """labels.Labels.String(): `{a="b", c="d"}`, names quoted when not legacy-valid."""
    parts = []
    for name, value in labels:
        shown = name if is_legacy_name(name) else go_quote(name)
        parts.append(f"{shown}={go_quote(value)}")
    return "{" + ", ".join(parts) + "}"


def has(labels: Labels, name: str) -> bool:
    return any(label == name for label, _ in labels)


def get(labels: Labels, name: str) -> str:
    for label, value in labels:
        if label == name:
            return value
    return ""


def with_label(labels: Labels, name: str, value: str) -> Labels:
    """labels.NewBuilder(ls).Set(name, value).Labels(): replace or insert; "" deletes."""
    kept = [pair for pair in labels if pair[0] != name]
    if value:
        kept.append((name, value))
        kept.sort(key=lambda pair: pair[0])
    return tuple(kept)


def _normalize(pairs: list[tuple[str, str]]) -> Labels:
    """labels.New (sort by name, duplicates kept) then Builder: names with "" are dropped."""
    pairs.sort(key=lambda pair: pair[0])
    emptied = {name for name, value in pairs if value == ""}
    return tuple(pair for pair in pairs if pair[0] not in emptied)


def parse_labels(text: str) -> Labels:
    """syntax.ParseLabels: parse a stream selector text into sorted label pairs."""
    parser = _Parser(text)
    return _normalize(parser.metric())


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = _lex(text)

    def fail(self, token: _Token, message: str) -> LabelsParseError:
        """ParseErr.Error(): `line:column` from byte offsets, then the message."""
        prefix = self.text[: token.pos]
        last_break = prefix.rfind("\n")
        break_at = go_byte_len(prefix[:last_break]) if last_break >= 0 else -1
        line = prefix.count("\n") + 1
        return LabelsParseError(f"{line}:{go_byte_len(prefix) - break_at}: parse error: {message}")

    def next(self) -> _Token:
        token = next(self.tokens)
        if token.kind == "error":
            raise self.fail(token, token.value)
        return token

    def unexpected(self, token: _Token, context: str, expected: str) -> LabelsParseError:
        text = f"unexpected {_describe(token)}"
        if context:
            text += f" in {context}"
        if expected:
            text += f", expected {expected}"
        return self.fail(token, text)

    def metric(self) -> list[tuple[str, str]]:
        token = self.next()
        name = None
        if token.kind in ("ident", "metric") or (
            token.kind == "word" and token.value.lower() in _METRIC_KEYWORDS
        ):
            name, token = token.value, self.next()
        pairs: list[tuple[str, str]] = []
        if token.kind == "{":
            pairs, token = self.label_set(), self.next()
        if token.kind != "eof":
            raise self.unexpected(token, "", "")
        if name is not None:
            pairs = [pair for pair in pairs if pair[0] != METRIC_NAME] + [(METRIC_NAME, name)]
        return pairs

    def label_set(self) -> list[tuple[str, str]]:
        pairs: list[tuple[str, str]] = []
        while True:
            token = self.next()
            if token.kind == "}":
                return pairs
            if token.kind == "ident":
                after = self.next()
                if after.kind != "=":
                    raise self.unexpected(after, "label set", '"="')
                pairs.append((token.value, self.string_value()))
                after = self.next()
            elif token.kind == "string":
                after = self.next()
                if after.kind == "=":
                    pairs.append((_unquote(token.value), self.string_value()))
                    after = self.next()
                else:
                    pairs.append((METRIC_NAME, _unquote(token.value)))
            else:
                raise self.unexpected(token, "label set", 'identifier or "}"')
            if after.kind == "}":
                return pairs
            if after.kind != ",":
                raise self.unexpected(after, "label set", '"," or "}"')

    def string_value(self) -> str:
        token = self.next()
        if token.kind != "string":
            raise self.unexpected(token, "label set", "string")
        return _unquote(token.value)


def _describe(token: _Token) -> str:
    """promql/parser Item.desc()."""
    if token.kind == "eof":
        return "end of input"
    if token.kind == "ident":
        return f"identifier {go_quote(token.value)}"
    if token.kind == "metric":
        return f"metric identifier {go_quote(token.value)}"
    if token.kind == "string":
        shown = (
            go_quote(token.value[:10]) + "..." if len(token.value) > 10 else go_quote(token.value)
        )
        return f"string {shown}"
    if token.kind == "op":
        return f"<op:{token.value}>"
    if token.kind == "word":
        word = token.value.lower()
        if word in _AGGREGATORS:
            return f"<aggr:{token.value}>"
        if word in _OPERATORS:
            return f"<op:{token.value}>"
        if word in _KEYWORDS:
            return f"<{token.value}>"
    return go_quote(token.value)


def _lex(text: str) -> Iterator[_Token]:
    """The Prometheus lexer, reduced to what a metric description can contain."""
    pos, size, braces = 0, len(text), False
    while True:
        while pos < size and text[pos] in " \t\n\r":
            pos += 1
        if text.startswith("#", pos):
            while pos < size and text[pos] not in "\r\n":
                pos += 1
            continue
        if pos >= size:
            if braces:
                yield _Token("error", "unexpected end of input inside braces", pos)
            yield _Token("eof", "", pos)
            return
        char, start = text[pos], pos
        if char in "\"'`":
            end, error = _scan_string(text, pos)
            if error:
                yield _Token("error", error, start)
            yield _Token("string", text[start:end], start)
            pos = end
        elif _is_alpha(char) or (char == ":" and not braces):
            pos += 1
            while pos < size and (_is_alnum(text[pos]) or (text[pos] == ":" and not braces)):
                pos += 1
            yield _Token(_word_kind(text[start:pos], braces), text[start:pos], start)
        elif char == "{":
            if braces:
                yield _Token("error", f"unexpected left brace {go_char(char)}", start)
            braces, pos = True, pos + 1
            yield _Token("{", char, start)
        elif char in "=!":
            token = _lex_equality(text, pos, braces)
            yield token
            pos += len(token.value)
        elif char == "}" and braces:
            braces, pos = False, pos + 1
            yield _Token("}", char, start)
        elif char == ",":
            pos += 1
            yield _Token(",", char, start)
        elif braces:
            yield _Token("error", f"unexpected character inside braces: {go_char(char)}", start)
        elif char in "*/%+-^<>()[]@.0123456789":
            pos += 1
            yield _Token("other", char, start)
        else:
            yield _Token("error", f"unexpected character: {go_char(char)}", start)


def _is_alpha(char: str) -> bool:
    return char == "_" or ("a" <= char <= "z") or ("A" <= char <= "Z")


def _is_alnum(char: str) -> bool:
    return _is_alpha(char) or "0" <= char <= "9"


def _word_kind(word: str, braces: bool) -> str:
    """lexIdentifier inside braces; lexKeywordOrIdentifier outside."""
    if braces:
        return "ident"
    lowered = word.lower()
    if lowered in _AGGREGATORS | _OPERATORS | _KEYWORDS | {"start", "end", "step"}:
        return "word"
    return "metric" if ":" in word else "ident"


def _lex_equality(text: str, pos: int, braces: bool) -> _Token:
    """`=`, `=~`, `==`, `!=`, `!~` as lexInsideBraces / lexStatements read them."""
    char, follow = text[pos], text[pos + 1 : pos + 2]
    if char == "=":
        if follow == "~":
            if braces:
                return _Token("op", "=~", pos)
            return _Token("error", f"unexpected character after '=': {go_char(follow)}", pos)
        if follow == "=" and not braces:
            return _Token("op", "==", pos)
        return _Token("=", "=", pos)
    if follow == "=" or (follow == "~" and braces):
        return _Token("op", char + follow, pos)
    where = " inside braces" if braces else ""
    shown = go_char(follow or "\ufffd")
    return _Token("error", f"unexpected character after '!'{where}: {shown}", pos)


def go_char(char: str) -> str:
    """Go's %q of a rune: single-quoted."""
    quoted = go_quote(char)[1:-1]
    return "'" + ("\\'" if char == "'" else quoted.replace('\\"', '"')) + "'"


def _scan_string(text: str, pos: int) -> tuple[int, str]:
    """lexString / lexRawString: end index past the closing quote, or an error text."""
    quote, index, size = text[pos], pos + 1, len(text)
    while index < size:
        char = text[index]
        if char == "\ufffd" or "\udc80" <= char <= "\udcff":
            return index + 1, "invalid UTF-8 rune"
        if char == quote:
            return index + 1, ""
        if quote != "`" and char == "\n":
            return index, "unterminated quoted string"
        if quote != "`" and char == "\\":
            index, error = _scan_escape(text, index + 1, quote)
            if error:
                return index, error
            continue
        index += 1
    return index, "unterminated raw string" if quote == "`" else "unterminated quoted string"


def _scan_escape(text: str, index: int, quote: str) -> tuple[int, str]:
    """lexEscape: validate one escape sequence starting after the backslash."""
    if index >= len(text):
        return index, "escape sequence not terminated"
    char = text[index]
    if char in _SIMPLE_ESCAPES or char == quote:
        return index + 1, ""
    digits = {"x": (2, 16, 255), "u": (4, 16, 0x10FFFF), "U": (8, 16, 0x10FFFF)}
    if char in digits:
        count, base, limit = digits[char]
        index += 1
    elif char in "01234567":
        count, base, limit = 3, 8, 255
    else:
        return index + 1, f"unknown escape sequence {_go_unicode(char)}"
    value = 0
    for _ in range(count):
        if index >= len(text):
            return index, "escape sequence not terminated"
        try:
            digit = int(text[index], base)
        except ValueError:
            return index, f"illegal character {_go_unicode(text[index])} in escape sequence"
        value, index = value * base + digit, index + 1
    if value > limit or 0xD800 <= value < 0xE000:
        return index, "escape sequence is an invalid Unicode code point"
    return index, ""


def _go_unicode(char: str) -> str:
    """Go's %#U: `U+0078 'x'`, the character shown bare when printable."""
    shown = f" '{char}'" if char.isprintable() else ""
    return f"U+{ord(char):04X}{shown}"


def _unquote(token: str) -> str:
    """strutil.Unquote of an already lexed string token."""
    body = token[1:-1]
    if token[0] == "`" or "\\" not in body:
        return body
    raw = body.encode("utf-8", "surrogateescape")
    out = bytearray()
    index = 0
    while index < len(raw):
        byte = raw[index]
        if byte != 0x5C:  # backslash
            out.append(byte)
            index += 1
            continue
        kind = chr(raw[index + 1])
        index += 2
        if kind in _SIMPLE_ESCAPES:
            out.append(_SIMPLE_ESCAPES[kind])
        elif kind in "'\"":
            out.append(ord(kind))
        elif kind == "x":
            out.append(int(raw[index : index + 2], 16))
            index += 2
        elif kind in "uU":
            width = 4 if kind == "u" else 8
            out += chr(int(raw[index : index + width], 16)).encode()
            index += width
        else:
            out.append(int(raw[index - 1 : index + 2], 8))
            index += 2
    return out.decode("utf-8", "surrogateescape")
