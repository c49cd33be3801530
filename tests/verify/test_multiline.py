"""The multiline verdict on crafted runs: which containers' lines were glued into blocks."""

from __future__ import annotations

from pathlib import Path

from sim.verify.matching import match
from sim.verify.multiline import multiline_verdict
from sim.verify.original import rebuild
from tests.verify.helpers import Pods


def test_json_lines_glued_by_a_date_firstline_are_reported_per_container(tmp_path: Path) -> None:
    pods = Pods(tmp_path)
    java = pods.container(pod="orders-1", name="orders", app="orders")
    head = java.write("2026-11-26 14:39:01.000 ERROR 1 --- [main] c.a.Orders : failed")
    trace = [java.write(f"\tat com.acme.Frame{i}(Frame.java:{i})") for i in range(3)]
    api = pods.container(pod="api-1", name="api", app="api")
    first = api.write('{"level":"info","msg":"a"}')
    rest = [api.write(f'{{"level":"info","msg":"{i}"}}') for i in range(4)]
    nginx = pods.container(pod="web-1", name="nginx", app="nginx")
    alone = nginx.write('10.0.0.1 - - "GET / HTTP/1.1" 200')
    # ADR-loki.md's firstline '^\d{4}-\d{2}-\d{2}': no JSON line starts a block, so Promtail's
    # multiline stage (multiline.go) appends each to the block the first one opened.
    stored = [
        java.stored(head, "\n".join([head.text] + [t.text for t in trace])),
        api.stored(first, "\n".join([first.text] + [r.text for r in rest])),
        nginx.stored(alone),
    ]
    originals = rebuild(pods.root)
    verdict = multiline_verdict(originals, match(stored, originals))
    assert verdict["by_container"] == {
        "production/api-1/api": {"lines": 5, "entries": 1, "glued": 4, "largest_entry_lines": 5},
        "production/orders-1/orders": {
            "lines": 4,
            "entries": 1,
            "glued": 3,
            "largest_entry_lines": 4,
        },
        "production/web-1/nginx": {"lines": 1, "entries": 1, "glued": 0, "largest_entry_lines": 1},
    }
    assert verdict["containers_merged"] == ["production/api-1/api", "production/orders-1/orders"]


def test_lines_add_up_per_scenario_pod_across_replicas(tmp_path: Path) -> None:
    pods = Pods(tmp_path)
    # a Deployment's pods are `<name>-<hash>-<5>`; `api-gateway` must not count as `api`
    one = pods.container(pod="api-5d9c7b8f-xk2m9", uid="u1", name="api")
    two = pods.container(pod="api-5d9c7b8f-bq7wz", uid="u2", name="api")
    gateway = pods.container(pod="api-gateway-6f8d9c7b5-l2x4p", uid="u3", name="gw")
    a, b = one.write('{"msg":"a"}'), one.write('{"msg":"b"}')
    c = two.write('{"msg":"c"}')
    g = gateway.write('{"msg":"g"}')
    stored = [one.stored(a, f"{a.text}\n{b.text}"), two.stored(c), gateway.stored(g)]
    originals = rebuild(pods.root)
    refs = ["production/api", "production/api-gateway", "production/idle"]
    verdict = multiline_verdict(originals, match(stored, originals), refs)
    assert verdict["by_pod"] == {
        "production/api": {"lines": 3, "glued": 1},
        "production/api-gateway": {"lines": 1, "glued": 0},
    }
    assert verdict["glued"] == 1
