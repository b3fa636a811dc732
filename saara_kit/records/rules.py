"""Rules across the fields of one record, shared by the domains (each yields ``FieldError``s)."""

from __future__ import annotations

from collections.abc import Iterable

from saara_kit.records.domain import Record
from saara_kit.validation import FieldError, fold_name

__all__ = ["different", "in_order"]


def different(domain: str, first: str, second: str):
    """Return a rule refusing a record whose ``first`` and ``second`` name the same thing (a link
    from an actor to itself), reported on ``second``."""

    def rule(record: Record) -> Iterable[FieldError]:
        if fold_name(str(record[first])) == fold_name(str(record[second])):
            yield FieldError(second, f"{domain}.field.{second}", "self_link")

    return rule


def in_order(domain: str, first: str, then: str):
    """Return a rule refusing a record whose date ``then`` falls before its date ``first`` (an end
    before its start), reported on ``then``; a date left empty is not checked."""

    def rule(record: Record) -> Iterable[FieldError]:
        if record[first] and record[then] and record[then] < record[first]:
            yield FieldError(then, f"{domain}.field.{then}", "before", {"first": record[first], "then": record[then]})

    return rule
