"""Scenario files: the shipped ones load, and bad input gets `file: field: expected, got`."""

from __future__ import annotations

from pathlib import Path

import pytest

from sim.errors import ScenarioError
from sim.scenario import LabelBlowup, LogBomb, load_scenario, parse_scenario

SCENARIOS = sorted((Path(__file__).parent.parent / "scenarios").glob("*.yaml"))

GOOD = """
name: tiny
duration: 30s
pods:
  - namespace: production
    name: api
    containers: [{name: api, workload: json-api, rate: 10/s}]
  - namespace: home
    name: redis
    controller: statefulset
    containers: [{name: redis, workload: redis, rate: 1KiB/s}, {name: exporter, workload: logfmt-worker, rate: 1/s}]
timeline:
  - {kind: log_bomb, pod: production/api, at: 5s, for: 10s}
"""


def test_shipped_scenarios_exist() -> None:
    names = {path.stem for path in SCENARIOS}
    required = {"homelab", "secret-leak", "log-bomb", "cardinality-blowup"}
    assert required | {"multiline-storm", "long-lines", "query-storm"} <= names


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_shipped_scenarios_load(path: Path) -> None:
    scenario = load_scenario(path)
    assert scenario.name == path.stem
    assert scenario.query_list(), "every scenario times some queries"
    scenario.expectations()


def test_homelab_matches_the_adr_sizing() -> None:
    # ADR-loki.md 3.2: "5-10MB/min (estimated for homelab with 15-20 pods)".
    scenario = load_scenario(Path("scenarios/homelab.yaml"))
    pods = sum(pod.replicas for pod in scenario.pods)
    assert 15 <= pods <= 20
    assert len({pod.namespace for pod in scenario.pods}) >= 3
    per_second = sum(
        c.rate.per_second * pod.replicas for pod in scenario.pods for c in pod.containers
    )
    assert all(c.rate.unit == "bytes" for pod in scenario.pods for c in pod.containers)
    assert 5e6 <= per_second * 60 <= 10e6


def test_defaults() -> None:
    scenario = parse_scenario(GOOD, "tiny.yaml")
    assert scenario.duration == 30.0
    assert scenario.seed == 1
    assert scenario.pods[0].app_name == "api"
    # kubelet defaults: containerLogMaxSize 10Mi, containerLogMaxFiles 5.
    assert scenario.rotation.max_size == 10 * 1024 * 1024
    assert scenario.rotation.max_files == 5
    assert scenario.cri_max_line_size == 16384  # containerd max_container_log_line_size
    assert scenario.secrets.kind_list()[:2] == ("postgres_password", "bearer_jwt")
    bomb = scenario.timeline[0]
    assert isinstance(bomb, LogBomb) and bomb.factor == 50.0
    assert scenario.query_list()[0].query.startswith("sum(rate({level=")


def _replace(old: str, new: str) -> str:
    assert old in GOOD, old
    return GOOD.replace(old, new, 1)


BAD = [
    (
        _replace("rate: 10/s", "rate: fast"),
        "pods[0].containers[0].rate",
        "expected a rate like '200/s' or '50KiB/s', got 'fast'",
    ),
    (GOOD + "podz: []\n", "podz", "unknown key"),
    (
        _replace("namespace: production", "namespace: Prod"),
        "pods[0].namespace",
        "expected a DNS label (lowercase a-z, 0-9, '-'), got 'Prod'",
    ),
    (
        _replace("duration: 30s", "duration: soon"),
        "duration",
        "expected a duration like '30s', '5m' or '1h30m', got 'soon'",
    ),
    (
        _replace("kind: log_bomb", "kind: meteor"),
        "timeline[0].kind",
        "expected one of 'steady', 'log_bomb', 'spike', 'churn', 'label_blowup', 'restart', "
        "got 'meteor'",
    ),
    (
        _replace("pod: production/api", "pod: production/apj"),
        "timeline[0].pod",
        "expected a pod 'namespace/name' from pods (home/redis, production/api), got 'production/apj'",
    ),
    (
        _replace("at: 5s, for: 10s", "at: 25s, for: 10s"),
        "timeline[0].at",
        "expected the phase to fit in the scenario's duration (30s), got at=25s for=10s",
    ),
    (GOOD + "secrets: {kinds: [ssn]}\n", "secrets.kinds", "expected kinds from postgres_password"),
    (GOOD + "secrets: {ratio: 2}\n", "secrets.ratio", "expected a value <= 1, got 2"),
    (
        GOOD + "expect: {redaction.leak: '== 0'}\n",
        "expect.redaction.leak",
        "expected a report figure such as 'redaction.leaked'",
    ),
    (
        GOOD + "expect: {redaction.leaked: 'none'}\n",
        "expect.redaction.leaked",
        "expected a comparison like '== 0', '<= 5' or '< 2s', got 'none'",
    ),
    ("name: tiny\n", "pods", "required field is missing"),
    (
        _replace("containers: [{name: api, workload: json-api, rate: 10/s}]", "containers: []"),
        "pods[0].containers",
        "expected list should have at least 1 item",
    ),
    (
        _replace("name: redis\n", "name: redis\n    replicas: two\n"),
        "pods[1].replicas",
        "expected an integer, got 'two'",
    ),
    (
        _replace("workload: json-api", "workload: cobol-batch"),
        "pods[0].containers[0].workload",
        "expected one of",
    ),
    (
        _replace("name: redis\n", "name: api\n    namespace: production\n").replace(
            "  - namespace: home\n", "  -\n"
        ),
        "pods[1].name",
        "duplicate pod 'production/api'",
    ),
    (
        _replace("name: exporter", "name: redis"),
        "pods[1].containers[1].name",
        "duplicate container 'redis'",
    ),
    (
        GOOD.replace(
            "timeline:\n  - {kind: log_bomb, pod: production/api, at: 5s, for: 10s}",
            "timeline:\n  - {kind: restart, pod: home/redis, container: api, at: 5s}",
        ),
        "timeline[0].container",
        "expected a container of home/redis (redis, exporter), got 'api'",
    ),
    (
        GOOD + "load: {at: 25s, for: 10s}\n",
        "load.at",
        "expected the load to fit in the scenario's 30s, got at=25s for=10s",
    ),
    (GOOD + "load: {push_users: many}\n", "load.push_users", "expected an integer, got 'many'"),
    ("name: [unclosed\n", "line 2, column 1", "invalid YAML"),
    ("", "", "expected a mapping of scenario fields, got an empty file"),
    ("- just\n- a list\n", "", "expected a mapping of scenario fields, got list"),
]


@pytest.mark.parametrize(("text", "field", "message"), BAD)
def test_bad_scenarios_name_file_field_and_problem(
    tmp_path: Path, text: str, field: str, message: str
) -> None:
    path = tmp_path / "x.yaml"
    path.write_text(text)
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    err = caught.value
    assert err.path == str(path)
    assert err.field == field
    assert message in err.detail
    prefix = f"{path}: {field}: " if field else f"{path}: "
    assert str(err).startswith(prefix)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError, match=r"nope\.yaml: no such file"):
        load_scenario(tmp_path / "nope.yaml")


def test_label_blowup_defaults() -> None:
    text = GOOD.replace(
        "{kind: log_bomb, pod: production/api, at: 5s, for: 10s}",
        "{kind: label_blowup, pod: production/api, new_pods: 100, at: 0s, for: 10s}",
    )
    phase = parse_scenario(text, "x.yaml").timeline[0]
    assert isinstance(phase, LabelBlowup) and phase.lines_per_pod == 5
