"""Config.Validate's CONFIG ERRORs (pkg/loki/loki.go and the Validate it calls, v3.6.0)."""

from __future__ import annotations

import pytest

from sim.errors import LokiConfigError

from .conftest import MINIMAL

PREFIX = "validating config: CONFIG ERROR: "


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        # pkg/compactor/config.go Validate
        (
            "compactor:\n  max_compaction_parallelism: 0\n",
            "invalid compactor config: max compaction parallelism must be >= 1",
        ),
        (
            "compactor:\n  compactor_ring:\n    num_tokens: 2\n",
            "invalid compactor config: Num tokens must not be changed as it will not take effect",
        ),
        (
            "compactor:\n  compactor_ring:\n    replication_factor: 3\n",
            "invalid compactor config: Replication factor must not be changed as it will not take effect",
        ),
        (
            "compactor:\n  retention_enabled: true\n",
            "invalid compactor config: compactor.delete-request-store should be configured when retention is enabled",
        ),
        (
            "compactor:\n  retention_enabled: true\n  delete_request_store: filesystem\n  delete_request_store_key_prefix: /abs/\n",
            "invalid compactor config: validate delete store path prefix: prefix should never start with a path separator i.e '/'",
        ),
        # pkg/ingester/ingester.go Validate and pkg/ingester/wal.go WALConfig.Validate
        (
            "ingester:\n  wal:\n    checkpoint_duration: 0s\n",
            "invalid ingester config: invalid checkpoint duration: 0s",
        ),
        (
            "ingester:\n  flush_op_backoff:\n    min_period: 2m\n",
            "invalid ingester config: invalid flush op min backoff: cannot be larger than max backoff",
        ),
        (
            "ingester:\n  flush_op_backoff:\n    max_retries: 0\n",
            "invalid ingester config: invalid flush op max retries: 0",
        ),
        (
            "ingester:\n  flush_op_timeout: -1s\n",
            "invalid ingester config: invalid flush op timeout: -1s",
        ),
        # pkg/querier/querier.go Validate
        (
            "querier:\n  query_store_only: true\n  query_ingester_only: true\n",
            "invalid querier config: querier.query_store_only and querier.query_ingester_only cannot both be true",
        ),
        # pkg/scheduler/scheduler.go and pkg/indexgateway/config.go Validate
        (
            "query_scheduler:\n  scheduler_ring:\n    replication_factor: 3\n",
            "invalid query_scheduler config: Replication factor must not be changed as it will not take effect",
        ),
        (
            "index_gateway:\n  ring:\n    num_tokens: 1\n",
            "invalid index_gateway config: Num tokens must not be changed as it will not take effect",
        ),
        # pkg/ruler/config.go RemoteWriteConfig.Validate
        (
            "ruler:\n  remote_write:\n    enabled: true\n",
            "invalid ruler config: invalid ruler remote-write config: remote-write enabled but no clients URL are configured",
        ),
        # pkg/querier/worker/worker.go Validate
        (
            "frontend_worker:\n  frontend_address: a:1\n  scheduler_address: b:1\n",
            "invalid frontend_worker config: frontend address and scheduler address are mutually exclusive, please use only one",
        ),
        # pkg/distributor/distributor.go Validate
        (
            "distributor:\n  ingester_writes_enabled: false\n",
            "invalid distributor config: at least one of kafka and ingestor writes must be enabled",
        ),
        # pkg/validation/limits.go Validate
        (
            "limits_config:\n  deletion_mode: everything\n",
            "invalid limits_config config: unknown deletion mode: must be one of disabled|filter-only|filter-and-delete",
        ),
        (
            "limits_config:\n  retention_stream:\n    - selector: '{a=\"b\"}'\n      priority: 1\n      period: 12h\n",
            "invalid limits_config config: retention period must be >= 24h was 12h",
        ),
    ],
)
def test_component_errors(load, extra: str, expected: str) -> None:
    with pytest.raises(LokiConfigError) as err:
        load(MINIMAL + extra)
    assert err.value.detail == PREFIX + expected


def test_index_shards_must_be_a_power_of_two_for_tsdb(load) -> None:
    # pkg/loki/config_compat.go -> pkg/ingester/index/bitprefix.go ValidateBitPrefixShardFactor
    with pytest.raises(LokiConfigError) as err:
        load(MINIMAL + "ingester:\n  index_shards: 24\n")
    expected = "validating config: incompatible inverted index shard factor on ingester: It must be a power of two, got 24"
    assert err.value.detail == expected


def test_unknown_store_and_object_store(load) -> None:
    # pkg/loki/validation.go validateSchemaValues: both errors, under the heading
    text = MINIMAL.replace("store: tsdb", "store: tsdbx").replace(
        "object_store: filesystem", "object_store: disk"
    )
    with pytest.raises(LokiConfigError) as err:
        load(text)
    lines = err.value.detail.splitlines()
    assert lines[0] == "validating config: MULTIPLE CONFIG ERRORS FOUND, PLEASE READ CAREFULLY"
    assert "unrecognized `store` (index) type `tsdbx`, choose one of: boltdb-shipper, tsdb" in lines
    assert (
        "unrecognized `object_store` type `disk`, which also does not match any named_stores. Choose one of: filesystem, aws, alibabacloud, azure, bos, cos, gcs, s3, swift, noop. Or choose a named_store"
        in lines
    )


def test_query_range_is_validated_twice(load) -> None:
    # pkg/loki/loki.go Validate calls c.QueryRange.Validate() at two places
    text = (
        MINIMAL
        + "query_range:\n  parallelise_shardable_queries: false\n  shard_aggregations: quantile_over_time\n"
    )
    with pytest.raises(LokiConfigError) as err:
        load(text)
    error = "CONFIG ERROR: invalid query_range config: shard_aggregations requires parallelise_shardable_queries=true"
    assert err.value.detail.splitlines().count(error) == 2


def test_the_minimal_single_binary_config_is_valid(load) -> None:
    # cmd/loki/loki-local-config.yaml at v3.6.0, its required part
    cfg = load(MINIMAL)
    assert cfg.schema_configs[0].schema_version == 13


def test_null_limits_config_zeroes_the_deletion_mode(load) -> None:
    # yaml.v2 zeroes validation.Limits given a null (no UnmarshalYAML call), then
    # pkg/validation/limits.go Validate parses deletion_mode "" first
    with pytest.raises(LokiConfigError) as err:
        load(MINIMAL + "limits_config:\n")
    expected = "invalid limits_config config: unknown deletion mode: must be one of disabled|filter-only|filter-and-delete"
    assert err.value.detail == PREFIX + expected
