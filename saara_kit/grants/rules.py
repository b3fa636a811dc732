"""Rules across the fields of an application or a review (each yields ``FieldError``s)."""

from __future__ import annotations

from collections.abc import Iterable

from saara_kit.grants.call import Call, list_calls, load_call
from saara_kit.grants.fields import comment_of
from saara_kit.i18n import TranslatedError
from saara_kit.records import Record
from saara_kit.validation import FieldError

__all__ = ["extremes_explained", "known_call", "requested_within_total", "scores_on_the_grid"]


def _call_of(record: Record) -> Call | None:
    try:
        return load_call(record.call)
    except TranslatedError:
        return None


def known_call(domain: str):
    """Return a rule refusing a record whose call has no file in ``params/calls/``."""

    def rule(record: Record) -> Iterable[FieldError]:
        if _call_of(record) is None:
            yield FieldError(
                "call",
                f"{domain}.field.call",
                "unknown_call",
                {"value": record.call[:60], "known": ", ".join(list_calls())},
            )

    return rule


def requested_within_total(record: Record) -> Iterable[FieldError]:
    """Refuse an application asking more than its project costs."""
    if record.requested > record.total_cost:
        yield FieldError("requested", "grants.field.requested", "over_total", {"total": record.total_cost})


def scores_on_the_grid(record: Record) -> Iterable[FieldError]:
    """Refuse a score off its criterion's scale; a submitted review without a declared conflict
    scores every criterion of the call."""
    call = _call_of(record)
    for criterion in call.criteria if call else ():
        score = record[criterion.id]
        if score is None:
            if record.status == "submitted" and record.conflict != "yes":
                yield FieldError(criterion.id, f"reviews.field.{criterion.id}", "required")
        elif not criterion.low <= score <= criterion.high:
            yield FieldError(
                criterion.id,
                f"reviews.field.{criterion.id}",
                "out_of_range",
                {"low": criterion.low, "high": criterion.high},
            )


def extremes_explained(record: Record) -> Iterable[FieldError]:
    """Refuse to submit a review giving a criterion its lowest or highest score without a comment."""
    call = _call_of(record)
    if call is None or record.status != "submitted" or record.conflict == "yes":
        return
    for criterion in call.criteria:
        if record[criterion.id] in (criterion.low, criterion.high) and not record[comment_of(criterion.id)]:
            yield FieldError(
                comment_of(criterion.id),
                f"reviews.field.{comment_of(criterion.id)}",
                "extreme_needs_comment",
                {"score": record[criterion.id]},
            )
