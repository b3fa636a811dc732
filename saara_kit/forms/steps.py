"""An app in steps: one record-list form per domain (the main one, then its steps), in tabs, under
one participant, association and code.

Each step validates and saves its own list. The association is typed once; a code made by the
first save of any step opens every step. A step's picture is also given the main step's records
(the register's actors, for the relations network).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import ipywidgets as widgets
from traitlets import link

from saara_kit.forms.form import RecordListForm
from saara_kit.i18n import t
from saara_kit.records.domain import Domain
from saara_kit.records.tables import records_frame
from saara_kit.store import Store
from saara_kit.widgets import MessageLine, TranslatedForm

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["StepsForm"]


class StepsForm(TranslatedForm):
    """The main domain's form and its steps' forms, in tabs.

    Public surface: ``steps`` (domain name -> its ``RecordListForm``, whose ``state`` tests read),
    ``show(name)`` to open a step's tab, and ``open_association``, which typing the name does.
    """

    def __init__(
        self,
        domains: list[Domain],
        store: Store,
        hub_id: str,
        lang: str = "fr",
        author: str = "participant",
        title: str | None = None,
    ):
        super().__init__(lang)
        main, *_ = domains
        heading = title or f"app.{main.name}.title"
        self.steps: dict[str, RecordListForm] = {}
        for declared in domains:
            self.steps[declared.name] = (declared.listing.form or RecordListForm)(
                declared,
                store,
                hub_id,
                lang,
                author,
                embedded=True,
                main=None if declared is main else lambda: self._records(main.name),
            )
        first = self.steps[main.name]
        title_box = widgets.HTML()
        title_box.add_class("saara-title")
        self._on_lang(lambda lang: setattr(title_box, "value", f"<h2>{t(heading, lang)}</h2>"))
        # the first step's boxes are the ones shown; the other steps' hidden boxes follow them
        self._header = first.header_boxes
        for step in self.steps.values():
            if step is not first:
                for shown, hidden in zip(self._header, step.header_boxes):
                    link((shown, "value"), (hidden, "value"))
            step.state.observe(self._note_new_code, names=["created_codes"])
        self._new_codes = MessageLine()
        self._new_codes.add_class("saara-new-code")
        self._drafts_found = MessageLine()  # the other steps where this device left unsaved changes
        self._drafts_found.add_class("saara-drafts-found")
        for step in self.steps.values():
            step.state.observe(lambda _: self._draw_drafts_found(), names=["offered"])
        self._checks = MessageLine()  # the main domain's checks across steps (a funder's caps), live
        self._checks.add_class("saara-checks")
        self._main_domain = main
        for step in self.steps.values():
            step.state.observe(lambda _: self._draw_checks(), names=["draft"])
        self._on_lang(lambda _: self._draw_checks())

        # a step joins its tab when first opened: a phone draws one step's widgets at first, not all of them
        self._tabs = widgets.Tab(children=[first, *(widgets.Box() for _ in domains[1:])])
        self._tabs.add_class("saara-steps")
        names = list(self.steps)
        self._on_lang(
            lambda lang: setattr(
                self._tabs,
                "titles",
                tuple(f"{number}. {t(f'{name}.step', lang)}" for number, name in enumerate(names, start=1)),
            )
        )
        self._tabs.observe(self._open_step, names="selected_index")
        self._tabs.observe(lambda _: self._draw_drafts_found(), names="selected_index")
        self._on_lang(lambda _: self._draw_drafts_found())
        self._finish([title_box, *self._header, self._new_codes, self._drafts_found, self._checks, self._tabs])

    def _records(self, name: str) -> pd.DataFrame:
        """Return a step's list (as its participant sees it) as a table."""
        step = self.steps[name]
        return records_frame(step.entries, columns=list(step.domain.field_names))

    @property
    def warnings(self) -> list:
        """Return what the main domain's checks find across the steps' lists, as the participant
        sees them (saved or not): (association, name, problem) for a funder's cap exceeded."""
        if self._main_domain.checks.across_steps is None or not any(step.entries for step in self.steps.values()):
            return []  # nothing to check: the checks' tables (pandas) wait for a first record
        first = self.steps[self._main_domain.name].state
        where = {"region": first.hub_id, "association": first.association}
        return self._main_domain.checks.across_steps({name: self._records(name).assign(**where) for name in self.steps})

    def _draw_checks(self) -> None:
        found = self.warnings
        if found:
            self._checks.show([f"{name} — {problem.message(self.lang)}" for _, name, problem in found], warning=True)
        else:
            self._checks.clear()

    def _draw_drafts_found(self) -> None:
        """Name the steps, other than the one shown, that offer back unsaved changes."""
        shown = self._tabs.selected_index or 0
        found = [
            f"{number}. {t(f'{name}.step', self.lang)}"
            for number, (name, step) in enumerate(self.steps.items(), start=1)
            if step.state.offered is not None and number - 1 != shown
        ]
        if found:
            self._drafts_found.show(t("draft.found_in_steps", self.lang, steps=", ".join(found)), warning=True)
        else:
            self._drafts_found.clear()

    def _note_new_code(self, change) -> None:
        """Show a code the first save made, and type it in, so that every step opens with it."""
        codes = {name: code for step in self.steps.values() for name, code in step.state.created_codes.items()}
        self._new_codes.show(
            [t("association.note_code", self.lang, association=name, code=code) for name, code in codes.items()],
            ok=True,
        )
        _, association, code = self._header
        if association.value in change["new"]:
            code.value = change["new"][association.value]

    def _open_step(self, change) -> None:
        """Put the opened tab's step in it, the first time it is opened, and redraw it."""
        index = change["new"]
        if index is None:
            return
        step = list(self.steps.values())[index]
        if self._tabs.children[index] is not step:
            self._tabs.children = [step if shown == index else child for shown, child in enumerate(self._tabs.children)]
        step.refresh()

    def show(self, name: str) -> RecordListForm:
        """Open the tab of step ``name`` (as tapping it does) and return its form."""
        self._tabs.selected_index = list(self.steps).index(name)
        return self.steps[name]

    def open_association(self, association: str, code: str | None = None) -> None:
        """Open an association in every step (as typing its name, and its code, does)."""
        _, association_box, code_box = self._header
        if code is not None:
            code_box.value = code
        association_box.value = association

    def _take_device(self, device: str) -> None:
        for step in self.steps.values():
            step.state.device = device

    def set_lang(self, lang: str) -> None:
        super().set_lang(lang)
        for step in self.steps.values():
            step.set_lang(self.lang)
