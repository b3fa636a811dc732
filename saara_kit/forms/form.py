"""The record-list form every domain gets: association, editor, list, add / edit / remove, picture, save.

Widgets only: the list and what happens to it live in ``RecordListState``; the widgets are built
from the domain's fields and redrawn from the state.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets

from saara_kit.forms.controls import FIELD_LAYOUT, WIDE, field_control
from saara_kit.forms.drafts import EditorKeeper
from saara_kit.forms.form_view import RecordListView
from saara_kit.forms.state import RecordListState
from saara_kit.i18n import t
from saara_kit.records.domain import Domain, Record
from saara_kit.records.fields import Choices, Field, Reference, References
from saara_kit.store import Store
from saara_kit.widgets import MessageLine, TranslatedForm

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["RecordListForm"]


class RecordListForm(RecordListView, TranslatedForm):
    """Add, edit and remove an association's records of one domain, see its picture, save.

    Public surface: ``state`` (the widget-free model), ``value`` (the editor's fields, settable),
    ``entries``, ``saved``, ``pending``, ``picture_alt`` (what the picture shows, in words), ``advice`` (the
    catalogue key of the step's advice, or None), ``reset()`` and the actions ``open_association``, ``add``, ``edit``,
    ``remove``, ``save``, ``resume_draft`` and ``discard_draft``, which the buttons call. What the device
    typed here before and never saved is offered back (``state.offered``). The participant's name and the association's
    code are typed in their own boxes (``saara-participant``, ``saara-association-code``).

    ``embedded`` builds a step of a ``StepsForm``: no page chrome, no title, and the boxes of the
    participant, association and code left for the steps form to show once and fill in. ``main``
    then returns the app's main records, which a step's picture is also given.
    """

    state_class = RecordListState  # a form with actions of its own (submitting) brings its own state
    app_name: str | None = None  # the app whose title the form shows, when not its domain's (the application)

    def __init__(
        self,
        domain: Domain,
        store: Store,
        hub_id: str,
        lang: str = "fr",
        author: str = "participant",
        embedded: bool = False,
        main: Callable[[], pd.DataFrame] | None = None,
    ):
        super().__init__(lang)
        self.domain = domain
        self.state = self.state_class(domain, store, hub_id, author)
        self._main = main

        title = widgets.HTML()
        title.add_class("saara-title")
        self._on_lang(
            lambda lang: setattr(title, "value", f"<h2>{t(f'app.{self.app_name or domain.name}.title', lang)}</h2>")
        )
        self._association = widgets.Combobox(
            options=self.state.known_associations(),
            ensure_option=False,
            continuous_update=False,
            style=WIDE,
            layout=FIELD_LAYOUT,
        )
        self._bind(self._association, "description", "records.field.association")
        self._bind(self._association, "placeholder", "form.association_placeholder")
        self._association.add_class("saara-association")
        self._association.observe(lambda change: self.open_association(change["new"]), names="value")
        self._code = self._text_box("records.field.association_code", "form.code_placeholder", "saara-association-code")
        self._code.observe(
            lambda _: self.open_association(self._association.value) if self._association.value else None, names="value"
        )
        self._participant = self._text_box(
            "records.field.participant", "form.participant_placeholder", "saara-participant"
        )
        self._participant.observe(lambda change: self.state.name_participant(change["new"]), names="value")
        self._new_codes = MessageLine()
        self._new_codes.add_class("saara-new-code")
        self.state.observe(lambda _: self._draw_new_codes(), names=["created_codes"])

        self._fields = {f.name: self._control(f) for f in domain.fields if f.editable}
        keeper = EditorKeeper(self.state, lambda: self.value)
        for box in self._fields.values():
            box.observe(keeper.changed, names="value")
        self._draft_offer = MessageLine()
        self._draft_offer.add_class("saara-draft-offer")
        self._draft_buttons = widgets.HBox(
            [
                self._button("draft.resume", "saara-draft-resume", lambda _: self.resume_draft(), "primary"),
                self._button("draft.discard", "saara-draft-discard", lambda _: self.discard_draft()),
            ]
        )
        self.state.observe(lambda _: self._draw_offer(), names=["offered"])
        self.state.observe(
            lambda change: (self.add_class if change["new"] else self.remove_class)("saara-unsaved"), names=["unsaved"]
        )  # the page asks before it is left
        self._nothing_to_pick = MessageLine()
        self._nothing_to_pick.add_class("saara-nothing-to-pick")
        self._advice = MessageLine()
        self._advice.add_class("saara-advice")
        self.state.observe(lambda _: self._draw_references(), names=["references"])
        self._add = self._button(None, "saara-add", lambda _: self.add(), "primary")
        self._cancel = self._button("form.cancel", "saara-cancel", lambda _: self.reset())
        self._editor_message = MessageLine()

        list_title = widgets.HTML()
        self._on_lang(lambda lang: setattr(list_title, "value", f"<b>{t('form.list_title', lang)}</b>"))
        self._list = widgets.Select(rows=8, layout=FIELD_LAYOUT)
        self._list.add_class("saara-list")
        edit = self._button("form.edit", "saara-edit", lambda _: self.edit(self._list.value))
        remove = self._button("form.remove", "saara-remove", lambda _: self.remove(self._list.value))

        self._picture = widgets.Image(format="png", layout=widgets.Layout(width="100%", max_width="46em"))
        self._picture.add_class("saara-picture")
        self._picture_hint = widgets.HTML()
        self._picture_caption = widgets.HTML()  # what the picture shows, in words: read aloud, and seen on a phone
        self._picture_caption.add_class("saara-picture-caption")
        self._picture_key = widgets.HTML()  # the names a step's picture numbers (its actors, not its list)
        self._picture_key.add_class("saara-picture-key")
        self._save = self._button("form.save", "saara-save", lambda _: self.save(), "success")
        self._status = MessageLine()
        self._status.add_class("saara-save-status")

        def redraw(_) -> None:
            self._draw_list()
            self._draw_status()

        self.state.observe(redraw, names=["draft"])
        self.state.observe(lambda _: self._draw_editor_state(), names=["editing", "editor_notice"])
        self.state.observe(lambda _: self._draw_status(), names=["notice", "state"])
        self._on_lang(lambda _: self._draw())

        header = [] if embedded else [self._participant, self._association, self._code, self._new_codes]
        editor = widgets.VBox(
            [
                *header,
                self._draft_offer,
                self._draft_buttons,
                self._nothing_to_pick,
                self._advice,
                *self._sections(),
                widgets.HBox([self._add, self._cancel]),
                self._editor_message,
                list_title,
                self._list,
                widgets.HBox([edit, remove]),
            ],
            layout=widgets.Layout(flex="0 1 36em"),
        )
        picture = widgets.VBox(
            [self._picture_hint, self._picture, self._picture_caption, self._picture_key],
            layout=widgets.Layout(flex="1 1 30em"),
        )
        body = [
            widgets.HBox([editor, picture], layout=widgets.Layout(flex_flow="row wrap")),
            *self._more_rows(),
            widgets.HBox([self._save, self._status]),
        ]
        if embedded:
            self.children = body
            self.add_class(f"saara-step-{domain.name}")
        else:
            self._finish([title, *body])
        self.state.refresh_references()
        self.reset()

    # -- building blocks ------------------------------------------------------------------
    def _more_rows(self) -> list[widgets.Widget]:
        """Return rows a form of its own adds between the editor and the save button (none here)."""
        return []

    def _control(self, field: Field) -> widgets.Widget:
        """Build the widget a field asks for, labelled and classed ``saara-<field>``."""
        return field_control(self, self.domain, field)

    def _sections(self) -> list[widgets.Widget]:
        """Return the editor's fields in order; the fields of a section go, folded, under its title."""
        shown: list[widgets.Widget] = []
        sections: dict[str, list[widgets.Widget]] = {}
        for f in (f for f in self.domain.fields if f.editable):
            if f.section is None:
                shown.append(self._fields[f.name])
            else:
                sections.setdefault(f.section, []).append(self._fields[f.name])
        if sections:
            folded = widgets.Accordion(
                children=[widgets.VBox(boxes) for boxes in sections.values()], selected_index=None, layout=FIELD_LAYOUT
            )
            folded.add_class("saara-sections")
            keys = [f"{self.domain.name}.section.{name}" for name in sections]
            self._on_lang(lambda lang: setattr(folded, "titles", tuple(t(key, lang) for key in keys)))
            shown.append(folded)
        return shown

    def _text_box(self, label_key: str, placeholder_key: str, css: str) -> widgets.Text:
        box = widgets.Text(continuous_update=False, style=WIDE, layout=FIELD_LAYOUT)
        self._bind(box, "description", label_key)
        self._bind(box, "placeholder", placeholder_key)
        box.add_class(css)
        return box

    # -- public surface -------------------------------------------------------------------
    @property
    def value(self) -> dict[str, Any]:
        """Return the editor's raw field values (dates as ISO text and several names as ``"A; B"``,
        as records keep them)."""

        def raw(name: str, box: widgets.Widget) -> Any:
            if isinstance(box.value, dt.date):
                return box.value.isoformat()
            if isinstance(box, widgets.SelectMultiple):
                return References.separator.join(box.value)
            return box.value

        return {name: raw(name, box) for name, box in self._fields.items()}

    @value.setter
    def value(self, values: dict[str, Any]) -> None:
        for name, value in values.items():
            if name not in self._fields:
                continue  # set by an action, not typed
            box, field = self._fields[name], self.domain.field(name)
            if isinstance(field, References):
                value = tuple(field.names(value))
            elif isinstance(field, Choices):
                value = field.chosen(value)
            if isinstance(field, Reference):
                missing = [
                    name for name in (value if isinstance(value, tuple) else (value,)) if name not in box.options
                ]
                box.options = [*box.options, *missing]  # names withdrawn since: shown, and refused at add
            box.value = dt.date.fromisoformat(value) if isinstance(box, widgets.DatePicker) and value else value

    @property
    def header_boxes(self) -> tuple[widgets.Text, widgets.Combobox, widgets.Text]:
        """Return the boxes of the participant's name, the association and its code (a ``StepsForm``
        shows the first step's and keeps the others' in step)."""
        return self._participant, self._association, self._code

    @property
    def entries(self) -> list[Record]:
        """Return the draft list, in order."""
        return self.state.entries

    @property
    def saved(self) -> list[Record]:
        """Return what the store holds for the association."""
        return [self.domain.from_payload(rev.payload) for rev in self.state.saved.values()]

    @property
    def pending(self) -> list:
        """Return the revisions the next save would write."""
        return self.state.pending

    def refresh(self) -> None:
        """Read again what this step may link to, and redraw (a step does so when shown)."""
        self.state.refresh_references()
        self._draw_list()

    def reset(self) -> None:
        """Empty the editor and leave edit mode."""
        self.value = self.domain.empty()
        self.state.cancel_edit()

    def open_association(self, association: str, code: str | None = None) -> None:
        """Open an association's list (as typing its name, and its code if it has one, does)."""
        editing = self.state.editing
        if not self.state.open(association, self._code.value if code is None else code):
            return
        if editing is not None and self.state.editing is None:
            self.reset()  # the record being edited stays with the association it came from
        if self._association.value != self.state.association:
            self._association.value = self.state.association  # the hub's spelling of the name
            self._association.options = sorted({*self._association.options, self.state.association})

    def add(self) -> bool:
        """Add the editor's record to the list (emptied first: typing on is never wiped), or update the edited one; False if refused."""
        typed = self.value
        self.value = self.domain.empty()
        if not self.state.add(typed):
            self.value = typed  # refused: what was typed comes back, with why
            return False
        return True

    def edit(self, record_id: str | None) -> None:
        """Load a record of the list into the editor. The add button turns to "Update" only once every
        field shows the record: a phone that types as soon as it sees it is never overwritten."""
        with self.state.hold_trait_notifications():  # "editing" is told after the fields are set
            record = self.state.start_edit(record_id)
            if record is not None:
                self.value = record.to_payload()

    def remove(self, record_id: str | None) -> None:
        """Take a record out of the list."""
        editing = self.state.editing
        if self.state.remove(record_id) and editing == record_id:
            self.value = self.domain.empty()

    def resume_draft(self) -> None:
        """Take up what this device typed here before and never saved: the list's changes and the editor
        (the offer goes away once the editor shows what was typed, as "Update" comes in ``edit``)."""
        with self.state.hold_trait_notifications():
            editor = self.state.resume_draft()
            if editor:
                self.value = {**self.domain.empty(), **editor}

    def discard_draft(self) -> None:
        """Set aside what this device typed here before."""
        self.state.discard_draft()

    def save(self) -> None:
        """Save the list (and the editor's record, if filled in but never added)."""
        if not self.state.name_participant(self._participant.value):
            return
        taken = self.state.take_editor(self.value)
        if taken is False:
            return
        if taken:  # in the list now, whatever the save brings: a retry must not add it twice
            self.value = self.domain.empty()
        if (
            self.state.save(self._association.value, code=self._code.value)
            and self.state.association not in self._association.options
        ):
            self._association.options = sorted({*self._association.options, self.state.association})
