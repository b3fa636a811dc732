"""A real ``saara-kit serve`` and a real Chromium (Debian's), driven by Playwright."""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.ports import free_port

START_TIMEOUT_S = 90


KERNEL_FILE = re.compile(r"kernel-([0-9a-f-]{36})\.json")  # in a kernel's command line
# what a page held when its test failed: its kernel's connection, what it shows, a form's first fields
PAGE_STATE = """() => {
  const kernel = window.jupyterapp?.widgetManager?.kernel;
  const step = document.querySelector('.saara-step-stakeholders');
  return {
    url: location.href,
    kernel: kernel ? `${kernel.id} ${kernel.connectionStatus} ${kernel.status}` : '',
    shown: (document.body?.innerText || '').replace(/\\s+/g, ' ').slice(0, 400),
    association: document.querySelector('.saara-association input')?.value,
    name: step?.querySelector('.saara-name input')?.value,
    listed: step ? step.querySelectorAll('.saara-list option').length : null,
  };
}"""


@dataclass
class Server:
    """A running ``saara-kit serve``: where it listens, its trainer code (token), the folder of the
    store it serves, what it printed, the participants' join code and the workshop's real folder."""

    url: str
    token: str
    data_dir: Path
    log: list[str]
    join_code: str
    real_dir: Path
    pid: int
    join_url: str

    def kernel_ids(self) -> set[str]:
        """The ids of the server's live kernels (from their connection files' names)."""
        import psutil

        return {
            found.group(1)
            for process in psutil.Process(self.pid).children(recursive=True)
            if is_live_kernel(process) and (found := KERNEL_FILE.search(" ".join(process.cmdline())))
        }

    def failed_cells(self) -> list[str]:
        """What the server logged about a form's cell that failed in its kernel: each error and its traceback."""
        from saara_kit.serve.server import CELL_FAILED  # on a failure only: it loads Voilà

        said, blocks = "".join(self.log), []
        for start in (match.start() for match in re.finditer(rf"\[\w+\] ERROR \| {re.escape(CELL_FAILED)}", said)):
            following = re.search(r"\n\[\w+\] ", said[start + 1 :])
            blocks.append(said[start : start + 1 + following.start()] if following else said[start:])
        return blocks

    def kernels(self) -> int:
        """Count the server's live kernels (its ipykernel processes)."""
        import psutil

        return sum(map(is_live_kernel, psutil.Process(self.pid).children(recursive=True)))


def wait_for(condition, seconds: float = 60, message: str = "") -> None:
    """Poll ``condition`` every half second until it holds; fail with ``message`` after ``seconds``."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, message
        time.sleep(0.5)


def is_live_kernel(process) -> bool:
    """Tell whether a ``psutil`` process is a live ipykernel (not a zombie, not gone)."""
    import psutil

    try:
        return process.status() != psutil.STATUS_ZOMBIE and "ipykernel_launcher" in " ".join(process.cmdline())
    except psutil.Error:  # it ended while we looked
        return False


@contextlib.contextmanager
def running(arguments: list[str], env: dict[str, str], ready: str = "is running at"):
    """Run ``saara-kit <arguments>`` until the block ends; yield its output lines once one holds
    ``ready`` (a line the server prints once it answers: a GET would start a kernel)."""
    command = [sys.executable, "-m", "saara_kit.cli", *arguments]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    log: list[str] = []
    threading.Thread(target=lambda: log.extend(iter(process.stdout.readline, "")), daemon=True).start()
    deadline = time.monotonic() + START_TIMEOUT_S
    while not any(ready in line for line in log):
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"saara-kit {arguments[0]} did not start:\n" + "".join(log))
        time.sleep(0.2)
    try:
        yield process, log
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """Start ``saara-kit serve`` as ``make run`` does (codes, demonstration store); ``data_dir`` is
    the demonstration's folder."""
    yield from serving(tmp_path_factory, "--demo")


def serving(tmp_path_factory, *options: str, data_dir: Path | None = None, port: int | None = None):
    """Start ``saara-kit serve --region ouest --verbose <options>`` (its log: the kit's lines and
    Voilà's) and yield it as a ``Server``; ``data_dir`` and ``port`` restart a server as it was."""
    data_dir = data_dir or tmp_path_factory.mktemp("workshop-data")
    port = port or free_port()
    arguments = ["serve", "--port", str(port), "--data-dir", str(data_dir), "--region", "ouest", "--verbose", *options]
    with running(arguments, {**os.environ, "SAARA_DB_URL": ""}, ready=f"localhost:{port}/join") as (process, log):
        said = "".join(log)
        token = re.search(r"token=([\w-]+)", said).group(1)
        code = re.search(r"code=([A-Z0-9]{6})", said).group(1)
        join_url = re.search(r"https?://\S+/login\?\S+", said).group(0).replace("localhost", "127.0.0.1")
        store_dir = data_dir / "demo" if "--demo" in options else data_dir
        yield Server(f"http://127.0.0.1:{port}", token, store_dir, log, code, data_dir, process.pid, join_url)


@pytest.fixture
def page(browser):
    """A fresh browser page (own cookies)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    opened.set_default_timeout(60_000)
    yield opened
    context.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """A failed browser test says what each of its open pages held (``PAGE_STATE``): whether a form
    that never showed was waiting for its kernel, had lost it, or showed something else."""
    report = yield
    browser = item.funcargs.get("browser") if hasattr(item, "funcargs") else None
    if report.failed and call.when == "call" and browser is not None:
        held = []
        for page in (page for context in browser.contexts for page in context.pages):
            try:
                held.append(str(page.evaluate(PAGE_STATE)))
            except Exception as error:  # a page closed or crashed: say so
                held.append(f"{page.url}: {type(error).__name__}")
        if held:
            report.sections.append(("pages when it failed", "\n".join(held)))
        servers = [value for value in item.funcargs.values() if isinstance(value, Server)]
        failed = [block for server in servers for block in server.failed_cells()]
        if failed:
            report.sections.append(("form cells that failed on the server", "\n".join(failed)))
    return report
