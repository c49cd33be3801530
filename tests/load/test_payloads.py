"""Prebuilt batches: the homelab's streams and the fleet's lines, as Loki decodes them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from sim.load.client import SLOT
from sim.load.options import LoadOptions
from sim.load.payloads import HOMELAB, build_templates, fit_line, stream_plans
from sim.loki.push import proto
from sim.loki.push.labels import parse_labels
from sim.scenario import load_scenario

REPO = Path(__file__).resolve().parents[2]
NOW = 1_800_000_000
S = 1_000_000_000


def _decode(template, suffix=0):
    return proto.decode_push_request(proto.snappy_decode(template.body(NOW * S, suffix)))


def test_the_layout_is_the_homelab_scenarios_pods():
    scenario = load_scenario(REPO / "scenarios" / "homelab.yaml")
    expected = [
        (pod.namespace, pod.name, c.name, c.workload, pod.node, c.rate.per_second / 1024)
        for pod in scenario.pods
        for _ in range(pod.replicas)
        for c in pod.containers
    ]
    got = [(b.namespace, b.name, b.container, b.workload, b.node, b.kib_per_s) for b in HOMELAB]
    assert got == expected


def test_labels_are_what_the_adr_collector_attaches():
    # compose/promtail/adr.yaml: namespace, pod, container from the path, app from the pod
    # name, job = namespace/pod, node from static labels, filename from Promtail itself.
    app_from_pod = re.compile(
        r"^(?P<app>.+?)(?:-[bcdfghjklmnpqrstvwxz2456789]{6,10}-[bcdfghjklmnpqrstvwxz2456789]{5}"
        r"|-[bcdfghjklmnpqrstvwxz2456789]{5}|-[0-9]+)?$"
    )
    path = re.compile(
        r"^.*/(?P<namespace>[^_/]+)_(?P<pod>[^_/]+)_(?P<uid>[^_/]+)/(?P<container>[^/]+)/[^/]+$"
    )
    request = _decode(build_templates(LoadOptions(batch_bytes=4096), count=1)[0])
    assert len(request.streams) == 17
    for stream in request.streams:
        labels = dict(parse_labels(stream.labels))  # Loki's own label parser accepts them
        assert sorted(labels) == ["app", "container", "filename", "job", "namespace", "node", "pod"]
        parts = path.match(labels["filename"])
        assert parts is not None
        assert (parts["namespace"], parts["pod"], parts["container"]) == (
            labels["namespace"],
            labels["pod"],
            labels["container"],
        )
        assert app_from_pod.match(labels["pod"])["app"] == labels["app"]
        assert labels["job"] == f"{labels['namespace']}/{labels['pod']}"


def test_streams_are_distinct_and_more_streams_add_replicas():
    plans = stream_plans(LoadOptions(streams=60))
    assert len({p.labels for p in plans}) == 60
    assert all(p.labels.count(SLOT) == 3 for p in plans)  # pod, job and filename


def test_label_cardinality_makes_new_series_per_suffix():
    template = build_templates(LoadOptions(streams=4, batch_bytes=2048), count=1)[0]
    series = {s.labels for i in range(25) for s in _decode(template, i).streams}
    assert len(series) == 4 * 25


def test_batches_carry_about_batch_bytes_of_lines_from_the_workloads():
    templates = build_templates(LoadOptions(batch_bytes=256 * 1024), count=2)
    assert len({t.line_bytes for t in templates}) == 2  # different lines, not one batch twice
    for template in templates:
        request = _decode(template)
        lines = [e.line for s in request.streams for e in s.entries]
        assert sum(map(len, lines)) == template.line_bytes
        assert (
            256 * 1024 <= template.line_bytes < 256 * 1024 + 17 * 600
        )  # one line over, per stream
    api = next(s for s in _decode(templates[0]).streams if 'container="api"' in s.labels)
    assert all(json.loads(e.line)["level"] for e in api.entries)  # json-api lines


def test_a_line_format_and_size_apply_to_every_stream():
    template = build_templates(
        LoadOptions(line_format="logfmt-worker", line_size=300, batch_bytes=30_000), count=1
    )[0]
    lines = [e.line for s in _decode(template).streams for e in s.entries]
    assert {len(line) for line in lines} == {300}
    assert all(b" msg=" in line for line in lines)


@pytest.mark.parametrize(
    ("line", "size", "expected"),
    [
        (b'{"a":1}', 20, b'{"a":1,"pad":"xxxx"}'),  # JSON stays an object
        (b"level=info msg=hi", 25, b"level=info msg=hi pad=xxx"),  # logfmt gains a pair
        (b"plain", 8, b"plain   "),  # too short for a pair: spaces
        (b"abcdef", 4, b"abcd"),
        ("héllo".encode(), 2, b"h "),  # never half a character
        (b"same", 4, b"same"),
    ],
)
def test_fit_line(line, size, expected):
    assert fit_line(line, size) == expected
