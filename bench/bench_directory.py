"""Search over 10,000 resources as a participant types, one search per keystroke (French, then
Arabic with other diacritics than the data's), the facets' counts included, against ten times fewer."""

from __future__ import annotations

import random

import pandas as pd

from bench import compare, timed
from saara_kit.directory.fields import AUDIENCES, LANGUAGES, THEMES, TYPES
from saara_kit.directory.search import Index

SCALE = {"resources": 10_000}
SEED = 13
WORDS_FR = [
    "concertation",
    "budget",
    "plaidoyer",
    "bénévolat",
    "gouvernance",
    "élevé",
    "projet",
    "communication",
    "évaluation",
    "collecte",
    "réunion",
    "association",
    "modèle",
    "guide",
    "vidéo",
    "local",
]
WORDS_AR = ["التَّشاوُر", "الميزانيّة", "المناصرة", "التطوّع", "الحوكمة", "الجَمْعِيَّة", "المشروع", "الاتصال", "التقييم"]
TYPED = ("concertation", "الجمعيه التشاور")  # every prefix of each is one keystroke's search


def _resources(count: int) -> pd.DataFrame:
    pick = random.Random(SEED)
    rows = []
    for number in range(count):
        arabic = pick.random() < 0.4
        words = pick.sample(WORDS_AR if arabic else WORDS_FR, 4)
        rows.append(
            {
                "title_fr": "" if arabic else " ".join(words[:3]),
                "title_ar": " ".join(words[:3]) if arabic else "",
                "title_en": "",
                "description": " ".join(pick.sample(WORDS_FR + WORDS_AR, 12)),
                "creator": f"Organisation {number % 300}",
                "type": pick.choice(TYPES),
                "themes": "; ".join(pick.sample(THEMES, 2)),
                "languages": pick.choice(LANGUAGES),
                "audience": pick.choice(AUDIENCES),
                "regions": "",
                "date": f"20{pick.randint(15, 26)}-01-01",
            }
        )
    return pd.DataFrame(rows)


def _keystrokes(index: Index) -> None:
    for typed in TYPED:
        for end in range(1, len(typed) + 1):
            index.counts(index.search(typed[:end]))


def _measure(resources: int) -> dict[str, float]:
    frame = _resources(resources)
    index = Index(frame)
    strokes = sum(len(typed) for typed in TYPED)
    return {
        "fold the index (once, at load)": timed(lambda: Index(frame)),
        "one keystroke (search + facets)": timed(lambda: _keystrokes(index)) / strokes,
    }


def main(scale: dict = SCALE) -> dict[str, float]:
    growth = compare(_measure, scale, {"resources": scale["resources"] // 10})
    print(
        f"full: {scale['resources']} resources; tenth: {scale['resources'] // 10}; "
        f"{sum(len(typed) for typed in TYPED)} keystrokes (French, then Arabic), facets counted each time."
    )
    return growth


if __name__ == "__main__":
    main()
