"""The stakeholder register and the steps of its app (relations, objectives, positions,
influences), declared for the generic rooms (form, store, import/export, CLI, server)."""

from __future__ import annotations

from saara_kit.i18n import t
from saara_kit.records import App, Checks, Choice, Domain, Exports, Listing, Record, deferred
from saara_kit.records.rules import different
from saara_kit.stakeholders.fields import FIELDS, IAP2_LEVELS, QUADRANTS, SALIENCE_TYPES, UNTYPED, display_name
from saara_kit.stakeholders.links import INFLUENCE_FIELDS, OBJECTIVE_FIELDS, POSITION_FIELDS, RELATION_FIELDS

__all__ = ["DOMAIN", "DOMAINS", "INFLUENCES", "OBJECTIVES", "POSITIONS", "RELATIONS"]


def _list_label(record: Record, lang: str) -> str:
    return f"{display_name(record.name, record.name_ar, lang)} — {t(f'stakeholders.type.{record.type}', lang)}"


ANALYSIS, PICTURES = "saara_kit.stakeholders.analysis", "saara_kit.stakeholders.pictures"
_engagement_plan = deferred(ANALYSIS, "engagement_plan")


def _link_label(domain: str):
    def label(record: Record, lang: str) -> str:
        return f"{record.source} → {record.target} — {t(f'{domain}.kind.{record.kind}', lang)}"

    return label


DOMAIN = Domain(
    name="stakeholders",
    kind="stakeholder",
    fields=FIELDS,
    key="name",
    derived=(
        Choice("quadrant", QUADRANTS),
        Choice("salience", (*SALIENCE_TYPES, UNTYPED)),
        Choice("recommended", IAP2_LEVELS, labels="iap2"),
    ),
    derive=deferred(ANALYSIS, "with_engagement"),
    samples="sample_stakeholders",
    listing=Listing(
        picture=deferred("saara_kit.stakeholders.grid_svg", "grid_svg"),
        title=_list_label,
        # the room view's grid: every association's stakeholders of the hub on one power × interest grid
        room_picture=deferred("saara_kit.stakeholders.charts", "power_interest_grid"),
    ),
    app=App(commands=("saara_kit.stakeholders.wall_command",)),  # saara-kit wall: the register's A3 posters
    exports=Exports(
        summaries=(("stakeholders.plan.sheet", lambda records, lang: _engagement_plan(records["stakeholders"], lang)),)
    ),
)
RELATIONS = Domain(
    name="relations",
    kind="relation",
    fields=RELATION_FIELDS,
    key=("source", "target", "kind"),
    samples="sample_relations",
    listing=Listing(picture=deferred(PICTURES, "network_picture"), title=_link_label("relations")),
    checks=Checks(rules=(different("relations", "source", "target"),)),
    app=App(part_of="stakeholders"),
)
OBJECTIVES = Domain(
    name="objectives",
    kind="objective",
    fields=OBJECTIVE_FIELDS,
    key="name",
    samples="sample_objectives",
    listing=Listing(title=lambda record, lang: display_name(record.name, record.name_ar, lang)),
    app=App(part_of="stakeholders"),
)


def _mactor_advice(register) -> str | None:
    from saara_kit.stakeholders.mactor import actor_count_advice  # numpy: only once a step is drawn

    return actor_count_advice(len(register))


POSITIONS = Domain(
    name="positions",
    kind="position",
    fields=POSITION_FIELDS,
    key=("actor", "objective"),
    samples="sample_positions",
    listing=Listing(
        picture=deferred(PICTURES, "positions_picture"),
        title=lambda record, lang: (
            f"{record.actor} — {record.objective} : {t(f'positions.stance.{record.stance}', lang)}"
        ),
    ),
    app=App(advice=_mactor_advice, part_of="stakeholders"),
)
INFLUENCES = Domain(
    name="influences",
    kind="influence",
    fields=INFLUENCE_FIELDS,
    key=("source", "target"),
    samples="sample_influences",
    listing=Listing(
        picture=deferred(PICTURES, "influences_picture"),
        title=lambda record, lang: f"{record.source} → {record.target} : {record.strength}",
    ),
    checks=Checks(rules=(different("influences", "source", "target"),)),
    app=App(advice=_mactor_advice, part_of="stakeholders"),
)
# the register first: its records are what the steps' links name (sample loading follows this order)
DOMAINS = (DOMAIN, OBJECTIVES, RELATIONS, POSITIONS, INFLUENCES)
