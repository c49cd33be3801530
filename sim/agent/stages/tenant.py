"""The `tenant` stage (tenant.go): sets the reserved __tenant_id__ label."""

from __future__ import annotations

from typing import Any

from . import messages
from .base import BuildContext, Entry, ProcessorStage, StageConfigError
from .decode import STRING
from .helpers import decode_config, source_string


class TenantStage(ProcessorStage):
    name = "tenant"

    def __init__(self, label: str, source: str, value: str) -> None:
        self._label, self._source, self._value = label, source, value

    def apply(self, entry: Entry, now: float) -> None:
        if self._source:
            tenant = source_string(entry.extracted, self._source) or ""
        elif self._label:
            tenant = entry.labels.get(self._label, "")
        else:
            tenant = self._value
        if tenant:
            entry.labels[messages.RESERVED_LABEL_TENANT_ID] = tenant


def new_tenant_stage(config: Any, ctx: BuildContext) -> TenantStage:
    values = decode_config(ctx, config, {"label": STRING, "source": STRING, "value": STRING})
    label, source, value = (values.get(k, "") for k in ("label", "source", "value"))
    if not (label or source or value):
        raise StageConfigError(messages.ERR_TENANT_EMPTY)
    if sum(bool(x) for x in (label, source, value)) > 1:
        raise StageConfigError(messages.ERR_TENANT_CONFLICT)
    return TenantStage(label, source, value)
