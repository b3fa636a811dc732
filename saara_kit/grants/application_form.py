"""The association's application to the support fund: the record-list form of its application,
with the call, the eligibility self-check, what the association saved that the application links
to (its stakeholder map, its budget), and a submit button that asks for confirmation first. A
submitted application is frozen."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Mapping
from typing import Any

import ipywidgets as widgets
from traitlets import Bool

from saara_kit.grants.call import Call, open_call
from saara_kit.grants.domain import GRANTS
from saara_kit.grants.eligibility import RuleResult, check
from saara_kit.i18n import format_date, format_money, t
from saara_kit.records import Record
from saara_kit.records.form import RecordListForm
from saara_kit.records.state import Notice, RecordListState
from saara_kit.store import Store
from saara_kit.widgets import MessageLine

__all__ = ["ApplicationForm", "ApplicationState"]


class ApplicationState(RecordListState):
    """An association's application to ``call`` (one per call), saved as drafts, then submitted once.

    Submitting cannot be undone, so it takes two steps: ``ask_submit`` checks and asks
    (``confirming``), then ``confirm_submit`` submits what was asked about, or ``cancel_submit``
    leaves it a draft."""

    confirming = Bool(False)  # the deposit was asked for: waiting for the participant to confirm or cancel

    def __init__(self, domain, store: Store, hub_id: str, author: str = "participant", call: Call | None = None):
        super().__init__(domain, store, hub_id, author)
        self.call = call or open_call()
        self._asked: Record | None = None  # the application as it was when the deposit was asked for

    @property
    def application_id(self) -> str | None:
        """Return the id of the association's application to the call, in the list (None before the first)."""
        return next((rid for rid, record in self.draft.items() if record.call == self.call.id), None)

    def add(self, raw: Mapping[str, Any]) -> bool:
        """Put the editor's values in the application to the call (there is one per association and call)."""
        if self.editing is None and self.application_id is not None and self.start_edit(self.application_id) is None:
            return False  # submitted: frozen
        return super().add({**raw, "call": self.call.id})

    def self_check(self, raw: Mapping[str, Any]) -> list[RuleResult]:
        """Return each of the call's rules on ``raw``: a submitted application as on the day it was
        submitted, anything else (the editor's values, a draft) as if submitted today."""
        when = (raw.get("submitted_at") or "") if raw.get("status") == "submitted" else ""
        return check({**raw, "region": self.hub_id, "submitted_at": when}, self.call)

    def ask_submit(self, editor: Mapping[str, Any] | None = None) -> bool:
        """Check the application (the editor's values first) and ask to confirm its submission;
        nothing is saved. False (and say why) when it cannot be submitted."""
        self.confirming = False
        record_id = self._submittable(editor)
        if record_id is None:
            return False
        self._asked = self.draft[record_id]
        self.confirming = True
        self.notice = Notice("grants.confirm_submit")
        return True

    def confirm_submit(self, association: Any, editor: Mapping[str, Any] | None = None, code: Any = "") -> bool:
        """Submit the application asked about; refused when no submission was asked for, or when the
        application changed since."""
        if not self.confirming:
            self._tell("error", "grants.confirm_first")
            return False
        self.confirming = False
        if editor is not None and self.take_editor(editor) is False:
            return False
        if self.draft.get(self.application_id) != self._asked:
            self._tell("error", "grants.changed_since_asked")
            return False
        return self.submit(association, code=code)

    def cancel_submit(self) -> None:
        """Leave the application as it is, not submitted."""
        if self.confirming:
            self.confirming = False
            self._tell(self.state, "grants.submit_cancelled", ok=True)

    def submit(self, association: Any, editor: Mapping[str, Any] | None = None, code: Any = "") -> bool:
        """Check the application against the call's rules and save it as submitted, at once (the
        form asks first: ``ask_submit``); refused (and nothing saved) when a rule fails, when it is
        already submitted, or when the code is wrong."""
        record_id = self._submittable(editor)
        if record_id is None:
            return False
        draft = self.draft[record_id]
        now = dt.datetime.now(dt.UTC).replace(microsecond=0)
        submitted = Record({**draft, "status": "submitted", "submitted_at": now.isoformat(timespec="seconds")})
        self._set_draft({**self.draft, record_id: submitted})
        if not self.save(association, code=code):
            if self.draft.get(record_id) is submitted:  # not saved, and not reloaded: a draft still
                self._set_draft({**self.draft, record_id: draft})
            return False
        self._tell("saved", "grants.submitted", ok=True, time=dt.datetime.now())
        return True

    def _submittable(self, editor: Mapping[str, Any] | None) -> str | None:
        """Take the editor's values, then return the id of the application if it may be submitted;
        None (and say why) when it may not."""
        if editor is not None and self.take_editor(editor) is False:
            return None
        record_id = self.application_id
        if record_id is None:
            self._tell("error", "grants.nothing_to_submit")
            return None
        if self.draft[record_id].status == "submitted":
            self._tell("error", "grants.already_submitted")
            return None
        if any(not result.passed for result in self.self_check(self.draft[record_id])):
            self._tell("error", "grants.not_eligible")
            return None
        return record_id


class ApplicationForm(RecordListForm):
    """The application form: fields, self-check, links, save (a draft) and submit.

    Public surface, beyond ``RecordListForm``'s: ``call``, ``self_check`` (the rules on the
    editor's values, else on the application as saved), ``links`` (what the application links to,
    in words), ``submit()`` (asks to confirm), ``confirm_submit()`` and ``cancel_submit()``.
    """

    state_class = ApplicationState
    app_name = "application"

    def __init__(self, store: Store, hub_id: str, lang: str = "fr", author: str = "participant"):
        super().__init__(GRANTS, store, hub_id, lang, author)
        self.call = self.state.call
        for box in self._fields.values():
            box.observe(lambda _: self._draw_check(), names="value")
            box.observe(lambda _: self.cancel_submit(), names="value")  # asked about one application, not another
        self._fields["budget"].observe(lambda _: self._draw_links(), names="value")
        self.state.observe(lambda _: self._draw_links(), names=["association", "saved"])
        self.state.observe(lambda _: self._draw_check(), names=["draft", "editing"])
        self.state.observe(lambda _: self._draw_confirm(), names="confirming")
        self._on_lang(lambda _: (self._draw_check(), self._draw_links()))

    def _more_rows(self) -> list[widgets.Widget]:
        self._call_line = widgets.HTML()
        self._call_line.add_class("saara-call")
        self._check = MessageLine()
        self._check.add_class("saara-self-check")
        self._links = MessageLine()
        self._links.add_class("saara-links")
        self._submit = self._button("grants.submit", "saara-submit", lambda _: self.submit(), "warning")
        self._question = MessageLine()
        confirm = self._button("grants.confirm", "saara-confirm-submit", lambda _: self.confirm_submit(), "danger")
        cancel = self._button("form.cancel", "saara-cancel-submit", lambda _: self.cancel_submit())
        self._confirm = widgets.VBox(
            [self._question, widgets.HBox([confirm, cancel])], layout=widgets.Layout(display="none")
        )
        self._confirm.add_class("saara-confirm")
        self._on_lang(lambda _: self._draw_confirm())
        check_title = widgets.HTML()
        self._on_lang(lambda lang: setattr(check_title, "value", f"<b>{t('grants.selfcheck.title', lang)}</b>"))
        return [self._call_line, self._links, check_title, self._check, self._submit, self._confirm]

    @property
    def self_check(self) -> list[RuleResult]:
        """Return each rule of the call on the editor's values; on the application itself once
        submitted, or when the editor holds nothing new (after a save)."""
        record_id = self.state.application_id
        if (
            self.state.editing is None
            and record_id is not None
            and (self.state.draft[record_id].status == "submitted" or self.state.is_unchanged(self.value))
        ):
            return self.state.self_check(self.state.draft[record_id])
        return self.state.self_check(self.value)

    @property
    def links(self) -> list[str]:
        """Say what the application links to: the association's stakeholder map, its budget."""
        return _links(self.state, self.value.get("budget", ""), self.lang)

    def open_association(self, association: str, code: str | None = None) -> None:
        """Open the association's application to the call into the editor, unless it is submitted."""
        super().open_association(association, code)
        record_id = self.state.application_id
        if record_id is not None and self.state.editing is None and self.state.draft[record_id].status != "submitted":
            self.edit(record_id)

    def submit(self) -> None:
        """Check the application (the editor's values first) and ask to confirm its submission."""
        if self.state.name_participant(self._participant.value):
            self.state.ask_submit(self.value)

    def confirm_submit(self) -> None:
        """Submit the application asked about."""
        if self.state.name_participant(self._participant.value) and self.state.confirm_submit(
            self._association.value, self.value, code=self._code.value
        ):
            self.reset()

    def cancel_submit(self) -> None:
        """Leave the application a draft."""
        self.state.cancel_submit()

    def _draw_status(self) -> None:
        if self.state.confirming:  # the question shows beside its buttons, under the submit button
            self._status.clear()
        else:
            super()._draw_status()

    def _draw_confirm(self) -> None:
        self._question.show(t("grants.confirm_submit", self.lang), warning=True)
        self._confirm.layout.display = "flex" if self.state.confirming else "none"
        self._draw_status()

    def _draw_check(self) -> None:
        call = self.state.call
        self._call_line.value = "<p>{}</p>".format(
            html.escape(
                t(
                    "grants.call_line",
                    self.lang,
                    call=call.title(self.lang),
                    opens=format_date(call.opens, self.lang),
                    closes=format_date(call.closes, self.lang),
                )
            )
        )
        results = self.self_check
        lines = [
            t(f"grants.selfcheck.{'passed' if r.passed else 'failed'}", self.lang, rule=r.message(self.lang))
            for r in results
        ]
        self._check.show(lines, ok=all(r.passed for r in results), warning=not all(r.passed for r in results))

    def _draw_links(self) -> None:
        links = self.links
        if links:
            self._links.show(links, ok=True)
        else:
            self._links.clear()


def _links(state: ApplicationState, budget: str, lang: str) -> list[str]:
    from saara_kit.registry import domain

    if not state.association:
        return []
    store, hub_id, association = state.store, state.hub_id, state.association
    actors = len(store.current(domain("stakeholders").kind, hub_id, association))
    lines = [t("grants.links.actors", lang, count=actors) if actors else t("grants.links.no_actors", lang)]
    if budget:
        from saara_kit.budget.analysis import with_amounts
        from saara_kit.store.repository import revisions_frame

        step = domain("budget_lines")
        frame = revisions_frame(step, store.current(step.kind, hub_id, association))
        mine = frame[frame["budget"] == budget] if len(frame) else frame
        total = float(with_amounts(mine)["amount_dzd"].sum()) if len(mine) else 0.0
        lines.append(t("grants.links.budget", lang, budget=budget, total=format_money(total, "DZD", lang)))
    return lines
