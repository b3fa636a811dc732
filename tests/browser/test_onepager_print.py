"""The one-pager, printed by Debian's Chromium: exactly one A4 page, in French and in Arabic, for a
sample association and for one whose every text is as long as the forms allow."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from pypdf import PdfReader

from saara_kit.exports.pdf import print_pdf
from saara_kit.exports.transfer import import_samples
from saara_kit.onepager import DOMAINS_READ, gather, render_onepager, write_onepager
from saara_kit.registry import domains
from saara_kit.store import open_store
from tests.chromium import require_chromium

pytestmark = pytest.mark.browser

A4_POINTS = (595, 842)  # 210 × 297 mm


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory):
    """A store holding the samples the one-pager reads (and the funders the budget lines share)."""
    folder = tmp_path_factory.mktemp("onepager")
    with open_store(folder) as store:
        for name, declared in domains().items():
            if name in (*DOMAINS_READ, "funding"):
                import_samples(store, declared)
    return folder


def _pages(pdf: Path) -> list[tuple[float, float]]:
    return [(float(page.mediabox.width), float(page.mediabox.height)) for page in PdfReader(pdf).pages]


def _one_a4_page(pdf: Path) -> None:
    sizes = _pages(pdf)
    assert len(sizes) == 1, f"{pdf.name}: {len(sizes)} pages"
    assert all(abs(got - want) <= 1 for got, want in zip(sizes[0], A4_POINTS)), sizes


@pytest.mark.parametrize(
    ("hub_id", "association", "lang"),
    [
        ("centre", "Association Exemple Jeunesse Casbah", "fr"),  # its application is in French
        ("sud", "Association Exemple Oasis Ghardaïa", "ar"),  # in Arabic
        ("sud", "Association Exemple Oasis Ghardaïa", "fr"),  # asked in French: longer words
    ],
)
def test_a_sample_association_s_onepager_prints_on_one_a4_page(sample_store, tmp_path, hub_id, association, lang):
    require_chromium()
    with open_store(sample_store) as store:
        written, said = write_onepager(store, hub_id, association, tmp_path, lang=None if lang == "ar" else lang)
    assert said == lang
    html, pdf = written
    assert f'<html lang="{lang}" dir="{"rtl" if lang == "ar" else "ltr"}">' in html.read_text(encoding="utf-8")
    assert html.read_text(encoding="utf-8").count("<h2>") == 5  # every part: the sample fills them all
    _one_a4_page(pdf)


def _longest(lang: str) -> dict[str, pd.DataFrame]:
    """An association whose every text is as long as its form allows, with more of everything than
    the page shows: the cuts and the limits must keep the page to one."""
    word = "تشاور " if lang == "ar" else "Concertation "

    def text(length: int, n: int = 0) -> str:
        return (f"{n} " + word * length)[:length]

    def frame(rows: list[dict]) -> pd.DataFrame:
        return pd.DataFrame([{"region": "sud", "association": text(200), **row} for row in rows])

    names = [text(200, n) for n in range(30)]
    both = "; ".join(names[:8])
    return {
        "stakeholders": frame(
            [
                {
                    "name": name,
                    "name_ar": text(200, n),
                    "power": 1 + n % 5,
                    "interest": 1 + n // 6,
                    "position": n % 5 - 2,
                    "iap2": "",
                }
                for n, name in enumerate(names)
            ]
        ),
        "participation": frame([{"stakeholder": name, "level": "empower", "notes": ""} for name in names]),
        "concertation": frame(
            [{"name": text(200), "objective": text(1000), "start": "2027-01-01", "end": "2027-12-31"}]
        ),
        "meetings": frame(
            [
                {
                    "plan": text(200),
                    "title": text(200, n),
                    "date": f"2027-0{n + 1}-01",
                    "time": "10:00",
                    "place": text(200),
                    "invitees": both,
                }
                for n in range(6)
            ]
        ),
        "commitments": frame(
            [
                {
                    "who": name,
                    "what": text(500, n),
                    "due": "2027-03-01",
                    "status": "planned",
                    "progress": 0,
                    "meeting": "",
                }
                for n, name in enumerate(names[:8] * 3)
            ]
        ),
        "activities": frame(
            [
                {
                    "plan": text(200),
                    "name": text(200, n),
                    "start": "2027-02-01",
                    "end": "2027-03-01",
                    "owner": "x",
                    "involved": "",
                    "responsible": both,
                    "accountable": names[0],
                    "consulted": "",
                    "informed": "",
                }
                for n in range(6)
            ]
        ),
        "logframe": frame(
            [
                {
                    "plan": text(200),
                    "number": f"1.1.{n}",
                    "statement": "",
                    "activity": text(200, n),
                    "indicator": text(300),
                    "baseline": text(100),
                    "target": text(100),
                    "current": text(100),
                    "source": "",
                    "assumptions": "",
                }
                for n in range(1, 7)
            ]
        ),
        "budget": frame([{"name": text(200), "rules": "eu", "display": "", "notes": ""}]),
        "budget_lines": frame(
            [
                {
                    "budget": text(200),
                    "heading": heading,
                    "description": text(300, n),
                    "unit": "u",
                    "quantity": 999,
                    "unit_rate": 99999999,
                    "currency": "DZD",
                    "period": "",
                    "shares": "; ".join(f"{text(190, k)} 12.5 %" for k in range(8)),
                    "activity": text(200, n % 6),
                }
                for n, heading in enumerate(
                    ["staff", "travel", "equipment", "office", "services", "other", "contingency", "indirect"] * 2
                )
            ]
        ),
        "grants": frame([{"project": text(200), "summary": text(2000), "lang": lang}]),
    }


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_the_longest_texts_and_lists_still_print_on_one_a4_page(tmp_path, lang):
    require_chromium()
    records = _longest(lang)
    onepager = gather(records, records["budget"]["association"].iloc[0], "sud", lang, dt.date(2027, 1, 1))
    page = tmp_path / f"longest-{lang}.html"
    page.write_text(render_onepager(onepager, lang, "Pôle Sud", dt.date(2027, 1, 1)), encoding="utf-8")
    _one_a4_page(print_pdf(page))
