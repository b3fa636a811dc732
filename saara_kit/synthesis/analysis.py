"""The hubs compared (pure functions over DataFrames, once the records are gathered): who filled
which form, the stakeholders mapped by type, the concertation levels chosen, the budgets by
heading, the support fund's applications and selections, and the use of the directory.

Every comparison is a numeric table with one row per hub (``list_hubs()`` order, every hub
listed, 0 where nothing was saved); each ``*_table`` is the same, labelled in ``lang`` for people.
The counting is the domains' own: ``budget.analysis`` converts and totals the lines,
``grants.committee.decisions`` consolidates, ranks and selects, ``directory.analysis`` counts resources.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from saara_kit.budget.analysis import heading_totals, with_amounts
from saara_kit.budget.fields import HEADINGS
from saara_kit.data import list_hubs, load_hub
from saara_kit.directory.analysis import EVERY_HUB, by_hub
from saara_kit.grants.committee import decisions
from saara_kit.i18n import t
from saara_kit.stakeholders.fields import IAP2_LEVELS, STAKEHOLDER_TYPES

__all__ = [
    "APPLICATION_COLUMNS",
    "FORMS",
    "GATHERED",
    "SHOWN_STATUSES",
    "applications_by_hub",
    "applications_table",
    "budget_by_heading",
    "budget_table",
    "concertation_levels",
    "concertation_table",
    "directory_table",
    "directory_use",
    "forms_filled",
    "gather",
    "hub_label",
    "hub_with_most",
    "nothing_saved",
    "overview",
    "participation_table",
    "stakeholder_mix",
    "stakeholder_table",
]

# the forms an association fills, each counted by its main domain (the register, the plan, the
# budget, the application); their steps are saved with them, reviews are the reviewers'
FORMS = ("stakeholders", "concertation", "budget", "grants")
# every domain the synthesis reads
GATHERED = ("stakeholders", "participation", "concertation", "budget", "budget_lines", "grants", "reviews", "directory")


def gather(
    source: str = "sample", data_dir: str | Path | None = None, db_url: str | None = None
) -> dict[str, pd.DataFrame]:
    """Return every hub's records of the domains compared (``GATHERED``), by domain name, from the
    ``"sample"`` data or the workshop ``"store"`` (``load_records``)."""
    from saara_kit.registry import domain
    from saara_kit.store.repository import load_records

    return {name: load_records(domain(name), source, data_dir=data_dir, db_url=db_url or None) for name in GATHERED}


def nothing_saved(records: dict[str, pd.DataFrame]) -> bool:
    """Return whether no hub has saved anything in any of the forms compared."""
    return all(frame.empty for frame in records.values())


def hub_label(hub_id: str, lang: str = "fr") -> str:
    """Return the hub's name in ``lang`` ("Pôle Centre")."""
    return load_hub(hub_id).name(lang)


def _per_hub(frame: pd.DataFrame, column: str, codes: tuple) -> pd.DataFrame:
    """Count the rows of ``frame`` per hub (rows) and code of ``column`` (columns), every hub and
    every code listed, in order; a code outside ``codes`` is left out."""
    hub_ids = list_hubs()
    if frame.empty:
        return pd.DataFrame(0, index=pd.Index(hub_ids, name="region"), columns=list(codes))
    counts = pd.crosstab(frame["region"], frame[column])
    return counts.reindex(index=hub_ids, columns=list(codes), fill_value=0).rename_axis(index="region", columns=None)


def forms_filled(records: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Return, per hub, how many associations saved each form (``FORMS``: at least one record of
    it), then ``associations``: how many saved any of them, each counted once."""
    hub_ids = list_hubs()
    table = pd.DataFrame(0, index=pd.Index(hub_ids, name="region"), columns=[*FORMS, "associations"])
    everyone: dict[str, set] = {hub_id: set() for hub_id in hub_ids}
    for form in FORMS:
        frame = records[form]
        if frame.empty:
            continue
        for hub_id, names in frame.groupby("region")["association"].agg(set).items():
            if hub_id in everyone:
                table.loc[hub_id, form] = len(names)
                everyone[hub_id] |= names
    table["associations"] = [len(everyone[hub_id]) for hub_id in hub_ids]
    return table


def stakeholder_mix(records: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Return the stakeholders mapped per hub (rows) and type (columns, ``STAKEHOLDER_TYPES`` order)."""
    return _per_hub(records["stakeholders"], "type", STAKEHOLDER_TYPES)


def concertation_levels(records: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Return how many actors each hub's plans take part at each IAP2 level (inform to empower)."""
    return _per_hub(records["participation"], "level", IAP2_LEVELS)


def budget_by_heading(records: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Return, per hub, the DZD total of its budgets' lines under each heading (``HEADINGS``):
    each line converted at its hub's rate (``with_amounts``), totalled by ``heading_totals``."""
    lines = records["budget_lines"]
    table = pd.DataFrame(0.0, index=pd.Index(list_hubs(), name="region"), columns=list(HEADINGS))
    if len(lines):
        for hub_id, mine in with_amounts(lines).groupby("region"):
            if hub_id in table.index:
                table.loc[hub_id] = heading_totals(mine).to_numpy()
    return table


SHOWN_STATUSES = ("approved", "pending", "rejected")  # a resource's statuses, as the synthesis shows them
APPLICATION_COLUMNS = ("applications", "submitted", "selected", "requested", "granted")


def applications_by_hub(records: dict[str, pd.DataFrame], today: dt.date | None = None) -> pd.DataFrame:
    """Return, per hub, the applications saved (drafts included), those submitted and decided by
    the committee's rules (``decisions``: eligibility, reviews, ranking, envelope, quota), those
    selected, and the DZD requested (submitted ones) and granted (selected ones)."""
    table = pd.DataFrame(0, index=pd.Index(list_hubs(), name="region"), columns=list(APPLICATION_COLUMNS))
    table[["requested", "granted"]] = table[["requested", "granted"]].astype(float)
    applications = records["grants"]
    if applications.empty:
        return table
    table["applications"] = applications["region"].value_counts().reindex(table.index, fill_value=0)
    decided = decisions(applications, records["reviews"], today=today)
    if len(decided):
        by_hub = decided.groupby("region")
        table["submitted"] = by_hub.size().reindex(table.index, fill_value=0)
        table["selected"] = by_hub["selected"].sum().reindex(table.index, fill_value=0).astype(int)
        table["requested"] = by_hub["requested"].sum().reindex(table.index, fill_value=0.0)
        table["granted"] = by_hub["granted"].sum().reindex(table.index, fill_value=0.0)
    return table


def directory_use(records: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Return, per hub, the resources saved in its directory form by status (``approved``,
    ``pending`` a trainer's decision, ``rejected``), then ``naming``: the approved resources that
    name the hub (``by_hub``), and ``for_all``: those that name no hub, the same for every hub."""
    resources = records["directory"]
    table = _per_hub(resources, "status", SHOWN_STATUSES)
    named = by_hub(resources)
    table["naming"] = named.reindex(table.index, fill_value=0).to_numpy()
    table["for_all"] = int(named[EVERY_HUB])
    return table


def overview(records: dict[str, pd.DataFrame], lang: str = "fr") -> str:
    """Say, in ``lang``, what the synthesis compares: the hubs, the associations that filled a
    form, the stakeholders mapped, the applications submitted and selected; or that nothing is
    saved yet in any hub."""
    if nothing_saved(records):
        return t("synthesis.lesson.nothing_yet", lang)
    filled, fund = forms_filled(records), applications_by_hub(records)
    return t(
        "synthesis.lesson.overview",
        lang,
        hubs=len(filled),
        associations=int(filled["associations"].sum()),
        actors=len(records["stakeholders"]),
        submitted=int(fund["submitted"].sum()),
        selected=int(fund["selected"].sum()),
    )


def hub_with_most(table: pd.DataFrame, column: str) -> tuple[str, float]:
    """Return the hub whose share of its row's total is largest in ``column`` (the first such), and
    that share in per cent; ("", 0) when no hub has any."""
    totals = table.sum(axis=1)
    shares = (100 * table[column] / totals.where(totals > 0)).dropna()
    if shares.empty:
        return "", 0.0
    return str(shares.idxmax()), float(round(shares.max(), 1))


# ---- the same tables, for people: hubs named, headers and codes in ``lang``, totals added ----


def _labelled(table: pd.DataFrame, headers: dict[str, str], lang: str, total: bool = True) -> pd.DataFrame:
    """Return ``table`` with a first column naming each hub, ``headers`` (column -> text) as its
    columns, and (with ``total``) a last row of the national totals."""
    shown = table.copy()
    rows = [hub_label(hub_id, lang) for hub_id in shown.index]
    if total:
        shown.loc["_total"] = table.sum()
        rows.append(t("synthesis.column.national", lang))
    shown = shown.rename(columns=headers).reset_index(drop=True)
    shown.insert(0, t("synthesis.column.hub", lang), rows)
    return shown


def participation_table(records: dict[str, pd.DataFrame], lang: str = "fr") -> pd.DataFrame:
    """Return ``forms_filled`` labelled: per hub, the associations that filled each form, and in all."""
    headers = {form: t(f"synthesis.form.{form}", lang) for form in FORMS}
    return _labelled(forms_filled(records), {**headers, "associations": t("synthesis.column.associations", lang)}, lang)


def stakeholder_table(records: dict[str, pd.DataFrame], lang: str = "fr") -> pd.DataFrame:
    """Return ``stakeholder_mix`` turned for reading: one row per type of actor, one column per
    hub, then the nation's total; types no hub mapped are left out."""
    mix = stakeholder_mix(records).T
    mix = mix[mix.sum(axis=1) > 0]
    table = pd.DataFrame(
        {t("synthesis.column.type", lang): [t(f"stakeholders.type.{code}", lang) for code in mix.index]}
    )
    for hub_id in mix.columns:
        table[hub_label(hub_id, lang)] = mix[hub_id].to_list()
    table[t("synthesis.column.national", lang)] = mix.sum(axis=1).to_list()
    return table


def concertation_table(records: dict[str, pd.DataFrame], lang: str = "fr") -> pd.DataFrame:
    """Return ``concertation_levels`` labelled, with each hub's actors in all."""
    levels = concertation_levels(records)
    levels["actors"] = levels.sum(axis=1)
    headers = {level: t(f"stakeholders.iap2.{level}", lang) for level in IAP2_LEVELS}
    return _labelled(levels, {**headers, "actors": t("synthesis.column.actors", lang)}, lang)


def budget_table(records: dict[str, pd.DataFrame], lang: str = "fr") -> pd.DataFrame:
    """Return ``budget_by_heading`` labelled, whole dinars, with each hub's total."""
    totals = budget_by_heading(records).round(0)
    totals["total"] = totals.sum(axis=1)
    headers = {heading: t(f"budget_lines.heading.{heading}", lang) for heading in HEADINGS}
    return _labelled(totals.astype("int64"), {**headers, "total": t("synthesis.column.total_dzd", lang)}, lang)


def applications_table(
    records: dict[str, pd.DataFrame], lang: str = "fr", today: dt.date | None = None
) -> pd.DataFrame:
    """Return ``applications_by_hub`` labelled, amounts in whole dinars."""
    table = applications_by_hub(records, today)
    table[["requested", "granted"]] = table[["requested", "granted"]].round(0).astype("int64")
    return _labelled(table, {column: t(f"synthesis.column.{column}", lang) for column in APPLICATION_COLUMNS}, lang)


def directory_table(records: dict[str, pd.DataFrame], lang: str = "fr") -> pd.DataFrame:
    """Return ``directory_use`` labelled. Its national row counts each resource once: one naming
    two hubs counts in both hubs' rows, and those for every hub are the same in each row."""
    use = directory_use(records)
    headers = {status: t(f"synthesis.directory.{status}", lang) for status in SHOWN_STATUSES}
    shown = _labelled(
        use,
        {**headers, "naming": t("synthesis.column.naming", lang), "for_all": t("synthesis.column.for_all", lang)},
        lang,
    )
    every = int(use["for_all"].iloc[0])
    shown.iloc[-1, -2:] = [int(use["approved"].sum()) - every, every]
    return shown
