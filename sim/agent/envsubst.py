"""`-config.expand-env`: drone/envsubst's EvalEnv, as Promtail runs it over the config text.

Outside `${...}` the text is copied with drone/envsubst's escapes: `$$` gives `$`,
`\\\\` gives `\\` and `\\/` gives `/` (so `${1}` in a replace template must be written
`$${1}` to survive expansion). `${NAME}` is the variable (unset: empty); `${NAME:-word}`,
`${NAME=word}`, `${NAME:=word}`, `${NAME:?word}` and `${NAME:+word}` all give the value, or
`word` when the value is empty (drone/envsubst's toDefault, even for `:+` and `:?`);
`${NAME,}` `${NAME,,}` `${NAME^}` `${NAME^^}` change case and `${#NAME}` is the length.
The substring, prefix/suffix-removal and replace forms raise UnsupportedFeature.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from sim.errors import UnsupportedFeature

from . import messages


class EnvsubstError(ValueError):
    """drone/envsubst's parse error; str() is its message."""


def _is_ident(char: str) -> bool:
    return char.isalpha() or char.isdigit() or char == "_"  # unicode.IsLetter/IsDigit


class _Parser:
    def __init__(self, text: str, lookup: Callable[[str], str]) -> None:
        self.text = text
        self.pos = 0
        self.lookup = lookup

    def peek(self) -> str:
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def top(self) -> str:
        out: list[str] = []
        text, n = self.text, len(self.text)
        while self.pos < n:
            char = text[self.pos]
            pair = text[self.pos : self.pos + 2]
            if pair == "${":
                self.pos += 2
                out.append(self.function())
            elif pair in ("$$", "\\\\", "\\/"):
                out.append(pair[1])  # the escape character is dropped, the next one kept
                self.pos += 2
            else:
                out.append(char)
                self.pos += 1
        return "".join(out)

    def name(self) -> str:
        start = self.pos
        while self.pos < len(self.text) and _is_ident(self.text[self.pos]):
            self.pos += 1
        return self.text[start : self.pos]

    def function(self) -> str:
        if self.peek() == "#":
            self.pos += 1
            name = self.name()
            if not name:
                raise EnvsubstError(messages.ENVSUBST_BAD_SUBSTITUTION)
            self.close()
            return str(len(self.lookup(name).encode("utf-8", "surrogateescape")))
        name = self.name()
        if not name:
            raise EnvsubstError(messages.ENVSUBST_PARSE_VARIABLE_NAME)
        following = self.peek()
        value = self.lookup(name)
        if following == "}":
            self.pos += 1
            return value
        if following in ("=", ":"):
            return self.default(name, value)
        if following in (",", "^"):
            return self.casing(value)
        if following in ("/", "#", "%"):
            raise UnsupportedFeature(
                "collector", f"-config.expand-env form ${{{name}{following}...}}"
            )
        raise EnvsubstError(messages.ENVSUBST_MISSING_CLOSING_BRACE)

    def close(self) -> None:
        if self.peek() != "}":
            raise EnvsubstError(messages.ENVSUBST_BAD_SUBSTITUTION)
        self.pos += 1

    def default(self, name: str, value: str) -> str:
        operator = self.text[self.pos : self.pos + 2]
        if operator[:1] == "=":
            self.pos += 1
        elif operator in (":=", ":-", ":?", ":+"):
            self.pos += 2
        else:
            raise UnsupportedFeature("collector", f"-config.expand-env form ${{{name}:offset}}")
        word: list[str] = []
        while True:
            if self.pos >= len(self.text):
                raise EnvsubstError(messages.ENVSUBST_PARSE_FUNC_SUBSTITUTION)
            if self.text.startswith("${", self.pos):
                self.pos += 2
                word.append(self.function())
            elif self.text[self.pos] == "}":
                self.pos += 1
                break
            else:
                start = self.pos
                while self.pos < len(self.text) and self.text[self.pos] != "}":
                    if self.text.startswith("${", self.pos):
                        break
                    self.pos += 1
                word.append(self.text[start : self.pos])
        return value if value or not word else "".join(word)

    def casing(self, value: str) -> str:
        start = self.pos
        while self.pos < len(self.text) and self.text[self.pos] in ",^" and self.pos - start < 2:
            self.pos += 1
        operator = self.text[start : self.pos]
        self.close()
        if operator == ",,":
            return value.lower()
        if operator == "^^":
            return value.upper()
        if operator not in (",", "^") or not value:
            return value
        first = value[0].lower() if operator == "," else value[0].upper()
        return first + value[1:]


def expand_env(text: str, environ: Mapping[str, str]) -> str:
    """The config text after drone/envsubst.EvalEnv with `environ` as the environment."""
    return _Parser(text, lambda name: environ.get(name, "")).top()
