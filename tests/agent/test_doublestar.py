"""doublestar v4 globs (bmatcuk/doublestar match.go, glob.go), as Promtail uses them."""

from __future__ import annotations

from pathlib import Path

import pytest

from sim.agent.doublestar import BadPattern, filepath_glob, match

# (pattern, name, matches): rows of bmatcuk/doublestar doublestar_test.go matchTests that
# v4's match.go (vendored by Loki v3.6.0) keeps, then the kubelet paths Promtail sees.
MATCHES = [
    ("*", "abc", True),
    ("*", "ab/c", False),
    ("a*/b", "abc/b", True),
    ("a*/b", "a/c/b", False),
    ("a*b*c*d*e*/f", "axbxcxdxe/f", True),
    ("ab[c]", "abc", True),
    ("ab[b-d]", "abc", True),
    ("ab[e-g]", "abc", False),
    ("ab[^c]", "abc", False),
    ("ab[!c]", "abd", True),
    ("a?b", "a/b", False),
    ("a*b", "a/b", False),
    ("a\\*b", "ab", False),
    ("a*b*c*d*e*/f", "axbxcxdxe/xxx/f", False),
    ("a*b?c*x", "abxbbxdbxebxczzx", True),
    ("**", "a/b/c", True),
    ("a/**", "a/b/c", True),
    ("a/**/c", "a/c", True),
    ("a/**/c", "a/b/x/c", True),
    ("a/**/d", "a/b/c", False),
    ("a/{b,c}/d", "a/c/d", True),
    ("a/{b,c}/d", "a/e/d", False),
    (".*", ".hidden", True),
    ("*", ".hidden", True),  # doublestar does not hide dot files
    ("/var/log/pods/*/*/*.log", "/var/log/pods/ns_pod_uid/c/0.log", True),
    ("/var/log/pods/*/*/*.log", "/var/log/pods/ns_pod_uid/c/0.log.20251127-101010", False),
    ("/var/log/pods/*/*/*.log", "/var/log/pods/ns_pod_uid/c/0.log.20251127-101010.gz", False),
]


@pytest.mark.parametrize(("pattern", "name", "expected"), MATCHES)
def test_match(pattern: str, name: str, expected: bool) -> None:
    assert match(pattern, name) is expected


@pytest.mark.parametrize("pattern", ["[", "a[]b", "{a,b", "a\\"])
def test_bad_patterns(pattern: str) -> None:
    with pytest.raises(BadPattern):
        match(pattern, "x")


def test_filepath_glob(tmp_path: Path) -> None:
    for name in (
        "ns_a_1/c/0.log",
        "ns_a_1/c/1.log",
        "ns_b_2/d/0.log",
        "ns_b_2/d/0.log.2025",
        "x.log",
    ):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("")
    root = str(tmp_path)
    assert filepath_glob(f"{root}/*/*/*.log") == [
        f"{root}/ns_a_1/c/0.log",
        f"{root}/ns_a_1/c/1.log",
        f"{root}/ns_b_2/d/0.log",
    ]
    assert filepath_glob(f"{root}/**/0.log") == [f"{root}/ns_a_1/c/0.log", f"{root}/ns_b_2/d/0.log"]
    assert filepath_glob(f"{root}/x.log") == [f"{root}/x.log"]
    assert filepath_glob(f"{root}/missing/*.log") == []
