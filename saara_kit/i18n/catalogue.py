"""Look up every person-facing string, in every language the kit declares.

Languages are data: ``languages.yaml`` beside this file. Shared strings live in
``messages.yaml``; each domain has its own file beside it, ``<domain>.yaml``; a key given twice
is an error. Folders named by ``$SAARA_I18N_PATH`` (a path list) may add languages and texts: a
``languages.yaml`` and catalogue files whose keys give texts in those languages.
"""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path
from typing import cast

from saara_kit.yaml_files import read_yaml

__all__ = [
    "DEFAULT_LANG",
    "add_catalogue",
    "catalogue",
    "declared_lang",
    "fallbacks",
    "in_language",
    "is_rtl",
    "language",
    "languages",
    "normalise_lang",
    "reload",
    "remove_catalogue",
    "t",
]

DEFAULT_LANG = "fr"
CATALOGUE_DIR = Path(__file__).parent
LANGUAGES_FILE = "languages.yaml"
_extra_files: list[Path] = []


def _read(path: Path) -> dict:
    return read_yaml(path) or {}


def _extra_dirs() -> list[Path]:
    return [Path(folder) for folder in os.environ.get("SAARA_I18N_PATH", "").split(os.pathsep) if folder]


def _message_files(folder: Path) -> list[Path]:
    return sorted(path for path in folder.glob("*.yaml") if path.name != LANGUAGES_FILE)


@cache
def _languages() -> dict[str, dict]:
    declared = dict(_read(CATALOGUE_DIR / LANGUAGES_FILE))
    for folder in _extra_dirs():
        if (folder / LANGUAGES_FILE).exists():
            declared.update(_read(folder / LANGUAGES_FILE))
    return declared


def languages() -> tuple[str, ...]:
    """Return the codes of the kit's languages, French first."""
    return tuple(_languages())


def language(code: str) -> dict:
    """Return what ``languages.yaml`` says of a language: name, direction, locale, lab, fallback."""
    return _languages()[normalise_lang(code)]


@cache
def catalogue() -> dict[str, dict[str, str]]:
    """Return the catalogue: ``{key: {lang: text}}``."""
    merged: dict[str, dict[str, str]] = {}
    for path in sorted(_message_files(CATALOGUE_DIR)) + _extra_files:
        entries = _read(path)
        twice = sorted(set(entries) & set(merged))
        if twice:
            raise ValueError(f"{path.name}: keys already defined elsewhere: {', '.join(twice)}")
        merged.update({key: dict(texts) for key, texts in entries.items()})
    for folder in _extra_dirs():  # translations added beside the kit join the keys they translate
        for path in _message_files(folder):
            for key, texts in _read(path).items():
                twice = sorted(set(texts) & set(merged.setdefault(key, {})))
                if twice:
                    raise ValueError(f"{path}: {key} already has a text in {', '.join(twice)}")
                merged[key].update(texts)
    return merged


def reload() -> None:
    """Read the languages and catalogue files again (after ``$SAARA_I18N_PATH`` changed)."""
    _languages.cache_clear()
    catalogue.cache_clear()


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


def declared_lang(lang: str | None) -> str | None:
    """Return the declared language that ``lang`` names (``ar-DZ`` and ``ar_DZ.UTF-8`` give ``ar``), else ``None``."""
    code = re.split(r"[-_.]", (lang or "").strip().lower(), maxsplit=1)[0]
    return code if code in _languages() else None


def normalise_lang(lang: str | None) -> str:
    """Return the declared language that ``lang`` names, else French."""
    return declared_lang(lang) or DEFAULT_LANG


def is_rtl(lang: str) -> bool:
    """Tell whether ``lang`` is written right to left."""
    return language(lang)["direction"] == "rtl"


def fallbacks(lang: str) -> list[str]:
    """Return ``lang`` then the languages shown where it has no text: its fallback, that one's…"""
    chain = [normalise_lang(lang)]
    while language(chain[-1]).get("fallback") and len(chain) <= len(_languages()):
        chain.append(normalise_lang(language(chain[-1])["fallback"]))
    return chain


def in_language(texts: dict, lang: str):
    """Return what ``texts`` (one entry per language code) says in ``lang``, else in its fallback, and that language."""
    found = next((code for code in fallbacks(lang) if code in texts), normalise_lang(lang))
    return texts[found], found


def _text(key: str, lang: str):
    return in_language(catalogue()[key], lang)


def t(key: str, lang: str = DEFAULT_LANG, **values: object) -> str:
    """Translate ``key`` into ``lang`` and fill its ``{placeholders}``.

    A message that counts something gives one text per CLDR plural category (``one``, ``two``,
    ``few``…); ``count`` picks the one that ``lang``'s plural rules ask for. A missing key
    raises ``KeyError``: the catalogue tests keep the kit's languages complete. A language
    added beside the kit shows its ``fallback`` language where it has no text yet.
    """
    text, lang = _text(key, normalise_lang(lang))
    if isinstance(text, dict):
        from saara_kit.i18n.formatting import plural_category

        text = text.get(plural_category(cast(float, values["count"]), lang)) or text["other"]
    return text.format(**values) if values else text
