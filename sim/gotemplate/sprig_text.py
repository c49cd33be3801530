"""Sprig v3.3 string, encoding, hash, regex and path functions (Masterminds/sprig strings.go,
crypto.go, regex.go, functions.go), with sprig's argument order: the piped value comes last."""

from __future__ import annotations

import hashlib
import secrets
import string
import uuid
import zlib
from typing import Any

from sim.golang.strconv import NumError, parse_int
from sim.golang.strconv_quote import quote
from sim.gotemplate import goregexp as rx
from sim.gotemplate import gostd
from sim.gotemplate.errors import GoError
from sim.gotemplate.gocast import strval
from sim.gotemplate.gotypes import IFACE, StrList, StrMap, from_bytes, to_bytes
from sim.gotemplate.signature import GoFunc, gofunc


def _slice_panic(start: int | None, end: int | None, length: int) -> GoError:
    """The runtime panic text of a bad s[start:end] on a string (as safeCall reports it)."""
    if end is not None and end < 0:
        return GoError(f"runtime error: slice bounds out of range [:{end}]")
    if end is not None and end > length:
        return GoError(f"runtime error: slice bounds out of range [:{end}] with length {length}")
    return GoError(
        f"runtime error: slice bounds out of range [{start}:{end if end is not None else length}]"
    )


def _byte_slice(s: str, start: int | None, end: int | None) -> str:
    data = to_bytes(s)
    n = len(data)
    lo = 0 if start is None else start
    hi = n if end is None else end
    if hi < 0 or hi > n or lo < 0 or lo > hi:
        raise _slice_panic(lo, end, n)
    return from_bytes(data[lo:hi])


@gofunc("int", "string")
def trunc(c: int, s: str) -> str:
    """sprig trunc: byte-based; a negative count keeps the tail."""
    n = len(to_bytes(s))
    if c < 0 and n + c > 0:
        return _byte_slice(s, n + c, None)
    if c >= 0 and n > c:
        return _byte_slice(s, None, c)
    return s


@gofunc("int", "int", "string")
def substr(start: int, end: int, s: str) -> str:
    """sprig substr: byte-based, panics like Go's slicing on bad bounds."""
    if start < 0:
        return _byte_slice(s, None, end)
    n = len(to_bytes(s))
    if end < 0 or end > n:
        return _byte_slice(s, start, None)
    return _byte_slice(s, start, end)


@gofunc("int", "string")
def abbrev(width: int, s: str) -> str:
    if width < 4 or s == "" or len(to_bytes(s)) <= width:
        return s
    return _byte_slice(s, None, width - 3) + "..."


def untitle(s: str) -> str:
    """goutils.Uncapitalize: lower-case the first rune of each space-separated word."""
    out, nxt = [], True
    for c in s:
        if gostd.is_space(c):
            nxt = True
            out.append(c)
        elif nxt:
            out.append(gostd.to_lower(c))
            nxt = False
        else:
            out.append(c)
    return "".join(out)


def nospace(s: str) -> str:
    """goutils.DeleteWhiteSpace: walks bytes, so non-ASCII text is re-encoded byte by byte."""
    data = to_bytes(s)
    kept = [chr(b) for b in data if not gostd.is_space(chr(b))]
    return s if len(kept) == len(data) else "".join(kept)


def _quote(*args: Any) -> str:
    return " ".join(quote(strval(a)) for a in args if a is not None)


def _squote(*args: Any) -> str:
    from sim.gotemplate.gofmt import print_v

    return " ".join(f"'{print_v(a)}'" for a in args if a is not None)


def _cat(*args: Any) -> str:
    from sim.gotemplate.gofmt import print_v

    return " ".join(print_v(a) for a in args if a is not None)


def indent(spaces: int, v: str) -> str:
    pad = " " * spaces
    return pad + v.replace("\n", "\n" + pad)


def _split(sep: str, orig: str) -> StrMap:
    return StrMap((f"_{i}", p) for i, p in enumerate(gostd.split(orig, sep)))


def _splitn(sep: str, n: int, orig: str) -> StrMap:
    return StrMap((f"_{i}", p) for i, p in enumerate(gostd.split(orig, sep, n)))


def _atoi(a: str) -> int:
    try:
        return parse_int(a, 10, 64)
    except NumError:
        return 0


def _hex_hash(name: str) -> GoFunc:
    return GoFunc(lambda s: hashlib.new(name, to_bytes(s)).hexdigest(), ("string",))


def _rand(alphabet: str) -> GoFunc:
    def gen(count: int) -> str:
        if count < 0:
            raise GoError("goutils: count must be non-negative")  # never reached in practice
        return "".join(secrets.choice(alphabet) for _ in range(count))

    return GoFunc(gen, ("int",))


def _regex_find_all(regex: str, s: str, n: int, must: bool) -> StrList:
    re = rx.compile_go(regex) if must else rx.must_compile(regex)
    return StrList(s[m[0] : m[1]] for m in rx.all_matches(re, s, n))


def _regex_find(regex: str, s: str, must: bool) -> str:
    re = rx.compile_go(regex) if must else rx.must_compile(regex)
    m = re.search(s, 0)
    return s[m[0] : m[1]] if m else ""


def _regex_match(regex: str, s: str, must: bool) -> bool:
    try:
        return rx.compile_go(regex).search(s, 0) is not None
    except rx.CompileError:
        if must:
            raise
        return False


def _fail(msg: str) -> str:
    raise GoError(msg)


def regex_quote_meta(s: str) -> str:
    """regexp.QuoteMeta."""
    return "".join("\\" + c if c in "\\.+*?()|[]{}^$" else c for c in s)


S2 = ("string", "string")
S3 = ("string", "string", "string")

SPRIG_TEXT: dict[str, GoFunc] = {
    "hello": GoFunc(lambda: "Hello!"),
    "abbrev": abbrev,
    "trunc": trunc,
    "trim": GoFunc(gostd.trim_space, ("string",)),
    "upper": GoFunc(gostd.to_upper, ("string",)),
    "lower": GoFunc(gostd.to_lower, ("string",)),
    "title": GoFunc(gostd.title, ("string",)),
    "untitle": GoFunc(untitle, ("string",)),
    "substr": substr,
    "repeat": GoFunc(lambda count, s: gostd.repeat(s, count), ("int", "string")),
    "trimall": GoFunc(lambda a, b: b.strip(a), S2),
    "trimAll": GoFunc(lambda a, b: b.strip(a), S2),
    "trimSuffix": GoFunc(lambda a, b: b.removesuffix(a), S2),
    "trimPrefix": GoFunc(lambda a, b: b.removeprefix(a), S2),
    "nospace": GoFunc(nospace, ("string",)),
    "randAlphaNum": _rand(string.ascii_letters + string.digits),
    "randAlpha": _rand(string.ascii_letters),
    "randAscii": _rand("".join(chr(c) for c in range(32, 127))),
    "randNumeric": _rand(string.digits),
    "contains": GoFunc(lambda sub, s: sub in s, S2),
    "hasPrefix": GoFunc(lambda sub, s: s.startswith(sub), S2),
    "hasSuffix": GoFunc(lambda sub, s: s.endswith(sub), S2),
    "quote": GoFunc(_quote, (), IFACE),
    "squote": GoFunc(_squote, (), IFACE),
    "cat": GoFunc(_cat, (), IFACE),
    "indent": GoFunc(indent, ("int", "string")),
    "nindent": GoFunc(lambda n, v: "\n" + indent(n, v), ("int", "string")),
    "replace": GoFunc(lambda old, new, src: gostd.replace(src, old, new, -1), S3),
    "plural": GoFunc(lambda one, many, count: one if count == 1 else many, (*S2, "int")),
    "sha1sum": _hex_hash("sha1"),
    "sha256sum": _hex_hash("sha256"),
    "sha512sum": _hex_hash("sha512"),
    "adler32sum": GoFunc(lambda s: str(zlib.adler32(to_bytes(s))), ("string",)),
    "toString": GoFunc(strval, (IFACE,)),
    "atoi": GoFunc(_atoi, ("string",)),
    "split": GoFunc(_split, S2),
    "splitList": GoFunc(lambda sep, orig: StrList(gostd.split(orig, sep)), S2),
    "splitn": GoFunc(_splitn, ("string", "int", "string")),
    "b64enc": GoFunc(gostd.b64encode, ("string",)),
    "b64dec": GoFunc(gostd.b64decode, ("string",)),
    "b32enc": GoFunc(gostd.b32encode, ("string",)),
    "b32dec": GoFunc(gostd.b32decode, ("string",)),
    "base": GoFunc(gostd.path_base, ("string",)),
    "dir": GoFunc(gostd.path_dir, ("string",)),
    "clean": GoFunc(gostd.path_clean, ("string",)),
    "ext": GoFunc(gostd.path_ext, ("string",)),
    "isAbs": GoFunc(lambda p: p.startswith("/"), ("string",)),
    "osBase": GoFunc(gostd.path_base, ("string",)),
    "osClean": GoFunc(gostd.path_clean, ("string",)),
    "osDir": GoFunc(gostd.path_dir, ("string",)),
    "osExt": GoFunc(gostd.path_ext, ("string",)),
    "osIsAbs": GoFunc(lambda p: p.startswith("/"), ("string",)),
    "uuidv4": GoFunc(lambda: str(uuid.uuid4())),
    "fail": GoFunc(_fail, ("string",)),
    "regexMatch": GoFunc(lambda r, s: _regex_match(r, s, False), S2),
    "mustRegexMatch": GoFunc(lambda r, s: _regex_match(r, s, True), S2),
    "regexFindAll": GoFunc(lambda r, s, n: _regex_find_all(r, s, n, False), (*S2, "int")),
    "mustRegexFindAll": GoFunc(lambda r, s, n: _regex_find_all(r, s, n, True), (*S2, "int")),
    "regexFind": GoFunc(lambda r, s: _regex_find(r, s, False), S2),
    "mustRegexFind": GoFunc(lambda r, s: _regex_find(r, s, True), S2),
    "regexReplaceAll": GoFunc(
        lambda r, s, repl: rx.replace_all_string(rx.must_compile(r), s, repl), S3
    ),
    "mustRegexReplaceAll": GoFunc(
        lambda r, s, repl: rx.replace_all_string(rx.compile_go(r), s, repl), S3
    ),
    "regexReplaceAllLiteral": GoFunc(
        lambda r, s, repl: rx.replace_all_literal(rx.must_compile(r), s, repl), S3
    ),
    "mustRegexReplaceAllLiteral": GoFunc(
        lambda r, s, repl: rx.replace_all_literal(rx.compile_go(r), s, repl), S3
    ),
    "regexSplit": GoFunc(lambda r, s, n: StrList(rx.split(rx.must_compile(r), s, n)), (*S2, "int")),
    "mustRegexSplit": GoFunc(
        lambda r, s, n: StrList(rx.split(rx.compile_go(r), s, n)), (*S2, "int")
    ),
    "regexQuoteMeta": GoFunc(regex_quote_meta, ("string",)),
}
