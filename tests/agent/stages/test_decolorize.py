"""The decolorize stage: upstream decolorize_test.go TestPipeline_Decolorize."""

from __future__ import annotations

import pytest

from .conftest import entry, pipeline, run


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("sample text", "sample text"),
        ("\033[0;32mgreen\033[0m \033[0;31mred\033[0m", "green red"),
    ],
)
def test_decolorize(line: str, expected: str) -> None:
    assert run(pipeline([{"decolorize": None}]), entry(line))[0].line == expected
