"""An association's one-pager: who it works with, its concertation plan, its project's budget, its
results so far, and the traceable chain that ties them (actor → participation level → meeting or
commitment → activity → budget line), on one printable A4 page (HTML, and PDF with Chromium) to hand
to the APC or the wilaya.

``gather`` (pure) turns the association's records into the page's parts, ``page`` lays them out;
this module reads the store and writes the files.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from saara_kit.exports.file_names import output_stem
from saara_kit.i18n import TranslatedError
from saara_kit.onepager.gather import OnePager, gather, page_language
from saara_kit.onepager.page import render_onepager
from saara_kit.store import Store

__all__ = [
    "DOMAINS_READ",
    "OnePager",
    "gather",
    "onepager_records",
    "page_language",
    "render_onepager",
    "write_onepager",
]

DOMAINS_READ = (
    "stakeholders",
    "participation",
    "concertation",
    "activities",
    "meetings",
    "commitments",
    "logframe",
    "indicators",
    "budget",
    "budget_lines",
    "grants",
)


def onepager_records(store: Store, hub_id: str, association: str) -> dict[str, pd.DataFrame]:
    """Return the association's current records that the one-pager reads, by domain name; raise
    ``onepager.unknown_association`` when it saved none in hub ``hub_id``."""
    from saara_kit.exports.transfer import current_frame
    from saara_kit.registry import domain

    records = {name: current_frame(store, domain(name), hub_id, association=association) for name in DOMAINS_READ}
    if not any(len(frame) for frame in records.values()):
        raise TranslatedError("onepager.unknown_association", association=association, hub=hub_id)
    return records


def spelled(records: dict[str, pd.DataFrame], association: str) -> str:
    """Return the association's name as it spells itself in its records."""
    return next((str(frame["association"].iloc[0]) for frame in records.values() if len(frame)), association)


def write_onepager(
    store: Store,
    hub_id: str,
    association: str,
    output: Path | None = None,
    lang: str | None = None,
    pdf: bool = True,
    today: dt.date | None = None,
) -> tuple[list[Path], str]:
    """Write the one-pager of ``association`` (hub ``hub_id``) as HTML, and PDF when ``pdf`` and
    Chromium is installed; return the files written and the page's language (``lang``, else the
    language of the association's grant application, else the hub's)."""
    from saara_kit.data import load_hub
    from saara_kit.exports.pdf import chromium, print_pdf

    hub = load_hub(hub_id)
    records = onepager_records(store, hub.id, association)
    lang = page_language(records, hub.default_lang, lang)
    name = spelled(records, association)
    page = render_onepager(gather(records, name, hub.id, lang, today), lang, hub.name(lang), today)
    stem = output_stem(output, hub.id, name, "onepager")
    path = stem.with_name(stem.name + ".html")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page, encoding="utf-8")
    return [path, *([print_pdf(path)] if pdf and chromium() else [])], lang
