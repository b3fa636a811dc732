"""Format numbers, money and dates for French, Arabic and English readers (Babel)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from babel import Locale, dates, numbers

from saara_kit.i18n.catalogue import language

__all__ = [
    "format_date",
    "format_money",
    "format_number",
    "format_percent",
    "format_time",
    "plural_categories",
    "plural_category",
]


def _locale(lang: str) -> str:
    return language(lang)["locale"]


def format_number(value: float | int | Decimal, lang: str = "fr") -> str:
    """Format a number with the language's separators; a number that shows as zero shows as "0", never "-0"."""
    if value == 0 or (value < 0 and round(value, 3) == 0):  # Babel writes 3 decimals at most
        value = 0
    return numbers.format_decimal(value, locale=_locale(lang))


def format_money(amount: float | int | Decimal, currency: str = "DZD", lang: str = "fr") -> str:
    """Format an amount in DZD or EUR."""
    return numbers.format_currency(amount, currency, locale=_locale(lang))


def format_percent(share: float | Decimal, lang: str = "fr") -> str:
    """Format a share (0.25) as a whole per cent, as the language writes it ("25 %" in French)."""
    return numbers.format_percent(share, locale=_locale(lang))


def format_date(value: dt.date | str, lang: str = "fr", form: str = "long") -> str:
    """Format a date, or an ISO date's text (``short``, ``medium``, ``long`` or ``full``)."""
    day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])
    return dates.format_date(day, format=form, locale=_locale(lang))


def format_time(value: dt.datetime | dt.time, lang: str = "fr") -> str:
    """Format a time of day on the 24-hour clock, hours and minutes (``14:05``)."""
    return dates.format_time(value, format="HH:mm", locale=_locale(lang))


def plural_category(count: int | float, lang: str = "fr") -> str:
    """Return the CLDR plural category of ``count`` in ``lang`` (Arabic: zero, one, two, few, many, other)."""
    return Locale.parse(_locale(lang)).plural_form(abs(count))


def plural_categories(lang: str) -> set[str]:
    """Return every plural category a message in ``lang`` must give."""
    return set(Locale.parse(_locale(lang)).plural_form.tags) | {"other"}
