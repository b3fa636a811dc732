"""What the directory holds and lacks (pure functions over DataFrames): approved resources counted
per code of a facet (every code listed, 0 included), the theme × language gaps, the hubs covered,
search results and the suggestions waiting for a trainer, as labelled tables; and the ways an Arabic
word is typed, for search demonstrations."""

from __future__ import annotations

import re

import pandas as pd

from saara_kit.data.hubs import list_hubs
from saara_kit.directory.domain import DIRECTORY, title_in
from saara_kit.directory.fields import LANGUAGES, THEMES
from saara_kit.directory.moderation import published
from saara_kit.directory.search import facet_counts
from saara_kit.i18n import t
from saara_kit.records import Choices, labelled_table

__all__ = [
    "EVERY_HUB",
    "arabic_spellings",
    "by_hub",
    "codes_of",
    "coverage",
    "coverage_table",
    "facet_table",
    "for_hub",
    "gaps",
    "gaps_table",
    "label",
    "listed",
    "missing_themes",
    "pending",
    "pending_table",
    "results_table",
    "theme_languages",
]

EVERY_HUB = "every_hub"  # the bar, row or code of resources whose ``regions`` is empty: meant for every hub
TATWEEL, FATHA = "\u0640", "\u064e"
NON_JOINING = set("اأإآدذرزوؤةى ")  # Arabic letters that never join the next one (no tatweel after them)
ALEFS = set("اأإآ")
ARABIC_LETTER = re.compile(r"[\u0621-\u064a]")


def codes_of(facet: str, value: object) -> tuple:
    """Return the codes a record's ``facet`` value holds: several for ``themes`` ("a; b"), one for ``type``."""
    field = DIRECTORY.field(facet)
    if isinstance(field, Choices):
        return field.chosen(value)
    return (value,) if str(value or "").strip() else ()


def label(facet: str, code: object, lang: str = "fr") -> str:
    """Return the label of ``code`` of ``facet`` in ``lang`` ("Every hub" for ``EVERY_HUB``)."""
    if code == EVERY_HUB:
        return t("export.all_hubs", lang)
    return DIRECTORY.field(facet).show(code, DIRECTORY.name, lang)


def _count(frame: pd.DataFrame, facet: str, codes: tuple) -> pd.Series:
    counts = dict.fromkeys(codes, 0)
    for value in frame.get(facet, []):
        for code in codes_of(facet, value):
            if code in counts:
                counts[code] += 1
    return pd.Series(counts, dtype=int, name="resources")


def coverage(resources: pd.DataFrame, facet: str) -> pd.Series:
    """Return how many approved resources carry each code of ``facet``, in the taxonomy's order,
    every code listed (0 for a gap); a resource with several codes counts for each."""
    return _count(published(resources), facet, tuple(DIRECTORY.field(facet).codes))


def coverage_table(resources: pd.DataFrame, facet: str, lang: str = "fr") -> pd.DataFrame:
    """Return ``coverage`` labelled: the facet's label in ``lang``, and the number of resources."""
    counts = coverage(resources, facet)
    return pd.DataFrame(
        {
            t(DIRECTORY.label_key(facet), lang): [label(facet, code, lang) for code in counts.index],
            t("directory.column.resources", lang): counts.to_list(),
        }
    )


def theme_languages(resources: pd.DataFrame) -> pd.DataFrame:
    """Return the approved resources counted per theme (rows) and language (columns), 0 included."""
    shown = published(resources)
    table = pd.DataFrame(0, index=pd.Index(THEMES, name="themes"), columns=pd.Index(LANGUAGES, name="languages"))
    for themes, languages in zip(shown.get("themes", []), shown.get("languages", [])):
        for theme in codes_of("themes", themes):
            for lang in codes_of("languages", languages):
                table.loc[theme, lang] += 1
    return table


def gaps(resources: pd.DataFrame) -> list[tuple[str, str]]:
    """Return each (theme, language) with no approved resource, in the taxonomy's order."""
    table = theme_languages(resources)
    return [(theme, lang) for theme in table.index for lang in table.columns if table.loc[theme, lang] == 0]


def missing_themes(resources: pd.DataFrame, language: str) -> list[str]:
    """Return the themes with no approved resource in ``language``, in the taxonomy's order."""
    return [theme for theme, code in gaps(resources) if code == language]


def listed(labels: list[str], lang: str = "fr") -> str:
    """Return ``labels`` as a list read in ``lang`` ("a, b"; with the Arabic comma), or "none"."""
    return ("، " if lang == "ar" else ", ").join(labels) or t("directory.chart.none", lang)


def gaps_table(resources: pd.DataFrame, lang: str = "fr") -> pd.DataFrame:
    """Return the theme × language counts of approved resources, labelled in ``lang``: one row per
    theme, one column per language (a 0 is a gap), then the theme's resources in any language."""
    counts = theme_languages(resources)
    table = pd.DataFrame({t("directory.field.themes", lang): [label("themes", code, lang) for code in counts.index]})
    for code in counts.columns:
        table[label("languages", code, lang)] = counts[code].to_list()
    table[t("directory.column.any_language", lang)] = coverage(resources, "themes").to_list()
    return table


def by_hub(resources: pd.DataFrame) -> pd.Series:
    """Return how many approved resources each hub has: those naming it, every hub listed, then
    (``EVERY_HUB``) those that name no hub, meant for all of them and counted once."""
    counts = _count(published(resources), "regions", tuple(list_hubs()))
    every = int(sum(not codes_of("regions", value) for value in published(resources).get("regions", [])))
    return pd.concat([counts, pd.Series({EVERY_HUB: every}, dtype=int)]).rename("resources")


def for_hub(resources: pd.DataFrame, hub_id: str = "") -> pd.DataFrame:
    """Return the resources a hub's participants are shown: those for every hub and those naming
    ``hub_id`` (all of them when ``hub_id`` is empty)."""
    if not hub_id or not len(resources):
        return resources
    keep = [not codes or hub_id in codes for codes in (codes_of("regions", value) for value in resources["regions"])]
    return resources[keep]


def pending(resources: pd.DataFrame, hub_id: str = "") -> pd.DataFrame:
    """Return the suggestions waiting for a trainer's decision: those made in hub ``hub_id`` (its
    ``region`` column), or all of them when ``hub_id`` is empty."""
    if not len(resources):
        return resources
    waiting = resources["status"] == "pending"
    return resources[waiting & (resources["region"] == hub_id)] if hub_id else resources[waiting]


def _titled(frame: pd.DataFrame, lang: str, columns: list[str]) -> pd.DataFrame:
    titles = [title_in(row, lang) for row in frame.to_dict("records")]
    return pd.concat(
        [pd.DataFrame({"title": titles}), frame[[c for c in columns if c in frame]].reset_index(drop=True)], axis=1
    )


def results_table(found: pd.DataFrame, lang: str = "fr") -> pd.DataFrame:
    """Return search results (``Index.search``) as read: title in ``lang`` (else another), type,
    themes, languages, creator and relevance, labelled."""
    table = _titled(found, lang, ["type", "themes", "languages", "creator", "relevance"])
    return labelled_table(
        DIRECTORY, table, lang, headers={"title": "directory.column.title", "relevance": "directory.column.relevance"}
    )


def facet_table(found: pd.DataFrame, facet: str, lang: str = "fr") -> pd.DataFrame:
    """Return how many of ``found`` carry each code of ``facet`` (``facet_counts``), every code
    listed, labelled: what a search page shows beside its results."""
    counts = facet_counts(found, facet)
    codes = DIRECTORY.field(facet).codes
    return pd.DataFrame(
        {
            t(DIRECTORY.label_key(facet), lang): [label(facet, code, lang) for code in codes],
            t("directory.column.resources", lang): [counts.get(code, 0) for code in codes],
        }
    )


def pending_table(resources: pd.DataFrame, lang: str = "fr", hub_id: str = "") -> pd.DataFrame:
    """Return the suggestions waiting in hub ``hub_id`` (``pending``) for the trainer: title, type,
    themes, languages, creator, where to find it, the hub it was suggested in and, when the store
    holds them, the id a decision names."""
    table = _titled(
        pending(resources, hub_id),
        lang,
        ["type", "themes", "languages", "creator", "url", "file", "region", "record_id"],
    )
    table["region"] = [label("regions", code, lang) for code in table.get("region", [])]
    return labelled_table(DIRECTORY, table, lang, headers={"title": "directory.column.title"})


def _article(word: str) -> int:
    """Return how many letters the word's article takes ("ال", "وال"), 0 without one."""
    return next((len(prefix) for prefix in ("وال", "ال") if word.startswith(prefix) and len(word) > len(prefix) + 1), 0)


def _vowelled(word: str) -> str:
    """Put a fatha on the first letter after the article that can carry one: "الحَوكمة"."""
    at = next((i for i in range(_article(word), len(word) - 1) if word[i] not in ALEFS), None)
    return word if at is None else word[: at + 1] + FATHA + word[at + 1 :]


def _stretched(word: str) -> str:
    """Stretch the word with a tatweel after its last letter that joins the next (not before an alef)."""
    joining = [i for i in range(1, len(word) - 1) if word[i] not in NON_JOINING]
    best = [i for i in joining if word[i + 1] not in ALEFS] or joining
    return word[: best[-1] + 1] + TATWEEL + word[best[-1] + 1 :] if best else word


def _hamza(word: str) -> str:
    if any(char in word for char in "أإآ"):
        return word.replace("أ", "ا").replace("إ", "ا").replace("آ", "ا")
    start = _article(word)
    return word[:start] + "إ" + word[start + 1 :] if start and word[start] == "ا" else word


SPELLINGS = (
    _vowelled,  # with vowel marks
    _stretched,  # with a tatweel
    lambda word: word[:-1] + "ه" if word.endswith("ة") else word,  # final ta marbuta as ha
    _hamza,  # alef with hamza as bare alef, or the reverse
    lambda word: word[:-1] + "ى" if word.endswith("ي") else word,  # final ya as alif maqsura
)


def arabic_spellings(text: str) -> list[str]:
    """Return ``text`` and the ways people also type it in Arabic: with vowel marks, with a tatweel
    stretching a word, with a final ta marbuta written as ha, with alef with hamza written as bare
    alef (or the reverse), with a final ya written as alif maqsura. Search folds them all into one
    (``normalise``); spellings that would not differ from ``text`` are left out."""
    spellings = [text]
    for change in SPELLINGS:
        spelling = " ".join(change(word) if ARABIC_LETTER.search(word) else word for word in text.split())
        if spelling not in spellings:
            spellings.append(spelling)
    return spellings
