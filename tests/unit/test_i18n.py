"""One catalogue, three complete languages, Babel formatting."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from saara_kit.i18n import catalogue, format_date, format_money, format_number, is_rtl, languages, t
from saara_kit.i18n.formatting import plural_categories
from saara_kit.registry import domains
from saara_kit.settings import PROJECT_ROOT


def _key_pattern() -> re.Pattern:
    """Match a quoted literal that starts like a catalogue key: any section the catalogue has."""
    sections = sorted({key.split(".", 1)[0] for key in catalogue()})
    return re.compile(r"""["']((?:{})\.[\w.\-]+)["']""".format("|".join(map(re.escape, sections))))


def _forms(text) -> list[str]:
    """Return a message's texts: one, or one per plural category."""
    return list(text.values()) if isinstance(text, dict) else [text]


def test_every_key_has_french_arabic_and_english():
    for key, texts in catalogue().items():
        assert set(texts) == set(languages()), key
        assert all(isinstance(form, str) and form.strip() for text in texts.values() for form in _forms(text)), key


def test_placeholders_agree_across_languages_and_plural_forms():
    for key, texts in catalogue().items():
        fields = [set(re.findall(r"{(\w+)}", form)) - {"count"} for text in texts.values() for form in _forms(text)]
        assert all(found == fields[0] for found in fields), key


def test_plural_messages_give_every_form_their_language_needs():
    plural = {key: texts for key, texts in catalogue().items() if any(isinstance(x, dict) for x in texts.values())}
    assert "form.saved" in plural and "stakeholders.loaded" in plural
    for key, texts in plural.items():
        for lang in languages():
            assert isinstance(texts[lang], dict) and set(texts[lang]) == plural_categories(lang), (key, lang)
    assert plural_categories("ar") == {"zero", "one", "two", "few", "many", "other"}


def test_no_message_writes_a_plural_in_brackets():
    brackets = re.compile(r"\((s|e?s|ة|ات|أسطر|أطراف)\)")
    for key, texts in catalogue().items():
        assert not [form for text in texts.values() for form in _forms(text) if brackets.search(form)], key


@pytest.mark.parametrize(
    ("lang", "count", "expected"),
    [
        ("fr", 0, "0 modification non enregistrée."),
        ("fr", 1, "1 modification non enregistrée."),
        ("fr", 3, "3 modifications non enregistrées."),
        ("en", 1, "1 unsaved change."),
        ("en", 0, "0 unsaved changes."),
        ("ar", 2, "تعديلان غير محفوظين."),
        ("ar", 5, "5 تعديلات غير محفوظة."),
        ("ar", 11, "11 تعديلًا غير محفوظ."),
        ("ar", 100, "100 تعديل غير محفوظ."),
    ],
)
def test_counts_follow_each_languages_plural_rules(lang, count, expected):
    assert t("form.unsaved", lang, count=count) == expected


def test_every_literal_key_in_the_code_is_in_the_catalogue():
    used, pattern = set(), _key_pattern()
    for path in (PROJECT_ROOT / "saara_kit").rglob("*.py"):
        used |= set(pattern.findall(path.read_text(encoding="utf-8")))
    assert {"run.bar", "serve.join", "region.unknown", "form.save"} <= used  # no section escapes
    prefixes = {key.rsplit(".", 1)[0] for key in catalogue()}  # "stakeholders.type" + "." + code
    missing = sorted(key for key in used if key not in catalogue() and key not in prefixes)
    assert missing == []


def test_every_key_a_domain_needs_is_in_the_catalogue():
    for domain in domains().values():
        missing = [key for key in domain.required_keys() if key not in catalogue()]
        assert missing == [], domain.name
    assert "stakeholders.position.-1" in domains()["stakeholders"].required_keys()  # choices included


def test_unknown_language_falls_back_to_french():
    assert t("form.save", "de") == "Enregistrer"
    assert t("form.save", "ar") == "حفظ"
    assert is_rtl("ar") and not is_rtl("fr")


def test_babel_formats_numbers_money_and_dates_per_language():
    assert format_number(1234567.5, "fr") == "1\u202f234\u202f567,5"
    assert format_number(1234567.5, "en") == "1,234,567.5"
    assert "DZD" in format_money(1500, "DZD", "en") and "1,500.00" in format_money(1500, "DZD", "en")
    assert "€" in format_money(12.5, "EUR", "fr")
    assert format_date(dt.date(2027, 2, 9), "fr") == "9 février 2027"
    assert format_date(dt.date(2027, 2, 9), "ar") == "9 فيفري 2027"  # Algerian month names
