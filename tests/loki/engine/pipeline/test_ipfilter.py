"""sim/loki/engine/pipeline/ipfilter.py against grafana/loki v3.6.0 pkg/logql/log/ip_test.go
(Test_IPFilter, Test_IPLabelFilterTy, Test_IPLineFilterTy)."""

from __future__ import annotations

import re

import pytest

from sim.loki.engine.pipeline.ipfilter import (
    IPLabelFilter,
    IPLineFilter,
    IPPatternError,
    line_has_ip,
    parse_ip_pattern,
)
from sim.loki.logql.stages import LabelFilterType, LineMatchType

from .support import builder

BASIC = ["x", "hello world!", ""]


# Test_IPFilter: (pattern, lines, indexes of matching lines)
@pytest.mark.parametrize(
    ("pattern", "lines", "expected"),
    [
        ("192.168.0.1", ["vpn 192.168.0.5 connected to vm", "vpn 192.168.0.1 connected to vm",
                         *BASIC], [1]),
        ("::1", ["vpn ::1 connected to vm", "vpn 192.168.0.1 connected to vm", *BASIC], [0]),
        ("192.168.0.1-192.189.10.12",
         ["vpn 192.168.0.0 connected to vm", "vpn 192.168.0.0 192.168.0.1 connected to vm",
          "vpn 192.172.6.1 connected to vm", "vpn 192.255.255.255 connected to vm", *BASIC],
         [1, 2]),
        ("2001:db8::1-2001:db8::8",
         ["vpn 192.168.0.0 connected to vm", "vpn 2001:db8::2 connected to vm",
          "vpn 2001:db8::9 connected to vm", "vpn 2001:db8::5 connected to vm", *BASIC], [1, 3]),
        ("192.168.4.5/16",
         ["vpn 192.168.0.0 connected to vm", "vpn 192.168.0.1 connected to vm",
          "vpn 192.172.6.1 connected to vm", "vpn 192.168.255.255 connected to vm", *BASIC],
         [0, 1, 3]),
        ("2001:db8::/32",
         ["vpn 2001:db8::1 connected to vm", "vpn 2001:db9::3 connected to vm",
          "vpn 2001:dc8::1 and 2001:db8::2 connected to vm", "vpn 192.168.255.255 connected to vm",
          *BASIC], [0, 2]),
    ],
)  # fmt: skip
def test_ip_filter(pattern, lines, expected):
    matcher = parse_ip_pattern(pattern)
    assert [i for i, line in enumerate(lines) if line_has_ip(matcher, line.encode())] == expected


def test_range_with_spaces_is_invalid():
    # Test_IPFilter "wrong IP range syntax extra space"
    with pytest.raises(
        IPPatternError, match=re.escape('ip: invalid pattern: "192.168.0.1 - 192.189.10.12"')
    ):
        parse_ip_pattern("192.168.0.1 - 192.189.10.12")


# Test_IPLabelFilterTy
@pytest.mark.parametrize(
    ("pattern", "ty", "value", "kept"),
    [
        ("192.168.0.1", LabelFilterType.EQUAL, "192.168.0.1", True),
        ("192.168.0.2", LabelFilterType.NOT_EQUAL, "192.168.0.1", True),
    ],
)
def test_ip_label_filter(pattern, ty, value, kept):
    lbs = builder({"addr": value})
    assert (IPLabelFilter("addr", pattern, ty).process(0, b"x", lbs) is not None) is kept
    assert lbs.err == ""


def test_ip_label_filter_invalid_range():
    # Test_IPLabelFilterTy "pattern-invalid": the range is backwards
    with pytest.raises(IPPatternError, match="ip: invalid pattern"):
        IPLabelFilter("addr", "192.168.0.2-1.0.0.0", LabelFilterType.EQUAL)


# Test_IPLineFilterTy
@pytest.mark.parametrize(
    ("pattern", "ty", "line", "kept", "error"),
    [
        ("192.168.0.1", LineMatchType.EQUAL, "192.168.0.1", True, None),
        ("192.168.0.2", LineMatchType.NOT_EQUAL, "192.168.0.1", True, None),
        ("192.168.0.2", LineMatchType.NOT_REGEXP, "192.168.0.1", None, "ip: invalid operation"),
        ("192.168.0.2", LineMatchType.REGEXP, "192.168.0.1", None, "ip: invalid operation"),
    ],
)
def test_ip_line_filter(pattern, ty, line, kept, error):
    if error:
        with pytest.raises(IPPatternError, match=error):
            IPLineFilter(pattern, ty)
    else:
        assert IPLineFilter(pattern, ty)(line.encode()) is kept
