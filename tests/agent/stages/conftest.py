"""Helpers shared by the stage tests: build stages the way upstream's tests do.

Upstream tests either run a whole pipeline (NewPipeline + processEntries) or one stage
(New(...) + processEntries); `pipeline` and `stage` mirror those two.
"""

from __future__ import annotations

import random
from typing import Any

import yaml

from sim.agent.stages import STAGES, BuildContext, Entry, Pipeline, build_pipeline
from sim.agent.stages.base import Stage
from sim.fleet.secret_forms import TEXT_FORMS

# 2019-07-15T00:00:00Z, a fixed "now" for stages that read the clock.
NOW = 1563148800.0


def load_stages(text: str) -> list[Any]:
    """upstream pipeline_test.go loadConfig: the `pipeline_stages` list of a YAML document."""
    stages: list[Any] = yaml.safe_load(text)["pipeline_stages"]
    return stages


def pipeline(config: str | list[Any], **kwargs: Any) -> Pipeline:
    stages = load_stages(config) if isinstance(config, str) else config
    return build_pipeline(stages, path="test.yaml", **kwargs)


def stage(name: str, config: Any, ctx: BuildContext | None = None) -> Stage:
    """One stage, as upstream's New(logger, nil, stageType, config, registry)."""
    return STAGES[name](config, ctx or BuildContext())


def entry(
    line: str = "",
    labels: dict[str, str] | None = None,
    extracted: dict[str, Any] | None = None,
    ts: int = 0,
) -> Entry:
    """upstream util_test.go newEntry."""
    return Entry(dict(labels or {}), dict(extracted or {}), ts, line)


def run(target: Stage | Pipeline, *entries: Entry, now: float = NOW) -> list[Entry]:
    """upstream processEntries: feed entries, then close the input (flush)."""
    out: list[Entry] = []
    for item in entries:
        out.extend(target.process(item, now))
    out.extend(target.flush())
    return out


def _importable(module: str, name: str) -> bool:
    try:
        imported = __import__(module, fromlist=[name])
    except ImportError:
        return False
    return hasattr(imported, name)


# Stages built on other packages (Go templates, Promtail's selector grammar).
HAS_TEMPLATES = _importable("sim.gotemplate", "compile_template")
HAS_LOGQL = _importable("sim.loki.logql", "parse_log_selector")


def secret_lines(seed: int, count: int) -> list[str]:
    """Lines with the fleet's secret forms (sim/fleet/secret_forms.py) among plain text."""
    rng = random.Random(seed)
    kinds = sorted(TEXT_FORMS)
    values = ["s3cr3t-Value_0123456789abcdef", "eyJhbGciOi.eyJzdWIi.c2ln", "4111 1111 1111 1111"]
    values += ["jane.doe@example.com", "10.42.0.7", "wJalrXUtnFEMI/K7MDENG+bPxRfiCY=="]
    values += ["sk_live_abcdefghijklmnopqrstuvwx"]
    lines = []
    for _ in range(count):
        kind = kinds[rng.randrange(len(kinds))]
        forms = TEXT_FORMS[kind]
        _, render = forms[rng.randrange(len(forms))]
        fragment = render(values[rng.randrange(len(values))], rng)
        filler = rng.choice(["", "GET /api 200 1.2ms", "from 192.168.1.21 ok", "é\udcff", "\n\t"])
        lines.append(
            rng.choice([fragment, f"{filler} {fragment}", filler, f"{fragment}\n{filler}"])
        )
    return lines
