"""Entry sizes as pkg/util/entry_size.go counts them."""

from __future__ import annotations

from sim.loki.push.model import Entry, entries_size, entry_size, metadata_size


def test_sizes_count_bytes_and_exclude_detected_level():
    # util.StructuredMetadataSize skips ExcludedStructuredMetadataLabels = [detected_level]
    entry = Entry(0, "héllo".encode(), (("k", "vé"), ("detected_level", "info")))
    assert metadata_size(entry.metadata) == 1 + 3
    assert entry_size(entry) == 6 + 4
    assert entries_size([entry, Entry(0, b"ab")]) == 12
