"""A room of thirty: thirty phones join with the printed join address at ``--room 30``, each opens
its association with the code on its card and saves one stakeholder, nobody sees an error, every
save reaches the store, and once the pages close the server is back to its pool of preheated kernels.

The phones are driven by Playwright's async API (in a thread of their own: the sync API of the
other browser tests may hold the main thread's event loop), so their visits overlap.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import pytest

from saara_kit.serve.server import room_sizes
from saara_kit.settings import CHROMIUM_ARGS, CHROMIUM_PATH
from saara_kit.stakeholders.domain import DOMAIN
from saara_kit.store import open_store
from saara_kit.store.codes import give_codes
from tests.browser.conftest import PAGE_STATE, serving
from tests.chromium import require_chromium

pytestmark = [pytest.mark.browser, pytest.mark.alone, pytest.mark.timeout(900)]

ROOM = 30
POOL, CAP = room_sizes(ROOM)
AT_ONCE = 6  # phones loading a form at the same time: more only queues on the 2 cores
ASSOCIATIONS = ("Association Jeunesse Oran", "Association Environnement Mostaganem", "Association Femmes Tlemcen")
PHONE = {"width": 390, "height": 844}
WAIT_MS = 180_000  # a form on a busy machine: a kernel takes about 3 s of CPU to start
KERNELS_BACK_S = 90
BEACONS_S = 30
ROOM_S = 600  # the whole room, arrivals to saves; a phone still waiting then is one that hung
CLOSE_S = 60  # closing the phones and the browser: a stuck close fails the test instead of hanging it
FORM_URL = "/voila/render/stakeholders.ipynb?lang=fr"
SAVED = "Enregistré"
POLL_MS = 250  # not every animation frame: thirty pages polling that often take a core


@dataclass
class Visit:
    """One participant: what they type, and what their phone saw."""

    name: str
    association: str
    code: str = ""  # the association's code, from the card the facilitator printed
    form_s: float | None = None  # from the form's request to a usable form
    kernel: str = ""  # its kernel's id and connection, read when it waited in vain
    errors: list[str] = field(default_factory=list)
    context: Any = None
    page: Any = None


def visits(count: int) -> list[Visit]:
    """``count`` participants, each with a stakeholder of their own, under a few associations."""
    return [Visit(f"Partie prenante {number:02d}", ASSOCIATIONS[number % len(ASSOCIATIONS)]) for number in range(count)]


async def join_and_save(browser, server, visit: Visit, save: bool = True) -> None:
    """Join with the printed address on a phone of its own, open the form, add one stakeholder, save.

    The page stays open (its kernel in use); what went wrong goes into ``visit.errors``.
    """
    visit.context = await browser.new_context(viewport=PHONE)
    visit.context.set_default_timeout(WAIT_MS)
    page = visit.page = await visit.context.new_page()
    page.on("pageerror", lambda error: visit.errors.append(f"page error: {error}"))
    page.on(
        "response", lambda answer: answer.status >= 500 and visit.errors.append(f"HTTP {answer.status} {answer.url}")
    )
    started = time.perf_counter()
    try:
        await page.goto(server.join_url)  # logs the phone in with a cookie
        started = time.perf_counter()
        await page.goto(f"{server.url}{FORM_URL}")
        await page.wait_for_selector(".saara-association input")
        visit.form_s = time.perf_counter() - started
        if not save:
            return
        await page.fill(".saara-association input", visit.association)
        await page.press(".saara-association input", "Enter")
        await page.fill(".saara-association-code input", visit.code)
        await page.press(".saara-association-code input", "Enter")
        await page.fill(".saara-step-stakeholders .saara-name input", visit.name)
        await page.click(".saara-step-stakeholders button.saara-add")
        # the list shows the association's saved records and, once added, this one (its spaces
        # turned into no-break spaces)
        await page.wait_for_function(
            "name => [...document.querySelectorAll('.saara-step-stakeholders .saara-list option')]"
            "  .some(o => o.textContent.replace(/\\s/g, ' ').includes(name))",
            arg=visit.name,
            polling=POLL_MS,
        )
        await page.click(".saara-step-stakeholders button.saara-save")
        await page.wait_for_function(  # until then the status says "1 modification non enregistrée"
            "saved => (document.querySelector('.saara-step-stakeholders .saara-save-status') || {}).textContent?.includes(saved)",
            arg=SAVED,
            polling=POLL_MS,
        )
        visit.errors += [
            f"message: {text}"
            for text in await page.locator(".saara-step-stakeholders .saara-message-error").all_inner_texts()
            if text.strip()
        ]
    except Exception as problem:  # a timeout: the phone waited in vain; say what it showed
        shown, state = [], {}
        with contextlib.suppress(Exception):  # the page may be gone
            shown = await page.locator(
                ".saara-step-stakeholders .saara-save-status, .saara-step-stakeholders .saara-message-error"
            ).all_inner_texts()
            state = await page.evaluate(PAGE_STATE)
        visit.kernel = state.get("kernel", "")
        visit.errors.append(
            f"{type(problem).__name__}: {str(problem).splitlines()[0]} "
            f"(after {time.perf_counter() - started:.0f} s; shown: {[text for text in shown if text.strip()]}; page: {state})"
        )


def _shutdowns(server) -> int:
    return sum("Kernel shutdown:" in line for line in server.log)


async def leave(server, room: Sequence[Visit]) -> float:
    """Close every page as a phone does (its unload script sends a beacon that frees its kernel),
    then the phones; return when the pages closed (``time.monotonic()``).

    A phone's browser outlives its tab: the phones close once the server has had the pages' beacons
    (or after ``BEACONS_S``), since closing a browser context drops a beacon still on its way.
    """
    pages = [visit.page for visit in room if visit.page is not None and not visit.page.is_closed()]
    for page in pages:  # a page left unsaved asks before it closes (a phone that failed): leave anyway
        page.on("dialog", lambda dialog: asyncio.ensure_future(dialog.accept()))
    before = _shutdowns(server)
    await asyncio.wait_for(asyncio.gather(*(page.close(run_before_unload=True) for page in pages)), CLOSE_S)
    closed = time.monotonic()
    while _shutdowns(server) < before + len(pages) and time.monotonic() < closed + BEACONS_S:
        await asyncio.sleep(0.2)
    await asyncio.wait_for(
        asyncio.gather(*(visit.context.close() for visit in room if visit.context is not None)), CLOSE_S
    )
    return closed


async def _fill(server, room: Sequence[Visit], offsets: Sequence[float] | None, at_once: int | None) -> float:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=list(CHROMIUM_ARGS))
        gate = asyncio.Semaphore(at_once or len(room))

        async def arrive(visit: Visit, offset: float) -> None:
            await asyncio.sleep(offset)
            async with gate:
                await join_and_save(browser, server, visit)

        arrivals = {
            asyncio.ensure_future(arrive(visit, offset)): visit
            for visit, offset in zip(room, offsets or [0.0] * len(room))
        }
        try:
            _, hung = await asyncio.wait(arrivals, timeout=ROOM_S)
            for arrival in hung:  # a phone still waiting after ROOM_S: say so, stop waiting for it
                arrivals[arrival].errors.append(f"still waiting after {ROOM_S} s")
                arrival.cancel()
        finally:  # everyone has saved (or given up): every page closes
            closed = await leave(server, room)
            await asyncio.wait_for(browser.close(), CLOSE_S)
    return closed


def fill_the_room(
    server, room: Sequence[Visit], offsets: Sequence[float] | None = None, at_once: int | None = None
) -> float:
    """Let every participant of ``room`` arrive (at ``offsets`` seconds, ``at_once`` at a time), join
    and save, keep their pages open until all are done, then close them all; return when they closed
    (``time.monotonic()``)."""
    with concurrent.futures.ThreadPoolExecutor(1) as thread:
        return thread.submit(asyncio.run, _fill(server, room, offsets, at_once)).result()


def saved_names(data_dir) -> list[str]:
    """The names of the stakeholders the store holds for the hub."""
    with open_store(data_dir) as store:
        return [revision.payload["name"] for revision in store.current(DOMAIN.kind, hub_id="ouest")]


@pytest.fixture(scope="module")
def room_server(tmp_path_factory):
    """``saara-kit serve --room 30`` on a real, empty store."""
    require_chromium()
    yield from serving(tmp_path_factory, "--room", str(ROOM))


@pytest.fixture(scope="module")
def full_room(room_server):
    """The facilitator gave the associations their codes; thirty phones have joined and saved
    (``AT_ONCE`` at a time) and then closed their pages."""
    with open_store(room_server.data_dir) as store:
        codes = give_codes(store, "ouest", ASSOCIATIONS)
    room = [replace(visit, code=codes[visit.association]) for visit in visits(ROOM)]
    closed = fill_the_room(room_server, room, at_once=AT_ONCE)
    return room, closed


def test_thirty_phones_save_and_every_save_reaches_the_store(room_server, full_room):
    room, _ = full_room
    assert sorted(saved_names(room_server.data_dir)) == sorted(visit.name for visit in room)


def test_no_phone_saw_an_error(room_server, full_room):
    room, _ = full_room
    seen = {visit.name: visit.errors for visit in room if visit.errors}
    # a form that never shows often goes with this server warning: its output came after Voilà stopped waiting
    lost = sum("Timeout waiting for IOPub output" in line for line in room_server.log)
    said = [
        line
        for line in room_server.log
        if any(word in line for word in ("Seat freed", "ping timeout", "kept back", "WARNING", "ERROR"))
    ]
    kernels = {visit.kernel.split()[0] for visit in room if visit.kernel}
    of_theirs = [line for line in room_server.log if any(kernel in line for kernel in kernels)]
    assert seen == {}, (
        f"{len(seen)} phones saw an error; the server timed out waiting for {lost} forms' output; "
        f"it said of their kernels: {''.join(of_theirs)[-3000:]}; it said: {''.join(said)[-3000:]}"
    )
    assert all(visit.form_s is not None for visit in room)


def test_closed_pages_give_their_kernels_back_to_the_pool(room_server, full_room):
    _, closed = full_room
    while room_server.kernels() != POOL:
        assert time.monotonic() - closed < KERNELS_BACK_S, (
            f"{room_server.kernels()} kernels live {KERNELS_BACK_S} s after the pages closed; pool {POOL}"
        )
        time.sleep(1)


def test_each_save_names_the_phone_that_made_it(room_server, full_room):
    with open_store(room_server.data_dir) as store:
        authors = [revision.author for revision in store.current(DOMAIN.kind, hub_id="ouest")]
    assert len(set(authors)) == ROOM and all(author.startswith("participant-") for author in authors), authors
