"""Suite-wide fixtures: a clean environment for every test (as httpx's conftest does)."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """lokisim reads no settings from the environment except these, which tests set themselves."""
    for name in list(os.environ):
        if name.startswith("LOKISIM_"):
            monkeypatch.delenv(name, raising=False)
    yield
