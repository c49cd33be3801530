"""Stream fingerprints: xxhash64 over name\\xffvalue\\xff pairs (labels.HashWithoutLabels)."""

from __future__ import annotations

import pytest

from sim.loki.store.fingerprint import labels_fingerprint, xxhash64

# github.com/cespare/xxhash/v2 xxhash_test.go TestSum: the vectors Loki's hash library ships.
VECTORS = [
    (b"", 0xEF46DB3751D8E999),
    (b"a", 0xD24EC4F1A98C6E5B),
    (b"as", 0x1C330FB2D66BE179),
    (b"asd", 0x631C37CE72A97393),
    (b"asdf", 0x415872F599CEA71E),
    (b"Call me Ishmael. Some years ago--never mind how long precisely-", 0x02A2E85470D6FD96),
]


@pytest.mark.parametrize(("data", "expected"), VECTORS)
def test_xxhash64_matches_cespare(data: bytes, expected: int) -> None:
    assert xxhash64(data) == expected


def test_fingerprint_hashes_pairs_with_separators() -> None:
    # labels_slicelabels.go HashWithoutLabels: name, 0xff, value, 0xff for each label.
    assert labels_fingerprint([("a", "1"), ("b", "2")]) == xxhash64(b"a\xff1\xffb\xff2\xff")


def test_fingerprint_skips_metric_name() -> None:
    # HashWithoutLabels always skips MetricName (__name__).
    with_name = labels_fingerprint([("__name__", "logs"), ("a", "1")])
    assert with_name == labels_fingerprint([("a", "1")])
