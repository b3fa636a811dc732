"""File names made from people's names: Latin accents and punctuation folded, Arabic letters kept
whole, in every file the kit names after an association (letters, one-pagers, reports)."""

from __future__ import annotations

from pathlib import Path

import pytest

from saara_kit.data import sample_records
from saara_kit.exports.file_names import file_slug, output_stem
from saara_kit.grants.letters import write_letters
from saara_kit.registry import domain

SETIF = "Association Exemple Femmes Rurales Sétif"  # its application is in Arabic
NOUR = "جمعية النور للبيئة"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (NOUR, "جمعية-النور-للبيئة"),  # ئ, not ي
        ("مؤسسة الإحياء", "مؤسسة-الإحياء"),  # ؤ and إ
        ("جمعية أمل الآفاق", "جمعية-أمل-الآفاق"),  # أ and آ
        ("رابطة الشبيبة", "رابطة-الشبيبة"),  # ة
        ("جَمْعِيَّةُ  الْأَمَل", "جمعية-الأمل"),  # the vowel marks go, the hamza stays
        ("Association Solidarité Béchar", "association-solidarite-bechar"),
        ("../Béchar <script>", "bechar-script"),
        ("«»", "lettre"),
    ],
)
def test_a_file_name_folds_latin_accents_and_keeps_arabic_letters(name, expected):
    assert file_slug(name, "lettre") == expected


def test_an_arabic_associations_letter_is_named_in_arabic_letters(tmp_path):
    applications = sample_records(domain("grants")).replace({"association": {SETIF: NOUR}})
    reviews = sample_records(domain("reviews")).replace({"application": {SETIF: NOUR}})
    names = {path.name for path in write_letters(applications, reviews, tmp_path, pdf=False)}
    assert "جمعية-النور-للبيئة.html" in names


def test_the_one_pager_and_the_report_keep_arabic_letters_too(tmp_path):
    assert output_stem(tmp_path, "est", NOUR, "onepager") == tmp_path / "onepager-جمعية-النور-للبيئة"
    assert output_stem(None, "est", NOUR, "report") == Path("outputs") / "est" / "report-جمعية-النور-للبيئة"
