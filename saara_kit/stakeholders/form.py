"""The participants' stakeholder register (widgets only; rules live in the model)."""
from __future__ import annotations

import datetime as dt
from typing import Any

import ipywidgets as widgets
import pandas as pd
from sqlalchemy.exc import SQLAlchemyError

from saara_kit.charts import figure_to_png
from saara_kit.i18n import format_time, t
from saara_kit.settings import default_region
from saara_kit.stakeholders.charts import power_interest_grid
from saara_kit.stakeholders.model import (
    KIND, LEVELS, POSITIONS, SCALE, SECTORS, STAKEHOLDER_TYPES, Stakeholder,
    validate_association, validate_stakeholder,
)
from saara_kit.stakeholders.repository import plan_changes, saved_stakeholders, to_stakeholder
from saara_kit.store import RevisionConflict, Revision, Store, new_record_id, open_store
from saara_kit.validation import ValidationError
from saara_kit.widgets import MessageLine, TranslatedForm, request_lang

__all__ = ["StakeholderForm", "stakeholder_app"]

WIDE = {"description_width": "11em"}
EMPTY_EDITOR = {
    "name": "", "name_ar": "", "type": STAKEHOLDER_TYPES[0], "sector": SECTORS[0], "level": LEVELS[0],
    "power": 3, "interest": 3, "position": 0, "notes": "",
}
FIELD_LAYOUT = widgets.Layout(width="34em", max_width="100%")


class StakeholderForm(TranslatedForm):
    """Add, edit and remove an association's stakeholders, see the grid, save.

    Exposes ``value`` (the editor's fields), ``entries`` (the draft list), ``saved`` (what the
    store holds for the association), ``pending`` (revisions a save would write) and ``reset()``.
    """

    def __init__(self, store: Store, region: str, lang: str = "fr", author: str = "participant"):
        super().__init__(lang)
        self._store, self._region, self._author = store, region, author
        self._saved: dict[str, Revision] = {}
        self._draft: dict[str, Stakeholder] = {}
        self._editing: str | None = None
        self._association_name = ""

        self._title = widgets.HTML()
        self._on_lang(lambda lang: setattr(self._title, "value", f"<h2>{t('app.stakeholders.title', lang)}</h2>"))
        self._association = widgets.Combobox(
            options=store.associations(KIND, region), ensure_option=False,
            continuous_update=False, style=WIDE, layout=FIELD_LAYOUT,
        )
        self._bind(self._association, "description", "stakeholders.field.association")
        self._bind(self._association, "placeholder", "form.association_placeholder")
        self._association.add_class("saara-association")
        self._association.observe(lambda _: self._open_association(), names="value")

        positions = range(POSITIONS[0], POSITIONS[1] + 1)
        self._fields = {
            "name": self._text("name"),
            "name_ar": self._text("name_ar"),
            "type": self._dropdown("type", "stakeholders.type", STAKEHOLDER_TYPES),
            "sector": self._dropdown("sector", "stakeholders.sector", SECTORS),
            "level": self._dropdown("level", "stakeholders.level", LEVELS),
            "power": self._slider("power", SCALE),
            "interest": self._slider("interest", SCALE),
            "position": self._dropdown("position", "stakeholders.position", positions),
            "notes": self._text("notes", widgets.Textarea),
        }

        self._add = self._button(None, "saara-add", self._add_clicked, "primary")  # see _show_edit_mode
        self._cancel = self._button("form.cancel", "saara-cancel", lambda _: self.reset())
        self._on_lang(lambda _: self._show_edit_mode())
        self._editor_message = MessageLine()

        self._list_title = widgets.HTML()
        self._on_lang(lambda lang: setattr(self._list_title, "value", f"<b>{t('form.list_title', lang)}</b>"))
        self._list = widgets.Select(rows=8, layout=FIELD_LAYOUT)
        self._list.add_class("saara-list")
        self._edit = self._button("form.edit", "saara-edit", self._edit_clicked)
        self._remove = self._button("form.remove", "saara-remove", self._remove_clicked)

        self._grid = widgets.Image(format="png", layout=widgets.Layout(width="100%", max_width="46em"))
        self._grid.add_class("saara-grid")
        self._grid_hint = widgets.HTML()
        self._save = self._button("form.save", "saara-save", self._save_clicked, "success")
        self._status = MessageLine()
        self._status.add_class("saara-status")
        self._on_lang(lambda _: self._refresh())

        editor = widgets.VBox([
            self._association, *self._fields.values(),
            widgets.HBox([self._add, self._cancel]), self._editor_message,
            self._list_title, self._list, widgets.HBox([self._edit, self._remove]),
        ], layout=widgets.Layout(flex="0 1 36em"))
        picture = widgets.VBox([self._grid_hint, self._grid], layout=widgets.Layout(flex="1 1 30em"))
        self._finish([
            self._title,
            widgets.HBox([editor, picture], layout=widgets.Layout(flex_flow="row wrap")),
            widgets.HBox([self._save, self._status]),
        ])
        self.reset()

    # -- building blocks ------------------------------------------------------------------
    def _text(self, field: str, kind=widgets.Text) -> widgets.Text:
        box = kind(style=WIDE, layout=FIELD_LAYOUT)
        self._bind(box, "description", f"stakeholders.field.{field}")
        box.add_class(f"saara-{field.replace('_', '-')}")
        return box

    def _dropdown(self, field: str, prefix: str, codes) -> widgets.Dropdown:
        box = widgets.Dropdown(style=WIDE, layout=FIELD_LAYOUT)
        self._bind(box, "description", f"stakeholders.field.{field}")
        self._bind_choices(box, prefix, codes)
        box.add_class(f"saara-{field}")
        return box

    def _slider(self, field: str, bounds: tuple[int, int]) -> widgets.IntSlider:
        box = widgets.IntSlider(value=3, min=bounds[0], max=bounds[1], style=WIDE, layout=FIELD_LAYOUT)
        self._bind(box, "description", f"stakeholders.field.{field}")
        box.add_class(f"saara-{field}")
        return box

    def _button(self, key: str | None, css: str, handler, style: str = "") -> widgets.Button:
        button = widgets.Button(button_style=style)
        if key:
            self._bind(button, "description", key)
        button.add_class(css)
        button.on_click(handler)
        return button

    # -- public surface -------------------------------------------------------------------
    @property
    def value(self) -> dict[str, Any]:
        """Return the editor's raw field values."""
        return {field: box.value for field, box in self._fields.items()}

    @property
    def entries(self) -> list[Stakeholder]:
        """Return the draft list, in order."""
        return list(self._draft.values())

    @property
    def saved(self) -> list[Stakeholder]:
        """Return what the store holds for the association."""
        return [to_stakeholder(rev) for rev in self._saved.values()]

    @property
    def pending(self) -> list[Revision]:
        """Return the revisions the next save would write."""
        return plan_changes(
            self._saved, self._draft, region=self._region,
            association=self._association_name, author=self._author,
        )

    def reset(self) -> None:
        """Empty the editor and leave edit mode."""
        for field, value in EMPTY_EDITOR.items():
            self._fields[field].value = value
        self._editing = None
        self._show_edit_mode()
        self._editor_message.clear()

    def _show_edit_mode(self) -> None:
        """Label the add button "Update" and show "Cancel" while an entry is being edited."""
        self._add.description = t("form.update" if self._editing else "form.add", self.lang)
        self._cancel.layout.display = None if self._editing else "none"

    # -- actions --------------------------------------------------------------------------
    def _open_association(self) -> None:
        try:
            name = validate_association(self._association.value)
        except ValidationError as error:
            self._status.show(error.messages(self.lang))
            return
        self._switch_to(name)
        if self._saved:
            self._status.show(t("form.loaded", self.lang, count=len(self._saved), association=name), ok=True)

    def _switch_to(self, association: str) -> None:
        """Load what ``association`` saved; entries added but never saved stay in the list."""
        self._association_name = association
        self.reset()
        self._reload()

    def _reload(self) -> None:
        """Read the association's records again, keeping entries added but not yet saved."""
        unsaved_new = {rid: s for rid, s in self._draft.items() if rid not in self._saved}
        self._saved = saved_stakeholders(self._store, self._region, self._association_name)
        self._draft = {rid: to_stakeholder(rev) for rid, rev in self._saved.items()} | unsaved_new
        if self._editing is not None and self._editing not in self._draft:
            self.reset()
        self._status.clear()
        self._refresh()

    def _add_clicked(self, _button=None) -> None:
        try:
            stakeholder = validate_stakeholder(self.value)
        except ValidationError as error:
            self._editor_message.show(error.messages(self.lang))
            return
        self._draft[self._editing or new_record_id()] = stakeholder
        self.reset()
        self._refresh()

    def _edit_clicked(self, _button=None) -> None:
        record_id = self._list.value
        if record_id not in self._draft:
            self._editor_message.show(t("form.pick_first", self.lang))
            return
        for field, value in self._draft[record_id].to_payload().items():
            self._fields[field].value = value
        self._editing = record_id
        self._show_edit_mode()
        self._editor_message.clear()

    def _remove_clicked(self, _button=None) -> None:
        record_id = self._list.value
        if record_id not in self._draft:
            self._editor_message.show(t("form.pick_first", self.lang))
            return
        del self._draft[record_id]
        if self._editing == record_id:
            self.reset()
        self._refresh()

    def _save_clicked(self, _button=None) -> None:
        """Write the pending revisions all at once, then show the store's state.

        Drafts were validated when added; the association name is checked again here because
        the browser can set any widget value. A double click finds nothing left to save.
        """
        try:
            association = validate_association(self._association.value)
        except ValidationError as error:
            self._status.show(error.messages(self.lang))
            return
        if association != self._association_name:  # typed but not yet opened
            self._switch_to(association)
        changes = self.pending
        if not changes:
            self._status.show(t("form.nothing_to_save", self.lang), ok=True)
            return
        try:
            self._store.save_many(changes)
        except RevisionConflict:
            self._reload()
            self._status.show(t("form.conflict", self.lang))
            return
        except SQLAlchemyError:
            self._status.show(t("form.store_error", self.lang))
            return
        self._reload()  # others may have saved meanwhile: show them, and never withdraw them
        if association not in self._association.options:
            self._association.options = sorted({*self._association.options, association})
        time = format_time(dt.datetime.now(), self.lang)
        self._status.show(t("form.saved", self.lang, count=len(changes), time=time), ok=True)

    # -- view -----------------------------------------------------------------------------
    def _refresh(self) -> None:
        """Redraw the list and the grid from the draft."""
        selected = self._list.value
        self._list.options = [
            (f"{s.label(self.lang)} — {t(f'stakeholders.type.{s.type}', self.lang)}", record_id)
            for record_id, s in self._draft.items()
        ]
        if selected in self._draft:
            self._list.value = selected
        if self._draft:
            frame = pd.DataFrame([s.to_payload() for s in self._draft.values()])
            self._grid.value = figure_to_png(power_interest_grid(frame, self.lang))
            self._grid.layout.display = None
            self._grid_hint.value = ""
        else:
            self._grid.layout.display = "none"
            self._grid_hint.value = f"<i>{t('stakeholders.grid.empty', self.lang)}</i>"
        unsaved = len(self.pending) if self._association_name else 0
        if unsaved:
            self._status.show(t("form.unsaved", self.lang, count=unsaved))


def stakeholder_app(lang: str | None = None, region: str | None = None, store: Store | None = None) -> StakeholderForm:
    """Build the participants' stakeholder form for Voilà (language from ``?lang=``)."""
    return StakeholderForm(store or open_store(), region or default_region(), lang or request_lang())
