"""The freshness probes' choice of selector when the collector config decides the labels."""

from __future__ import annotations

import time

import pytest

from sim.loki.logql.parser import parse_matchers
from sim.runner.probes import Probes, any_stream_selector, pod_selector
from sim.stack.lokiclient import Entry


@pytest.mark.parametrize(
    ("names", "selector"),
    [
        # compose/promtail/adr.yaml keeps `filename` (Promtail's file target sets it)
        (["app", "container", "filename", "job", "namespace", "pod"], '{filename=~".+"}'),
        # compose/promtail/recommended.yaml drops `filename`; every stream has `namespace`
        (["app", "container", "job", "level", "namespace", "pod"], '{namespace=~".+"}'),
        # a config of the user's with none of the usual labels; `__` names are Loki's own
        (["__stream_shard__", "team"], '{team=~".+"}'),
        ([], None),
    ],
)
def test_any_stream_selector(names: list[str], selector: str | None) -> None:
    assert any_stream_selector(names) == selector


@pytest.mark.parametrize(
    ("names", "selector"),
    [
        # the ADR's collector sets namespace and pod: any replica's generated name (pods.py)
        (
            ["filename", "namespace", "pod"],
            '{namespace="production", pod=~"chatty(-[a-z0-9]+){0,2}"}',
        ),
        # without `pod`: kubelet's directory `<namespace>_<pod>_<uid>` in Promtail's filename
        (["filename", "app"], '{filename=~".*/production_chatty(-[a-z0-9]+){0,2}_[^/]+/.+"}'),
        (["app", "job"], None),
    ],
)
def test_pod_selector(names: list[str], selector: str | None) -> None:
    assert pod_selector(names, "production", "chatty") == selector


@pytest.mark.parametrize(
    ("pod", "matches"),
    [
        ("chatty", True),  # a bare pod
        ("chatty-1", True),  # a replica of a bare pod
        ("chatty-s5cz7kfg67-rjrsj", True),  # a Deployment's pod
        ("chattyx-1", False),
        ("other-chatty-1", False),
    ],
)
def test_pod_selector_matches_the_pods_generated_names(pod: str, matches: bool) -> None:
    selector = pod_selector(["namespace", "pod"], "production", "chatty")
    assert selector is not None
    (_, pod_matcher) = parse_matchers(selector)
    assert pod_matcher.matches(pod) is matches


class _Loki:
    """Loki's answers for a pod whose collector is 40 s behind and others that are not."""

    def __init__(self) -> None:
        self.now = time.time_ns()

    def label_names(self, start_ns: int, end_ns: int) -> list[str]:
        return ["filename", "namespace", "pod"]

    def recent(self, selector: str, start_ns: int, end_ns: int, *, limit: int) -> list[Entry]:
        behind = 40 * 10**9 if "chatty" in selector else 10**8
        if self.now - behind < start_ns:
            return []  # older than the window asked for
        labels = {"filename": "/p/production_chatty-x-y_u/c/0.log" if behind > 10**9 else "/p/a"}
        return [Entry(labels, self.now - behind, "line")]


def test_a_bombed_pod_is_probed_on_its_own_with_a_long_window() -> None:
    # its newest line is 40 s old: outside the all-streams probe's 30 s window
    probes = Probes(_Loki(), None, ["production/chatty"])  # type: ignore[arg-type]
    probes._probe()
    (fresh,) = probes.freshness()
    assert fresh.first_seen_at_s - fresh.written_at_s == pytest.approx(0.1, abs=0.5)
    (lagging,) = probes.focus_freshness()["production/chatty"]
    assert lagging.first_seen_at_s - lagging.written_at_s == pytest.approx(40, abs=0.5)
