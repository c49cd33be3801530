"""End to end: the real fleet, the ADR's real pipeline, the verdict on what came out.

The stored entries are what the ADR's Promtail pipeline (ADR-loki.md section 8's cri and
multiline stages, then section 5's redaction stages, verbatim) makes of every line the
fleet wrote, run through lokisim's Promtail stages. The ADR's card and email stages have
no capture group, and Promtail's replace changes only capture groups (DESIGN.md): those
kinds must come out leaked, every one of them.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from pathlib import Path
from typing import Any

from sim.agent.config import load_config
from sim.agent.stages import Entry, build_pipeline
from sim.fleet.clock import VirtualClock
from sim.fleet.ledger import Ledger, read_ledger
from sim.fleet.runner import Fleet
from sim.fleet.secrets import ADR_SECRET_KINDS
from sim.scenario import parse_scenario
from sim.verify import RunFacts, StoredEntry, VerifyInputs, build_report, validate_report
from sim.verify.original import pod_dir_key

T0 = 1_795_703_941.0
SCENARIO = """
name: e2e
duration: 20s
seed: 7
pods:
  - {namespace: production, name: api, app: api, containers: [{name: api, workload: json-api, rate: 30/s}]}
  - {namespace: production, name: web, app: nginx, containers: [{name: nginx, workload: nginx, rate: 30/s}]}
  - {namespace: production, name: orders, app: orders, containers: [{name: orders, workload: java, rate: 20/s}]}
  - {namespace: home, name: ha, app: ha, containers: [{name: ha, workload: python-worker, rate: 20/s}]}
  - {namespace: production, name: pg, app: postgres, controller: statefulset,
     containers: [{name: pg, workload: postgres, rate: 20/s}]}
secrets:
  ratio: 0.1
expect:
  redaction.leaked: "== 0"
  delivery.lost: "== 0"
"""
# compose/promtail/adr.yaml from its cri stage on: ADR-loki.md section 8 (cri, multiline) then
# section 5's redaction stages; tests/agent/test_collector_configs.py checks they are the ADR's.
ADR_CONFIG = Path(__file__).resolve().parents[2] / "compose" / "promtail" / "adr.yaml"
_STAGES = (
    load_config(ADR_CONFIG, expand_env_vars=True, environ={}).scrape_configs[0].pipeline_stages
)
ADR_STAGES = _STAGES[next(i for i, stage in enumerate(_STAGES) if "cri" in stage) :]


def _through_adr_pipeline(pods: Path) -> list[StoredEntry]:
    """Each container's files, oldest first, through one pipeline as Promtail tails them."""
    stored: list[StoredEntry] = []
    for container_dir in sorted(pods.glob("*/*")):
        ident = pod_dir_key(container_dir.parent.name)
        assert ident is not None
        namespace, pod, _ = ident
        labels = {"namespace": namespace, "pod": pod, "container": container_dir.name}
        pipeline = build_pipeline(ADR_STAGES, path=str(ADR_CONFIG))
        out = []
        for path in sorted(container_dir.glob("*.log*")):
            for raw in path.read_text(encoding="utf-8").splitlines():
                out += pipeline.process(Entry(dict(labels), {}, 0, raw), T0)
        out += pipeline.flush()
        stored += [StoredEntry(e.labels, e.timestamp_ns, e.line) for e in out]
    return stored


def _run(tmp_path: Path) -> tuple[dict[str, Any], list[StoredEntry], Path]:
    scenario = parse_scenario(SCENARIO, "e2e.yaml")
    ledger = Ledger(tmp_path / "run", tmp_path / "pods")
    counts = asyncio.run(Fleet(scenario, tmp_path / "pods", ledger, VirtualClock(T0)).run())
    ledger.close()
    stored = _through_adr_pipeline(tmp_path / "pods")
    inputs = VerifyInputs(
        scenario=scenario,
        facts=RunFacts("embedded", "adr", T0, T0 + 20, stored_bytes=200_000),
        ledger=read_ledger(tmp_path / "run" / "ledger.jsonl"),
        accounting=counts,
        pods_dir=tmp_path / "pods",
        stored=stored,
        loki_metrics="",
    )
    return build_report(inputs), stored, tmp_path / "run" / "ledger.jsonl"


def test_the_adr_pipeline_leaks_cards_and_emails(tmp_path: Path) -> None:
    report, stored, ledger_path = _run(tmp_path)
    assert validate_report(report) == []
    kinds = report["redaction"]["by_kind"]
    assert all(kinds[kind]["injected"] > 0 for kind in ADR_SECRET_KINDS)
    for kind in ("credit_card", "email"):  # no capture group: the stage changes nothing
        assert kinds[kind]["leaked"] == kinds[kind]["injected"], kind
    assert kinds["ipv4"]["leaked"] == 0  # its group is replaced, so the address is gone
    assert kinds["none"]["collateral"] > 0  # the IP stage rewrites every private address
    # An oracle: the plain, slow search for each value in every stored line.
    everything = "\n".join(entry.line for entry in stored)
    leaked = Counter(r.kind for r in read_ledger(ledger_path) if r.value in everything)
    assert {kind: kinds[kind]["leaked"] for kind in ADR_SECRET_KINDS} == {
        kind: leaked[kind] for kind in ADR_SECRET_KINDS
    }
    # Nothing is lost on the way; stack traces and JSON lines are merged by multiline.
    delivery = report["delivery"]
    assert (delivery["lost"], delivery["duplicated"], delivery["unknown_origin"]) == (0, 0, 0)
    assert delivery["stored"] + delivery["merged"] == delivery["written"]
    assert delivery["merged"] > 0
    assert report["verdict"]["status"] == "finding"
    assert [(e["name"], e["passed"]) for e in report["expectations"]] == [
        ("redaction.leaked", False),
        ("delivery.lost", True),
    ]
    # The ADR's `{level="error"}` panels: errors were written, no stage sets `level`.
    dead = {row["query"]: row for row in report["dead_queries"]}
    assert dead['{level="error"}']["status"] == "dead"
