"""Keep spreadsheet programs from running what a participant typed (formula injection)."""
from __future__ import annotations

from typing import Any

__all__ = ["DANGEROUS_FIRST_CHARACTERS", "neutralise"]

DANGEROUS_FIRST_CHARACTERS = ("=", "+", "-", "@", "\t", "\r", "\n", "\0")


def neutralise(value: Any) -> Any:
    """Prefix a text cell that a spreadsheet would read as a formula with an apostrophe.

    Numbers pass unchanged: a negative number is data, not a formula.
    """
    if isinstance(value, str) and value.startswith(DANGEROUS_FIRST_CHARACTERS):
        return "'" + value
    return value
