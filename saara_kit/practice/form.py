"""The practice sheet form: the record-list form of an association's sheets, opened with its code,
with a "draw from our data" action that fills the empty fields of the editor from its concertation
plan. A sheet typed or changed waits for a trainer's moderation before the directory lists it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import ipywidgets as widgets
from traitlets import Dict, List

from saara_kit.forms.form import RecordListForm
from saara_kit.forms.state import RecordListState
from saara_kit.practice.prefill import association_records, draw, fill_empty
from saara_kit.validation import ValidationError

__all__ = ["PracticeForm", "PracticeState"]


class PracticeState(RecordListState):
    """An association's practice sheets. ``drawn`` holds what its data gives (field -> text) and
    ``filled`` the fields the last ``prefill`` filled; a sheet added with new content goes back to
    ``pending`` (its rejection reason cleared), one re-added unchanged keeps its moderation."""

    drawn = Dict()
    filled = List()

    def prefill(self, raw: Mapping[str, Any], lang: str = "fr") -> dict[str, Any]:
        """Return ``raw`` with its empty fields drawn from the association's concertation plan (in
        the sheet's language, else ``lang``); say how many were filled, or why none was."""
        if not self.association:
            self.drawn, self.filled = {}, []
            self._tell(self.state, "practice.open_first")
            return dict(raw)
        records = association_records(self.store, self.hub_id, self.association)
        self.drawn = draw(records, str(raw.get("plan") or ""), str(raw.get("lang") or lang))
        values, filled = fill_empty(raw, self.drawn)
        self.filled = filled
        self._tell(
            self.state, "practice.prefilled" if filled else "practice.nothing_drawn", ok=bool(filled), count=len(filled)
        )
        return values

    def add(self, raw: Mapping[str, Any]) -> bool:
        """Put the editor's sheet in the list: pending moderation, unless it is the edited sheet unchanged."""
        kept = self.draft.get(self.editing) if self.editing else None
        try:
            unchanged = kept is not None and self.domain.validate({**kept, **raw}) == kept
        except ValidationError:
            unchanged = False
        moderation = (
            {"status": kept["status"], "reason": kept["reason"]} if unchanged else {"status": "pending", "reason": ""}
        )
        return super().add({**raw, **moderation})


class PracticeForm(RecordListForm):
    """Write and share the association's practice sheets.

    Public surface, beyond ``RecordListForm``'s: ``prefill()`` (also the "draw from our data"
    button), and the state's ``drawn`` and ``filled``."""

    state_class = PracticeState

    def _more_rows(self) -> list[widgets.Widget]:
        return [self._button("practice.prefill", "saara-prefill", lambda _: self.prefill())]

    def reset(self) -> None:
        """Empty the editor; a new sheet is written in the form's language."""
        super().reset()
        self.value = {"lang": self.lang}

    def prefill(self) -> None:
        """Fill the editor's empty fields from the association's concertation plan and its results."""
        self.value = self.state.prefill(self.value, self.lang)
