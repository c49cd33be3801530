"""Timeline phases: factors multiply over the pods they name, events land where they say."""

from __future__ import annotations

from sim.fleet.timeline import events, rate_factor
from sim.scenario import parse_scenario

SCENARIO = """
name: t
duration: 100s
pods:
  - {namespace: a, name: one, containers: [{name: c, workload: json-api, rate: 1/s}]}
  - {namespace: a, name: two, containers: [{name: c, workload: json-api, rate: 1/s}]}
timeline:
  - {kind: log_bomb, pod: a/one, factor: 50, at: 10s, for: 10s}
  - {kind: spike, factor: 2, at: 15s, for: 10s}
  - {kind: churn, pods: [a/two], per_minute: 2, at: 0s, for: 100s}
  - {kind: label_blowup, pod: a/one, new_pods: 4, at: 40s, for: 4s}
  - {kind: restart, pod: a/one, at: 50s}
"""


def test_rate_factors() -> None:
    scenario = parse_scenario(SCENARIO, "t.yaml")
    assert rate_factor(scenario, "a/one", 5) == 1
    assert rate_factor(scenario, "a/one", 10) == 50
    assert rate_factor(scenario, "a/one", 16) == 100  # bomb and spike overlap
    assert rate_factor(scenario, "a/two", 16) == 2
    assert rate_factor(scenario, "a/one", 20) == 2  # the bomb's window is [10, 20)
    assert rate_factor(scenario, "a/one", 25) == 1


def test_events() -> None:
    scenario = parse_scenario(SCENARIO, "t.yaml")
    found = [(e.at, e.kind, e.pod) for e in events(scenario)]
    churn = [at for at, kind, _ in found if kind == "churn"]
    assert churn == [30.0, 60.0, 90.0]  # every 60 / per_minute seconds
    assert [at for at, kind, _ in found if kind == "blowup"] == [40.0, 41.0, 42.0, 43.0]
    assert (50.0, "restart", "a/one") in found
    assert [at for at, _, _ in found] == sorted(at for at, _, _ in found)
