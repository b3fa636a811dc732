"""Look up every person-facing string in ``messages.yaml`` (French, Arabic, English)."""
from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

__all__ = ["DEFAULT_LANG", "LANGUAGES", "catalogue", "is_rtl", "normalise_lang", "t"]

LANGUAGES = ("fr", "ar", "en")
DEFAULT_LANG = "fr"
RTL_LANGUAGES = frozenset({"ar"})
CATALOGUE_FILE = Path(__file__).with_name("messages.yaml")


@cache
def catalogue() -> dict[str, dict[str, str]]:
    """Return the catalogue: ``{key: {lang: text}}``."""
    with CATALOGUE_FILE.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def normalise_lang(lang: str | None) -> str:
    """Return a supported language code, falling back to French."""
    code = (lang or "").strip().lower()[:2]
    return code if code in LANGUAGES else DEFAULT_LANG


def is_rtl(lang: str) -> bool:
    """Tell whether ``lang`` is written right to left."""
    return normalise_lang(lang) in RTL_LANGUAGES


def t(key: str, lang: str = DEFAULT_LANG, **values: object) -> str:
    """Translate ``key`` into ``lang`` and fill its ``{placeholders}``.

    A missing key raises ``KeyError``: the catalogue test keeps all three languages complete.
    """
    text = catalogue()[key][normalise_lang(lang)]
    return text.format(**values) if values else text
