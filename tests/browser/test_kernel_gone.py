"""A form whose kernel is gone (culled when idle, or restarted after a crash) tells the participant
in their language and offers to reload; what was saved before is still there after the reload."""

from __future__ import annotations

import re
import signal
import urllib.request

import psutil
import pytest

from saara_kit.stakeholders.domain import DOMAIN
from saara_kit.store import open_store

pytestmark = pytest.mark.browser

ASSOCIATION = "Association Exemple Environnement Tlemcen"  # in the sample data
KERNEL_ID = re.compile(r"/api/kernels/([\w-]+)/channels")


def _open_form(page, server, lang: str) -> str:
    """Open the form in ``lang``; return its kernel's id (from the address of its websocket)."""
    sockets: list[str] = []
    page.on("websocket", lambda socket: sockets.append(socket.url))
    page.goto(f"{server.url}/voila/render/stakeholders.ipynb?token={server.token}&lang={lang}")
    page.wait_for_selector(".saara-association input")
    return next(KERNEL_ID.search(url).group(1) for url in sockets if KERNEL_ID.search(url))


def _cull(server, kernel_id: str) -> None:
    """Shut the kernel down as the idle culler does."""
    request = urllib.request.Request(
        f"{server.url}/api/kernels/{kernel_id}", method="DELETE", headers={"Authorization": f"token {server.token}"}
    )
    with urllib.request.urlopen(request, timeout=30) as answer:
        assert answer.status == 204


def _crash(server, kernel_id: str) -> None:
    """Kill the kernel's process: the server restarts a blank kernel under the same id."""
    [kernel] = [
        process
        for process in psutil.Process(server.pid).children(recursive=True)
        if any(kernel_id in part for part in process.cmdline())
    ]
    kernel.send_signal(signal.SIGKILL)


@pytest.mark.parametrize(
    ("lang", "end", "said"),
    [
        ("fr", _cull, "n'est plus relié au serveur"),
        ("ar", _crash, "لم تعد هذه الاستمارة متصلة"),
    ],
)
def test_a_form_whose_kernel_is_gone_says_so_and_reloads(page, server, lang, end, said):
    kernel_id = _open_form(page, server, lang)
    notice = page.locator(".saara-connection-lost")
    assert not notice.is_visible()  # hidden while the kernel lives
    page.fill(".saara-association input", ASSOCIATION)
    page.press(".saara-association input", "Enter")
    page.wait_for_function("document.querySelectorAll('.saara-step-stakeholders .saara-list option').length === 7")

    end(server, kernel_id)
    notice.wait_for(state="visible", timeout=30_000)
    assert said in notice.inner_text()

    notice.locator("a").click()  # reload: a new kernel, the same language, what was saved
    page.wait_for_selector(".saara-association input")
    assert not page.locator(".saara-connection-lost").is_visible()
    assert page.locator("html").get_attribute("lang") == lang
    page.fill(".saara-association input", ASSOCIATION)
    page.press(".saara-association input", "Enter")
    page.wait_for_function("document.querySelectorAll('.saara-step-stakeholders .saara-list option').length === 7")
    with open_store(server.data_dir) as store:
        assert len(store.current(DOMAIN.kind, hub_id="ouest", association=ASSOCIATION)) == 7
