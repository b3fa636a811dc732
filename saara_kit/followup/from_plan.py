"""The milestones a funded project draws from its concertation plan: one per activity of the plan,
due when the activity ends, until the association's list names that activity."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from saara_kit.validation import fold_name

__all__ = ["milestones_from_plan"]


def milestones_from_plan(
    activities: Mapping[str, Mapping[str, Any]], plans: Iterable[str], milestones: Iterable[Mapping[str, Any]]
) -> list[dict[str, Any]]:
    """Return new milestones (raw values, ``planned``) for the ``activities`` (name -> payload) of
    ``plans`` (every plan when none is named) that no milestone of ``milestones`` names yet, by end date."""
    wanted = {fold_name(plan) for plan in plans if plan}
    named = {fold_name(str(milestone.get(field) or "")) for milestone in milestones for field in ("activity", "name")}
    chosen = [
        activity
        for activity in activities.values()
        if (not wanted or fold_name(str(activity.get("plan", ""))) in wanted)
        and fold_name(str(activity["name"])) not in named
    ]
    return [
        {"name": activity["name"], "activity": activity["name"], "due": activity["end"], "status": "planned"}
        for activity in sorted(chosen, key=lambda activity: (str(activity["end"]), str(activity["name"])))
    ]
