"""time.Duration as sprig and Loki use it: String() and ParseDuration, with Go's texts."""

from __future__ import annotations

from typing import Final

from sim.gotemplate.errors import GoError


def _fmt_frac(v: int, prec: int) -> tuple[str, int]:
    digits = ""
    printed = False
    for _ in range(prec):
        digit = v % 10
        printed = printed or digit != 0
        if printed:
            digits = str(digit) + digits
        v //= 10
    if printed:
        digits = "." + digits
    return digits, v


def duration_string(d: int) -> str:
    """time.Duration.String: 1h2m3.5s, 1.5ms, 0s."""
    if d == 0:
        return "0s"
    neg = d < 0
    u = -d if neg else d
    if u < 1_000_000_000:
        if u < 1000:
            out = f"{u}ns"
        elif u < 1_000_000:
            frac, whole = _fmt_frac(u, 3)
            out = f"{whole}{frac}µs"
        else:
            frac, whole = _fmt_frac(u, 6)
            out = f"{whole}{frac}ms"
    else:
        frac, u = _fmt_frac(u, 9)
        out = f"{u % 60}{frac}s"
        u //= 60
        if u > 0:
            out = f"{u % 60}m" + out
            u //= 60
            if u > 0:
                out = f"{u}h" + out
    return "-" + out if neg else out


_UNITS: Final = {
    "ns": 1,
    "us": 1000,
    "µs": 1000,  # U+00B5
    "μs": 1000,  # U+03BC
    "ms": 1_000_000,
    "s": 1_000_000_000,
    "m": 60_000_000_000,
    "h": 3_600_000_000_000,
}


def time_quote(s: str) -> str:
    out = '"'
    for c in s:
        if ord(c) >= 0x80 or c < " ":
            out += "".join(f"\\x{b:02x}" for b in c.encode("utf-8", "surrogateescape"))
        else:
            out += "\\" + c if c in '"\\' else c
    return out + '"'


def parse_duration(s: str) -> int:
    """time.ParseDuration; raises GoError with Go's message."""
    orig = s
    bad = GoError("time: invalid duration " + time_quote(orig))
    neg = False
    if s and s[0] in "+-":
        neg = s[0] == "-"
        s = s[1:]
    if s == "0":
        return 0
    if s == "":
        raise bad
    total = 0
    while s:
        if not (s[0] == "." or "0" <= s[0] <= "9"):
            raise bad
        i, v = 0, 0
        while i < len(s) and "0" <= s[i] <= "9":
            v = v * 10 + int(s[i])
            if v > 1 << 63:
                raise bad
            i += 1
        pre = i > 0
        s = s[i:]
        frac, scale, post = 0, 1, False
        if s.startswith("."):
            s = s[1:]
            i, overflow = 0, False
            while i < len(s) and "0" <= s[i] <= "9":
                if not overflow:
                    y = frac * 10 + int(s[i])
                    if frac > ((1 << 63) - 1) // 10 or y > 1 << 63:
                        overflow = True
                    else:
                        frac, scale = y, scale * 10
                i += 1
            post = i > 0
            s = s[i:]
        if not pre and not post:
            raise bad
        i = 0
        while i < len(s) and not (s[i] == "." or "0" <= s[i] <= "9"):
            i += 1
        if i == 0:
            raise GoError("time: missing unit in duration " + time_quote(orig))
        unit_name = s[:i]
        s = s[i:]
        unit = _UNITS.get(unit_name)
        if unit is None:
            raise GoError(
                "time: unknown unit " + time_quote(unit_name) + " in duration " + time_quote(orig)
            )
        if v > (1 << 63) // unit:
            raise bad
        v *= unit
        if frac > 0:
            v += int(frac * (unit / float(scale)))
            if v > 1 << 63:
                raise bad
        total += v
        if total > 1 << 63:
            raise bad
    if neg:
        return -total
    if total > (1 << 63) - 1:
        raise bad
    return total


def duration_seconds(d: int) -> float:
    """time.Duration.Seconds, with Go's split into whole seconds and nanoseconds."""
    sec = int(d / 1_000_000_000)
    nsec = d - sec * 1_000_000_000
    return float(sec) + float(nsec) / 1e9
