"""File targets from static_configs (targets/file/filetargetmanager.go, targetSyncer.sync).

Each static group's targets (or a lone `localhost`) become label sets: the group's labels
with `__address__` over them. relabel_configs run on each; a target dropped by them, with
a `__host__` other than this host, or without `__path__` is not created (counted in
promtail_targets_failed_total by reason). What is left, minus every `__`-prefixed label,
are the labels of each file's entries; `__path__` and `__path_exclude__` say which files.
"""

from __future__ import annotations

import logging
import os
import socket
from dataclasses import dataclass

from . import messages
from .batch import labels_string
from .config_model import ScrapeConfig
from .metrics import AgentMetrics
from .relabel import process

log = logging.getLogger("lokisim.agent.discovery")


@dataclass(frozen=True, slots=True)
class TargetSpec:
    key: str  # `<path>:<labels>` (and `:<exclude>`): one target per key
    path: str
    exclude: str
    labels: dict[str, str]
    discovered: dict[str, str]


def hostname() -> str:
    """filetargetmanager.go hostname(): $HOSTNAME, else the OS's host name."""
    return os.environ.get("HOSTNAME") or socket.gethostname()


def discover(config: ScrapeConfig, host: str, metrics: AgentMetrics) -> list[TargetSpec]:
    specs: dict[str, TargetSpec] = {}
    for group in config.static_configs:
        targets = group.targets or ("localhost",)
        for address in targets:
            discovered = {**group.labels, messages.ADDRESS_LABEL: address}
            labels = process(discovered, list(config.relabel_configs))
            if labels is None:
                metrics.targets_failed.labels(messages.TARGET_FAILED_DROPPED).inc()
                continue
            target_host = labels.get(messages.HOST_LABEL)
            if target_host is not None and target_host != host:
                log.debug("ignoring target, wrong host labels=%s hostname=%s", labels, host)
                metrics.targets_failed.labels(messages.TARGET_FAILED_WRONG_HOST).inc()
                continue
            path = labels.get(messages.PATH_LABEL)
            if path is None:
                log.info("no path for target labels=%s", labels_string(labels))
                metrics.targets_failed.labels(messages.TARGET_FAILED_NO_PATH).inc()
                continue
            exclude = labels.get(messages.PATH_EXCLUDE_LABEL, "")
            public = {name: value for name, value in labels.items() if not name.startswith("__")}
            key = f"{path}:{labels_string(public)}" + (f":{exclude}" if exclude else "")
            if key in specs:
                metrics.targets_failed.labels(messages.TARGET_FAILED_EXISTS).inc()
                continue
            specs[key] = TargetSpec(key, path, exclude, public, discovered)
    return list(specs.values())
