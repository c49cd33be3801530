"""The redaction verdict on crafted lines with known answers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from sim.agent.stages import Entry, build_pipeline
from sim.verify.inputs import StoredEntry
from sim.verify.matching import match
from sim.verify.original import rebuild
from sim.verify.redaction import redaction_verdict
from tests.verify.helpers import Pods

PW = "Xk9vQ2mZ7pLw4rTs"
KEY = "sk_live_4eC39HqLyjWDarjtT1zdp7dc"
# The ADR's own stages (ADR-loki.md section 5), verbatim.
ADR_POSTGRES = r"""
- replace:
    expression: '(postgres://[^:]+:)([^@]+)(@)'
    replace: '${1}***REDACTED***${3}'
"""
ADR_IP = r"""
- replace:
    expression: '\b(\d{1,3}\.\d{1,3}\.\d{1,3}\.)\d{1,3}\b'
    replace: '${1}xxx'
"""


def _through(stages: str, line: str) -> str:
    """`line` as the project's Promtail replace stage rewrites it."""
    pipeline = build_pipeline(yaml.safe_load(stages), path="adr.yaml")
    (out,) = pipeline.process(Entry({}, {}, 0, line), 0.0)
    return out.line


def _verdict(pods: Pods, stored: list[StoredEntry]) -> dict[str, Any]:
    originals = rebuild(pods.root)
    verdict = redaction_verdict(pods.ledger(), originals, match(stored, originals), stored)
    return verdict["by_kind"]  # type: ignore[no-any-return]


def _figures(kind: dict[str, Any]) -> tuple[int, int, int, int]:
    return kind["injected"], kind["leaked"], kind["collateral"], kind["not_stored"]


def test_a_secret_masked_correctly_is_neither_leaked_nor_collateral(tmp_path: Path) -> None:
    pods = Pods(tmp_path)
    api = pods.container()
    line = api.write(
        f"request lsmabcdefghijk api_key={KEY} ok", secret=("api_key", KEY), marker="lsmabcdefghijk"
    )
    kinds = _verdict(pods, [api.stored(line, "request lsmabcdefghijk api_key=***REDACTED*** ok")])
    assert _figures(kinds["api_key"]) == (1, 0, 0, 0)
    assert kinds["api_key"]["example"]["outcome"] == "redacted"
    assert kinds["none"]["collateral"] == 0


def test_the_adrs_postgres_stage_hides_the_password_and_mangles_the_url(tmp_path: Path) -> None:
    # Promtail replaces each capture group with the template, `${1}` unexpanded (DESIGN.md):
    # the password is gone, and so are the scheme, the user and the '@' around it.
    pods = Pods(tmp_path)
    api = pods.container()
    text = f"connecting to postgres://app:{PW}@db:5432/app rid=lsmqwertyuiopa"
    line = api.write(text, secret=("postgres_password", PW), marker="lsmqwertyuiopa")
    stored_line = _through(ADR_POSTGRES, text)
    assert stored_line.startswith("connecting to ${1}***REDACTED***${3}${1}***REDACTED***${3}")
    kinds = _verdict(pods, [api.stored(line, stored_line)])
    assert _figures(kinds["postgres_password"]) == (1, 0, 1, 0)
    shown = json.dumps(kinds)
    assert PW not in shown and "<postgres_password:16 chars>" in shown


def test_the_adrs_ip_stage_rewrites_a_private_ip_in_a_line_without_secrets(tmp_path: Path) -> None:
    pods = Pods(tmp_path)
    web = pods.container(pod="web-1", name="nginx", app="nginx")
    text = '10.42.1.150 - - [26/Nov/2026:14:39:41 +0000] "GET /healthz HTTP/1.1" 200 2'
    line = web.write(text)
    stored_line = _through(ADR_IP, text)
    assert stored_line.startswith("${1}xxx150 - -")  # group 1 replaced: the host octet stays
    kinds = _verdict(pods, [web.stored(line, stored_line)])
    assert kinds["none"]["collateral"] == 1
    assert kinds["none"]["example"]["changes"][0] == {
        "before": "10.42.1.150",
        "after": "${1}xxx150",
    }


def test_a_value_surviving_in_another_entry_still_leaked(tmp_path: Path) -> None:
    pods = Pods(tmp_path)
    api = pods.container()
    email = "jane.doe77@example.com"
    line = api.write(
        f"mail {email} m=lsmzzzzzzzzzzz", secret=("email", email), marker="lsmzzzzzzzzzzz"
    )
    elsewhere = StoredEntry({"job": "copy"}, 5, f"audit: {email}")
    kinds = _verdict(pods, [api.stored(line, "mail ***@*** m=lsmzzzzzzzzzzz"), elsewhere])
    assert _figures(kinds["email"]) == (1, 1, 0, 0)


def test_a_secret_inside_a_multiline_merge_leaked(tmp_path: Path) -> None:
    pods = Pods(tmp_path)
    py = pods.container(pod="ha-0", name="ha", app="ha")
    head = py.write("2026-11-26 14:39:13 ERROR job failed")
    value = "4111 1111 1111 1111"
    inner = py.write(
        f"  card {value} lsmcardcardcar", secret=("credit_card", value), marker="lsmcardcardcar"
    )
    merged = py.stored(head, head.text + "\n" + inner.text)
    kinds = _verdict(pods, [merged])
    assert _figures(kinds["credit_card"]) == (1, 1, 0, 0)
    assert kinds["credit_card"]["example"]["outcome"] == "leaked"
    assert value not in json.dumps(kinds)


def test_found_by_marker_when_the_timestamp_was_rewritten(tmp_path: Path) -> None:
    pods = Pods(tmp_path)
    api = pods.container()
    line = api.write(
        f"AWS_SECRET_ACCESS_KEY={KEY} lsmmarkermarke",
        secret=("aws_secret_key", KEY),
        marker="lsmmarkermarke",
    )
    moved = StoredEntry(api.labels, 123, line.text)  # e.g. a timestamp stage set another time
    assert _figures(_verdict(pods, [moved])["aws_secret_key"]) == (1, 1, 0, 0)


def test_a_secret_line_loki_never_stored_is_not_stored_not_safe(tmp_path: Path) -> None:
    pods = Pods(tmp_path)
    api = pods.container()
    api.write(f"key={KEY} lsmlostlostlos", secret=("api_key", KEY), marker="lsmlostlostlos")
    assert _figures(_verdict(pods, [])["api_key"]) == (1, 0, 0, 1)
