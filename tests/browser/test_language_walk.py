"""A participant walks the kit in one language: the access-code page, the list of forms, a form and a
missing page. In Arabic no Latin word shows that is neither data nor a language's own name; in
French and English no Arabic word but the switch's, and no Jupyter or server wording."""

from __future__ import annotations

import re

import pytest

from saara_kit.data import sample_records
from saara_kit.stakeholders.domain import DOMAIN

pytestmark = pytest.mark.browser

LATIN_WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ][A-Za-zÀ-ÖØ-öø-ÿ'’-]*")
ARABIC_WORD = re.compile(r"[\u0600-\u06FF]+")
LANGUAGE_NAMES = {"FR", "EN", "عربي"}  # each language's own name, on every switch
SERVER_WORDS = (
    "Jupyter",
    "Voilà",
    "Voila",
    "token",
    "Token",
    "Password",
    "Not Found",
    "Running",
    "Executing",
    "Traceback",
    "site-packages",
    "/work/",
    "/tmp/",
)
VISIBLE = """() => [document.title, document.body.innerText,
    ...Array.from(document.querySelectorAll('[placeholder], [title], [aria-label], img[alt]'))
        .filter(e => e.checkVisibility())
        .map(e => e.getAttribute('placeholder') || e.getAttribute('title') || e.getAttribute('aria-label') || e.alt)
].join('\\n')"""


def _data_words() -> set[str]:
    """Words that come from the hub's data (association and actor names), whatever the language."""
    frame = sample_records(DOMAIN, "ouest")
    return set(LATIN_WORD.findall(" ".join(map(str, [*frame["association"], *frame["name"]]))))


def _stray_words(text: str, lang: str) -> list[str]:
    if lang == "ar":
        return sorted(set(LATIN_WORD.findall(text)) - LANGUAGE_NAMES - _data_words())
    return sorted(set(ARABIC_WORD.findall(text)) - LANGUAGE_NAMES)


def _check(page, lang: str, where: str) -> None:
    text = page.evaluate(VISIBLE)
    assert page.locator("html").get_attribute("lang") == lang, where
    assert _stray_words(text, lang) == [], where
    assert [word for word in SERVER_WORDS if word in text] == [], where


@pytest.mark.parametrize("lang", ["ar", "fr", "en"])
def test_a_participant_walks_the_kit_in_one_language(browser, server, lang):
    context = browser.new_context(viewport={"width": 390, "height": 844})  # a phone, no cookie yet
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        page.goto(f"{server.url}/?lang={lang}")
        page.wait_for_selector("#saara-code")
        _check(page, lang, "access-code page")
        assert page.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")

        page.fill("#saara-code", server.token)
        page.click("form.saara-login button")
        page.wait_for_selector(".saara-apps")
        _check(page, lang, "list of forms")

        page.click(".saara-app-stakeholders a")
        page.wait_for_selector(".saara-association input")
        _check(page, lang, "stakeholder form")

        page.goto(f"{server.url}/no-such-page?lang={lang}")
        page.wait_for_selector(".saara-home")
        _check(page, lang, "missing page")
        page.click(".saara-home")
        page.wait_for_selector(".saara-apps")
        _check(page, lang, "back to the list")
    finally:
        context.close()
