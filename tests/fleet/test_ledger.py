"""The ledger holds secrets in clear: 0600, never inside the pods dir."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from sim.errors import UsageError
from sim.fleet.ledger import Ledger, SecretRecord, read_ledger


def _record() -> SecretRecord:
    return SecretRecord(
        kind="email",
        value="jane@example.com",
        form="message",
        marker="lsmabcdefghijk",
        namespace="production",
        pod="api-x",
        pod_uid="u",
        container="api",
        node="n",
        app="api",
        stream="stdout",
        file="f",
        timestamp="2026-11-26T14:39:01Z",
        timestamp_ns=1,
    )


def test_ledger_is_private_and_round_trips(tmp_path: Path) -> None:
    (tmp_path / "run").mkdir()
    (tmp_path / "run" / "ledger.jsonl").write_text("old\n")
    (tmp_path / "run" / "ledger.jsonl").chmod(0o644)
    ledger = Ledger(tmp_path / "run", tmp_path / "pods")
    ledger.record(_record())
    ledger.close()
    assert stat.S_IMODE(ledger.path.stat().st_mode) == 0o600
    assert read_ledger(ledger.path) == [_record()]


@pytest.mark.parametrize("inside", ["pods", "pods/deeper"])
def test_ledger_refuses_the_pods_dir(tmp_path: Path, inside: str) -> None:
    with pytest.raises(UsageError, match="expected a directory outside the pods dir"):
        Ledger(tmp_path / inside, tmp_path / "pods")
    assert not (tmp_path / inside / "ledger.jsonl").exists()
