"""The milestones step of the report app: the record-list form with a "draw from our plan" action
that adds one milestone per activity of the project's plan that the list does not name yet."""

from __future__ import annotations

from collections.abc import Iterable

import ipywidgets as widgets
from traitlets import List

from saara_kit.followup.from_plan import milestones_from_plan
from saara_kit.forms.form import RecordListForm
from saara_kit.forms.state import RecordListState
from saara_kit.store import new_record_id
from saara_kit.validation import ValidationError

__all__ = ["MilestonesForm", "MilestonesState"]


class MilestonesState(RecordListState):
    """A project's milestones. ``drawn`` names the milestones the last ``draw_from_plan`` added to
    the list; like any addition, they are saved only with the list."""

    drawn = List()

    def draw_from_plan(self, plans: Iterable[str] = ()) -> int:
        """Add a planned milestone for each activity of ``plans`` (the report's plan; every plan of
        the association when none is named) that the list does not name; return how many."""
        if not self.association:
            self.drawn = []
            self._tell(self.state, "milestones.open_first")
            return 0
        self.refresh_references()
        added = {}
        for raw in milestones_from_plan(self.references.get("activities", {}), plans, self.entries):
            try:
                added[new_record_id()] = self.domain.validate(raw, self.references)
            except ValidationError:  # refused by the milestones' rules: left for the participant to type
                continue
        self.drawn = [record.name for record in added.values()]
        if added:
            self._set_draft({**self.draft, **added})
        self._tell(
            self.state, "milestones.drawn" if added else "milestones.nothing_drawn", ok=bool(added), count=len(added)
        )
        return len(added)


class MilestonesForm(RecordListForm):
    """The project's milestones. Public surface, beyond ``RecordListForm``'s: ``draw_from_plan()``
    (also the "draw from our plan" button) and the state's ``drawn``."""

    state_class = MilestonesState

    def _more_rows(self) -> list[widgets.Widget]:
        return [self._button("milestones.draw", "saara-draw-milestones", lambda _: self.draw_from_plan())]

    def draw_from_plan(self) -> int:
        """Add the plan's activities the list does not name yet; the plan is the one the report names."""
        report = self._main() if self._main is not None else None
        plans = [] if report is None or "plan" not in report else list(report["plan"])
        return self.state.draw_from_plan(plans)
