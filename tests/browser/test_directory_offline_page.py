"""The directory's offline page in real Chromium with no network: it loads nothing but itself,
finds Arabic and French words however they are spelled, ranks as ``search.Index`` does, and each
facet shows as many cards as it counts."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pytest

from saara_kit.data import sample_records
from saara_kit.directory.domain import DIRECTORY, title_in
from saara_kit.directory.moderation import published
from saara_kit.directory.offline_page import write_offline_page
from saara_kit.directory.search import Index

pytestmark = pytest.mark.browser

HOSTILE = "</script><script>alert(1)</script>"
CONSULTATION_GUIDE = "دليلُ التَّشاوُر المحلي"
HIGH_PARTICIPATION = "Niveau de participation élevé : quand déléguer la décision"
CARDS = ".saara-dir-card:not([hidden])"


@dataclass
class Offline:
    """A page in a context with the network cut, and what it tried: every request, every problem."""

    page: object
    requests: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # console errors (a blocked load is one), page errors, dialogs


def _frames() -> dict[str, pd.DataFrame]:
    samples = sample_records(DIRECTORY)
    hostile = published(samples).head(1).assign(title_fr=HOSTILE, title_ar="", title_en="")
    return {"fr": pd.concat([samples, hostile], ignore_index=True), "ar": samples}


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, tuple[Path, pd.DataFrame]]:
    """The page in French (with a hostile title) and in Arabic, and the records each was written from."""
    folder = tmp_path_factory.mktemp("offline-directory")
    written = {}
    for lang, frame in _frames().items():
        path = folder / f"annuaire-{lang}.html"
        write_offline_page(frame, path, lang)
        written[lang] = (path, frame)
    return written


@pytest.fixture
def offline(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_offline(True)
    seen = Offline(page=None)
    context.on("request", lambda request: seen.requests.append(request.url))
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.on("console", lambda message: seen.problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: seen.problems.append(str(error)))
    page.on("dialog", lambda dialog: (seen.problems.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    seen.page = page
    yield seen
    context.close()


def _open(offline: Offline, path: Path):
    offline.page.goto(path.as_uri())
    offline.page.wait_for_selector("html.saara-js #saara-dir-q")  # the script ran
    return offline.page


def _search(page, query: str) -> list[str]:
    page.fill("#saara-dir-q", query)
    return page.locator(f"{CARDS} h2").all_inner_texts()


def _expected(frame: pd.DataFrame, query: str, lang: str) -> list[str]:
    """Return the titles ``search.Index`` finds for ``query``, best first."""
    return [title_in(row, lang) for _, row in Index(published(frame)).search(query).iterrows()]


def test_the_page_loads_nothing_but_itself_and_runs_without_error(offline, pages):
    for lang in ("fr", "ar"):
        path, frame = pages[lang]
        page = _open(offline, path)
        assert page.locator(CARDS).count() == len(published(frame))
        assert page.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
    assert offline.requests == [pages["fr"][0].as_uri(), pages["ar"][0].as_uri()]
    assert offline.problems == []
    assert _search(page, "alert") == []  # the hostile title is on the French page only, as text


def test_an_arabic_query_finds_the_card_whatever_its_marks_and_letter_variants(offline, pages):
    path, frame = pages["ar"]
    page = _open(offline, path)
    plain = _search(page, "دليل التشاور المحلى")  # no vowel marks, final alif maqsura for ya
    assert plain[:1] == [CONSULTATION_GUIDE]
    assert _search(page, "دلِيلُ التّشـاوُر المحلّى") == plain  # other marks, a tatweel
    association = _search(page, "الجمعيه")  # ha for ta marbuta, no shadda
    assert (
        "إعداد ميزانيّة الجمعيّة خطوةً بخطوة" in association
        and "دليلُ الجمعيّة لتسيير الموارد المائية في الواحات" in association
    )
    assert association == _search(page, "الجمعيّة") == _search(page, "الجمـعية") == _expected(frame, "الجمعيه", "ar")
    assert _search(page, "امين مال") == [
        "أمين مال الجمعية: مسك الصندوق والحساب البنكي"
    ]  # bare alef for alef with hamza
    assert offline.problems == []


def test_eleve_finds_eleve_with_its_accents(offline, pages):
    path, frame = pages["fr"]
    page = _open(offline, path)
    found = _search(page, "eleve")
    assert HIGH_PARTICIPATION in found
    assert _search(page, "élevé") == _search(page, "ÉLEVÉ") == found == _expected(frame, "eleve", "fr")
    assert page.locator("#saara-dir-found").inner_text() == f"{len(found)} ressources trouvées"


@pytest.mark.parametrize(
    "query", ["concertation", "budget", "guide concertation", "exemple", "local", "reunion", "مشروع", "xyzzy"]
)  # "local", "reunion", "مشروع": whole words rank above parts of words
def test_results_come_in_the_order_search_index_gives(offline, pages, query):
    path, frame = pages["fr"]
    page = _open(offline, path)
    assert _search(page, query) == _expected(frame, query, "fr")
    assert page.locator("#saara-dir-none").is_visible() == (not _expected(frame, query, "fr"))


def _count(page, facet: str, code: str) -> int:
    return int(
        page.locator(f'fieldset[data-facet="{facet}"] label:has(input[value="{code}"]) .saara-dir-count').inner_text()
    )


def _choose(page, facet: str, code: str) -> None:
    page.locator(f'fieldset[data-facet="{facet}"] input[value="{code}"]').check()


@pytest.mark.parametrize(
    ("facet", "code"),
    [("type", "video"), ("themes", "concertation"), ("languages", "en"), ("audience", "trainers"), ("regions", "sud")],
)
def test_a_facet_shows_as_many_cards_as_it_counts(offline, pages, facet, code):
    path, frame = pages["fr"]
    page = _open(offline, path)
    counted = _count(page, facet, code)
    _choose(page, facet, code)
    assert page.locator(CARDS).count() == counted > 0
    assert page.locator("#saara-dir-found").inner_text().startswith(f"{counted} ")
    for other in {"type", "themes", "languages", "audience", "regions"} - {facet}:  # "any" of the others: what is shown
        assert _count(page, other, "") == counted
    assert _count(page, facet, "") == len(published(frame))  # a facet's own counts ignore its own choice
    page.click("#saara-dir-clear")
    assert page.locator(CARDS).count() == len(published(frame))


def test_facets_count_within_the_search_and_a_hub_includes_the_resources_for_every_hub(offline, pages):
    path, frame = pages["fr"]
    page = _open(offline, path)
    found = _search(page, "concertation")
    counted = _count(page, "regions", "ouest")
    approved = published(frame)
    for_ouest = approved[[not regions or "ouest" in regions.split("; ") for regions in approved["regions"]]]
    assert counted == len(_expected(for_ouest, "concertation", "fr")) < len(found)
    _choose(page, "regions", "ouest")
    assert page.locator(f"{CARDS} h2").all_inner_texts() == _expected(for_ouest, "concertation", "fr")
    counted = _count(page, "type", "guide")
    _choose(page, "type", "guide")
    assert page.locator(CARDS).count() == counted and 0 < counted < len(_expected(for_ouest, "concertation", "fr"))
    assert offline.problems == []
