"""Reading the fleet's accounting back."""

from __future__ import annotations

from pathlib import Path

import pytest

from sim.errors import ToolError
from sim.fleet.ledger import ContainerCounts, Ledger
from sim.verify.inputs import load_accounting


def test_accounting_round_trips_through_the_fleets_file(tmp_path: Path) -> None:
    counts = [
        ContainerCounts(
            "production", "api-1", "u1", "api", "api", "n1", entries=3, secrets={"email": 1}
        )
    ]
    ledger = Ledger(tmp_path / "run", tmp_path / "pods")
    path = ledger.write_accounting(counts, {"scenario": "x"})
    ledger.close()
    assert load_accounting(path) == counts


def test_a_broken_accounting_is_a_tool_error_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "accounting.json"
    path.write_text('{"containers": [{"namespace": 1}]}')
    with pytest.raises(ToolError, match=r"accounting\.json"):
        load_accounting(path)
