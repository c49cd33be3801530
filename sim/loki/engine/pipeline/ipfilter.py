"""`|= ip("10.0.0.0/8")` and `| addr = ip("...")` (pkg/logql/log/ip.go, grafana/loki v3.6.0).

The pattern is one address, a CIDR prefix or a `from-to` range, parsed as Go's net/netip and
go4.org/netipx parse them. A line matches when any run of address characters in it parses
as an address inside the pattern (an IPv4 pattern never matches an IPv4-mapped IPv6 address).
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

from sim.loki.engine.messages import ERR_IP_INVALID_OPERATION, ERR_IP_INVALID_PATTERN
from sim.loki.engine.pipeline.builder import LabelsBuilder
from sim.loki.logql.stages import LabelFilterType, LineMatchType
from sim.loki.push.gofmt import go_quote

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
_V4_CHARS = frozenset(b"0123456789.")
_V6_CHARS = frozenset(b"0123456789abcdefABCDEF:.")
_HEX = frozenset(b"0123456789abcdefABCDEF")
_DIGITS = frozenset(b"0123456789")


class IPPatternError(ValueError):
    """str() is Loki's message."""


def parse_addr(text: str) -> Address | None:
    """netip.ParseAddr (None when it fails)."""
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


@dataclass(frozen=True)
class IPMatcher:
    """One of: a single address, a prefix, or an inclusive range."""

    low: Address
    high: Address

    def contains(self, addr: Address) -> bool:
        if addr.version != self.low.version:
            return False
        if isinstance(addr, ipaddress.IPv6Address) and addr.scope_id:
            return self.low == self.high and addr == self.low
        return self.low <= addr <= self.high  # type: ignore[operator]


def _parse_prefix(text: str) -> IPMatcher | None:
    addr_text, slash, bits = text.partition("/")
    if not slash or "%" in addr_text:
        return None
    if not bits or not all(c in "0123456789" for c in bits) or (len(bits) > 1 and bits[0] == "0"):
        return None
    addr = parse_addr(addr_text)
    if addr is None or int(bits) > addr.max_prefixlen:
        return None
    network = ipaddress.ip_network(f"{addr}/{bits}", strict=False)
    return IPMatcher(network.network_address, network.broadcast_address)


def _parse_range(text: str) -> IPMatcher | None:
    low_text, dash, high_text = text.partition("-")
    if not dash:
        return None
    low, high = parse_addr(low_text), parse_addr(high_text)
    if low is None or high is None or low.version != high.version or high < low:  # type: ignore[operator]
        return None
    return IPMatcher(low, high)


def parse_ip_pattern(pattern: str) -> IPMatcher:
    """getMatcher: address, then prefix, then range."""
    addr = parse_addr(pattern)
    if addr is not None:
        return IPMatcher(addr, addr)
    matcher = _parse_prefix(pattern) or _parse_range(pattern)
    if matcher is None:
        raise IPPatternError(f"{ERR_IP_INVALID_PATTERN}: {go_quote(pattern)}")
    return matcher


def _span(line: bytes, start: int, charset: frozenset[int]) -> int:
    i = start
    n = len(line)
    while i < n and line[i] in charset:
        i += 1
    return i - start


def _v4_hint(line: bytes, i: int) -> bool:
    return line[i] in _DIGITS and 0x2E in (line[i + 1], line[i + 2], line[i + 3])


def _v6_hint(line: bytes, i: int) -> bool:
    a, b, c, d, e = line[i : i + 5]
    return (
        (a == 0x3A and b == 0x3A and c in _HEX)
        or (a in _HEX and b == 0x3A)
        or (a in _HEX and b in _HEX and c == 0x3A)
        or (a in _HEX and b in _HEX and c in _HEX and d == 0x3A)
        or (a in _HEX and b in _HEX and c in _HEX and d in _HEX and e == 0x3A)
    )


def line_has_ip(matcher: IPMatcher, line: bytes) -> bool:
    """ipFilter.filter: scan for address-looking runs."""
    n = len(line)
    i = 0
    while i < n:
        charset = None
        if i + 3 < n and _v4_hint(line, i):
            charset = _V4_CHARS
        elif i + 4 < n and _v6_hint(line, i):
            charset = _V6_CHARS
        if charset is not None:
            length = _span(line, i, charset)
            addr = parse_addr(line[i : i + length].decode("ascii"))
            if addr is not None and matcher.contains(addr):
                return True
            i += length
        i += 1
    return False


class IPLineFilter:
    def __init__(self, pattern: str, ty: LineMatchType) -> None:
        if ty not in (LineMatchType.EQUAL, LineMatchType.NOT_EQUAL):
            raise IPPatternError(ERR_IP_INVALID_OPERATION)
        self.matcher = parse_ip_pattern(pattern)
        self.negate = ty is LineMatchType.NOT_EQUAL

    def __call__(self, line: bytes) -> bool:
        return line_has_ip(self.matcher, line) != self.negate


class IPLabelFilter:
    """`| name = ip("...")`: true when the entry already has an error."""

    is_label_filter = True

    def __init__(self, label: str, pattern: str, ty: LabelFilterType) -> None:
        self.label = label
        self.matcher = parse_ip_pattern(pattern)
        self.ty = ty

    def required_label_names(self) -> list[str]:
        return [self.label]

    def process(self, ts: int, line: bytes, lbs: LabelsBuilder) -> bytes | None:
        if lbs.err:
            return line
        value, ok = lbs.get(self.label)
        if not ok:
            return None
        found = line_has_ip(self.matcher, value.encode("utf-8", "surrogateescape"))
        if self.ty is LabelFilterType.EQUAL:
            return line if found else None
        if self.ty is LabelFilterType.NOT_EQUAL:
            return None if found else line
        return None
