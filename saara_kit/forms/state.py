"""The state behind every record-list form, with no widgets: draft, saved, editing, and what happened.

The form draws this state and calls its actions; tests drive it directly and read ``state``,
``notice`` and the store, never a widget or a French sentence.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.exc import SQLAlchemyError
from traitlets import Bool, Dict, Enum, HasTraits, Instance, Unicode

from saara_kit.codes import WrongCodes, same_code
from saara_kit.forms.draft_keeping import DraftKeeping
from saara_kit.forms.drafts import EMPTY, is_empty
from saara_kit.i18n import format_time, t
from saara_kit.records.domain import Domain, Record, validate_association, validate_participant
from saara_kit.registry import domains
from saara_kit.settings import TRAINER
from saara_kit.store import AssociationTaken, Revision, RevisionConflict, Store, new_record_id
from saara_kit.store.codes import code_of, save_guarded
from saara_kit.store.drafts import Draft, read_draft
from saara_kit.store.repository import canonical_association, plan_revisions, referenced_records, saved_records
from saara_kit.validation import FieldError, ValidationError

__all__ = ["STATES", "Notice", "RecordListState"]

STATES = ("editing", "dirty", "saving", "saved", "conflict", "error")


@dataclass(frozen=True)
class Notice:
    """A status line: a catalogue key and its values, or field errors; ``ok`` for good news."""

    key: str = ""
    values: Mapping[str, Any] = field(default_factory=dict)
    ok: bool = False
    errors: tuple[FieldError, ...] = ()

    def messages(self, lang: str) -> list[str]:
        """Return the lines to show, in ``lang``."""
        values = {k: format_time(v, lang) if isinstance(v, dt.datetime) else v for k, v in self.values.items()}
        lines = [t(self.key, lang, **values)] if self.key else []
        return lines + [error.message(lang) for error in self.errors]


class RecordListState(DraftKeeping, HasTraits):
    """An association's list of records of one domain, being edited and saved.

    ``state`` is one of ``STATES``: ``editing`` (nothing to save), ``dirty`` (changes to save),
    ``saving``, ``saved``, ``conflict`` (someone saved meanwhile; reloaded) or ``error``.

    An association with a code opens only with that code (the trainer needs none). The first save
    of a new association gives it a code, kept in ``created_codes`` for the participant to note.
    Revisions name their author: the name the participant typed (``participant``) and the device.
    What the device typed but has not saved is kept in the store as its draft (``keep_editor`` adds
    the editor's values), and offered back (``offered``) when the device opens the association again.
    """

    association = Unicode("")
    saved = Dict()  # record id -> Revision, what the store holds for the association
    draft = Dict()  # record id -> Record, the list as the participant sees it
    editing = Unicode(None, allow_none=True)  # record id in the editor, None for a new record
    state = Enum(STATES, default_value="editing")
    notice = Instance(Notice, allow_none=True)
    editor_notice = Instance(Notice, allow_none=True)  # why the editor's record was refused
    participant = Unicode("")  # the name the participant typed, saved as the author with the device
    created_codes = Dict()  # association -> code, for the associations this form created
    references = Dict()  # domain -> {name: payload}: what its records may link to (the association's saved ones)
    offered = Instance(
        Draft, allow_none=True
    )  # what this device typed here before and never saved, until taken up or set aside
    unsaved = Bool(False)  # changes in the list or the editor that no save has written yet

    def __init__(self, domain: Domain, store: Store, hub_id: str, author: str = "participant"):
        super().__init__()
        self.domain, self.store, self.hub_id, self.device = domain, store, hub_id, author
        self._known_codes: dict[str, str] = {}  # association -> its code, checked or made here
        self._typed: dict[str, Any] = {}  # the editor's values that differ from an empty record
        self._kept: dict[str, Any] = EMPTY  # the draft the store holds for this device and association
        self._wrong_codes = WrongCodes()

    @property
    def author(self) -> str:
        """Return who saves: the participant's name and their device, else the device alone."""
        return f"{self.participant} ({self.device})" if self.participant else self.device

    # -- reading ------------------------------------------------------------------------
    @property
    def entries(self) -> list[Record]:
        """Return the draft list, in order."""
        return list(self.draft.values())

    @property
    def warnings(self) -> list[FieldError]:
        """Return what deserves a second look in the list (it saves anyway): two meetings of one owner at once."""
        return self.domain.warnings_for(self.entries)

    @property
    def pending(self) -> list[Revision]:
        """Return the revisions the next save would write."""
        if not self.association:
            return []
        return plan_revisions(
            self.domain,
            self.saved,
            self.draft,
            hub_id=self.hub_id,
            association=self.association,
            author=self.author,
        )

    def known_associations(self) -> list[str]:
        """Return the associations of the hub that saved records of this domain."""
        return self.store.associations(self.domain.kind, self.hub_id)

    # -- actions ------------------------------------------------------------------------
    def open(self, name: Any, code: Any = "") -> bool:
        """Open an association's saved records (its name matched whatever its case and accents);
        one with a code needs ``code``."""
        association = self._association_named(name)
        if association is None:
            return False
        refusal = self._refusal(association, code)
        if refusal is not None:
            self._switch_to("")  # what was typed but not saved stays in the list
            self._tell("error", refusal, association=association)
            return False
        if association != self.association:
            self._switch_to(association)
        if self.saved:
            self._tell(
                self.state, f"{self.domain.name}.loaded", ok=True, count=len(self.saved), association=self.association
            )
        return True

    def add(self, raw: Mapping[str, Any]) -> bool:
        """Put the editor's values in the list (replacing the record being edited); False if invalid."""
        kept = self.draft.get(self.editing) if self.editing else None  # what an action set stays as it was
        raw = {**{f.name: kept[f.name] for f in self.domain.fields if not f.editable and kept is not None}, **raw}
        try:
            record = self.domain.validate(raw, self.references if self.domain.references else None)
        except ValidationError as error:
            self.editor_notice = Notice(errors=tuple(error.errors))
            return False
        self.editor_notice = None
        self._set_draft({**self.draft, self.editing or new_record_id(): record})
        self.editing = None
        return True

    def start_edit(self, record_id: str | None) -> Record | None:
        """Take a record of the list into the editor; return it (None when there is no such line)."""
        if record_id not in self.draft:
            self.editor_notice = Notice("form.pick_first")
            return None
        if self._frozen(record_id):
            self.editor_notice = Notice("form.frozen")
            return None
        self.editor_notice = None
        self.editing = record_id
        return self.draft[record_id]

    def cancel_edit(self) -> None:
        """Leave the editor without changing the list."""
        self.editing = None
        self.editor_notice = None

    def remove(self, record_id: str | None) -> bool:
        """Take a record out of the list (a withdrawing revision at the next save)."""
        if record_id not in self.draft:
            self.editor_notice = Notice("form.pick_first")
            return False
        if self._frozen(record_id):
            self.editor_notice = Notice("form.frozen")
            return False
        self._set_draft({rid: record for rid, record in self.draft.items() if rid != record_id})
        if self.editing == record_id:
            self.editing = None
        return True

    def name_participant(self, name: Any) -> bool:
        """Take the participant's name, saved with each revision as its author; False if invalid."""
        try:
            self.participant = validate_participant(name)
        except ValidationError as error:
            self._tell("error", errors=error.errors)
            return False
        return True

    def save(self, association: Any, editor: Mapping[str, Any] | None = None, code: Any = "") -> bool:
        """Write the pending revisions all at once; return True when the store holds the list.

        ``association`` and its ``code`` are checked again, since the browser can set any widget
        value. An editor filled in but never added is added first, or, when invalid, nothing is saved.
        """
        if editor is not None and self.take_editor(editor) is False:
            return False
        name = self._association_named(association)
        if name is None:
            return False
        refusal = self._refusal(name, code)
        if refusal is not None:
            self._tell("error", refusal, association=name)
            return False
        if name != self.association:  # typed but not yet opened
            self._switch_to(name)
        changes = self.pending
        if not changes:
            self._tell("saved", "form.nothing_to_save", ok=True)
            return True
        if any(self._frozen(change.record_id) for change in changes):
            self._tell("error", "form.frozen")
            return False
        broken = self._broken_links(changes)
        if broken:
            self._tell("error", "form.links_gone", errors=broken)
            return False
        self._tell("saving", "form.saving")  # shown at once: a save waiting for the store says so
        try:
            made = save_guarded(self.store, changes, self._known_codes.get(name), check=self.device != TRAINER)
        except AssociationTaken:
            self._tell("error", "association.taken", association=name)
            return False
        except RevisionConflict:
            self._reload()
            self._tell("conflict", "form.conflict")
            return False
        except SQLAlchemyError:
            self._tell("error", "form.store_error")
            return False
        if made is not None:
            self._known_codes[name] = made
            self.created_codes = {**self.created_codes, name: made}
        self._reload()  # others may have saved meanwhile: show them, and never withdraw them
        self._tell("saved", "form.saved", ok=True, count=len(changes), time=dt.datetime.now())
        return True

    def is_unchanged(self, editor: Mapping[str, Any]) -> bool:
        """Tell whether the editor holds nothing new: empty, or the record being edited as it is."""
        before = self.draft.get(self.editing) if self.editing else None
        unchanged = before.to_payload() if before is not None else self.domain.empty()
        return all(editor.get(f.name) == unchanged[f.name] for f in self.domain.fields if f.editable)

    def take_editor(self, editor: Mapping[str, Any]) -> bool | None:
        """Add an editor filled in but never added: True when added, False (and say why) when
        invalid, None when it holds nothing new (empty, or the record being edited, unchanged)."""
        if self.is_unchanged(editor):
            return None
        if self.add(editor):
            return True
        refused = self.editor_notice
        self._tell(
            "error", refused.key if refused is not None and refused.key else "form.fix_entry"
        )  # frozen, or invalid
        return False

    def refresh_references(self) -> None:
        """Read again what the association saved that this domain's records may name."""
        if self.domain.references:
            self.references = (
                referenced_records(self.store, self.domain, self.hub_id, self.association, domains())
                if self.association
                else {f.to: {} for f in self.domain.references}
            )

    # -- inside -------------------------------------------------------------------------
    def _broken_links(self, changes: list[Revision]) -> list[FieldError]:
        """Return the problems of records about to be saved that name something withdrawn or
        renamed since they were added (read from the store now, not from when the step opened)."""
        if not self.domain.references:
            return []
        self.refresh_references()
        problems = []
        for change in (change for change in changes if not change.deleted):
            try:
                self.domain.validate(change.payload, self.references)
            except ValidationError as error:
                problems += error.errors
        return problems

    def _frozen(self, record_id: str) -> bool:
        """Tell whether this form may no longer change a saved record (submitted; the trainer may)."""
        saved = self.saved.get(record_id)
        return self.device != TRAINER and saved is not None and self.domain.is_frozen(saved.payload)

    def _association_named(self, name: Any) -> str | None:
        """Return the hub's spelling of the association ``name``; None (and say why) when invalid."""
        try:
            return canonical_association(self.store, self.hub_id, validate_association(name))
        except ValidationError as error:
            self._tell("error", errors=error.errors)
            return None

    def _refusal(self, association: str, code: Any) -> str | None:
        """Return why this form may not open ``association`` (a catalogue key), or None when it may."""
        if self.device == TRAINER or association in self._known_codes:
            return None
        expected = code_of(self.store, self.hub_id, association)
        if expected is None:  # a new association, or one saved before codes existed
            return None if self.domain.access.public else "association.code_from_facilitator"
        if self._wrong_codes.blocked(""):
            return "association.code_wait"
        if same_code(code, expected):
            self._known_codes[association] = expected
            return None
        if code:
            self._wrong_codes.failed("")
            return "association.code_wrong"
        if association == self.association:  # open here without a code: it had none, someone just made it
            return "association.taken"
        return "association.code_needed"

    def _switch_to(self, association: str) -> None:
        """Load what ``association`` saved; records added but never saved stay in the list. A draft
        this device kept for it is offered back."""
        self.association = association
        self.editing = None
        draft = (
            read_draft(self.store, self.device, self.domain.kind, self.hub_id, association)
            if association and self._keeps_drafts
            else None
        )
        self._kept = draft.content if draft else EMPTY
        self.offered = None if draft is None or is_empty(draft.content) else draft
        self._reload()

    def _reload(self) -> None:
        """Read the association's records again, keeping records added but not yet saved."""
        unsaved_new = {rid: record for rid, record in self.draft.items() if rid not in self.saved}
        self.saved = saved_records(self.store, self.domain, self.hub_id, self.association) if self.association else {}
        self.refresh_references()
        draft = {rid: self.domain.from_payload(rev.payload) for rid, rev in self.saved.items()}
        self._set_draft(draft | unsaved_new)
        if self.editing is not None and self.editing not in self.draft:
            self.editing = None

    def _set_draft(self, draft: dict[str, Record]) -> None:
        self.draft = draft
        pending = self.pending  # planned once: the state and the draft both read it
        self._tell("dirty" if pending else "editing")
        self._keep_draft(pending)

    def _tell(self, state: str, key: str = "", ok: bool = False, errors=(), **values: Any) -> None:
        self.state = state
        self.notice = Notice(key, values, ok, tuple(errors)) if key or errors else None
