"""The drafts a record-list state keeps: what a device typed and never saved, kept in the store and offered back."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from sqlalchemy.exc import SQLAlchemyError

from saara_kit.forms.drafts import changes_count, draft_content, is_empty, merged
from saara_kit.settings import NO_DEVICE
from saara_kit.store import Revision, Store
from saara_kit.store.drafts import Draft, drop_draft, keep_draft
from saara_kit.validation import ValidationError

if TYPE_CHECKING:
    from saara_kit.records.domain import Domain, Record

__all__ = ["DraftKeeping"]


class DraftKeeping:
    """The draft-keeping half of ``RecordListState``: keeps the list's pending changes and the
    editor's values as the device's draft (``keep_editor``), and takes up or sets aside the draft
    ``offered`` (``resume_draft``, ``discard_draft``). It reads the state's traits and ``_tell``."""

    if TYPE_CHECKING:  # what it reads of ``RecordListState``, which declares it (traits, ``__init__``)
        domain: Domain
        store: Store
        hub_id: str
        device: str
        association: str
        saved: dict[str, Revision]
        draft: dict[str, Record]
        editing: str | None
        state: str
        references: dict[str, dict[str, Any]]
        offered: Draft | None
        unsaved: bool
        _typed: dict[str, Any]
        _kept: dict[str, Any]

        @property
        def pending(self) -> list[Revision]: ...

        def _set_draft(self, draft: dict[str, Record]) -> None: ...

        def _tell(self, state: str, key: str = "", ok: bool = False, errors=(), **values: Any) -> None: ...

    def keep_editor(self, editor: Mapping[str, Any]) -> None:
        """Keep what the editor holds with the draft, so that it outlives the form's kernel."""
        empty = self.domain.empty()
        self._typed = {name: value for name, value in editor.items() if name in empty and value != empty[name]}
        self._keep_draft()

    def resume_draft(self) -> dict[str, Any] | None:
        """Take up the draft offered: its changes go back in the list (not those of a record someone
        saved since, which stays as saved); return the editor's values it held, None when none."""
        draft, self.offered = self.offered, None
        if draft is None:
            return None
        records, stale = dict(self.draft), 0
        for record_id, change in draft.content.get("records", {}).items():
            saved = self.saved.get(record_id)
            if (saved.revision if saved else 0) != change.get("base"):
                stale += 1
                continue
            if change.get("payload") is None:
                records.pop(record_id, None)
                continue
            try:
                records[record_id] = self.domain.validate(
                    change["payload"], self.references if self.domain.references else None
                )
            except ValidationError:
                stale += 1
        self._set_draft(records)
        editing = draft.content.get("editing")
        self.editing = editing if editing in self.draft else None
        self._tell(
            self.state,
            "draft.resumed_stale" if stale else "draft.resumed",
            ok=not stale,
            count=stale or changes_count(draft.content),
        )
        return draft.content.get("editor") or None

    def discard_draft(self) -> None:
        """Set the draft offered aside: only what was typed since is kept."""
        self.offered = None
        self._keep_draft()

    @property
    def _keeps_drafts(self) -> bool:
        """Tell whether this form knows its device (a draft belongs to one)."""
        return self.device != NO_DEVICE

    def _keep_draft(self, pending: list[Revision] | None = None) -> None:
        """Keep what a save would write (``pending``, when the caller has it) and what the editor holds
        as this device's draft (with the draft offered, if it is neither taken up nor set aside);
        forget it once there is nothing."""
        content = draft_content(self.pending if pending is None else pending, self._typed, self.editing)
        self.unsaved = not is_empty(content) or (not self.association and bool(self.draft))
        if not self.association or not self._keeps_drafts:
            return
        if self.offered is not None:
            content = merged(self.offered.content, content)
        if content == self._kept:
            return
        where = (self.store, self.device, self.domain.kind, self.hub_id, self.association)
        try:
            drop_draft(*where) if is_empty(content) else keep_draft(*where, content)
        except SQLAlchemyError:
            return  # a draft is a safety net: typing goes on without it
        self._kept = content
