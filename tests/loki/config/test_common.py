"""ApplyDynamicConfig's ring rules and errors, ported from pkg/loki/config_wrapper_test.go."""

from __future__ import annotations

import pytest

from sim.loki.config import yamlv2
from sim.loki.config.common import DynamicConfigError, FileValues, check_dynamic, ring_stores
from sim.loki.config.decode import decode_config

INGESTER, DISTRIBUTOR = "ingester.lifecycler.ring", "distributor.ring"
COMPACTOR, RULER = "compactor.compactor_ring", "ruler.ring"
SCHEDULER, GATEWAY = "query_scheduler.scheduler_ring", "index_gateway.ring"


def stores(text: str) -> dict[str, str]:
    return ring_stores(FileValues(decode_config(yamlv2.parse_document(text))))


def everywhere(store: str, **overrides: str) -> dict[str, str]:
    rings = dict.fromkeys((INGESTER, DISTRIBUTOR, COMPACTOR, RULER, SCHEDULER, GATEWAY), store)
    return {**rings, **{k.replace("__", "."): v for k, v in overrides.items()}}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Test_ApplyDynamicConfig "does not automatically configure memberlist ...": consul
        ("server:\n  http_listen_port: 80\n", everywhere("consul")),
        # "... join_members are provided, all applicable rings are defaulted to use memberlist"
        ("memberlist:\n  join_members:\n    - foo.bar.example.com\n", everywhere("memberlist")),
        # "explicit ring configs provided via config file are preserved"
        ("memberlist:\n  join_members: [foo.bar.example.com]\ndistributor:\n  ring:\n    kvstore:\n      store: etcd\n",
         {**everywhere("memberlist"), DISTRIBUTOR: "etcd"}),
        # TestCommonRingConfigSection "if only common ring is provided, reuse it for all rings"
        ("common:\n  ring:\n    kvstore:\n      store: etcd\n", everywhere("etcd")),
        # "... reuse it for all rings that aren't explicitly set"
        ("common:\n  ring:\n    kvstore:\n      store: etcd\ningester:\n  lifecycler:\n    ring:\n      kvstore:\n        store: inmemory\n",
         {**everywhere("etcd"), INGESTER: "inmemory"}),
        # "if only ingester ring is provided, reuse it for all rings"
        ("ingester:\n  lifecycler:\n    ring:\n      kvstore:\n        store: etcd\n", everywhere("etcd")),
        # "if a ring is explicitly configured, don't override any part of it with ingester config"
        ("distributor:\n  ring:\n    kvstore:\n      store: etcd\ningester:\n  lifecycler:\n    heartbeat_period: 5m\n    ring:\n      kvstore:\n        store: inmemory\n",
         {**everywhere("inmemory"), DISTRIBUTOR: "etcd"}),
        # "... merge common config with unconfigured parts of explicitly configured ring"
        ("common:\n  ring:\n    heartbeat_period: 5m\n    kvstore:\n      store: inmemory\ndistributor:\n  ring:\n    kvstore:\n      store: etcd\n",
         {**everywhere("inmemory"), DISTRIBUTOR: "etcd"}),
        # "common ring config take precedence over common memberlist config"
        ("memberlist:\n  join_members: [127.0.0.1]\ncommon:\n  ring:\n    kvstore:\n      store: etcd\n", everywhere("etcd")),
    ],
)  # fmt: skip
def test_ring_stores(text: str, expected: dict[str, str]) -> None:
    assert stores(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        # Test_tokensFile "persist_tokens true, path_prefix empty"
        ("common:\n  persist_tokens: true\n", "if persist_tokens is true, path_prefix MUST be defined"),
        # Test_ApplyDynamicConfig "when multiple configs are provided, an error is returned"
        ("common:\n  storage:\n    s3:\n      s3: s3://foo-bucket/example\n    gcs:\n      bucket_name: foobar\n",
         "too many storage configs provided in the common config, please only define one storage backend"),
        # "mixed frontend clients throws an error" (applyCommonQuerierWorkerGRPCConfig)
        ("frontend_worker:\n  grpc_client_config:\n    tls_server_name: a\n  query_frontend_grpc_client:\n    tls_server_name: a\n",
         "both `grpc_client_config` and (`query_frontend_grpc_client` or `query_scheduler_grpc_client`) are set at the same time. Please use only `query_frontend_grpc_client` and `query_scheduler_grpc_client`"),
    ],
)  # fmt: skip
def test_dynamic_config_errors(text: str, message: str) -> None:
    with pytest.raises(DynamicConfigError) as err:
        check_dynamic(FileValues(decode_config(yamlv2.parse_document(text))))
    assert str(err.value) == message


def test_file_values_null_sections_read_as_zero() -> None:
    # yaml.v2 decode.go prepare: a null resets the whole struct
    values = FileValues({"ingester": None, "server": {"http_listen_port": 80}})
    assert values.get("ingester.wal.dir", "wal") == ""
    assert values.sets("ingester.wal.dir")
    assert values.get("server.http_listen_port", 3100) == 80
    assert values.get("server.grpc_listen_port", 9095) == 9095
    assert not values.sets("server.grpc_listen_port")
