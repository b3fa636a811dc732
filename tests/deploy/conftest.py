"""The browser tier's fixtures (Debian's Chromium through Playwright), for the hub's tests."""
from tests.browser.conftest import browser  # noqa: F401 - a fixture, found by name
