"""What a valid Loki 3.6 config may ask of the embedded Loki (DESIGN.md: refuse, never ignore)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest

from sim.errors import UnsupportedFeature
from sim.loki.config.gotypes import GoType, go_type, root_type
from sim.loki.config.policy import POLICY

from .conftest import MINIMAL


@pytest.mark.parametrize(
    "extra",
    [
        # each accepted key changes nothing a scenario observes (the reason is in policy.py)
        "analytics:\n  reporting_enabled: false\n",
        "tracing:\n  enabled: false\n",
        "frontend:\n  encoding: protobuf\n",  # cmd/loki/loki-local-config.yaml sets it
        "query_range:\n  results_cache:\n    cache:\n      embedded_cache:\n        enabled: true\n        max_size_mb: 100\n",
        "server:\n  grpc_server_max_concurrent_streams: 1000\n  log_level: debug\n",
        "ruler:\n  alertmanager_url: http://localhost:9093\n",
        "pattern_ingester:\n  enabled: false\n",
        "memberlist:\n  bind_port: 7946\n",
        "ingester:\n  lifecycler:\n    min_ready_duration: 0s\n",
        "compactor:\n  upload_parallelism: 2\n",
    ],
)
def test_accepted_keys(load, extra: str) -> None:
    load(MINIMAL + extra)


@pytest.mark.parametrize(
    ("extra", "feature"),
    [
        ("server:\n  http_path_prefix: /loki\n", "server.http_path_prefix: '/loki'"),
        ("server:\n  http_tls_config:\n    cert: PEM\n", "server.http_tls_config.cert: 'PEM'"),
        (
            "query_range:\n  align_queries_with_step: true\n",
            "query_range.align_queries_with_step: True",
        ),
        (
            "runtime_config:\n  file: /etc/overrides.yaml\n",
            "runtime_config.file: '/etc/overrides.yaml'",
        ),
        ("metrics_namespace: cortex\n", "metrics_namespace: 'cortex'"),
        ("verifyconfig: true\n", "verifyconfig: True"),
        ("ruler_storage:\n  backend: s3\n", "ruler_storage is set"),
        (
            "frontend:\n  downstream_url: http://q:3100\n",
            "frontend.downstream_url: 'http://q:3100'",
        ),
        (
            "ingester:\n  kafka_ingestion:\n    enabled: true\n",
            "ingester.kafka_ingestion.enabled: true",
        ),
        (
            "distributor:\n  otlp_config:\n    default_resource_attributes_as_index_labels: [a]\n",
            "distributor.otlp_config is set",
        ),
        (
            "storage_config:\n  named_stores:\n    filesystem:\n      x:\n        directory: /x\n",
            "storage_config.named_stores is set",
        ),
        (
            "compactor:\n  horizontal_scaling_mode: main\n",
            "compactor.horizontal_scaling_mode: 'main'",
        ),
        ("legacy_read_target: true\n", "legacy_read_target: True"),
    ],
)
def test_refused_keys(load, extra: str, feature: str) -> None:
    with pytest.raises(UnsupportedFeature) as err:
        load(MINIMAL + extra)
    assert str(err.value).startswith(f"embedded Loki: {feature}: use --target compose")


def _policy_paths(tree: Mapping[str, Any], gtype: GoType, prefix: str) -> list[tuple[str, bool]]:
    out = []
    for key, node in tree.items():
        if "*" in key:
            continue
        known = key in gtype.fields
        out.append((prefix + key, known))
        if known and isinstance(node, Mapping):
            child = go_type(gtype.fields[key])
            while child.kind == "named":
                child = go_type(child.underlying)
            out += _policy_paths(node, child, f"{prefix}{key}.")
    return out


def test_every_policy_key_is_a_loki_key() -> None:
    # a policy entry for a key Loki 3.6 does not have would be dead (gotypes36.yaml is
    # generated from the v3.6.0 source)
    unknown = [path for path, known in _policy_paths(POLICY, root_type(), "") if not known]
    assert unknown == []
