"""The tenant stage: tables ported from upstream clients/pkg/logentry/stages/tenant_test.go."""

from __future__ import annotations

from typing import Any

import pytest

from sim.errors import AgentConfigError

from .conftest import entry, pipeline, run, stage

EMPTY = "label, source or value config are required"
CONFLICT = (
    "label, source and value are mutually exclusive: you should set source, value or label "
    "but not all"
)
TENANT = "__tenant_id__"


# tenant_test.go TestTenantStage_Validation
@pytest.mark.parametrize(
    ("config", "message"),
    [
        ({"source": "tenant"}, None),
        ({"value": "team-a"}, None),
        ({}, EMPTY),
        ({"source": ""}, EMPTY),
        ({"value": ""}, EMPTY),
        ({"label": ""}, EMPTY),
        ({"source": "tenant", "value": "team-a"}, CONFLICT),
        ({"source": "tenant", "label": "team-a"}, CONFLICT),
        ({"label": "tenant", "value": "team-a"}, CONFLICT),
        ({"label": "tenant", "source": "tenant", "value": "team-a"}, CONFLICT),
    ],
)
def test_tenant_validation(config: dict[str, str], message: str | None) -> None:
    if message is None:
        assert pipeline([{"tenant": config}]).stages
        return
    with pytest.raises(AgentConfigError) as caught:
        pipeline([{"tenant": config}])
    assert caught.value.detail == f"invalid tenant stage config: {message}"


# tenant_test.go TestTenantStage_Process
@pytest.mark.parametrize(
    ("config", "labels", "extracted", "tenant"),
    [
        ({"source": "tenant_id"}, {}, {}, None),
        ({"source": "tenant_id"}, {TENANT: "foo"}, {}, "foo"),
        ({"source": "tenant_id"}, {}, {"tenant_id": "bar"}, "bar"),
        ({"label": "tenant_id"}, {"tenant_id": "bar"}, {}, "bar"),
        ({"source": "tenant_id"}, {TENANT: "foo"}, {"tenant_id": "bar"}, "bar"),
        ({"source": "tenant_id"}, {}, {"tenant_id": ["bar"]}, None),
        ({"value": "bar"}, {}, {}, "bar"),
        ({"value": "bar"}, {TENANT: "foo"}, {}, "bar"),
    ],
)
def test_tenant_process(
    config: dict[str, str], labels: dict[str, str], extracted: dict[str, Any], tenant: str | None
) -> None:
    out = run(stage("tenant", config), entry("hello world", labels, extracted, ts=1_000_000_001))
    assert (out[0].line, out[0].timestamp_ns) == ("hello world", 1_000_000_001)
    assert out[0].labels.get(TENANT) == tenant
