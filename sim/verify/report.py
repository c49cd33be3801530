"""report.json: every verdict over one run, in DESIGN.md's schema (plus additive fields).

The one place the verdicts meet. Missing inputs are not zeros: each is named under
`tool_errors`, the sections it feeds carry `"available": false`, the figures it leaves
unknown are listed under `unavailable`, and expectations on them fail as `not_observed`,
which `verdict` reports as an error of the tool, not a finding about the configuration
under test.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from sim.adr import adr_query_strings
from sim.errors import ToolError
from sim.scenario import Scenario
from sim.verify.capacity import capacity_verdict
from sim.verify.deadqueries import dead_queries
from sim.verify.delivery import delivery_verdict
from sim.verify.drops import CollectorNames, collector_drops, collector_names
from sim.verify.expectations import FINDING, NOT_OBSERVED, evaluate
from sim.verify.inputs import StoredEntry, VerifyInputs
from sim.verify.latency import latency_verdict
from sim.verify.limits import Timed, limits_verdict
from sim.verify.matching import match
from sim.verify.multiline import multiline_verdict
from sim.verify.original import Originals, rebuild
from sim.verify.promtext import MetricSet, MetricsParseError
from sim.verify.redaction import redaction_verdict
from sim.verify.resources import BUDGETS, resources_verdict, unmeasured

TARGETS = ("embedded", "compose")


def _target(target: str) -> tuple[str, str | None]:
    if target in TARGETS:
        return target, None
    if target.startswith(("http://", "https://")):
        return "url", target
    raise ToolError(f"run facts: target: expected embedded, compose or a URL, got {target!r}")


def _metrics(texts: Sequence[str], what: str, problems: list[str]) -> MetricSet | None:
    if not texts:
        return None
    try:
        return MetricSet(texts)
    except MetricsParseError as err:
        problems.append(f"{what} /metrics: {err}")
        return None


def _originals(inputs: VerifyInputs, problems: list[str]) -> Originals | None:
    pods_dir = inputs.pods_dir
    if pods_dir is None or not pods_dir.is_dir():
        problems.append(f"pods dir {pods_dir}: missing, so the written lines cannot be rebuilt")
        return None
    originals = rebuild(pods_dir)
    problems.extend(f"unreadable log file {item}" for item in originals.unreadable)
    return originals


def _queries(inputs: VerifyInputs) -> dict[str, list[str]]:
    """Each query to judge, and where it comes from (the scenario, the ADR, or both)."""
    out: dict[str, list[str]] = {}
    for query in [q.query for q in inputs.scenario.query_list()] + list(inputs.query_timings):
        out.setdefault(query, ["scenario"])
    for query in adr_query_strings():
        out.setdefault(query, []).append("adr")
    return {q: sorted(set(s)) for q, s in out.items()}


def _verdict(expectations: list[dict[str, Any]], problems: list[str]) -> dict[str, str]:
    findings = [e["name"] for e in expectations if e.get("failure") == FINDING]
    unmeasured = [e["name"] for e in expectations if e.get("failure") == NOT_OBSERVED]
    if findings:
        summary = (
            f"{len(findings)} of {len(expectations)} expectations failed ({', '.join(findings)}): "
            "findings about the configuration under test, not errors of lokisim"
        )
        if unmeasured:
            summary += f"; {len(unmeasured)} could not be measured (tool errors)"
        return {"status": "finding", "summary": summary}
    if unmeasured:
        return {
            "status": "tool_error",
            "summary": (
                f"{len(unmeasured)} expectations could not be measured ({', '.join(unmeasured)}): "
                "an error of lokisim, not a finding about the configuration"
            ),
        }
    summary = f"all {len(expectations)} expectations held"
    if problems:
        summary += f" ({len(problems)} tool errors: see tool_errors)"
    return {"status": "passed", "summary": summary}


def _parse_metrics(
    inputs: VerifyInputs, problems: list[str], unavailable: set[str]
) -> tuple[MetricSet | None, MetricSet | None, CollectorNames | None, list[Timed]]:
    """Loki's and the collector's /metrics, and Loki's scrapes during the run."""
    texts = [inputs.loki_metrics] if inputs.loki_metrics is not None else []
    loki = _metrics(texts, "Loki", problems)
    if loki is None:
        # without Loki's rejections a missing line cannot be told dropped from lost
        unavailable |= {"limits.rejected", "delivery.lost", "delivery.dropped"}
        if inputs.loki_metrics is None:
            problems.append("Loki's /metrics was not fetched: rejections and limits unknown")
    collector = _metrics(list(inputs.collector_metrics), "collector", problems)
    if loki is None and collector is None:
        unavailable.add("limits")
    names = collector_names(collector) if collector is not None else None
    samples: list[Timed] = []
    for sample in inputs.loki_samples:
        parsed = _metrics([sample.text], f"Loki (scrape at {sample.at_s:.1f})", problems)
        if parsed is not None:
            samples.append((sample.at_s - inputs.facts.started_at_s, parsed))
    return loki, collector, names, samples


def _unreached_rate_limit(
    limits: Mapping[str, Any], scenario: Scenario, problems: list[str], unavailable: set[str]
) -> None:
    """A scenario expecting rate-limit rejections on a run whose pushes never reached the
    limit cannot be judged: this machine could not offer the load, which is no finding."""
    rate = limits["rate_limit"]
    expects = any(
        e.metric.startswith("limits.rejected.rate_limited") for e in scenario.expectations()
    )
    if rate.get("reached") is not False or not expects:
        return
    unavailable.add("limits.rejected.rate_limited")
    problems.append(
        f"the tenant rate limit ({rate['limit_bytes_per_s'] / 2**20:.1f} MiB/s) was never "
        f"reached: Loki received at most {rate['peak_received_bytes_per_s'] / 2**20:.1f} MiB/s "
        "(5 s averages) and its burst never ran out, so this machine could not offer the load "
        "the scenario needs (fewer other processes, more cores, or the compose target)"
    )


def build_report(inputs: VerifyInputs) -> dict[str, Any]:
    facts, scenario = inputs.facts, inputs.scenario
    target, target_url = _target(facts.target)
    problems = list(inputs.tool_errors)
    unavailable: set[str] = set()
    duration = facts.ended_at_s - facts.started_at_s
    if duration <= 0:
        duration = scenario.duration

    originals = _originals(inputs, problems)
    stored: Sequence[StoredEntry] = inputs.stored if inputs.stored is not None else ()
    if inputs.stored is None:
        problems.append("Loki's stored entries were not fetched: redaction and delivery unknown")
    if originals is None or inputs.stored is None:
        unavailable |= {"redaction", "delivery"}
    originals = originals if originals is not None else Originals()

    loki, collector, names, samples = _parse_metrics(inputs, problems, unavailable)
    limits = limits_verdict(
        loki,
        collector,
        names,
        samples,
        facts.tenant,
        facts.ingestion_rate_limit_bytes,
        duration,
        facts.ingestion_burst_bytes,
    )
    _unreached_rate_limit(limits, scenario, problems, unavailable)
    matching = match(stored, originals)
    dropped = collector_drops(collector, names) if collector is not None and names else None
    delivery = delivery_verdict(
        inputs.accounting,
        originals,
        matching,
        limits["rejected"],
        dropped,
        names,
        limits["http_400"],
        facts.collector_killed_at_stop,
    )
    redaction = redaction_verdict(inputs.ledger, originals, matching, stored)
    raw = facts.raw_bytes
    if raw is None:
        raw = sum(c.content_bytes for c in inputs.accounting)
    if facts.stored_bytes is None:
        problems.append("Loki's data dir size was not measured: capacity unknown")
        unavailable.add("capacity")
    capacity = capacity_verdict(raw, facts.stored_bytes, duration)
    latency = latency_verdict(inputs.query_timings, inputs.freshness, inputs.pod_freshness)
    dead = (
        dead_queries(_queries(inputs), inputs.query_timings, stored, originals, inputs.accounting)
        if "redaction" not in unavailable
        else []
    )
    resources = resources_verdict(inputs.container_stats)
    if inputs.container_stats is not None:
        problems.extend(
            f"no docker stats were read for the {role} container: its CPU and memory are unknown"
            for role in BUDGETS
            if resources[role]["samples"] == 0
        )
    unavailable |= unmeasured(resources)
    report: dict[str, Any] = {
        "scenario": scenario.name,
        "target": target,
        "collector": facts.collector,
        "passed": False,
        "verdict": {},
        "expectations": [],
        "delivery": delivery,
        "redaction": redaction,
        "limits": limits,
        "latency": latency,
        "capacity": capacity,
        "dead_queries": dead,
        "multiline": multiline_verdict(originals, matching, [pod.ref for pod in scenario.pods]),
        "resources": resources,  # compose: the containers' CPU and memory against the ADR's
        "tool_errors": problems,
        "run": {
            "started_at_s": facts.started_at_s,
            "ended_at_s": facts.ended_at_s,
            "duration_s": duration,
            "tenant": facts.tenant,
        },
    }
    if target_url is not None:
        report["target_url"] = target_url
    if scenario.load is not None:  # Locust's push and query figures (sim/load/results.py)
        report["load"] = dict(inputs.load) if inputs.load is not None else {}
        if inputs.load is None:
            unavailable.add("load")
    for section in ("delivery", "redaction", "limits", "latency", "capacity"):
        report[section]["available"] = section not in unavailable
    report["unavailable"] = sorted(unavailable)  # figures expectations cannot read
    expectations = evaluate(scenario.expectations(), report, unavailable)
    report["expectations"] = expectations
    report["passed"] = all(e["passed"] for e in expectations)
    report["verdict"] = _verdict(expectations, problems)
    return report


def render_json(report: Mapping[str, Any]) -> str:
    return json.dumps(report, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
