"""Keep spreadsheet programs from running what a participant typed (formula injection), reversibly."""

from __future__ import annotations

from typing import Any

__all__ = ["DANGEROUS_FIRST_CHARACTERS", "Formula", "neutralise", "restore"]

DANGEROUS_FIRST_CHARACTERS = ("=", "+", "-", "@", "\t", "\r", "\n", "\0")
QUOTE = "'"


class Formula(str):
    """A spreadsheet formula the kit itself wrote (a line's quantity × rate, a SUM): the one kind of
    text a workbook keeps as a formula. What a participant typed is never one."""


def neutralise(value: Any) -> Any:
    """Prefix with an apostrophe a text cell that a spreadsheet would read as a formula.

    Text that already starts with an apostrophe gets one too, so that ``restore`` is its exact
    inverse. Numbers pass unchanged: a negative number is data, not a formula.
    """
    if (
        isinstance(value, str)
        and not isinstance(value, Formula)
        and value.startswith((*DANGEROUS_FIRST_CHARACTERS, QUOTE))
    ):
        return QUOTE + value
    return value


def restore(value: Any) -> Any:
    """Undo ``neutralise`` on a cell read back from an exported file.

    Only an apostrophe that ``neutralise`` could have added goes: a typed "'Aïn" stays as it is.
    """
    if (
        isinstance(value, str)
        and value.startswith(QUOTE)
        and value[1:2].startswith((*DANGEROUS_FIRST_CHARACTERS, QUOTE))
    ):
        return value[1:]
    return value
