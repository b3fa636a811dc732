"""The state behind the reviewer's form, with no widgets: who the code opens, the applications
assigned to them, the picked application and the reviewer's own review of it.

Every load and every save checks the code again and the assignment: a forged widget message
cannot reach an application that is not the reviewer's, nor another reviewer's review.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from traitlets import Dict, Enum, HasTraits, Instance, List, Unicode

from saara_kit.codes import WrongCodes
from saara_kit.grants.call import Call, open_call
from saara_kit.grants.domain import REVIEWS
from saara_kit.grants.reviewers import assigned_to, reviewer_with_code
from saara_kit.grants.submitted import submitted_application
from saara_kit.records.state import Notice
from saara_kit.store import Revision, RevisionConflict, Store, new_record_id
from saara_kit.validation import ValidationError, fold_name

__all__ = ["REVIEW_STATES", "ReviewState"]

REVIEW_STATES = ("closed", "open", "draft", "submitted", "error")


class ReviewState(HasTraits):
    """One reviewer's reviews of the applications of ``call`` assigned to them.

    ``state``: ``closed`` (no code yet), ``open`` (a reviewer, no application picked), ``draft``
    (the picked application's review is a draft, or not begun), ``submitted`` (frozen) or ``error``.
    ``assigned`` lists (hub_id, association, project) of the submitted applications assigned;
    ``application`` is the picked one's payload (with ``region`` and ``association``); ``review`` the
    reviewer's saved review of it ({} before the first save).
    """

    reviewer = Unicode("")
    assigned = List()
    application = Dict()
    review = Dict()
    state = Enum(REVIEW_STATES, default_value="closed")
    notice = Instance(Notice, allow_none=True)

    def __init__(self, store: Store, hub_id: str, author: str = "reviewer", call: Call | None = None):
        super().__init__()
        self.store, self.hub_id, self.device = store, hub_id, author
        self.call = call or open_call()
        self._wrong_codes = WrongCodes()
        self._saved: Revision | None = None  # the revision ``review`` comes from

    # -- actions ------------------------------------------------------------------------
    def open(self, code: Any) -> bool:
        """Open the reviewer whose code was typed: the applications assigned to them."""
        reviewer = self._reviewer(code)
        if reviewer is None:
            return False
        if reviewer != self.reviewer:
            self.reviewer, self.application, self.review, self._saved = reviewer, {}, {}, None
        self.assigned = self._assigned_applications(reviewer)
        self._tell(
            "open" if not self.application else self.state,
            "review.hello",
            ok=True,
            reviewer=reviewer,
            count=len(self.assigned),
        )
        return True

    def pick(self, hub_id: str, association: str, code: Any) -> bool:
        """Load an application assigned to the reviewer of ``code`` and their review of it."""
        if not self.open(code):
            return False
        application = self._application(hub_id, association)
        if application is None:
            self.application, self.review, self._saved = {}, {}, None
            self._tell("error", "review.not_assigned")
            return False
        self.application = application
        self._load_review()
        return True

    def save(self, raw: Mapping[str, Any], code: Any, submit: bool = False) -> bool:
        """Save the review of the picked application as a draft, or submit it (frozen after);
        the code and the assignment are checked again, and nothing is saved when anything is wrong."""
        picked = dict(self.application)
        if not picked:
            self._tell("error", "review.pick_first")
            return False
        if not self.pick(picked["region"], picked["association"], code):
            return False
        if self.review.get("status") == "submitted":
            self._tell("submitted", "review.frozen")
            return False
        values = {
            **raw,
            "call": self.call.id,
            "application": picked["association"],
            "reviewer": self.reviewer,
            "status": "submitted" if submit else "draft",
        }
        try:
            record = REVIEWS.validate(values)
        except ValidationError as error:
            self._tell("error", errors=error.errors)
            return False
        before = self._saved
        revision = Revision(
            record_id=before.record_id if before else new_record_id(),
            revision=before.revision + 1 if before else 1,
            kind=REVIEWS.kind,
            region=picked["region"],
            association=picked["association"],
            author=f"{self.reviewer} ({self.device})",
            payload=record.to_payload(),
            schema_version=REVIEWS.schema_version,
        )
        try:
            self.store.save(revision)
        except RevisionConflict:
            self._load_review()
            self._tell("error", "review.conflict")
            return False
        self._load_review()
        self._tell(self.state, "review.submitted" if submit else "review.saved", ok=True, time=dt.datetime.now())
        return True

    # -- reading ------------------------------------------------------------------------
    def weighted(self, raw: Mapping[str, Any]) -> float | None:
        """Return the weighted score /100 of the scores ``raw`` gives, or None while one is missing."""
        import pandas as pd  # scores are tables: loaded when the reviewer first scores, not to show the form

        from saara_kit.grants.consolidation import review_scores

        scores = review_scores(
            pd.DataFrame([{**raw, "call": self.call.id, "application": "", "reviewer": "", "status": "submitted"}]),
            self.call,
        )
        score = scores["score"].iloc[0]
        return None if pd.isna(score) else float(score)

    @property
    def other_scores(self) -> list[float]:
        """Return the weighted scores of the other reviewers' submitted reviews of the picked
        application, without names; empty until the reviewer has submitted their own."""
        if self.review.get("status") != "submitted" or not self.application:
            return []
        others = [
            rev.payload
            for rev in self.store.current(REVIEWS.kind, self.application["region"], self.application["association"])
            if fold_name(rev.payload.get("reviewer", "")) != fold_name(self.reviewer)
        ]
        import pandas as pd

        from saara_kit.grants.consolidation import review_scores

        scores = review_scores(pd.DataFrame(others, columns=[f.name for f in REVIEWS.fields]), self.call)
        return sorted(scores.loc[scores["counted"], "score"].round(1).tolist(), reverse=True)

    # -- inside -------------------------------------------------------------------------
    def _reviewer(self, code: Any) -> str | None:
        """Return the reviewer of ``code``; None (and say why) when there is none."""
        if self._wrong_codes.blocked(""):
            self._tell("error", "review.code_wait")
            return None
        reviewer = reviewer_with_code(self.store, self.call.id, code)
        if reviewer is None:
            self._wrong_codes.failed("")
            self.reviewer, self.assigned, self.application, self.review, self._saved = "", [], {}, {}, None
            self._tell("error", "review.code_wrong")
        return reviewer

    def _assigned_applications(self, reviewer: str) -> list[tuple[str, str, str]]:
        """Return (hub_id, association, project) of the submitted applications assigned to ``reviewer``."""
        found = []
        for hub_id, association in assigned_to(self.store, self.call.id, reviewer):
            application = submitted_application(self.store, self.call, hub_id, association)
            if application is not None:
                found.append((hub_id, association, application["project"]))
        return found

    def _application(self, hub_id: str, association: str) -> dict | None:
        """Return the picked application when it is assigned to the reviewer, else None."""
        if not any((r, fold_name(a)) == (hub_id, fold_name(association)) for r, a, _ in self.assigned):
            return None
        payload = submitted_application(self.store, self.call, hub_id, association)
        return None if payload is None else {**payload, "region": hub_id, "association": association}

    def _load_review(self) -> None:
        """Read the reviewer's latest review of the picked application."""
        picked = self.application
        mine = [
            rev
            for rev in self.store.current(REVIEWS.kind, picked["region"], picked["association"])
            if rev.payload.get("call") == self.call.id
            and fold_name(rev.payload.get("reviewer", "")) == fold_name(self.reviewer)
        ]
        self._saved = mine[-1] if mine else None
        self.review = dict(self._saved.payload) if self._saved else {}
        self.state = "submitted" if self.review.get("status") == "submitted" else "draft"

    def _tell(self, state: str, key: str = "", ok: bool = False, errors=(), **values: Any) -> None:
        self.state = state
        self.notice = Notice(key, values, ok, tuple(errors)) if key or errors else None
