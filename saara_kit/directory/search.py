"""Search in French and Arabic: text folded so that case, French accents, Arabic diacritics,
tatweel and letter variants do not matter; free text over title, description and creator (author), facets
with counts, results by relevance then date."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import pandas as pd

__all__ = ["FACETS", "Index", "facet_counts", "normalise"]

FACETS = ("type", "themes", "languages", "audience", "regions")  # several codes kept as "a; b" where plural
# Arabic letters written several ways: alef wasla, ta marbuta, alif maqsura (alef with hamza or madda,
# waw and ya with hamza fold through NFKD: the hamza or madda is a combining mark)
ARABIC_VARIANTS = str.maketrans({"ٱ": "ا", "ة": "ه", "ى": "ي", "ء": "", "\u0640": ""})  # ـ tatweel
WEIGHTS = {"title": 3.0, "creator": 2.0, "description": 1.0}
WORD = re.compile(r"\w+")


def normalise(text: object) -> str:
    """Return ``text`` folded for search: lower case, no accents, no Arabic diacritics or tatweel,
    Arabic letter variants made one ("أ", "إ", "آ" → "ا"; "ة" → "ه"; "ى" → "ي"), spaces collapsed."""
    decomposed = unicodedata.normalize("NFKD", str(text or "").casefold())
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(bare.translate(ARABIC_VARIANTS).split())


@dataclass
class Index:
    """The directory's records, folded once, searched at every keystroke (column at a time, not row by row)."""

    records: pd.DataFrame

    def __post_init__(self) -> None:
        frame = self.records.reset_index(drop=True)
        self.records = frame
        titles = (
            frame[[c for c in frame.columns if c.startswith("title_")]].astype(str).agg(" ".join, axis=1)
            if len(frame)
            else pd.Series([], dtype=str)
        )
        self._texts = {
            "title": _folded(titles),
            "creator": _folded(frame.get("creator", pd.Series([], dtype=str))),
            "description": _folded(frame.get("description", pd.Series([], dtype=str))),
        }
        self._dates = pd.to_datetime(frame.get("date", pd.Series([None] * len(frame))), errors="coerce")
        # each facet as one column of booleans per code: filters and counts are sums, not loops
        self._codes = {
            facet: frame[facet].astype(str).str.get_dummies(sep="; ").astype(bool) for facet in FACETS if facet in frame
        }

    def counts(self, found: pd.DataFrame) -> dict[str, dict[str, int]]:
        """Return, for each facet, how many of ``found`` (a search's result) carry each code."""
        return {
            facet: {code: int(count) for code, count in codes.loc[found.index].sum().items() if count}
            for facet, codes in self._codes.items()
        }

    def search(self, query: str = "", filters: dict[str, str] | None = None) -> pd.DataFrame:
        """Return the records matching every word of ``query`` (in title, description or creator)
        and every facet of ``filters`` (facet -> one code), best first, then the newest; with
        ``relevance``: per word, each part it is found in counts its weight (title 3, creator 2,
        description 1), twice when it is a whole word there."""
        keep = pd.Series(True, index=self.records.index)
        for facet, code in (filters or {}).items():
            if code:
                codes = self._codes.get(facet)
                chosen = codes[code] if codes is not None and code in codes else pd.Series(False, index=keep.index)
                if facet == "regions" and codes is not None:  # a resource naming no hub is for every hub
                    chosen = chosen | ~codes.any(axis=1)
                keep &= chosen
        relevance = pd.Series(0.0, index=self.records.index)
        for word in WORD.findall(normalise(query)):
            found = pd.Series(0.0, index=self.records.index)
            whole = rf"(?<!\w){re.escape(word)}(?!\w)"
            for part, texts in self._texts.items():
                inside = texts.str.contains(word, regex=False) & keep
                if inside.any():
                    alone = texts[inside].str.contains(whole).reindex(texts.index, fill_value=False)
                    found += WEIGHTS[part] * (inside.astype(float) + alone.astype(float))
            keep &= found > 0
            relevance += found
        found = self.records[keep].assign(relevance=relevance[keep], _date=self._dates[keep])
        return found.sort_values(
            ["relevance", "_date"], ascending=[False, False], na_position="last", kind="mergesort"
        ).drop(columns="_date")


def _folded(texts: pd.Series) -> pd.Series:
    return pd.Series([normalise(text) for text in texts], dtype=object)


def facet_counts(found: pd.DataFrame, facet: str) -> dict[str, int]:
    """Return how many of ``found`` carry each code of ``facet`` (a record may carry several)."""
    if facet not in found or not len(found):
        return {}
    codes = found[facet].astype(str).str.split(";").explode().str.strip()
    return {code: int(count) for code, count in codes[codes != ""].value_counts().items()}
