"""Fixtures shared by every test tier."""
from __future__ import annotations

import pytest

from saara_kit.store import open_store


@pytest.fixture
def store(tmp_path):
    """A real SQLite store in a fresh folder."""
    opened = open_store(tmp_path / "data")
    yield opened
    opened.close()
