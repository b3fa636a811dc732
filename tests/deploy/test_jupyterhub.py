"""deploy/: a real JupyterHub (configurable-http-proxy from npm, a process per person, the PostgreSQL
store) and real Chromium: a participant logs in with the association's code and fills a form, a
trainer logs in with a trainer code and opens a lesson in JupyterLab; a participant gets nothing
else, and a wrong code opens nothing."""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time

import pytest
from playwright.sync_api import expect

from saara_kit.deploy.hub import find_proxy
from saara_kit.deploy.trainers import add_trainer_codes
from saara_kit.settings import PROJECT_ROOT
from saara_kit.stakeholders.domain import DOMAIN
from saara_kit.store import open_store
from saara_kit.store.codes import give_codes
from tests.ports import free_port
from tests.postgres import emptied_postgres

pytestmark = pytest.mark.browser

CONFIG = PROJECT_ROOT / "deploy" / "jupyterhub_config.py"
ASSOCIATION = "Association Essai Oran"
START_TIMEOUT_S = 60
SPAWN_TIMEOUT_MS = 150_000


def _required(message: str) -> None:
    """Fail in CI (or when the browser tier is required), else skip."""
    if os.environ.get("CI") or os.environ.get("SAARA_REQUIRE_BROWSER") == "1":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="module")
def store_url():
    """The emptied PostgreSQL of ``postgres_url``, for the whole module (one hub serves every test)."""
    with emptied_postgres() as url:
        yield url


class Hub:
    """A running JupyterHub: its address, its log, its folder, and the codes it knows."""

    def __init__(self, url, log, folder, trainer, association, process):
        self.url, self.log, self.folder = url, log, folder
        self.trainer, self.association, self.process = trainer, association, process

    def said(self) -> str:
        """Return what the hub and its servers printed, without the proxy's routine lines."""
        return "".join(line for line in self.log if "[ConfigProxy]" not in line)

    def groups(self) -> dict[str, list[str]]:
        """Return every user's groups, from the hub's own database."""
        with contextlib.closing(sqlite3.connect(self.folder / "state" / "jupyterhub.sqlite")) as db:
            rows = db.execute(
                "SELECT users.name, groups.name FROM users JOIN user_group_map ON users.id = "
                "user_group_map.user_id JOIN groups ON groups.id = user_group_map.group_id"
            ).fetchall()
        found: dict[str, list[str]] = {}
        for user, group in rows:
            found.setdefault(user, []).append(group)
        return found


def _stop(process: subprocess.Popen) -> None:
    """Stop the hub (it stops its proxy and servers), then kill whatever of its tree is left."""
    import psutil

    try:
        tree = [process.pid, *(child.pid for child in psutil.Process(process.pid).children(recursive=True))]
    except psutil.NoSuchProcess:
        tree = [process.pid]
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
    for pid in tree:  # every one of these was started by this test
        with contextlib.suppress(ProcessLookupError, PermissionError):
            group = os.getpgid(pid)
            os.killpg(group, signal.SIGKILL) if group in tree else os.kill(pid, signal.SIGKILL)


@pytest.fixture(scope="module")
def hub(tmp_path_factory, store_url):
    """``jupyterhub -f deploy/jupyterhub_config.py`` on free ports, its folder in a temporary one,
    with a trainer code for Ouest and an association of Ouest that has its code."""
    with _running_hub(tmp_path_factory, store_url, ASSOCIATION) as running:
        yield running


@contextlib.contextmanager
def _running_hub(tmp_path_factory, store_url, association: str, **settings: str):
    """Run the hub (with ``settings``, more ``SAARA_*`` variables) until the block ends."""
    proxy = find_proxy()
    if proxy is None:
        _required("configurable-http-proxy not found: make test installs it with npm (.venv/node_modules)")
    folder = tmp_path_factory.mktemp("hub")
    trainer = add_trainer_codes(folder / "trainers.yaml", "ouest")[0]
    with open_store(db_url=store_url) as store:
        code = give_codes(store, "ouest", [association])[association]
    port = free_port()
    env = {
        **os.environ,
        "SAARA_DB_URL": store_url,
        "SAARA_HUB_DIR": str(folder),
        "SAARA_PROXY": proxy,
        "SAARA_HUB_URL": f"http://127.0.0.1:{port}",
        "SAARA_HUB_API_URL": f"http://127.0.0.1:{free_port()}",
        "SAARA_PROXY_API_URL": f"http://127.0.0.1:{free_port()}",
        **settings,
    }
    command = [sys.executable, "-m", "jupyterhub", "-f", str(CONFIG)]
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
        cwd=folder,
        start_new_session=True,
    )
    log: list[str] = []
    threading.Thread(target=lambda: log.extend(iter(process.stdout.readline, "")), daemon=True).start()
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while not any("JupyterHub is now running" in line for line in log):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail("JupyterHub did not start:\n" + "".join(log))
            time.sleep(0.2)
        yield Hub(f"http://127.0.0.1:{port}", log, folder, trainer, code, process)
    finally:
        _stop(process)


@pytest.fixture(scope="module")
def browser_context(browser):
    """A context factory: each person has their own cookies."""
    contexts = []

    def make():
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(60_000)
        return page

    yield make
    for context in contexts:
        context.close()


def _log_in(page, hub: Hub, typed: str, name: str) -> None:
    """Type ``typed`` on the hub's login page and wait until the person's own server answers."""
    page.goto(f"{hub.url}/hub/login")
    page.fill("#username_input", typed)
    page.click("#login_submit")
    try:
        page.wait_for_url(f"**/user/{name}/**", timeout=SPAWN_TIMEOUT_MS)
    except Exception:
        print(hub.said()[-30000:])
        raise


@pytest.fixture(scope="module")
def participant(hub, browser_context):
    """A participant's page, logged in with the association's code (as typed from the card)."""
    page = browser_context()
    code = hub.association
    _log_in(page, hub, f"{code[:3].lower()} {code[3:]}", code.lower())  # any case, a space: still the code
    return page


@pytest.fixture(scope="module")
def trainer(hub, browser_context):
    page = browser_context()
    _log_in(page, hub, hub.trainer, hub.trainer.lower())
    return page


def test_a_participant_lands_on_the_forms_and_saves_into_the_shared_store(hub, participant, store_url):
    page, name = participant, hub.association.lower()
    page.wait_for_selector(".saara-app-stakeholders a")
    assert page.url.startswith(f"{hub.url}/user/{name}/")
    assert "Pôle Ouest" in page.inner_text(".saara-hub")  # the association's hub, in its language
    page.click(".saara-app-stakeholders a")
    page.wait_for_selector(".saara-association input")
    page.fill(".saara-association input", ASSOCIATION)
    page.press(".saara-association input", "Enter")
    page.fill(".saara-association-code input", hub.association)
    page.press(".saara-association-code input", "Enter")
    page.fill(".saara-step-stakeholders .saara-name input", "APC d'Oran")
    assert page.input_value(".saara-step-stakeholders .saara-name input") == "APC d'Oran"
    page.select_option(".saara-step-stakeholders .saara-type select", label="APC (commune)")
    page.click(".saara-step-stakeholders button.saara-add")
    page.wait_for_function("document.querySelectorAll('.saara-step-stakeholders .saara-list option').length === 1")
    page.click(".saara-step-stakeholders button.saara-save")
    page.wait_for_function(
        "document.querySelector('.saara-step-stakeholders .saara-save-status').innerText.includes('Enregistré')"
    )

    with open_store(db_url=store_url) as store:  # PostgreSQL, not a file of the server
        saved = store.current(DOMAIN.kind, hub_id="ouest", association=ASSOCIATION)
    assert [revision.payload["name"] for revision in saved] == ["APC d'Oran"]
    assert saved[0].author.startswith("participant-") and hub.association.lower() not in saved[0].author.lower()
    assert hub.groups()[name] == ["ouest-participants"]


def test_a_trainer_lands_in_jupyterlab_and_opens_a_lesson(hub, trainer):
    page, name = trainer, hub.trainer.lower()
    assert f"/user/{name}/lab" in page.url
    page.goto(f"{hub.url}/user/{name}/lab/tree/01-stakeholder-mapping.ipynb")
    heading = page.locator(".jp-MarkdownCell h1").first
    heading.wait_for(timeout=90_000)
    assert heading.inner_text().startswith("01 —")
    parameters = page.locator(".jp-CodeCell .jp-InputArea-editor").first
    expect(parameters).to_contain_text('region: str = "ouest"', timeout=60_000)  # JupyterLab fills editors lazily
    expect(parameters).to_contain_text('lang: str = "fr"')
    assert hub.groups()[name] == ["ouest-trainers"]


@pytest.mark.parametrize(
    "path",
    [
        "lab",
        "lab/tree/01-stakeholder-mapping.ipynb",
        "tree",
        "terminals/1",
        "api/terminals",
        "api/contents",
        "api/kernels",
        "files/",
        "edit/stakeholders.ipynb",
        "voila/render/room.ipynb",
    ],
)
def test_a_participant_gets_no_jupyterlab_terminal_files_kernels_or_trainer_form(hub, participant, path):
    answer = participant.request.get(f"{hub.url}/user/{hub.association.lower()}/{path}", max_redirects=0)
    assert answer.status in (403, 404), (path, answer.status)
    assert "jp-" not in answer.text() and "Traceback" not in answer.text()


def _xsrf(page) -> dict[str, str]:
    """The header a page's script sends with its ``_xsrf`` cookie, as JupyterLab's own requests do."""
    cookie = next((c["value"] for c in page.context.cookies() if c["name"] == "_xsrf"), "")
    return {"X-XSRFToken": cookie}


def test_a_participant_cannot_start_a_kernel_or_open_a_trainers_server(hub, participant, trainer):
    own = f"{hub.url}/user/{hub.association.lower()}"
    participant.goto(f"{own}/")
    assert participant.request.post(f"{own}/api/kernels", data="{}", headers=_xsrf(participant)).status in (
        403,
        404,
        405,
    )
    assert participant.request.post(f"{own}/api/terminals", headers=_xsrf(participant)).status in (403, 404, 405)
    # the trainer's server is running (JupyterLab): its address, typed by a participant, refuses them
    answer = participant.goto(f"{hub.url}/user/{hub.trainer.lower()}/lab")
    assert answer.status == 403, (answer.status, participant.url)
    assert participant.locator(".jp-LabShell").count() == 0
    assert participant.request.get(f"{hub.url}/hub/admin", max_redirects=0).status in (403, 404)


def test_a_wrong_code_opens_nothing_and_says_so_in_every_language(hub, browser_context):
    page = browser_context()
    page.goto(f"{hub.url}/hub/login")
    page.fill("#username_input", "ZZZZZZ")
    page.click("#login_submit")
    page.wait_for_selector(".saara-wrong")
    assert "/hub/login" in page.url
    said = page.inner_text(".saara-login")
    assert "Ce code n'ouvre rien" in said and "هذا الرمز لا يفتح شيئًا" in said and "This code opens nothing" in said
    assert page.context.cookies() == [] or not any(
        c["name"].startswith("jupyterhub-session") for c in page.context.cookies()
    )
    assert "zzzzzz" not in hub.groups()


def test_a_server_nobody_uses_is_stopped_by_the_idle_culler(tmp_path_factory, store_url, browser_context):
    """With ``SAARA_HUB_IDLE_MINUTES`` at a quarter of a minute, an association's server stays up while
    a participant types in its form; once nobody uses it, jupyterhub-idle-culler (a hub service)
    stops it, and its process is gone."""
    import psutil

    with _running_hub(tmp_path_factory, store_url, "Association Essai Inactive", SAARA_HUB_IDLE_MINUTES="0.25") as idle:
        page, name = browser_context(), idle.association.lower()
        _log_in(page, idle, idle.association, name)
        page.click(".saara-app-stakeholders a")
        page.wait_for_selector(".saara-step-stakeholders .saara-name input")
        for typed in range(8):  # a participant at work for twice the timeout keeps the server
            page.fill(".saara-step-stakeholders .saara-name input", f"APC {typed}")
            time.sleep(4)
        assert _running_servers(idle) == [name]
        page.close()  # nobody on it any more
        deadline = time.monotonic() + 120
        while _running_servers(idle) and time.monotonic() < deadline:
            time.sleep(2)
        assert _running_servers(idle) == [], idle.said()[-5000:]
        assert "Culling server" in idle.said()
        servers = [
            p
            for p in psutil.Process(idle.process.pid).children(recursive=True)
            if "saara_kit.deploy.forms_server" in " ".join(p.cmdline())
        ]
        assert servers == []


def _running_servers(hub: Hub) -> list[str]:
    """Return the users whose server is running, from the hub's own database."""
    with contextlib.closing(sqlite3.connect(hub.folder / "state" / "jupyterhub.sqlite")) as db:
        return [
            name
            for (name,) in db.execute(
                "SELECT users.name FROM users JOIN spawners ON spawners.user_id = users.id WHERE spawners.server_id IS NOT NULL"
            )
        ]
