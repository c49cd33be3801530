"""Homelab push batches for `lokisim bench loki` (sim/loki/http/benchdata.py): about the
asked size, each container's share of the bytes as scenarios/homelab.yaml's rates set it,
streams labelled as the ADR's Promtail labels them, timestamps within the batch's span."""

from __future__ import annotations

import collections

from sim.loki.http.benchdata import HomelabBatches
from sim.loki.push import proto
from sim.loki.push.labels import parse_labels

S = 1_000_000_000


def test_a_batch_is_the_homelab_mix() -> None:
    batches = HomelabBatches(1 << 18)
    body, size, lines = batches.batch(100 * S, 10 * S)
    request = proto.decode_push_request(proto.snappy_decode(body))
    assert size >= 1 << 18 and lines == sum(len(s.entries) for s in request.streams)
    by_namespace: collections.Counter[str] = collections.Counter()
    for stream in request.streams:
        labels = dict(parse_labels(stream.labels))
        assert set(labels) == {
            "app",
            "container",
            "filename",
            "job",
            "namespace",
            "node",
            "pod",
            "stream",
        }
        stamps = [entry.timestamp for entry in stream.entries]
        assert stamps == sorted(stamps) and stamps[0] >= 100 * S and stamps[-1] < 110 * S
        by_namespace[labels["namespace"]] += sum(len(entry.line) for entry in stream.entries)
    # homelab.yaml: production writes 68 of the 100 KiB/s, kube-system 7
    assert abs(by_namespace["production"] / size - 0.68) < 0.03
    assert abs(by_namespace["kube-system"] / size - 0.07) < 0.03
