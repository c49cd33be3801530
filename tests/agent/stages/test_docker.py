"""The docker stage: upstream extensions_test.go TestNewDocker."""

from __future__ import annotations

import pytest

from .conftest import entry, run, stage

RAW = (
    '{"log":"level=info ts=2019-04-30T02:12:41.844179Z caller=filetargetmanager.go:180 '
    'msg=\\"Adding target\\"\\n","stream":"stderr","time":"2019-04-30T02:12:41.8443515Z"}'
)
NOW_TS = 1_700_000_000_000_000_000


@pytest.mark.parametrize(
    ("line", "expected_line", "expected_ts", "expected_labels"),
    [
        (
            RAW,
            'level=info ts=2019-04-30T02:12:41.844179Z caller=filetargetmanager.go:180 msg="Adding target"\n',
            1556590361_844351500,
            {"stream": "stderr"},
        ),
        (
            '{"log":"log message\\n","stream":"stderr","time":"hi!"}',
            "log message\n",
            NOW_TS,
            {"stream": "stderr"},
        ),
        ("i'm not json!", "i'm not json!", NOW_TS, {}),
    ],
    ids=["happy path", "invalid timestamp", "invalid json"],
)
def test_new_docker(
    line: str, expected_line: str, expected_ts: int, expected_labels: dict[str, str]
) -> None:
    out = run(stage("docker", None), entry(line, ts=NOW_TS))[0]
    assert (out.line, out.timestamp_ns, out.labels) == (expected_line, expected_ts, expected_labels)
