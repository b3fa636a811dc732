"""The support fund's feedback letters on the sample call: the scores, the comments without names,
the decision and its reason, right to left in Arabic, and the PDF."""

from __future__ import annotations

import html
import re
import time

import pandas as pd
import pytest

from saara_kit.data import sample_records
from saara_kit.exports import pdf
from saara_kit.grants.committee import decisions
from saara_kit.grants.letters import render_letter, write_letters
from saara_kit.i18n import TranslatedError, format_money, t
from saara_kit.registry import domain
from tests.chromium import require_chromium

TLEMCEN = "Association Exemple Environnement Tlemcen"  # fr, selected, rank 3, 2 800 000 DZD
ORAN = "Association Exemple Jeunes Oran"  # fr, one conflicted review, not selected (envelope)
BECHAR = "Association Exemple Solidarité Béchar"  # fr, no registration number: ineligible
SETIF = "Association Exemple Femmes Rurales Sétif"  # ar, selected
CONFLICTED = "EXEMPLE — J'ai conseillé cette association en 2025."


@pytest.fixture(scope="module")
def applications() -> pd.DataFrame:
    return sample_records(domain("grants"))


@pytest.fixture(scope="module")
def reviews() -> pd.DataFrame:
    return sample_records(domain("reviews"))


@pytest.fixture(scope="module")
def decided(applications, reviews) -> pd.DataFrame:
    return decisions(applications, reviews)


@pytest.fixture(scope="module")
def written(applications, reviews, tmp_path_factory) -> dict[str, str]:
    """Every sample letter's HTML, by file name."""
    folder = tmp_path_factory.mktemp("letters")
    paths = write_letters(applications, reviews, folder, pdf=False)
    return {path.name: path.read_text(encoding="utf-8") for path in paths}


def _cells(page: str, label: str) -> list[str]:
    """Return the cells of the scores table's row for the criterion ``label``."""
    row = re.search(rf"<tr><td>{re.escape(html.escape(label))}</td>(.*?)</tr>", page)
    assert row, label
    return re.findall(r"<td[^>]*>(?:<bdi>)?(.*?)(?:</bdi>)?</td>", row.group(1))


def test_a_selected_application_reads_its_amount_rank_and_reason(applications, reviews, decided):
    page = render_letter(TLEMCEN, applications, reviews, decided)
    assert '<p class="saara-letter-verdict">Retenu</p>' in page
    assert "classé en rang utile, dans l&#x27;enveloppe" in page
    assert html.escape(format_money(2_800_000, "DZD", "fr")) in page
    assert "Note pondérée : 75 / 100 (rang 3 sur 9)." in page


def test_an_ineligible_application_reads_the_rule_it_fails_and_no_rank(applications, reviews, decided):
    page = render_letter(BECHAR, applications, reviews, decided)
    assert '<p class="saara-letter-verdict">Non retenu</p>' in page
    assert "Inéligible, condition non remplie : " + html.escape(t("grants.rule.registered", "fr")) in page
    assert "Note pondérée : 77 / 100." in page and "rang" not in page  # reviewed, but not ranked
    assert "Montant accordé" not in page


def test_the_mean_per_criterion_is_the_counted_reviews_mean(applications, reviews, decided):
    # datasets/sample_reviews.csv, Jeunes Oran: C (2,3,2,4,2,4), F (2,4,3,2,4,4); D declared a conflict.
    # criterion: (weight, mean of C and F)
    by_hand = {
        "relevance": ("25", "2"),
        "feasibility": ("20", "3,5"),
        "concertation": ("20", "2,5"),
        "sustainability": ("15", "3"),
        "budget_quality": ("10", "3"),
        "capacity": ("10", "4"),
    }
    # a conflicted review full of 5s and a draft full of 0s must not move a mean
    extra = pd.DataFrame(
        [
            {
                **reviews[reviews["application"] == ORAN].iloc[0].to_dict(),
                "reviewer": name,
                "conflict": conflict,
                "status": status,
                **{criterion: score for criterion in by_hand},
            }
            for name, conflict, status, score in (
                ("Z conflict", "yes", "submitted", "5"),
                ("Z draft", "no", "draft", "0"),
            )
        ]
    )
    page = render_letter(ORAN, applications, pd.concat([reviews, extra]), decided)
    for criterion, (weight, mean) in by_hand.items():
        assert _cells(page, t(f"reviews.field.{criterion}", "fr")) == [weight, "0–5", mean], criterion
    assert "Note pondérée : 57 / 100 (rang 7 sur 9)." in page


def test_no_reviewer_name_and_no_conflicted_or_draft_comment_reaches_a_letter(applications, reviews, written):
    assert len(written) == 12
    for name, page in written.items():
        assert "Évaluateur Exemple" not in page, name
        assert not [who for who in set(reviews["reviewer"]) if html.escape(who) in page], name
        assert html.escape(CONFLICTED) not in page and "conseillé cette association" not in page, name
    oran = written["association-exemple-jeunes-oran.html"]
    assert "Évaluateur 2" in oran and "Évaluateur 3" not in oran  # two counted reviews of three
    draft = {
        **reviews[reviews["application"] == TLEMCEN].iloc[0].to_dict(),
        "reviewer": "Évaluateur Brouillon",
        "status": "draft",
        "comment": "BROUILLON — pas encore envoyé.",
    }
    page = render_letter(
        TLEMCEN, applications, pd.concat([reviews, pd.DataFrame([draft])]), decisions(applications, reviews)
    )
    assert "BROUILLON" not in page and "Brouillon" not in page and "Évaluateur 3" not in page


def test_reviewers_are_numbered_the_same_whatever_the_order_of_the_rows(applications, reviews, decided):
    page = render_letter(ORAN, applications, reviews, decided)
    assert render_letter(ORAN, applications, reviews.iloc[::-1], decided) == page
    assert "Évaluateur 2" in page and "Évaluateur 3" not in page


def test_an_arabic_letter_reads_right_to_left_with_names_isolated(applications, reviews, decided):
    page = render_letter(SETIF, applications, reviews, decided)
    assert '<html lang="ar" dir="rtl">' in page
    assert t("grants.letter.greeting", "ar", association=f"<bdi>{html.escape(SETIF)}</bdi>") in page
    assert t("grants.letter.title", "ar") in page and t("grants.decision.selected", "ar") in page
    assert '<html lang="en" dir="ltr">' in render_letter(SETIF, applications, reviews, decided, lang="en")


def test_names_are_escaped_and_files_stay_in_their_folder(applications, reviews, tmp_path):
    hostile = "../Béchar <script>alert(1)</script>"
    renamed = applications.replace({"association": {BECHAR: hostile}})
    renamed_reviews = reviews.replace({"application": {BECHAR: hostile}})
    paths = write_letters(renamed, renamed_reviews, tmp_path, pdf=False)
    assert {path.parent for path in paths} == {tmp_path} and len(paths) == 12
    assert "association-exemple-solidarite-bechar.html" not in {path.name for path in paths}
    page = next(path for path in paths if path.name == "bechar-script-alert-1-script.html").read_text(encoding="utf-8")
    assert "<script>" not in page and html.escape(hostile) in page


def test_no_pdf_without_chromium(applications, reviews, tmp_path, monkeypatch):
    monkeypatch.setattr(pdf, "CHROMIUM_PATH", str(tmp_path / "no-chromium"))
    paths = write_letters(applications, reviews, tmp_path, pdf=True)
    assert [path.suffix for path in paths] == [".html"] * 12


@pytest.mark.parametrize("script", ["exit 1", "sleep 30"])
def test_a_chromium_that_fails_or_hangs_is_said(applications, reviews, tmp_path, monkeypatch, script):
    fake = tmp_path / "chromium"
    fake.write_text(f"#!/bin/sh\n{script}\n")
    fake.chmod(0o755)
    monkeypatch.setattr(pdf, "CHROMIUM_PATH", str(fake))
    monkeypatch.setattr(pdf, "PDF_TIMEOUT_S", 1)
    one = applications[applications["association"] == SETIF]
    started = time.monotonic()
    with pytest.raises(TranslatedError) as said:
        write_letters(one, reviews, tmp_path / "letters")
    assert time.monotonic() - started < 10  # a hung Chromium is killed at the timeout
    assert said.value.key == "pdf.failed"
    assert "association-exemple-femmes-rurales-setif.html" in said.value.message("fr")


def test_each_letter_is_printed_to_pdf_beside_its_html(applications, reviews, tmp_path):
    require_chromium()
    two = applications[applications["association"].isin([SETIF, BECHAR])]
    paths = write_letters(two, reviews, tmp_path)
    assert [path.name for path in paths] == [
        "association-exemple-femmes-rurales-setif.html",
        "association-exemple-femmes-rurales-setif.pdf",
        "association-exemple-solidarite-bechar.html",
        "association-exemple-solidarite-bechar.pdf",
    ]
    for printed in paths[1::2]:
        assert printed.read_bytes()[:5] == b"%PDF-", printed.name
