"""Phones that vanish: seats follow connections, not pages, and nothing typed dies with a kernel.

A real phone does not close its page politely: its Wi-Fi drops, its screen locks, its browser is
killed. Here a phone vanishes as Playwright allows: offline first (no page-close request can leave),
then its browser context closed with no unload.
"""

from __future__ import annotations

import time

import pytest

from saara_kit.serve.seats import SEAT_CHECK_SECONDS
from saara_kit.serve.server import room_sizes
from saara_kit.stakeholders.domain import DOMAIN
from saara_kit.store import open_store
from saara_kit.store.drafts import read_draft
from tests.browser.conftest import serving, wait_for
from tests.browser.wifi import HubWifi
from tests.chromium import require_chromium

pytestmark = pytest.mark.browser

ROOM = 4
POOL, CAP = room_sizes(ROOM)  # 2 forms made ready, at most 6 in use
GRACE_S = 20  # short, for the test; a workshop's is 90 s
SLACK_S = 10  # a kernel's shutdown, the full page's next try and a form shown
FORM = "/voila/render/stakeholders.ipynb?lang=fr"
STEP = ".saara-step-stakeholders"
ASSOCIATION = "Association des Phares d'Oran"
TYPED, ADDED = "Acteur en cours de saisie", "Acteur ajouté avant la panne"
OFFLINE_S = 60
RECONNECT_MS = 10_000  # back online, the form is connected again within this


@pytest.fixture(scope="module")
def ghost_server(tmp_path_factory):
    """``saara-kit serve --room 4 --grace 20`` on a real, empty store."""
    require_chromium()
    yield from serving(tmp_path_factory, "--room", str(ROOM), "--grace", str(GRACE_S))


def _phone(browser, storage_state=None):
    context = browser.new_context(viewport={"width": 390, "height": 844}, storage_state=storage_state)
    context.set_default_timeout(90_000)
    return context


def _open_form(context, server, base: str | None = None):
    """Join with the printed address (once) and open the stakeholder form; return the page."""
    page = context.new_page()
    base = base or server.url
    if not context.cookies():
        page.goto(server.join_url.replace(server.url, base))
    page.goto(f"{base}{FORM}")
    page.wait_for_selector(".saara-association input")
    return page


def _type_without_saving(page) -> None:
    """Open the association, add one actor and leave a second one in the editor, unsaved."""
    page.fill(".saara-association input", ASSOCIATION)
    page.press(".saara-association input", "Enter")
    page.fill(f"{STEP} .saara-name input", ADDED)
    page.click(f"{STEP} button.saara-add")
    page.wait_for_function(f"document.querySelectorAll('{STEP} .saara-list option').length === 1")
    page.fill(f"{STEP} .saara-name input", TYPED)
    page.press(f"{STEP} .saara-name input", "Tab")


def _draft_kept(server) -> bool:
    """Tell whether the store keeps the phone's draft, with the actor added and the one in the editor."""
    with open_store(server.data_dir) as store:
        drafts = [read_draft(store, device, DOMAIN.kind, "ouest", ASSOCIATION) for device in _devices(store)]
    return any(
        draft and len(draft.content["records"]) == 1 and draft.content["editor"].get("name") == TYPED
        for draft in drafts
    )


def _devices(store) -> list[str]:
    import sqlalchemy as sa

    from saara_kit.store.schema import drafts

    with store.engine.connect() as conn:
        return list(conn.execute(sa.select(drafts.c.device)).scalars())


def _vanish(context) -> None:
    """The phone loses the Wi-Fi, then its browser is killed: no page-close request leaves."""
    context.set_offline(True)
    context.close()


def _resume_and_save(page, server) -> None:
    """Open the association again, take up the draft offered, save; check the store."""
    page.fill(".saara-association input", ASSOCIATION)
    page.press(".saara-association input", "Enter")
    offer = page.locator(f"{STEP} .saara-draft-offer")
    offer.wait_for(state="visible")
    assert "2 modifications non enregistrées" in offer.inner_text()
    page.click(f"{STEP} button.saara-draft-resume")
    page.wait_for_function(f"document.querySelectorAll('{STEP} .saara-list option').length === 1")
    page.wait_for_function(f"document.querySelector('{STEP} .saara-name input').value === {TYPED!r}")
    page.click(f"{STEP} button.saara-save")
    page.wait_for_function(f"document.querySelector('{STEP} .saara-save-status').innerText.includes('Enregistré')")
    with open_store(server.data_dir) as store:
        saved = sorted(revision.payload["name"] for revision in store.current(DOMAIN.kind, hub_id="ouest"))
    assert saved == sorted([ADDED, TYPED])


@pytest.fixture(scope="module")
def vanished_room(browser, ghost_server):
    """Six phones fill every seat, the first types without saving, then all six vanish; return the
    first phone's cookies (its device) and when they vanished."""
    phones = [_phone(browser) for _ in range(CAP)]
    pages = [_open_form(context, ghost_server) for context in phones]
    _type_without_saving(pages[0])
    wait_for(lambda: _draft_kept(ghost_server), 30, "the phone's draft never reached the store")
    first_phone = phones[0].storage_state()
    for context in phones:
        _vanish(context)
    return first_phone, time.monotonic()


def test_vanished_phones_give_their_seats_back_within_the_grace_period(browser, ghost_server, vanished_room):
    _, vanished = vanished_room
    latecomer = _phone(browser)
    try:
        page = latecomer.new_page()
        page.goto(ghost_server.join_url)
        answer = page.goto(f"{ghost_server.url}{FORM}")
        assert answer.status == 503, (
            "the seats were freed before the grace period: a phone back in time would lose its form"
        )
        assert "Une place se libère dans 1 minute environ" in page.inner_text(".saara-full-wait")
        while page.wait_for_selector(".saara-association input, .saara-full").get_attribute("class") == "saara-full":
            waited = time.monotonic() - vanished
            assert waited < GRACE_S + SEAT_CHECK_SECONDS + SLACK_S, (
                f"no seat after {waited:.0f} s (grace {GRACE_S} s, check every {SEAT_CHECK_SECONDS} s); "
                f"{ghost_server.kernels()} kernels live"
            )
            time.sleep(2)
            page.goto(f"{ghost_server.url}{FORM}")
        assert time.monotonic() - vanished >= GRACE_S
        wait_for(
            lambda: ghost_server.kernels() <= POOL + 1,
            SEAT_CHECK_SECONDS + SLACK_S,
            f"{ghost_server.kernels()} kernels live: the ghosts' were not all shut down",
        )
    finally:
        latecomer.close()


def test_a_phone_whose_kernel_was_culled_is_offered_its_draft(browser, ghost_server, vanished_room):
    first_phone, _ = vanished_room
    wait_for(
        lambda: sum("Seat freed" in line for line in ghost_server.log) >= CAP,
        GRACE_S + 2 * SEAT_CHECK_SECONDS + SLACK_S,
        "the vanished phones' kernels were never culled",
    )
    back = _phone(browser, storage_state=first_phone)  # the same phone, its browser opened again
    try:
        _resume_and_save(_open_form(back, ghost_server), ghost_server)
    finally:
        back.close()


def test_a_phone_is_offered_its_draft_after_the_server_restarted(browser, tmp_path_factory):
    require_chromium()
    first = serving(tmp_path_factory)
    server = next(first)
    phone = _phone(browser)
    try:
        _type_without_saving(_open_form(phone, server))
        wait_for(lambda: _draft_kept(server), 30, "the phone's draft never reached the store")
        first.close()  # the facilitator stops the server, then starts it again on the same data
        again = serving(tmp_path_factory, data_dir=server.real_dir, port=int(server.url.rsplit(":", 1)[1]))
        restarted = next(again)
        try:
            assert (restarted.join_code, restarted.token) == (server.join_code, server.token)  # cards and QR stay right
            page = phone.new_page()
            page.goto(f"{restarted.url}{FORM}")  # still logged in: the same device
            page.wait_for_selector(".saara-association input")
            _resume_and_save(page, restarted)
        finally:
            again.close()
    finally:
        phone.close()


@pytest.fixture(scope="module")
def wifi_server(tmp_path_factory):
    """``saara-kit serve`` with a workshop's grace period, behind a Wi-Fi that can drop."""
    require_chromium()
    for server in serving(tmp_path_factory):
        wifi = HubWifi(int(server.url.rsplit(":", 1)[1]))
        try:
            yield server, wifi
        finally:
            wifi.close()


def test_a_phone_offline_for_a_minute_comes_back_to_its_form_and_saves(browser, wifi_server):
    server, wifi = wifi_server
    phone = _phone(browser)
    try:
        page = _open_form(phone, server, base=wifi.url)
        # back online, the page reconnects at once through Voilà's app (the kit's template): the path exists
        assert page.evaluate("typeof window.jupyterapp.widgetManager.kernel.reconnect") == "function"
        _type_without_saving(page)
        said = len(server.log)
        wifi.drop()
        phone.set_offline(True)
        time.sleep(OFFLINE_S)
        # the server saw the phone go (its pings went unanswered), and kept its kernel for the grace period
        assert any("WebSocket ping timeout" in line for line in server.log[said:]), "the drop went unnoticed"
        assert not any("Seat freed" in line for line in server.log[said:])
        phone.set_offline(False)
        wifi.restore()
        # Jupyter's own retries would wait up to 63 s more, or have given up: the page reconnects at once
        page.wait_for_function(
            "window.jupyterapp.widgetManager.kernel.connectionStatus === 'connected'", timeout=RECONNECT_MS
        )
        page.click(f"{STEP} button.saara-save")
        page.wait_for_function(f"document.querySelector('{STEP} .saara-save-status').innerText.includes('Enregistré')")
        assert not page.locator(".saara-connection-lost").is_visible()
        with open_store(server.data_dir) as store:
            saved = sorted(revision.payload["name"] for revision in store.current(DOMAIN.kind, hub_id="ouest"))
        assert saved == sorted([ADDED, TYPED])  # what the form held before the drop, and the editor's actor
    finally:
        phone.close()
