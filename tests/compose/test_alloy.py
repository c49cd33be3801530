"""compose/alloy/config.alloy runs the same pipeline as compose/promtail/adr.yaml."""

from __future__ import annotations

import json
from typing import Any

import re2

from tests.compose.paths import COMPOSE_DIR, load_yaml

ALLOY = (COMPOSE_DIR / "alloy" / "config.alloy").read_text(encoding="utf-8")
# An Alloy string attribute: name = "..." (Alloy escapes like Go, as JSON does for \\ and \").
ATTRIBUTE = re2.compile(r'(?m)^\s*(\w+)\s*=\s*("(?:[^"\\]|\\.)*")\s*$')
STAGE = re2.compile(r"(?m)^\s*stage\.(\w+)\s*\{")


def _adr_stages() -> list[dict[str, Any]]:
    config = load_yaml(COMPOSE_DIR / "promtail" / "adr.yaml")
    stages: list[dict[str, Any]] = config["scrape_configs"][0]["pipeline_stages"]
    return stages


def _alloy_attributes(name: str) -> list[str]:
    return [json.loads(m.group(2)) for m in ATTRIBUTE.finditer(ALLOY) if m.group(1) == name]


def test_stages_are_the_adr_stages_in_order():
    assert STAGE.findall(ALLOY) == [next(iter(stage)) for stage in _adr_stages()]


def test_replace_stages_match_what_promtail_sees_after_expand_env():
    # adr.yaml writes the ADR's `${1}` as `$${1}` because drone/envsubst turns `$$` into `$`.
    adr = [s["replace"] for s in _adr_stages() if "replace" in s]
    assert _alloy_attributes("replace") == [r["replace"].replace("$$", "$") for r in adr]
    assert _alloy_attributes("expression")[-len(adr) :] == [r["expression"] for r in adr]
    assert len(adr) == 7  # ADR section 5, Layer 1


def test_multiline_and_label_regexes_match():
    stages = _adr_stages()
    multiline = next(s["multiline"] for s in stages if "multiline" in s)
    assert _alloy_attributes("firstline") == [multiline["firstline"]]
    assert _alloy_attributes("max_wait_time") == [multiline["max_wait_time"]]
    regexes = [s["regex"]["expression"] for s in stages if "regex" in s]
    assert _alloy_attributes("expression")[: len(regexes)] == regexes


def test_reads_the_pods_dir_and_pushes_to_loki():
    assert '"__path__" = "/var/log/pods/*/*/*.log"' in ALLOY
    assert "loki.source.file" in ALLOY and "loki.write" in ALLOY
    assert '"http://loki:3100/loki/api/v1/push"' in ALLOY
