"""Voilà: time to interactive of each participant's app in Chromium, against the floor page, preheated and cold.

The floor is a notebook that imports pandas, matplotlib and ipywidgets and shows one Text widget,
served by the same Voilà (the kit's server, template and settings) from the same folder as the apps.
"Interactive" is the first text input accepting what is typed. Preheated: a kernel from the pool;
cold: the next visit, while the pool refills. Each figure is the best of ``ROUNDS`` visits."""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from bench import compile_kit, scratch_dir, settled
from saara_kit.settings import CHROMIUM_ARGS, CHROMIUM_PATH, VOILA_APPS_DIR
from tests.ports import free_port

FLOOR = "floor"
FLOOR_CODE = 'import pandas, matplotlib, ipywidgets\nipywidgets.Text(placeholder="floor")'
FIRST_INPUT = 'input[type="text"]:not(:disabled)'
TARGET_COLD, TARGET_PREHEATED = 1.3, 1.2
ROUNDS = 5  # each visit's best of five: a visit of the floor page itself swings from 1.25 to 2 s in Chromium
SERVER = """
from pathlib import Path
from saara_kit.serve.server import SaaraVoila, voila_arguments
SaaraVoila.launch_instance(argv=voila_arguments("127.0.0.1", {port}, None, apps_dir=Path({apps!r}),
                                                preheat={preheat!r}))
"""


def apps_with_floor(names: list[str]) -> Path:
    """A folder of the apps' notebooks and the floor's, served as the apps are."""
    folder = scratch_dir("saara-bench-apps-")
    for name in names:
        shutil.copy(VOILA_APPS_DIR / f"{name}.ipynb", folder)
    cell = {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": FLOOR_CODE}
    notebook = {
        "cells": [cell],
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    (folder / f"{FLOOR}.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    return folder


def start_server(apps: Path, names: list[str]) -> tuple[subprocess.Popen, str]:
    """Serve ``apps`` with every page preheated (one kernel each in the pool); return it and its root."""
    port = free_port()
    data_dir = str(scratch_dir())
    env = {
        **os.environ,
        "SAARA_REGION": "ouest",
        "SAARA_LANG": "fr",
        "SAARA_DATA_DIR": data_dir,
        "SAARA_DB_URL": f"sqlite:///{data_dir}/saara.db",
    }
    server = subprocess.Popen(
        [sys.executable, "-c", SERVER.format(port=port, apps=str(apps), preheat=names)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    root = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{root}/voila/render/{FLOOR}.ipynb", timeout=1).close()
            break
        except OSError:
            time.sleep(0.5)
    settled(server.pid)  # each page's pool has filled, the visit above's included
    return server, root


def time_to_interactive(browser, url: str) -> tuple[float, object]:
    """Open ``url`` in a new page; return the seconds until its first text input accepts typing, and
    the page (left open until the caller closes it: its kernel stays taken)."""
    page = browser.new_page()
    started = time.perf_counter()
    page.goto(url, wait_until="commit")  # Voilà streams the page while its kernel runs: wait for the input
    page.type(FIRST_INPUT, "a", timeout=120_000)
    assert page.input_value(FIRST_INPUT) == "a"
    return time.perf_counter() - started, page


def preheated_then_cold(browser, server_pid: int, url: str) -> tuple[float, float]:
    """Time a visit served by the pool's kernel, then the next one (its pool is empty: a kernel
    starts); close both pages and wait until the pool has refilled."""
    preheated, first = time_to_interactive(browser, url)
    cold, second = time_to_interactive(browser, url)
    first.close()
    second.close()
    settled(server_pid)
    return preheated, cold


def main(smoke: bool = False) -> float:
    """Print each app's time to interactive, preheated and cold, beside the floor's; the worst ratio last."""
    compile_kit()
    from playwright.sync_api import sync_playwright

    from saara_kit.registry import apps
    from saara_kit.serve.server import TRAINER_APPS

    names = ["stakeholders"] if smoke else [name for name in apps() if name not in TRAINER_APPS]
    server, root = start_server(apps_with_floor(names), names)
    visits: dict[str, list[tuple[float, float]]] = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=list(CHROMIUM_ARGS))
            _, first = time_to_interactive(browser, f"{root}/voila/render/{FLOOR}.ipynb?lang=fr")  # scripts cached
            first.close()
            settled(server.pid)
            for _ in range(1 if smoke else ROUNDS):  # the pages in turn, each round: a slow moment hits all alike
                for name in [FLOOR, *names]:
                    url = f"{root}/voila/render/{name}.ipynb?lang=fr"
                    visits.setdefault(name, []).append(preheated_then_cold(browser, server.pid, url))
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
    best = {name: tuple(min(column) for column in zip(*times)) for name, times in visits.items()}
    median = {name: tuple(statistics.median(column) for column in zip(*times)) for name, times in visits.items()}
    floor_preheated, floor_cold = best.pop(FLOOR)
    print(f"{'floor':>14}: preheated {floor_preheated:.2f} s, cold {floor_cold:.2f} s")
    ratios = {}
    for name, (preheated, cold) in best.items():
        ratios[name] = (preheated / floor_preheated, cold / floor_cold)
        middle = [median[name][side] / median[FLOOR][side] for side in (0, 1)]
        print(
            f"{name:>14}: preheated {preheated:.2f} s (ratio {ratios[name][0]:.2f}), "
            f"cold {cold:.2f} s (ratio {ratios[name][1]:.2f}); ratios of the medians {middle[0]:.2f}, {middle[1]:.2f}"
        )
    worst_preheated = max(ratios, key=lambda name: ratios[name][0])
    worst_cold = max(ratios, key=lambda name: ratios[name][1])
    print(
        f"ratio worst app/floor: preheated {ratios[worst_preheated][0]:.2f} ({worst_preheated}; target ≤ "
        f"{TARGET_PREHEATED}), cold {ratios[worst_cold][1]:.2f} ({worst_cold}; target ≤ {TARGET_COLD}); "
        f"floor {floor_preheated:.2f} s preheated, {floor_cold:.2f} s cold"
    )
    return max(ratios[worst_cold][1], ratios[worst_preheated][0])


if __name__ == "__main__":  # python -m bench.bench_voila
    main()
