"""Refuse, loudly, what a valid Loki 3.6 config asks of the embedded Loki that it lacks.

Every key the file sets is looked up in policy.POLICY; a key not there raises
UnsupportedFeature naming it, and the compose target runs the real Loki instead. Effective
values that only exist after `common` is applied (ring stores, schema periods) are
checked first, then the keys, then limits_config (sim.loki.limits).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sim.errors import UnsupportedFeature
from sim.loki.config.model import LokiConfig
from sim.loki.config.policy import POLICY

COMPONENT = "embedded Loki"


def refuse(what: str) -> UnsupportedFeature:
    return UnsupportedFeature(COMPONENT, f"{what}: use --target compose")


def check_keys(raw: Mapping[str, Any]) -> None:
    """Refuse the first key the file sets that the stand-in cannot honour."""
    problem = _walk(POLICY, raw, "")
    if problem:
        raise refuse(problem)


def _lookup(tree: Mapping[str, Any], key: str) -> Any:
    if key in tree:
        return tree[key]
    for pattern, rule in tree.items():
        if "*" in pattern and (pattern == "*" or _glob(pattern, key)):
            return rule
    return None


def _glob(pattern: str, key: str) -> bool:
    head, _, tail = pattern.partition("*")
    return key.startswith(head) and key.endswith(tail) and len(key) >= len(head) + len(tail)


def _walk(tree: Mapping[str, Any], values: Any, prefix: str) -> str | None:
    if not isinstance(values, Mapping):
        return None  # a null section: every value in it is Go's zero
    for key, value in values.items():
        path = f"{prefix}{key}"
        node = _lookup(tree, str(key))
        if node is None:
            return f"{path} is set"
        problem = node(path, value) if callable(node) else _walk(node, value, path + ".")
        if problem:
            return problem
    return None


def require_supported(cfg: LokiConfig) -> None:
    """Refuse effective values the stand-in lacks, then the file's keys, then limits."""
    if cfg.target != ("all",):
        raise refuse(f"target: {','.join(cfg.target)} (only the single binary, all)")
    for ring, store in cfg.ring_kvstores.items():
        if store != "inmemory":
            raise refuse(f"{ring}.kvstore.store: {store} (only the inmemory ring)")
    for i, period in enumerate(cfg.schema_configs):
        where = f"schema_config.configs[{i}]"
        if period.store != "tsdb":
            raise refuse(f"{where}.store: {period.store} (only tsdb)")
        if period.schema_version != 13:
            raise refuse(f"{where}.schema: {period.schema} (only v13)")
        if period.object_store != "filesystem":
            raise refuse(f"{where}.object_store: {period.object_store} (only filesystem)")
    check_keys(cfg.raw)
    cfg.limits.require_supported()
