"""Translations (one catalogue, the languages of languages.yaml) and Babel formatting."""

from saara_kit.i18n.catalogue import (
    DEFAULT_LANG,
    add_catalogue,
    catalogue,
    declared_lang,
    fallbacks,
    in_language,
    is_rtl,
    language,
    languages,
    normalise_lang,
    reload,
    remove_catalogue,
    t,
)
from saara_kit.i18n.errors import TranslatedError
from saara_kit.i18n.formatting import format_date, format_money, format_number, format_percent, format_time

__all__ = [
    "DEFAULT_LANG",
    "TranslatedError",
    "add_catalogue",
    "catalogue",
    "declared_lang",
    "fallbacks",
    "format_date",
    "format_money",
    "format_number",
    "format_percent",
    "format_time",
    "in_language",
    "is_rtl",
    "language",
    "languages",
    "normalise_lang",
    "reload",
    "remove_catalogue",
    "t",
]
