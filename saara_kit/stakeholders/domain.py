"""The stakeholder register, declared for the generic rooms (form, store, import/export, CLI, server)."""
from __future__ import annotations

from saara_kit.i18n import t
from saara_kit.records import Choice, Domain, Record
from saara_kit.stakeholders.analysis import QUADRANTS, with_engagement
from saara_kit.stakeholders.fields import FIELDS, IAP2_LEVELS, display_name
from saara_kit.stakeholders.salience import SALIENCE_TYPES

__all__ = ["DOMAIN"]


def _list_label(record: Record, lang: str) -> str:
    return f"{display_name(record.name, record.name_ar, lang)} — {t(f'stakeholders.type.{record.type}', lang)}"


def _grid(frame, lang: str):
    from saara_kit.stakeholders.charts import power_interest_grid  # matplotlib only once drawn

    return power_interest_grid(frame, lang)


DOMAIN = Domain(
    name="stakeholders",
    kind="stakeholder",
    fields=FIELDS,
    key="name",
    derived=(Choice("quadrant", QUADRANTS), Choice("salience", SALIENCE_TYPES),
             Choice("recommended", IAP2_LEVELS, labels="iap2")),
    derive=with_engagement,
    picture=_grid,
    title=_list_label,
    samples="sample_stakeholders",
)
