"""Every number that counts something takes its language's plural form: a message where a number is
followed by the noun it counts is a plural mapping chosen on that number (Arabic: zero, one, two,
few, many, other); elsewhere a number stands alone, after a label ("actors: 7")."""

from __future__ import annotations

import ast
import re

import pytest

from saara_kit.grants.call import open_call
from saara_kit.grants.eligibility import check
from saara_kit.i18n import catalogue, t
from saara_kit.settings import PROJECT_ROOT

# placeholders that hold a number (those the code gives len(), int(), a literal… are found in the code too)
NUMBERS = {
    "absent",
    "actors",
    "approved",
    "associations",
    "cap",
    "cell",
    "cells",
    "count",
    "disagreements",
    "done",
    "empty",
    "every",
    "fewest",
    "forms",
    "found",
    "gaps",
    "headings",
    "high",
    "hubs",
    "imported",
    "jobs",
    "late",
    "length",
    "line",
    "links",
    "low",
    "max",
    "meetings",
    "min",
    "minimum",
    "months",
    "moved",
    "n",
    "number",
    "objectives",
    "outside",
    "pending",
    "points",
    "pool",
    "rank",
    "ranked",
    "rejected",
    "reviewers",
    "reviews",
    "revision",
    "room",
    "seconds",
    "selected",
    "shared",
    "size",
    "submitted",
    "themes",
    "total",
    "types",
    "visits",
}
# words that may follow a number without agreeing with it: prepositions, conjunctions, units
NOT_COUNTED = {
    "à",
    "au",
    "dans",
    "de",
    "dont",
    "en",
    "et",
    "ici",
    "sur",
    "in",
    "of",
    "to",
    "here",
    "and",
    "إلى",
    "في",
    "من",
    "منها",
    "هنا",
    "و",
    "إجمالًا",
    "min",
    "s",
    "h",
    "ko",
    "mo",
    "kb",
    "mb",
    "px",
    "dzd",
    "eur",
    "da",
    "ك",
    "م",
    "ث",
    "دج",
}
AFTER = re.compile(r"\{(\w+)(?:[:!][^}]*)?\}[ \u00a0\u202f]*([^\W\d_][\w'’\u064b-\u0652]*)?")
NUMBER_CALLS = {"len", "int", "sum", "round", "float", "format_number"}


def _numeric_placeholders_in_the_code() -> set[str]:
    """Return the placeholders the kit's ``t(...)`` calls fill with a number (a literal, ``len()``, ``int()``…)."""
    found = set()
    for path in (PROJECT_ROOT / "saara_kit").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) == "t":
                for keyword in node.keywords:
                    value = keyword.value
                    if (isinstance(value, ast.Constant) and type(value.value) in (int, float)) or (
                        isinstance(value, ast.Call)
                        and getattr(value.func, "id", getattr(value.func, "attr", None)) in NUMBER_CALLS
                    ):
                        found.add(keyword.arg)
    return found


def counted_without_plural(messages: dict, numbers: set[str]) -> list[tuple[str, str, str, str]]:
    """Return (key, language, placeholder, word) for each number followed by the noun it counts
    outside a plural mapping chosen on it (only ``count`` chooses a mapping's form)."""
    found = []
    for key, texts in messages.items():
        for lang, text in texts.items():
            for form in text.values() if isinstance(text, dict) else [text]:
                for match in AFTER.finditer(form):
                    name, word = match.groups()
                    if (
                        name in numbers
                        and word
                        and word.casefold() not in NOT_COUNTED
                        and not (isinstance(text, dict) and name == "count")
                    ):
                        found.append((key, lang, name, word))
    return found


def test_the_scan_tells_a_counted_noun_from_a_labelled_number():
    messages = {
        "bad.heatmap": {"ar": "{count} فاعلًا × {objectives} أهداف"},  # one form for every number
        "bad.second": {"en": {"one": "{count} actor, {links} links", "other": "{count} actors, {links} links"}},
        "good.mapping": {"ar": {"one": "فاعل واحد", "few": "{count} فاعلين", "many": "{count} فاعلًا"}},
        "good.label": {"fr": "acteurs : {count} ; liens : {links} (entre {low} et {high}, en {size} ko)"},
    }
    assert counted_without_plural(messages, NUMBERS) == [
        ("bad.heatmap", "ar", "count", "فاعلًا"),
        ("bad.heatmap", "ar", "objectives", "أهداف"),
        ("bad.second", "en", "links", "links"),
        ("bad.second", "en", "links", "links"),
    ]


def test_the_code_gives_numbers_to_placeholders_the_scan_knows():
    found = _numeric_placeholders_in_the_code()
    assert {"count", "late", "every"} <= found


def test_no_message_counts_a_noun_without_its_plural_forms():
    assert counted_without_plural(catalogue(), NUMBERS | _numeric_placeholders_in_the_code()) == []


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (1, "خريطة الفاعلين مرفقة: فاعل واحد سجّلته الجمعية."),
        (2, "خريطة الفاعلين مرفقة: فاعلان سجّلتهما الجمعية."),
        (9, "خريطة الفاعلين مرفقة: 9 فاعلين سجّلتهم الجمعية."),
        (11, "خريطة الفاعلين مرفقة: 11 فاعلًا سجّلتهم الجمعية."),
    ],
)
def test_the_application_counts_its_actors_in_arabic(count, expected):
    assert t("grants.links.actors", "ar", count=count) == expected


def test_the_arabic_eligibility_check_names_the_hubs_and_counts_the_months_in_arabic():
    results = {r.rule: r.message("ar") for r in check({"region": "ouest", "duration_months": 2}, open_call())}
    assert "ouest" not in results["region"] and "الغرب" in results["region"]
    assert "شهران" in results["duration"] and "18 شهرًا" in results["duration"]
    assert "Ouest" in next(r.message("fr") for r in check({"region": "ouest"}, open_call()) if r.rule == "region")
