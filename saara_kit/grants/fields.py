"""What an application and a review hold (pure: no widgets, no I/O)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from saara_kit.grants.call import CRITERIA
from saara_kit.records import Amount, Choice, Count, Reference, Scale, Text
from saara_kit.records.fields import _text_of

__all__ = ["APPLICATION_FIELDS", "LETTER_LANGS", "REVIEW_FIELDS", "STATUSES", "Score", "comment_of"]

STATUSES = ("draft", "submitted")  # a draft may change; a submitted record is frozen
LETTER_LANGS = ("fr", "ar", "en")


@dataclass(frozen=True)
class Score(Scale):
    """A reviewer's score on one criterion, a whole number from ``low`` to ``high``; empty (None)
    until scored. The call's grid gives each criterion its own scale, which the review's rules check."""

    low: int = 0
    high: int = 10

    @property
    def default(self) -> None:
        return None

    def read(self, value: Any, prefix: str = "") -> int | None:
        if _text_of(value) == "":
            return None
        return super().read(value, prefix)


def comment_of(criterion: str) -> str:
    """Return the field of the reviewer's comment on ``criterion``."""
    return f"comment_{criterion}"


APPLICATION_FIELDS = (
    Text("call", max=60, editable=False),  # the call's id (params/calls/<id>.yaml)
    Text("project", max=200),  # the project's title
    Text("summary", max=2000, multiline=True),
    Text("objectives", max=2000, multiline=True),
    Count("duration_months", low=1, high=60),
    Amount("total_cost"),  # DZD, the whole project
    Amount("requested"),  # DZD, asked of the fund
    Text("registration", max=60, required=False),  # the association's registration (agrément) number
    Reference("budget", to="budget", required=False, anonymise=None),  # the association's saved budget
    Choice("lang", LETTER_LANGS),  # the language the association reads its feedback letter in
    Choice("status", STATUSES, editable=False, required=False),
    Text("submitted_at", max=40, required=False, editable=False),  # UTC, ISO, when first submitted
)

REVIEW_FIELDS = (
    # which review this is: set by the reviewer's form from their code and the application picked
    Text("call", max=60, editable=False),
    Text("application", max=200, anonymise="code", editable=False),  # the applying association
    Text("reviewer", max=120, anonymise="code", editable=False),
    Choice("conflict", ("no", "yes")),  # a declared conflict of interest: the review is not counted
    *(Score(criterion, required=False) for criterion in CRITERIA),
    *(Text(comment_of(criterion), max=1000, multiline=True, required=False) for criterion in CRITERIA),
    Text("comment", max=2000, multiline=True, required=False),
    Choice("status", STATUSES, editable=False, required=False, labels="grants.status"),
)
