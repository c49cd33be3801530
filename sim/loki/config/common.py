"""The file's values and ApplyDynamicConfig's errors and ring rules (pkg/loki/config_wrapper.go).

pkg/util/cfg/dynamic.go loads the file, applies ApplyDynamicConfig, then loads the file
again: so a key the file sets always wins, and `common` only fills what the file leaves
alone. A YAML null resets a whole section to Go's zero values (yaml.v2 sets the zero value
without calling UnmarshalYAML).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sim.loki.config import defaults as d
from sim.loki.config import messages as m

RING_PATHS = (
    "ingester.lifecycler.ring",
    "distributor.ring",
    "compactor.compactor_ring",
    "ruler.ring",
    "query_scheduler.scheduler_ring",
    "index_gateway.ring",
)
_COMMON_BACKENDS = ("s3", "gcs", "azure", "alibabacloud", "bos", "swift", "filesystem", "cos")


class DynamicConfigError(ValueError):
    """ApplyDynamicConfig refused the file (cfg.Unmarshal returns it unwrapped)."""


class FileValues:
    """Typed reads of the decoded file: the file's value, a null's zero, or the default."""

    def __init__(self, raw: Mapping[str, Any]) -> None:
        self.raw = raw

    def _walk(self, path: str) -> tuple[bool, Any]:
        node: Any = self.raw
        for part in path.split("."):
            if node is None:
                return True, None
            if not isinstance(node, Mapping) or part not in node:
                return False, None
            node = node[part]
        return True, node

    def sets(self, path: str) -> bool:
        """The file sets this key, or nulls a section that holds it."""
        return self._walk(path)[0]

    def get(self, path: str, default: Any) -> Any:
        found, value = self._walk(path)
        if not found:
            return default
        if value is None:
            return type(default)() if default is not None else None
        return value


def check_dynamic(f: FileValues) -> None:
    """The errors ApplyDynamicConfig can return, in its order."""
    if f.get("common.persist_tokens", False) and not f.get("common.path_prefix", ""):
        raise DynamicConfigError(m.PERSIST_TOKENS_NEEDS_PREFIX)
    if sum(1 for b in _COMMON_BACKENDS if _non_empty(f.get(f"common.storage.{b}", None))) > 1:
        raise DynamicConfigError(m.TOO_MANY_STORAGE_CONFIGS)
    worker = "frontend_worker."
    if f.sets(worker + "grpc_client_config") and (
        f.sets(worker + "query_frontend_grpc_client")
        or f.sets(worker + "query_scheduler_grpc_client")
    ):
        raise DynamicConfigError(m.GRPC_CLIENT_CONFIG_CONFLICT)


def _non_empty(value: Any) -> bool:
    """A section differs from its defaults (approximated as: it sets a non-empty value)."""
    if isinstance(value, Mapping):
        return any(_non_empty(v) for v in value.values())
    return value not in (None, "", 0, False, [], ())


def ring_stores(f: FileValues) -> dict[str, str]:
    """applyDynamicRingConfigs: each ring's effective kvstore.store."""
    own = {ring: f.get(f"{ring}.kvstore.store", d.RING_KVSTORE) for ring in RING_PATHS}
    ingester = RING_PATHS[0]
    out: dict[str, str] = {}
    for ring in RING_PATHS:
        if f.sets(f"{ring}.kvstore.store"):
            out[ring] = own[ring]
        elif f.sets("common.ring"):  # the common ring is merged into every ring
            out[ring] = f.get("common.ring.kvstore.store", d.RING_KVSTORE)
        elif f.get("memberlist.join_members", []):
            out[ring] = "memberlist"
        elif ring == ingester or f.sets(ring):  # a customised ring keeps its own store
            out[ring] = own[ring]
        else:
            out[ring] = own[ingester]
    return out
