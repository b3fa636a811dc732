"""The directory in real Chromium, in Arabic on a phone: a search with other diacritics than the
data's, a facet that narrows the cards to its count, and a suggestion that its author sees pending
and the room does not see at all."""

from __future__ import annotations

import re

import pytest

from saara_kit.directory.domain import DIRECTORY
from saara_kit.store import open_store

pytestmark = pytest.mark.browser

CARDS = ".saara-results .saara-card"


def _found(page) -> int:
    return page.locator(CARDS).count()


def test_an_arabic_search_a_facet_and_a_suggestion_seen_pending(browser, server):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        page.goto(server.join_url)  # a participant's phone
        page.goto(f"{server.url}/voila/render/directory.ipynb?lang=ar")
        page.wait_for_selector(".saara-search input")
        page.wait_for_function(f"document.querySelectorAll('{CARDS}').length > 5")
        assert page.locator("html").get_attribute("dir") == "rtl" or "saara-rtl" in page.locator(
            ".saara-form"
        ).get_attribute("class")

        everything = page.inner_text(".saara-found")
        page.fill(".saara-search input", "التشاور")  # the data writes التَّشاوُر, with shadda and damma
        page.wait_for_function(f"document.querySelector('.saara-found').innerText !== {everything!r}")
        page.wait_for_function(
            f"[...document.querySelectorAll('{CARDS}')].some(c => c.innerText.includes('دليلُ التَّشاوُر المحلي'))"
        )
        before = _found(page)
        assert before >= 1

        options = page.locator(".saara-facet-type option").all_text_contents()
        chosen = next(number for number, text in enumerate(options) if number and re.search(r"\((\d+)\)", text))
        expected = int(re.search(r"\((\d+)\)", options[chosen]).group(1))
        page.select_option(".saara-facet-type select", index=chosen)
        page.wait_for_function(f"document.querySelectorAll('{CARDS}').length === {expected}")
        assert _found(page) == expected <= before

        page.click(".saara-suggestion .jupyter-widget-Collapse-header")
        page.wait_for_selector(".saara-suggest-title input", state="visible")
        page.fill(".saara-participant input", "أمينة")
        page.fill(".saara-suggest-title input", "بطاقة: تنشيط اجتماع عمومي")
        page.select_option(".saara-themes select", index=0)
        page.select_option(".saara-languages select", index=1)
        page.select_option(".saara-audience select", index=0)
        page.fill(".saara-url input", "https://exemple.saara.dz/bitaqa")
        page.fill(".saara-creator input", "جمعية الأمل")
        page.click("button.saara-suggest")
        page.wait_for_function("document.querySelector('.saara-my-suggestions').innerText.includes('قيد الانتظار')")
        assert "بطاقة: تنشيط اجتماع عمومي" in page.inner_text(".saara-my-suggestions")
    finally:
        context.close()
    with open_store(server.data_dir) as store:
        [saved] = [
            rev
            for rev in store.current(DIRECTORY.kind, association="Suggestions")
            if rev.payload["title_ar"] == "بطاقة: تنشيط اجتماع عمومي"
        ]
    assert saved.payload["status"] == "pending" and saved.author.startswith("أمينة (participant-")
