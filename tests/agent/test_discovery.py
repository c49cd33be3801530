"""static_configs to file targets (targets/file/filetargetmanager.go targetSyncer.sync)."""

from __future__ import annotations

import textwrap

from sim.agent.config import parse_config
from sim.agent.discovery import discover
from sim.agent.metrics import AgentMetrics


def targets(
    yaml_text: str, host: str = "node-1"
) -> tuple[list[tuple[str, str, dict[str, str]]], AgentMetrics]:
    text = "clients: [{url: x}]\nscrape_configs:\n" + textwrap.indent(
        textwrap.dedent(yaml_text), "  "
    )
    (scrape,) = parse_config(text, "p.yaml").scrape_configs
    metrics = AgentMetrics()
    found = [(t.path, t.exclude, t.labels) for t in discover(scrape, host, metrics)]
    return found, metrics


def failed(metrics: AgentMetrics, reason: str) -> float:
    return metrics.sample("promtail_targets_failed_total", {"reason": reason})


def test_labels_without_double_underscore_names() -> None:
    found, _ = targets(
        """
        - job_name: pods
          static_configs:
            - targets: [localhost]
              labels: {__path__: /var/log/*.log, __path_exclude__: /var/log/x.log, env: lab}
        """
    )
    assert found == [("/var/log/*.log", "/var/log/x.log", {"env": "lab"})]


def test_relabeling_runs_before_the_target_exists() -> None:
    found, metrics = targets(
        """
        - job_name: pods
          relabel_configs:
            - {source_labels: [__address__], target_label: instance}
            - {source_labels: [team], regex: drop-me, action: drop}
          static_configs:
            - targets: [a, b]
              labels: {__path__: /logs/*.log}
            - labels: {__path__: /other/*.log, team: drop-me}
        """
    )
    assert found == [
        ("/logs/*.log", "", {"instance": "a"}),
        ("/logs/*.log", "", {"instance": "b"}),
    ]
    assert failed(metrics, "dropped") == 1


def test_targets_without_a_path_on_another_host_or_already_there() -> None:
    found, metrics = targets(
        """
        - job_name: pods
          static_configs:
            - labels: {env: lab}
            - labels: {__path__: /a/*.log, __host__: node-2}
            - labels: {__path__: /a/*.log, __host__: node-1}
            - labels: {__path__: /a/*.log}
        """
    )
    # the lone `localhost` target of a group without targets; `__host__` is compared with
    # $HOSTNAME; the third and fourth group give the same key (path and labels).
    assert found == [("/a/*.log", "", {})]
    assert (
        failed(metrics, "no_path"),
        failed(metrics, "wrong_host"),
        failed(metrics, "exists"),
    ) == (1, 1, 1)
