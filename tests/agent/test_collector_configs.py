"""compose/promtail/adr.yaml and recommended.yaml, judged on the fleet's own output.

The fleet writes CRI files with secrets in the forms applications log them (sim/fleet/
secrets.py, secret_forms.py, workloads/) and a ledger of every one. Each file runs through
the config's pipeline as the agent runs it; a secret *leaks* when its value survives
verbatim in the entry holding its marker; *collateral* is any other change to a line.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest

from sim.agent.scrape import new_pipeline
from sim.agent.stages import Entry
from sim.fleet.secrets import ADR_SECRET_KINDS, SECRET_KINDS

from .fleetrun import ROOT, FleetOutput, fleet_output, load_collector, run_pipeline

TOKEN = "***REDACTED***"
MARKER = re.compile(r"lsm[a-z]{11}")
SECRET_LEAK = (ROOT / "scenarios" / "secret-leak.yaml").read_text()
HOMELAB = (ROOT / "scenarios" / "homelab.yaml").read_text()

# ADR-loki.md section 5, Layer 1 and PII scrubbing, verbatim and in order.
ADR_REDACTION = [
    ("(postgres://[^:]+:)([^@]+)(@)", "${1}***REDACTED***${3}"),
    ("(Bearer\\s+)(eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+)", "${1}***REDACTED***"),
    ("(AWS_SECRET_ACCESS_KEY=)([A-Za-z0-9+/=]+)", "${1}***REDACTED***"),
    ('(api[_-]?key["\\s:=]+)([A-Za-z0-9_-]{20,})', "${1}***REDACTED***"),
    ("\\b\\d{4}[\\s-]?\\d{4}[\\s-]?\\d{4}[\\s-]?\\d{4}\\b", "****-****-****-****"),
    ("\\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Z|a-z]{2,}\\b", "***@***"),
    ("\\b(\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.)\\d{1,3}\\b", "${1}xxx"),
]


@pytest.fixture(scope="module")
def leak_run(tmp_path_factory: pytest.TempPathFactory) -> FleetOutput:
    text = SECRET_LEAK.replace("duration: 60s", "duration: 40s").replace(
        "ratio: 0.25", "ratio: 0.5"
    )
    return fleet_output(tmp_path_factory.mktemp("leak"), text)


@pytest.fixture(scope="module")
def homelab_run(tmp_path_factory: pytest.TempPathFactory) -> FleetOutput:
    text = HOMELAB.replace("duration: 90s", "duration: 20s")
    return fleet_output(tmp_path_factory.mktemp("homelab"), text)


def leaks_by_form(run: FleetOutput, entries: list[Entry]) -> dict[tuple[str, str], set[bool]]:
    """(kind, form) -> whether its injections leaked: {True}, {False} or both."""
    by_marker = {record.marker: record for record in run.records}
    seen: dict[tuple[str, str], set[bool]] = defaultdict(set)
    for entry in entries:
        for marker in set(MARKER.findall(entry.line)):
            record = by_marker.get(marker)
            if record is not None:
                seen[(record.kind, record.form)].add(record.value in entry.line)
    return seen


@pytest.mark.parametrize("name", ["adr.yaml", "recommended.yaml"])
def test_configs_load_strictly_and_build(name: str, tmp_path: Path) -> None:
    config = load_collector(name, tmp_path)
    assert config.clients[0].url == "http://127.0.0.1:3100/loki/api/v1/push"
    assert config.clients[0].tls.ca_file == ""  # no CA given: plain http needs none
    assert (config.clients[0].batch_wait_ns, config.clients[0].batch_size) == (10**9, 1048576)
    (scrape,) = config.scrape_configs
    assert scrape.static_configs[0].labels["__path__"] == f"{tmp_path}/*/*/*.log"
    new_pipeline(scrape, config.path)


def test_adr_yaml_is_the_adrs_pipeline() -> None:
    config = load_collector("adr.yaml", Path("/var/log/pods"))
    stages = config.scrape_configs[0].pipeline_stages
    names = [next(iter(stage)) for stage in stages]
    assert names[:5] == ["regex", "regex", "template", "labels", "cri"]  # labels from the path
    # ADR-loki.md section 8, snippets.pipelineStages
    assert stages[4:6] == [
        {"cri": {}},
        {"multiline": {"firstline": "^\\d{4}-\\d{2}-\\d{2}", "max_wait_time": "3s"}},
    ]
    replaces = [(s["replace"]["expression"], s["replace"]["replace"]) for s in stages[6:]]
    assert replaces == ADR_REDACTION  # `$${1}` in the file is `${1}` after expand-env
    tls = load_collector("adr.yaml", Path("/x")).clients[0].tls
    assert tls.insecure_skip_verify is False


def test_adr_card_and_email_rules_change_nothing() -> None:
    # replace.go replaces capture groups only: the card and email expressions have none.
    config = load_collector("adr.yaml", Path("/var/log/pods"))
    pipeline = new_pipeline(config.scrape_configs[0], config.path)
    assert len(pipeline.stages) == len(config.scrape_configs[0].pipeline_stages) - 2


# What the ADR's config does to each form: True leaks every time, False never, None
# depends on the value's shape (an api_key like SG.xxx.yyy escapes, key-<hex> does not).
ADR_LEAKS = {
    "postgres_password": {
        "postgres_url": False,
        "postgresql_url": True,
        "libpq_dsn": True,
        "env_dump": True,
        "jdbc_url": True,
        "json_field": True,
    },
    "bearer_jwt": {
        "auth_header": False,
        "auth_header_lower": True,
        "query_param": True,
        "python_dict_header": False,
        "request_logging_filter": False,
    },
    "aws_secret_key": {
        "env_dump": False,
        "credentials_file": True,
        "json_field": True,
        "logfmt_field": True,
        "property": True,
        "python_environ": True,
    },
    "api_key": {
        "header": True,
        "json_field": True,
        "sql_literal": True,
        "python_dict_header": True,
        "query_param": None,
        "kv_field": None,
    },
    "credit_card": {
        "message": True,
        "json_field": True,
        "logfmt_field": True,
        "query_param": True,
        "sql_literal": True,
        "exception_message": True,
    },
    "email": {
        "message": True,
        "json_field": True,
        "logfmt_field": True,
        "query_param": True,
        "referer_query": True,
        "sql_literal": True,
        "exception_message": True,
    },
    "ipv4": {
        "message": False,
        "remote_addr": False,
        "x_forwarded_for": False,
        "peer": False,
        "error_log_client": False,
        "sql_literal": False,
    },
}


def test_which_secrets_the_adr_config_leaks(leak_run: FleetOutput) -> None:
    config = load_collector("adr.yaml", leak_run.pods)
    seen = leaks_by_form(leak_run, run_pipeline(config, leak_run.pods))
    for kind, forms in ADR_LEAKS.items():
        for form, leaks in forms.items():
            if (kind, form) not in seen:
                continue  # not drawn in this run
            expected = {True, False} if leaks is None else {leaks}
            assert seen[(kind, form)] <= expected, (kind, form, seen[(kind, form)])
    leaked_kinds = {kind for (kind, _), outcomes in seen.items() if True in outcomes}
    # Of the ADR's own seven kinds only ipv4 never survives verbatim (it is mangled:
    # `${1}xxx` replaces the first three octets, the last one stays).
    assert leaked_kinds & set(ADR_SECRET_KINDS) == set(ADR_SECRET_KINDS) - {"ipv4"}
    # ...and nothing stops the other kinds the fleet injects.
    assert set(SECRET_KINDS) - set(ADR_SECRET_KINDS) <= leaked_kinds


def expected_line(line: str, by_marker: dict[str, list[str]]) -> str:
    for marker in set(MARKER.findall(line)):
        for value in by_marker.get(marker, []):
            line = line.replace(value, TOKEN)
    return line


@pytest.mark.parametrize("run_name", ["leak_run", "homelab_run"])
def test_recommended_redacts_exactly_the_secrets(
    run_name: str, request: pytest.FixtureRequest
) -> None:
    run: FleetOutput = request.getfixturevalue(run_name)
    config = load_collector("recommended.yaml", run.pods)
    redacted = run_pipeline(config, run.pods)
    plain = run_pipeline(config, run.pods, drop_stages=("replace",))
    assert len(redacted) == len(plain)
    by_marker: dict[str, list[str]] = defaultdict(list)
    for record in run.records:
        by_marker[record.marker].append(record.value)
    changed = [
        (before.line, after.line)
        for before, after in zip(plain, redacted, strict=True)
        if after.line != expected_line(before.line, by_marker)
    ]
    assert changed == []  # every secret gone, nothing else touched
    seen = leaks_by_form(run, redacted)
    assert not any(True in outcomes for outcomes in seen.values())
    if run_name == "leak_run":
        assert {kind for kind, _ in seen} == set(SECRET_KINDS)  # every kind was injected


def test_recommended_labels_are_few_and_level_is_normalised(homelab_run: FleetOutput) -> None:
    config = load_collector("recommended.yaml", homelab_run.pods)
    entries = run_pipeline(config, homelab_run.pods)
    names = set().union(*(entry.labels for entry in entries))
    assert names == {"namespace", "pod", "container", "app", "job", "node", "stream", "level"}
    levels = {entry.labels.get("level") for entry in entries}
    assert levels <= {None, "debug", "info", "warn", "error", "fatal"}
    assert {"info", "warn", "error"} <= levels
    # stack traces are joined: no entry of the Java/Python apps starts with a trace line
    java_python = [
        e for e in entries if e.labels["app"] in ("orders", "keycloak", "home-assistant")
    ]
    assert not any(e.line.startswith(("\tat ", "Traceback", "Caused by")) for e in java_python)
    assert any("\n\tat " in e.line for e in java_python)
