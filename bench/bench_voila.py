"""Voilà: time until the stakeholder form is usable, preheated kernel vs cold kernel."""
from __future__ import annotations

import subprocess
import sys
import tempfile
import time

from saara_kit.settings import CHROMIUM_ARGS, CHROMIUM_PATH
from tests.browser.conftest import free_port

POOL_FILL_WAIT_S = 12


def _time_to_form(browser, url: str) -> float:
    """Open the form in a new page (left open, so its kernel stays busy); return the seconds."""
    page = browser.new_page()
    started = time.perf_counter()
    page.goto(url)
    page.wait_for_selector(".saara-association input", timeout=120_000)
    return time.perf_counter() - started


def main(smoke: bool = False) -> float:
    """Print the stakeholder form's time to usable, preheated and cold, their ratio last; return it."""
    from playwright.sync_api import sync_playwright

    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "saara_kit.cli", "serve", "--port", str(port), "--no-token",
         "--data-dir", tempfile.mkdtemp()],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        time.sleep(POOL_FILL_WAIT_S)  # let the pool of preheated kernels fill
        url = f"http://127.0.0.1:{port}/voila/render/stakeholders.ipynb?lang=fr"
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=list(CHROMIUM_ARGS))
            warm = _time_to_form(browser, url)
            cold = _time_to_form(browser, url)  # the pool is empty again: a fresh kernel
            browser.close()
        print(f"ratio cold/preheated = {cold / warm:.2f}; form usable preheated {warm:.2f} s, cold {cold:.2f} s")
        return cold / warm
    finally:
        server.terminate()
        server.wait(timeout=30)
