"""Look up every person-facing string (French, Arabic, English).

Shared strings live in ``messages.yaml``; each domain has its own file beside it, ``<domain>.yaml``.
Every file is merged at load; a key given twice is an error.
"""
from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

__all__ = ["DEFAULT_LANG", "LANGUAGES", "add_catalogue", "catalogue", "remove_catalogue", "is_rtl", "normalise_lang", "t"]

LANGUAGES = ("fr", "ar", "en")
DEFAULT_LANG = "fr"
RTL_LANGUAGES = frozenset({"ar"})
CATALOGUE_DIR = Path(__file__).parent
_extra_files: list[Path] = []


def catalogue_files() -> list[Path]:
    """Return the catalogue files: the kit's own, then those added by outside domains."""
    return sorted(CATALOGUE_DIR.glob("*.yaml")) + _extra_files


@cache
def catalogue() -> dict[str, dict[str, str]]:
    """Return the catalogue: ``{key: {lang: text}}``."""
    merged: dict[str, dict[str, str]] = {}
    for path in catalogue_files():
        with path.open(encoding="utf-8") as handle:
            entries = yaml.safe_load(handle) or {}
        twice = sorted(set(entries) & set(merged))
        if twice:
            raise ValueError(f"{path.name}: keys already defined elsewhere: {', '.join(twice)}")
        merged.update(entries)
    return merged


def add_catalogue(path: Path) -> None:
    """Add a domain's catalogue file kept outside the kit."""
    if Path(path) not in _extra_files:
        _extra_files.append(Path(path))
        catalogue.cache_clear()
        try:
            catalogue()  # a key given twice is refused now, not at the next lookup
        except ValueError:
            remove_catalogue(path)
            raise


def remove_catalogue(path: Path) -> None:
    """Drop a catalogue file added with ``add_catalogue``."""
    if Path(path) in _extra_files:
        _extra_files.remove(Path(path))
        catalogue.cache_clear()


def normalise_lang(lang: str | None) -> str:
    """Return a supported language code, falling back to French."""
    code = (lang or "").strip().lower()[:2]
    return code if code in LANGUAGES else DEFAULT_LANG


def is_rtl(lang: str) -> bool:
    """Tell whether ``lang`` is written right to left."""
    return normalise_lang(lang) in RTL_LANGUAGES


def t(key: str, lang: str = DEFAULT_LANG, **values: object) -> str:
    """Translate ``key`` into ``lang`` and fill its ``{placeholders}``.

    A message that counts something gives one text per CLDR plural category (``one``, ``two``,
    ``few``…); ``count`` picks the one that ``lang``'s plural rules ask for. A missing key
    raises ``KeyError``: the catalogue tests keep all three languages complete.
    """
    lang = normalise_lang(lang)
    text = catalogue()[key][lang]
    if isinstance(text, dict):
        from saara_kit.i18n.formatting import plural_category

        text = text.get(plural_category(values["count"], lang)) or text["other"]
    return text.format(**values) if values else text
