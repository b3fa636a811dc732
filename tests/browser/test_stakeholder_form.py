"""A participant fills the stakeholder register in real Chromium, in French and in Arabic."""

from __future__ import annotations

import re
import urllib.request

import pytest

from saara_kit.stakeholders.domain import DOMAIN
from saara_kit.store import open_store

KIND = DOMAIN.kind

pytestmark = pytest.mark.browser


def _open_form(page, server, lang: str) -> None:
    page.goto(f"{server.url}/?token={server.token}&lang={lang}")
    page.click(".saara-app-stakeholders a")
    page.wait_for_selector(".saara-association input")


def _add(page, name: str, type_label: str) -> None:
    page.fill(".saara-step-stakeholders .saara-name input", name)
    page.select_option(".saara-step-stakeholders .saara-type select", label=type_label)
    count = page.locator(".saara-step-stakeholders .saara-list option").count()
    page.click(".saara-step-stakeholders button.saara-add")
    page.wait_for_function(
        f"document.querySelectorAll('.saara-step-stakeholders .saara-list option').length === {count + 1}"
    )


def _draw_the_grid(page, server, lang: str, association: str, actors) -> None:
    """Open the form, add ``actors`` (name, type label) for ``association``, wait for the grid."""
    _open_form(page, server, lang)
    page.fill(".saara-association input", association)
    page.press(".saara-association input", "Enter")
    for name, type_label in actors:
        _add(page, name, type_label)
    page.locator(".saara-step-stakeholders .saara-picture").wait_for(state="visible")
    # fails by timeout if the chart never decodes into a real image
    page.wait_for_function(
        "(document.querySelector('.saara-step-stakeholders img.saara-picture, .saara-step-stakeholders .saara-picture img') || {}).naturalWidth > 100"
    )


def _saved(server, association: str) -> list[str]:
    store = open_store(server.data_dir)
    try:
        return [rev.payload["name"] for rev in store.current(KIND, hub_id="ouest", association=association)]
    finally:
        store.close()


def _row_count(server) -> int:
    store = open_store(server.data_dir)
    try:
        return store.count_rows()
    finally:
        store.close()


@pytest.mark.parametrize(
    ("lang", "association", "actors", "saved_word"),
    [
        ("fr", "Association Test Oran", [("APC d'Oran", "APC (commune)"), ("Radio Oran", "Média")], "Enregistré"),
        ("ar", "جمعية الاختبار", [("بلدية وهران", "المجلس الشعبي البلدي"), ("إذاعة وهران", "وسيلة إعلام")], "تم الحفظ"),
    ],
)
def test_participant_adds_two_stakeholders_and_saves(page, server, lang, association, actors, saved_word):
    _draw_the_grid(page, server, lang, association, actors)

    page.click(".saara-step-stakeholders button.saara-save")
    page.wait_for_function(
        f"document.querySelector('.saara-step-stakeholders .saara-save-status').innerText.includes('{saved_word}')"
    )
    assert sorted(_saved(server, association)) == sorted(name for name, _ in actors)

    rows = _row_count(server)
    page.dblclick(".saara-step-stakeholders button.saara-save")  # a double click writes nothing new
    nothing_new = {"fr": "Rien de nouveau", "ar": "لا جديد"}[lang]
    page.wait_for_function(
        f"document.querySelector('.saara-step-stakeholders .saara-save-status').innerText.includes('{nothing_new}')"
    )
    assert _row_count(server) == rows


def test_arabic_form_and_landing_are_right_to_left(page, server):
    page.goto(f"{server.url}/?token={server.token}&lang=ar")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.click(".saara-app-stakeholders a")
    page.wait_for_selector(".saara-association input")
    direction = page.evaluate("getComputedStyle(document.querySelector('.saara-form input')).direction")
    assert direction == "rtl"
    assert page.locator(".saara-step-stakeholders button.saara-save").inner_text().strip() == "حفظ"


def test_reopening_the_form_shows_what_was_saved(page, server):
    _open_form(page, server, "en")
    page.fill(".saara-association input", "Association Reopen")
    page.press(".saara-association input", "Enter")
    _add(page, "Wilaya d'Oran", "Wilaya (province)")
    page.click(".saara-step-stakeholders button.saara-save")
    page.wait_for_function(
        "document.querySelector('.saara-step-stakeholders .saara-save-status').innerText.includes('Saved')"
    )

    page.goto(f"{server.url}/voila/render/stakeholders.ipynb?lang=en")  # the cookie carries the token
    page.wait_for_selector(".saara-association input")
    page.fill(".saara-association input", "Association Reopen")
    page.press(".saara-association input", "Enter")
    page.wait_for_function("document.querySelectorAll('.saara-step-stakeholders .saara-list option').length === 1")
    assert "Wilaya d'Oran" in page.locator(".saara-step-stakeholders .saara-list").inner_text().replace("\xa0", " ")


def test_switching_language_on_the_form_keeps_typed_values(page, server):
    _open_form(page, server, "fr")
    page.fill(".saara-step-stakeholders .saara-name input", "Daïra de Bir El Djir")
    page.get_by_role("button", name="عربي").click()
    page.wait_for_function(
        "document.querySelector('.saara-step-stakeholders button.saara-save').innerText.includes('حفظ')"
    )
    # the direction and the labels travel as separate widget messages: wait for both
    page.wait_for_function("getComputedStyle(document.querySelector('.saara-form input')).direction === 'rtl'")
    assert page.input_value(".saara-step-stakeholders .saara-name input") == "Daïra de Bir El Djir"


@pytest.mark.parametrize("path", ["/", "/voila/render/stakeholders.ipynb"])
def test_pages_without_the_token_go_to_the_login_page(server, path):
    with urllib.request.urlopen(f"{server.url}{path}", timeout=10) as response:
        assert response.geturl().startswith(f"{server.url}/login?")
        assert "saara-app" not in response.read().decode()


def test_sample_association_opens_with_its_stakeholders_and_grid(page, server):
    _open_form(page, server, "fr")
    page.fill(".saara-association input", "Association Exemple Environnement Tlemcen")
    page.press(".saara-association input", "Enter")
    page.wait_for_function("document.querySelectorAll('.saara-step-stakeholders .saara-list option').length === 7")
    page.locator(".saara-step-stakeholders .saara-picture").wait_for(state="visible")
    # the status is a widget of its own: its update may reach the page after the list's
    status = ".saara-step-stakeholders .saara-save-status"
    page.wait_for_function(f"document.querySelector('{status}').innerText.includes('déjà enregistrées')")
    assert "7 parties prenantes déjà enregistrées" in page.locator(status).inner_text()


def test_landing_and_form_fetch_nothing_from_the_internet(page, server):
    """A hub's LAN often has no internet: every request must go to the kit's own server."""
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    _open_form(page, server, "fr")
    page.wait_for_load_state("networkidle")
    elsewhere = [url for url in requested if not url.startswith((server.url, "data:", "blob:"))]
    assert any("/voila/" in url for url in requested)  # the listener did see the form load
    assert elsewhere == []


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_form_fits_a_phone_screen(browser, server, lang):
    """Participants often fill the form on a phone: nothing may stick out sideways."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    try:
        phone = context.new_page()
        phone.set_default_timeout(60_000)
        _open_form(phone, server, lang)
        phone.wait_for_selector(".saara-step-stakeholders button.saara-save")
        # every control must lie inside the form, whose containers clip what sticks out
        cut_off = phone.evaluate(
            """() => {
                 const form = document.querySelector('.saara-form').getBoundingClientRect();
                 return [...document.querySelectorAll('.saara-form input, .saara-form select,'
                                                      + '.saara-form textarea, .saara-form button')]
                   .map(el => [el, el.getBoundingClientRect()])
                   .filter(([el, box]) => box.width > 0
                           && (box.left < form.left - 0.5 || box.right > form.right + 0.5))
                   .map(([el, box]) => `${el.closest('.widget-inline-hbox, button').className}: `
                                       + `${box.left}..${box.right} outside ${form.left}..${form.right}`);
               }"""
        )
        assert cut_off == []
        assert phone.evaluate("document.documentElement.scrollWidth") <= 391
    finally:
        context.close()


def test_the_language_chosen_in_a_form_stays_on_reload_and_leads_back_to_the_list(page, server):
    _open_form(page, server, "fr")
    assert page.title() == "Registre des parties prenantes" and page.locator("html").get_attribute("lang") == "fr"
    page.click(".saara-language button:has-text('عربي')")
    page.wait_for_function("new URL(location.href).searchParams.get('lang') === 'ar'")
    page.wait_for_function("document.title === 'سجل الأطراف المعنية'")  # the title follows its widget's relabel
    assert page.locator("html").get_attribute("lang") == "ar"

    page.reload()
    page.wait_for_selector(".saara-form.saara-rtl .saara-association input")
    page.click(".saara-home a")
    page.wait_for_selector(".saara-apps")
    assert page.locator("html").get_attribute("lang") == "ar" and "سجل الأطراف المعنية" in page.inner_text("body")


@pytest.mark.parametrize(
    ("lang", "association", "actors"),
    [
        (
            "fr",
            "Association Téléphone Oran",
            [("Direction de la Jeunesse et des Sports d'Oran", "APC (commune)"), ("Radio Oran", "Média")],
        ),
        (
            "ar",
            "جمعية الهاتف وهران",
            [("مديرية الشباب والرياضة لولاية وهران", "المجلس الشعبي البلدي"), ("إذاعة وهران", "وسيلة إعلام")],
        ),
    ],
)
def test_grid_text_is_readable_on_a_phone(browser, server, lang, association, actors):
    """Workshop day: on a 390 px phone no text of the grid is under 11 CSS px, none sticks out of the
    picture or covers another, and the page does not scroll sideways. The grid is SVG: the phone
    lays its text out, so the phone is where it is measured."""
    from saara_kit.charts.style import MIN_TEXT_CSS_PX

    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    try:
        phone = context.new_page()
        phone.set_default_timeout(60_000)
        _draw_the_grid(phone, server, lang, association, actors)
        shown = phone.evaluate(
            """async () => {
                 const img = document.querySelector('.saara-step-stakeholders img.saara-picture, .saara-step-stakeholders .saara-picture img');
                 const box = img.getBoundingClientRect();
                 // the served picture, laid out at its own size: one SVG unit, one pixel
                 const holder = document.createElement('div');
                 holder.style.cssText = 'position: absolute; left: 0; top: 0';
                 holder.innerHTML = await (await fetch(img.src)).text();
                 document.body.appendChild(holder);
                 const svg = holder.querySelector('svg'), frame = svg.getBoundingClientRect();
                 const texts = [...svg.querySelectorAll('text')].map(text => {
                   const b = text.getBoundingClientRect();
                   return {words: text.textContent, size: parseFloat(getComputedStyle(text).fontSize),
                           onDot: text.getAttribute('fill') === 'white',  // a dot's number
                           left: b.left - frame.left, right: b.right - frame.left,
                           top: b.top - frame.top, bottom: b.bottom - frame.top};
                 });
                 holder.remove();
                 return {left: box.left, right: box.right, width: box.width, natural: img.naturalWidth,
                         picture: [frame.width, frame.height], texts,
                         scroll: document.documentElement.scrollWidth, viewport: window.innerWidth};
               }"""
        )
        width, height = shown["picture"]
        assert shown["viewport"] == 390 and shown["natural"] == width
        assert shown["left"] >= 0 and shown["right"] <= 390 and shown["width"] <= 390
        assert shown["scroll"] <= 390  # no sideways scrolling
        texts = shown["texts"]
        assert len(texts) >= 20 and sum(text["onDot"] for text in texts) == len(actors)  # one number a dot
        smallest_css_px = shown["width"] / width * min(text["size"] for text in texts)
        assert smallest_css_px >= MIN_TEXT_CSS_PX, f"{shown}: smallest chart text {smallest_css_px:.1f} CSS px"
        outside = [
            text["words"]
            for text in texts
            if text["left"] < -0.5 or text["top"] < -0.5 or text["right"] > width + 0.5 or text["bottom"] > height + 0.5
        ]
        assert outside == []
        words = [text for text in texts if not text["onDot"]]
        covering = [
            (one["words"], other["words"])
            for i, one in enumerate(words)
            for other in words[i + 1 :]
            if min(one["right"], other["right"]) - max(one["left"], other["left"]) > 0.5
            and min(one["bottom"], other["bottom"]) - max(one["top"], other["top"]) > 0.5
        ]
        assert covering == []
    finally:
        context.close()


def _join_as_participant(browser, server):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    phone = context.new_page()
    phone.set_default_timeout(60_000)
    phone.goto(server.join_url)  # the code page logs the phone in as a participant
    phone.goto(f"{server.url}/voila/render/stakeholders.ipynb?lang=fr")
    phone.wait_for_selector(".saara-association input")
    return context, phone


def _open(phone, association: str, code: str = "") -> None:
    phone.fill(".saara-association input", association)
    phone.press(".saara-association input", "Enter")
    if code:
        phone.fill(".saara-association-code input", code)
        phone.press(".saara-association-code input", "Enter")


def test_a_new_association_gets_a_code_that_a_second_phone_needs_to_open_it(browser, server):
    association = "Association Code Tlemcen"
    first, phone = _join_as_participant(browser, server)
    try:
        phone.fill(".saara-participant input", "Amina")
        _open(phone, association)
        _add(phone, "APC de Tlemcen", "APC (commune)")
        phone.click(".saara-step-stakeholders button.saara-save")
        phone.wait_for_selector(".saara-new-code .saara-message-ok")
        shown = phone.locator(".saara-new-code").inner_text()
        code = re.search(r"\b([A-Z2-9]{6})\b", shown).group(1)
        assert association in shown.replace("\xa0", " ") and "Notez-le" in shown
    finally:
        first.close()
    with open_store(server.data_dir) as store:
        [saved] = store.current(KIND, hub_id="ouest", association=association)
        assert saved.author.startswith("Amina (participant-")

    second, phone = _join_as_participant(browser, server)
    try:
        _open(phone, association)
        phone.wait_for_function(
            "document.querySelector('.saara-step-stakeholders .saara-save-status').innerText.includes('protégée par un code')"
        )
        assert phone.locator(".saara-step-stakeholders .saara-list option").count() == 0  # nothing of theirs shown
        phone.fill(".saara-association-code input", code.lower())
        phone.press(".saara-association-code input", "Enter")
        phone.wait_for_function("document.querySelectorAll('.saara-step-stakeholders .saara-list option').length === 1")
        assert "APC de Tlemcen" in phone.locator(".saara-step-stakeholders .saara-list").inner_text().replace(
            "\xa0", " "
        )
    finally:
        second.close()


def _picture_source(page, step: str) -> str:
    return page.evaluate(
        f"(document.querySelector('.saara-step-{step} .saara-picture img, "
        f".saara-step-{step} img.saara-picture') || {{}}).src || ''"
    )


def test_a_relation_added_in_its_step_redraws_the_network_and_is_saved(page, server):
    _open_form(page, server, "fr")
    page.fill(".saara-association input", "Association Exemple Environnement Tlemcen")
    page.press(".saara-association input", "Enter")
    page.wait_for_function("document.querySelectorAll('.saara-step-stakeholders .saara-list option').length === 7")
    page.click(".saara-steps .lm-TabBar-tab:has-text('Relations')")
    relations = ".saara-step-relations"
    page.wait_for_function(f"document.querySelectorAll('{relations} .saara-list option').length === 7")
    page.wait_for_function(
        f"document.querySelectorAll('{relations} .saara-source option').length === 8"
    )  # '' + 7 actors
    page.wait_for_function(
        f"(document.querySelector('{relations} .saara-picture img, {relations} img.saara-picture')"
        " || {}).naturalWidth > 100"
    )
    before = _picture_source(page, "relations")

    page.select_option(f"{relations} .saara-source select", label="APW de Tlemcen")
    page.select_option(f"{relations} .saara-target select", label="Entreprise de recyclage Tafna")
    page.select_option(f"{relations} .saara-kind select", label="Argent")
    page.click(f"{relations} button.saara-add")
    page.wait_for_function(f"document.querySelectorAll('{relations} .saara-list option').length === 8")
    page.wait_for_function(
        "before => { const img = document.querySelector("
        f"'{relations} .saara-picture img, {relations} img.saara-picture');"
        " return img && img.src !== before && img.naturalWidth > 100; }",
        arg=before,
    )
    page.click(f"{relations} button.saara-save")
    page.wait_for_function(f"document.querySelector('{relations} .saara-save-status').innerText.includes('Enregistré')")
    store = open_store(server.data_dir)
    try:
        saved = {
            (rev.payload["source"], rev.payload["target"], rev.payload["kind"])
            for rev in store.current("relation", hub_id="ouest")
        }
    finally:
        store.close()
    assert ("APW de Tlemcen", "Entreprise de recyclage Tafna", "money") in saved and len(saved) == 8


def test_leaving_with_unsaved_changes_asks_first_and_staying_keeps_the_form(page, server):
    _open_form(page, server, "fr")
    page.fill(".saara-association input", "Association des Départs Précipités")
    page.press(".saara-association input", "Enter")
    _add(page, "APC qui attend", "APC (commune)")
    page.wait_for_selector(".saara-unsaved")
    asked = []
    page.once("dialog", lambda dialog: (asked.append((dialog.type, dialog.message)), dialog.dismiss()))
    page.click("a.saara-home-link")
    assert asked and asked[0][0] == "confirm" and "ne sont pas enregistrées" in asked[0][1]
    assert "/voila/render/" in page.url  # stayed
    page.once("dialog", lambda dialog: (asked.append((dialog.type, dialog.message)), dialog.dismiss()))
    page.close(run_before_unload=True)  # a reload or a closed tab: the browser's own question, answered "stay"
    page.wait_for_timeout(1500)
    assert not page.is_closed() and asked[-1][0] == "beforeunload"
    page.click(".saara-step-stakeholders button.saara-save")  # the form's kernel is still there: it saves
    page.wait_for_function(
        "document.querySelector('.saara-step-stakeholders .saara-save-status').innerText.includes('Enregistré')"
    )
    page.click("a.saara-home-link")  # nothing left unsaved: no question
    page.wait_for_selector(".saara-apps")
    assert len(asked) == 2
