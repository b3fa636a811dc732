"""The trainer's room view, driven without a kernel: participants save through the forms, the room
counts them, draws the hub's grid when it changed, and keeps its last view when the store is busy."""

from __future__ import annotations

import asyncio
import concurrent.futures
import datetime as dt
import json
import re
import threading
from dataclasses import replace

import pytest
import yaml
from sqlalchemy.exc import OperationalError

import saara_kit.room.view as room_view
from saara_kit.i18n import t
from saara_kit.i18n.catalogue import CATALOGUE_DIR
from saara_kit.i18n.formatting import plural_categories
from saara_kit.records.form import RecordListForm
from saara_kit.registry import domains
from saara_kit.room import RoomView, room_app, room_summary
from saara_kit.settings import TRAINER, VOILA_APPS_DIR
from saara_kit.stakeholders.domain import DOMAIN

FEMMES, JEUNES = "Association Femmes Rurales", "Jeunes de Sétif"
JOIN_URL = "http://192.168.1.20:8866/login?code=K7PQ2M&lang=fr"


def _form(store, hub_id="est") -> RecordListForm:
    """A form as the trainer opens it: no association code asked (codes are tested with the form)."""
    return RecordListForm(DOMAIN, store, hub_id=hub_id, lang="fr", author=TRAINER)


def _save(store, association, *names, hub_id="est", **values) -> RecordListForm:
    """Save stakeholders for ``association`` through the form."""
    form = _form(store, hub_id)
    form.open_association(association)
    for name in names:
        form.reset()
        form.value = {"name": name, **values}
        form.add()
    form.save()
    assert form.state.state == "saved"
    return form


def _rows(summary) -> list[tuple[str, int]]:
    return [(row.association, row.stakeholders) for row in summary["associations"].itertuples()]


@pytest.fixture
def two_associations(store):
    _save(store, FEMMES, "APC d'Aïn Arnat", "Coopérative laitière")
    _save(store, JEUNES, "Direction de la jeunesse")
    _save(store, "Association d'Oran", "APC d'Oran", hub_id="ouest")  # another hub: never counted
    return store


@pytest.fixture
def grid_draws(monkeypatch):
    """Count the grid pictures drawn (a redundant redraw looks the same, so count the calls)."""
    from saara_kit.stakeholders import charts  # the room view loads it with its first grid

    calls = []
    real = charts.power_interest_grid

    def counted(frame, lang, title=None):
        if title is not None:  # the room's grid has its hub's title; the forms' own grids have none
            calls.append((frame, lang, title))
        return real(frame, lang, title)

    monkeypatch.setattr(charts, "power_interest_grid", counted)
    return calls


@pytest.fixture(autouse=True)
def no_join_url(monkeypatch):
    monkeypatch.delenv("SAARA_JOIN_URL", raising=False)


def test_summary_counts_records_per_association_and_per_kind(two_associations):
    before = dt.datetime.now(dt.UTC)
    summary = room_summary(two_associations, "est")
    shown = [
        name for name, declared in domains().items() if declared.access.public
    ]  # applications and reviews are not for the room
    assert summary["domains"] == shown and "grants" not in shown and "reviews" not in shown
    assert summary["counts"] == {name: 3 if name == "stakeholders" else 0 for name in shown}
    assert _rows(summary) == [(FEMMES, 2), (JEUNES, 1)]
    assert all(
        dt.timedelta(0) <= before - when < dt.timedelta(minutes=1) for when in summary["associations"].last_saved
    )
    assert sorted(summary["grid"]["name"]) == [
        "APC d'Aïn Arnat",
        "Coopérative laitière",
        "Direction de la jeunesse",
    ]
    assert summary["grid_domain"] == "stakeholders" and len(summary["grid_fingerprint"]) == 3
    assert room_summary(two_associations, "sud")["associations"].empty


def test_an_association_that_withdrew_everything_stays_listed_with_its_last_save(two_associations):
    first = room_summary(two_associations, "est")["associations"].set_index("association").last_saved[JEUNES]
    form = _form(two_associations)
    form.open_association(JEUNES)
    form.remove(next(iter(form.state.draft)))
    form.save()
    summary = room_summary(two_associations, "est")
    assert summary["counts"]["stakeholders"] == 2 and _rows(summary) == [(FEMMES, 2), (JEUNES, 0)]
    assert summary["associations"].set_index("association").last_saved[JEUNES] > first


def test_refresh_picks_up_a_new_save(two_associations):
    view = RoomView(two_associations, "est", "fr")
    assert _rows(view.summary) == [(FEMMES, 2), (JEUNES, 1)]
    assert "Registre des parties prenantes : 3 fiches" in view._counts.value
    hostile = "<script>alert(1)</script>"
    _save(two_associations, hostile, "APC de Sétif", "Radio Sétif")
    assert view.summary["counts"]["stakeholders"] == 3  # nothing moves until the next refresh
    assert view.refresh() is True
    assert view.summary["counts"]["stakeholders"] == 5 and (hostile, 2) in _rows(view.summary)
    assert (
        "&lt;script&gt;alert(1)&lt;/script&gt;" in view._associations.value
        and "<script>" not in view._associations.value
    )
    assert "3 associations ont enregistré." in view._associations.value
    assert "Registre des parties prenantes : 5 fiches" in view._counts.value
    assert "Mis à jour à" in view._status.value


def test_the_grid_is_drawn_again_only_when_the_hubs_stakeholders_change(two_associations, grid_draws):
    view = RoomView(two_associations, "est", "fr")
    assert len(grid_draws) == 1 and bytes(view._grid.value).startswith(b"\x89PNG")
    first = bytes(view._grid.value)
    view.refresh(), view.refresh()
    _save(two_associations, "Association d'Oran", "Wilaya d'Oran", hub_id="ouest")  # another hub
    view.refresh()
    assert len(grid_draws) == 1
    _save(two_associations, JEUNES, "Radio Sétif")  # a new actor
    view.refresh()
    assert len(grid_draws) == 2 and bytes(view._grid.value) != first
    frame, lang, title = grid_draws[-1]
    assert len(frame) == 4 and lang == "fr" and title.startswith("Pôle Est")
    form = _form(two_associations)  # an edit: the same number of actors
    form.open_association(FEMMES)
    form.edit(next(iter(form.state.draft)))
    form.value = {"power": 1}
    form.add()
    form.save()
    view.refresh()
    assert len(grid_draws) == 3 and view.summary["counts"]["stakeholders"] == 4
    view.set_lang("en")  # the labels change
    assert len(grid_draws) == 4 and grid_draws[-1][1] == "en"
    view.refresh()
    assert len(grid_draws) == 4


def test_an_empty_hub_shows_a_hint_and_no_picture(store, grid_draws):
    view = RoomView(store, "est", "en")
    assert grid_draws == [] and view._grid.layout.display == "none"
    assert "The hub's grid appears once" in view._grid_hint.value
    assert "No association has saved a record yet." in view._associations.value
    _save(store, FEMMES, "APC de Sétif")
    view.refresh()
    assert len(grid_draws) == 1 and view._grid.layout.display is None and view._grid_hint.value == ""


def test_a_failed_refresh_keeps_the_last_view(two_associations, monkeypatch):
    view = RoomView(two_associations, "est", "fr")
    shown, summary = view._associations.value, view.summary
    _save(two_associations, "Nouvelle association", "APC de Sétif")

    def busy(*_):
        raise OperationalError("SELECT", {}, Exception("database is locked"))

    monkeypatch.setattr(room_view, "room_summary", busy)
    assert view.refresh() is False
    assert view.summary is summary and view._associations.value == shown
    assert "Base de données occupée : affichage de" in view._status.value and "5 s" in view._status.value
    monkeypatch.undo()
    assert view.refresh() is True and "Nouvelle association" in view._associations.value
    assert "Mis à jour à" in view._status.value


def _in_a_thread(work):
    """Return ``work()`` run in a fresh thread: the browser tests' Playwright may keep an event loop
    running in this one for the whole session, where ``asyncio.run`` is refused."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(work).result()


def test_start_refreshes_on_the_running_loop_until_stop(two_associations, monkeypatch):
    view = RoomView(two_associations, "est", "fr", refresh_seconds=0.02)
    real, calls = room_view.room_summary, []

    def flaky(store, hub_id):  # busy twice, then fine: the ticks go on
        calls.append(threading.current_thread())
        if len(calls) <= 2:
            raise OperationalError("SELECT", {}, Exception("database is locked"))
        return real(store, hub_id)

    monkeypatch.setattr(room_view, "room_summary", flaky)

    async def workshop():
        view.start()
        view.start()  # once is enough
        _save(two_associations, "Nouvelle association", "APC de Sétif")
        await asyncio.sleep(0.3)
        picked_up = view.summary["counts"]["stakeholders"]
        view.stop()
        ticks = len(calls)
        _save(two_associations, "Nouvelle association", "APC de Sétif", "Radio Sétif")
        await asyncio.sleep(0.1)
        return picked_up, ticks

    def run_and_try_without_a_loop():
        result = asyncio.run(workshop())
        with pytest.raises(RuntimeError, match="running asyncio loop"):
            view.start()  # no loop running here
        return result, threading.current_thread()

    (picked_up, ticks), loop_thread = _in_a_thread(run_and_try_without_a_loop)
    assert picked_up == 4 and ticks >= 3 and len(calls) == ticks and not view.running
    assert set(calls) == {loop_thread}  # only the loop's own thread touches the widgets


def test_room_app_reads_the_language_and_the_hub_and_starts(store, monkeypatch):
    monkeypatch.setenv("QUERY_STRING", "lang=ar")
    monkeypatch.setenv("SAARA_REGION", "est")

    async def build():
        view = room_app(store=store)
        running = view.running
        view.stop()
        return view, running

    view, running = _in_a_thread(lambda: asyncio.run(build()))
    assert running and (view.lang, view.hub_id) == ("ar", "est")


def test_the_arabic_room_is_right_to_left_and_carries_its_classes(two_associations):
    view = RoomView(two_associations, "est", "ar")
    assert {"saara-room", "saara-rtl", "saara-lang-ar"} <= set(view._dom_classes)
    assert "قطب الشرق" in next(w for w in _walk(view) if "saara-title" in w._dom_classes).value
    assert f"{t('app.stakeholders.title', 'ar')}: 3 سجلات" in view._counts.value
    assert "حفظت جمعيتان." in view._associations.value
    classes = {c for widget in _walk(view) for c in widget._dom_classes}
    assert {"saara-room-associations", "saara-room-counts", "saara-room-grid", "saara-room-qr"} <= classes
    view.set_lang("fr")
    assert "saara-rtl" not in view._dom_classes and "2 associations ont enregistré." in view._associations.value


def _walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _walk(child)


def test_the_join_qr_code_shows_only_when_the_server_gives_an_address(store, monkeypatch):
    view = RoomView(store, "est", "fr")
    assert view._qr.value == "" and view._qr.layout.display == "none"
    monkeypatch.setenv("SAARA_JOIN_URL", JOIN_URL)
    view.refresh()
    assert "<svg" in view._qr.value and view._qr.layout.display is None
    # projected: the short address and the code a person types, never the QR code's long address
    assert 'class="saara-room-url" dir="ltr">http://192.168.1.20:8866/</div>' in view._qr.value
    assert 'class="saara-room-code" dir="ltr">K7PQ2M</div>' in view._qr.value and "login?code" not in view._qr.value
    assert "scannez ce code" in view._qr.value
    assert "<svg" in RoomView(store, "est", "ar")._qr.value
    monkeypatch.delenv("SAARA_JOIN_URL")
    view.refresh()
    assert view._qr.value == "" and view._qr.layout.display == "none"


def test_the_room_catalogue_is_complete_and_its_arabic_has_no_latin_word():
    entries = yaml.safe_load((CATALOGUE_DIR / "room.yaml").read_text(encoding="utf-8"))
    assert {"app.room.title", "app.room.summary", "room.kind_count", "room.associations"} <= set(entries)
    for key, texts in entries.items():
        assert key.startswith(("room.", "app.room.")) and list(texts) == ["fr", "ar", "en"], key
        for lang, text in texts.items():
            if isinstance(text, dict):
                assert set(text) == plural_categories(lang), (key, lang)
        arabic = texts["ar"].values() if isinstance(texts["ar"], dict) else [texts["ar"]]
        assert not [text for text in arabic if re.search(r"[A-Za-z]", re.sub(r"{\w+}", "", text))], key


def test_the_voila_app_is_a_thin_notebook():
    notebook = json.loads((VOILA_APPS_DIR / "room.ipynb").read_text(encoding="utf-8"))
    code = [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]
    assert ["".join(cell["source"]) for cell in code] == ["from saara_kit.room import room_app", "room_app()"]
    assert all(cell["outputs"] == [] and cell["execution_count"] is None for cell in code)
    assert notebook["metadata"]["kernelspec"]["name"] == "python3"


def test_the_trainer_sees_withdrawn_records_and_brings_them_back(two_associations):
    view = RoomView(two_associations, "est", "fr")
    assert view.summary["withdrawn"] == [] and view._withdrawn_box.layout.display == "none"
    mischief = _form(two_associations)
    mischief.open_association(FEMMES)
    for record_id in list(mischief.state.draft):
        mischief.remove(record_id)
    mischief.save()
    view.refresh()
    withdrawn = view.summary["withdrawn"]
    assert sorted(item["name"] for item in withdrawn) == ["APC d'Aïn Arnat", "Coopérative laitière"]
    assert "2 fiches retirées" in view._withdrawn_title.value and view._withdrawn_box.layout.display is None
    chosen = [item["withdrawal"].record_id for item in withdrawn if item["name"] == "Coopérative laitière"]
    view._withdrawn.value = tuple(chosen)
    view.refresh()  # a refresh keeps the trainer's choice
    assert view._withdrawn.value == tuple(chosen)
    assert view.restore(chosen) == 1
    assert [rev.payload["name"] for rev in two_associations.current(DOMAIN.kind, "est", FEMMES)] == [
        "Coopérative laitière"
    ]
    assert [item["name"] for item in view.summary["withdrawn"]] == ["APC d'Aïn Arnat"]
    assert "1 fiche remise." in view._restore_message.value


def test_restoring_a_record_saved_again_meanwhile_brings_nothing_back(two_associations):
    form = _form(two_associations)
    form.open_association(JEUNES)
    [record_id] = form.state.draft
    form.remove(record_id)
    form.save()
    view = RoomView(two_associations, "est", "en")
    [item] = view.summary["withdrawn"]
    withdrawal = item["withdrawal"]
    # meanwhile an import brings the record back with other content
    two_associations.save(
        replace(withdrawal, revision=withdrawal.revision + 1, deleted=False, payload={**withdrawal.payload, "power": 1})
    )
    rows = two_associations.count_rows()
    assert view.restore([record_id]) == 0 and two_associations.count_rows() == rows
    assert "nothing was brought back" in view._restore_message.value
    assert view.summary["withdrawn"] == []  # refreshed: nothing left to bring back


def test_a_crowded_hub_grid_numbers_its_dots_and_keys_the_names(store):
    for number in range(4):
        _save(
            store,
            f"Association {number}",
            *(f"Acteur {number}-{actor}" for actor in range(5)),
            power=number + 1,
            interest=5 - number,
        )
    view = RoomView(store, "est", "fr")
    assert view.summary["counts"]["stakeholders"] == 20
    assert view._grid_names.value.count("<li>") == 20 and "<bdi>Acteur 0-0</bdi>" in view._grid_names.value


def test_the_table_has_a_column_per_form_not_per_step(two_associations):
    """Nineteen columns do not fit a projected table: a form's steps are counted together."""
    from saara_kit.registry import steps

    view = RoomView(two_associations, "est", "fr")
    view.refresh()
    heads = re.findall(r"<th>(.*?)</th>", view._associations.value)
    forms = list(
        dict.fromkeys(declared.app.part_of or name for name, declared in domains().items() if declared.access.public)
    )
    assert heads[1:-1] == [t(f"app.{form}.title", "fr") for form in forms] and len(heads) < 12
    stakeholders = heads.index(t("app.stakeholders.title", "fr"))
    assert len(steps("stakeholders")) > 1  # its steps (objectives, relations…) share its column
    cells = re.findall(r"<tr><td><bdi>(.*?)</bdi></td>(.*?)</tr>", view._associations.value)
    assert [re.findall(r'number">(\d+)<', row)[stakeholders - 1] for _, row in cells] == ["2", "1"]


def test_the_room_shows_before_matplotlib_loads_and_draws_its_grid_just_after(two_associations, tmp_path):
    """Opening the room view: its counts show when the kernel's cell ends; the grid (and matplotlib,
    about a second) come a moment later, on the kernel's loop."""
    import subprocess
    import sys

    build = (
        "import sys; from saara_kit.room.view import RoomView; "
        "print('matplotlib' in sys.modules, 'saara_kit.stakeholders.charts' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", build], capture_output=True, text=True, timeout=120, check=True)
    assert done.stdout.split() == ["False", "False"]

    async def open_the_room():
        view = room_app(store=two_associations, hub_id="est", lang="fr")
        before = (view._grid.value, view._counts.value, view._grid_hint.value)
        await asyncio.sleep(0.5)
        view.stop()
        return view, before

    view, (grid, counts, hint) = _in_a_thread(lambda: asyncio.run(open_the_room()))
    assert grid == b"" and "<li" in counts and "se dessine" in hint
    assert bytes(view._grid.value).startswith(b"\x89PNG") and view._grid_hint.value == ""
