"""The capacity verdict: bytes written vs bytes on Loki's disk, projected over 30 days.

Follows the ADR's own arithmetic (ADR-loki.md 3.2): rate per minute x 1440 = per day,
x 30 = the retention window, / compression ratio = stored, against the 50 Gi volume. Its
units are decimal (5 MB/min x 1440 = 7.2 GB/day, which it rounds to 7); the volume is
binary (50 Gi). A short run's data dir is mostly WAL and index, not compressed chunks, so
the observed ratio is a floor, not an estimate; the report says so.
"""

from __future__ import annotations

from typing import Any

GB = 1_000_000_000
MB = 1_000_000
ADR_VOLUME_BYTES = 50 * 1024**3  # ADR 3.2: "Recommended PVC Size: 50Gi"
RETENTION_DAYS = 30  # ADR 3.3: retention_period 720h
ADR_RATIO = 10.0  # ADR 3.2: "Compression ratio: 10:1 (typical for text logs)"
# ADR 3.2's figures, as written there.
ADR_FIGURES = {
    "rate_mb_per_min": [5, 10],
    "daily_gb": [7, 14],
    "raw_30d_gb": [210, 420],
    "compression_ratio": ADR_RATIO,
    "stored_30d_gb": [21, 42],
    "volume": "50Gi",
}


def capacity_verdict(raw_bytes: int, stored_bytes: int | None, duration_s: float) -> dict[str, Any]:
    seconds = max(duration_s, 1e-9)
    per_min = raw_bytes / seconds * 60
    daily = per_min * 1440
    raw_30d = daily * RETENTION_DAYS
    stored = stored_bytes or 0
    ratio = raw_bytes / stored if stored else 0.0
    projected = int(stored / seconds * 86400 * RETENTION_DAYS) if stored else 0
    at_adr_ratio = raw_30d / ADR_RATIO
    volume_gb = ADR_VOLUME_BYTES / GB
    arithmetic = [
        f"rate: {raw_bytes:,} bytes in {duration_s:.0f} s = {per_min / MB:.2f} MB/min "
        "(ADR: 5-10 MB/min)",
        f"daily: {per_min / MB:.2f} MB/min x 1440 min = {daily / GB:.2f} GB/day raw "
        "(ADR: 7-14 GB/day)",
        f"30 days: {daily / GB:.2f} GB/day x {RETENTION_DAYS} = {raw_30d / GB:.1f} GB raw "
        "(ADR: 210-420 GB)",
    ]
    if stored:
        arithmetic += [
            f"compression: {raw_bytes:,} raw / {stored:,} on disk = {ratio:.2f}:1 "
            f"(ADR assumes {ADR_RATIO:.0f}:1)",
            f"stored 30 days: {raw_30d / GB:.1f} GB / {ratio:.2f} = {projected / GB:.1f} GB "
            f"(ADR: 21-42 GB), {projected / ADR_VOLUME_BYTES:.0%} of the 50 Gi volume "
            f"({volume_gb:.1f} GB)",
        ]
    arithmetic.append(
        f"at the ADR's {ADR_RATIO:.0f}:1: {raw_30d / GB:.1f} GB / {ADR_RATIO:.0f} = "
        f"{at_adr_ratio / GB:.1f} GB, {at_adr_ratio / ADR_VOLUME_BYTES:.0%} of the volume"
    )
    return {
        "raw_bytes": raw_bytes,
        "stored_bytes": stored,
        "compression_ratio": round(ratio, 4),
        "projected_30d_bytes": projected,
        "raw_30d_bytes": int(raw_30d),
        "projected_30d_bytes_at_adr_ratio": int(at_adr_ratio),
        "volume_bytes": ADR_VOLUME_BYTES,
        "fits_volume": bool(stored) and projected <= ADR_VOLUME_BYTES,
        "rate_bytes_per_min": per_min,
        "adr": ADR_FIGURES,
        "arithmetic": arithmetic,
        "note": (
            "a short run's data dir holds mostly WAL and index: the observed ratio is a floor "
            "and the projection an upper bound"
        ),
    }
