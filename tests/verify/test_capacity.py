"""Capacity: the ADR's arithmetic (ADR-loki.md 3.2) on the run's figures."""

from __future__ import annotations

from sim.verify.capacity import ADR_VOLUME_BYTES, capacity_verdict


def test_the_adrs_own_low_estimate_reproduces_its_figures() -> None:
    # ADR 3.2: 5 MB/min -> 7.2 GB/day -> 216 GB in 30 days -> 21.6 GB at 10:1
    result = capacity_verdict(raw_bytes=5_000_000 * 60, stored_bytes=500_000 * 60, duration_s=3600)
    assert result["compression_ratio"] == 10.0
    assert result["raw_30d_bytes"] == 216_000_000_000
    assert result["projected_30d_bytes"] == 21_600_000_000
    assert result["projected_30d_bytes_at_adr_ratio"] == 21_600_000_000
    assert result["fits_volume"] is True
    assert result["arithmetic"][1].startswith("daily: 5.00 MB/min x 1440 min = 7.20 GB/day")


def test_a_poor_ratio_overflows_the_50gi_volume() -> None:
    # 6 MB/min (the homelab scenario's rate) stored at 2:1: 129.6 GB in 30 days
    result = capacity_verdict(raw_bytes=6_000_000, stored_bytes=3_000_000, duration_s=60)
    assert result["compression_ratio"] == 2.0
    assert result["projected_30d_bytes"] == 129_600_000_000
    assert result["projected_30d_bytes"] > ADR_VOLUME_BYTES == 53_687_091_200
    assert result["fits_volume"] is False


def test_unmeasured_disk_gives_no_ratio() -> None:
    result = capacity_verdict(raw_bytes=1000, stored_bytes=None, duration_s=10)
    assert (result["stored_bytes"], result["compression_ratio"], result["fits_volume"]) == (
        0,
        0.0,
        False,
    )
