"""Tests that need Debian's Chromium fail without it when ``SAARA_REQUIRE_BROWSER=1`` (CI), else skip."""

from __future__ import annotations

import os

import pytest

from saara_kit.exports.pdf import chromium
from saara_kit.settings import CHROMIUM_PATH

__all__ = ["require_chromium"]


def require_chromium() -> None:
    """Fail (in CI) or skip the calling test when Chromium is not installed."""
    if chromium():
        return
    message = f"Chromium not found at {CHROMIUM_PATH}: apt-get install chromium"
    if os.environ.get("SAARA_REQUIRE_BROWSER") == "1":
        pytest.fail(message)
    pytest.skip(message)
