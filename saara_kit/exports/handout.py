"""A printable handout of an app's records: one HTML file, readable offline (charts inline), in its
language. The app's main records are shown one by one, each step as a table, then the summaries
(the RACI, the logframe) and the app's charts."""

from __future__ import annotations

import base64
import datetime as dt
import html
from pathlib import Path
from typing import Any, cast

import pandas as pd

from saara_kit.exports.anonymise import Anonymiser
from saara_kit.exports.transfer import current_frame
from saara_kit.html_page import render_page
from saara_kit.i18n import format_date, t
from saara_kit.records import Domain, labelled_table, styled_table
from saara_kit.store import Store

__all__ = ["handout_records", "render_handout", "write_handout"]

HANDOUT_STYLE = """
body {max-width: 60em; font-size: 11pt}
table.saara-table {border-collapse: collapse; width: 100%; font-size: 9.5pt; margin: 0.5em 0 1.2em}
table.saara-table th, table.saara-table td {border: 1px solid #999; padding: 0.2em 0.4em; vertical-align: top}
table.saara-table th {background: #eef3f1}
dl.saara-record {display: grid; grid-template-columns: minmax(8em, 14em) 1fr; gap: 0.2em 1em; margin: 0 0 1.2em}
dl.saara-record dt {font-weight: bold}
dl.saara-record dd {margin: 0; white-space: pre-wrap}
figure {margin: 1em 0; break-inside: avoid}
figure img {max-width: 100%}
.saara-handout-about {color: #555}
h2 {break-after: avoid; border-bottom: 2px solid #1b6b5a}
@page {size: A4; margin: 15mm}
@media print {body {margin: 0; max-width: none}}
"""


def handout_records(
    store: Store,
    domain: Domain,
    hub_id: str | None,
    association: str | None = None,
    anonymiser: Anonymiser | None = None,
) -> dict[str, pd.DataFrame]:
    """Return the current records of the app's steps, and of the domains they name (the register),
    by domain name: what the handout and its charts read."""
    from saara_kit.registry import domain as domain_named
    from saara_kit.registry import steps

    shown = steps(domain.name)
    named = dict.fromkeys(ref.to for step in shown for ref in step.references)
    return {
        declared.name: current_frame(store, declared, hub_id, anonymiser, association)
        for declared in (*shown, *(domain_named(name) for name in named if name not in {step.name for step in shown}))
    }


def _image(figure) -> str:
    from saara_kit.charts import figure_to_png

    data = base64.b64encode(figure_to_png(figure)).decode("ascii")
    return (
        f'<figure><img src="data:image/png;base64,{data}" alt="{html.escape(figure.alt)}">'
        f"<figcaption>{html.escape(figure.alt)}</figcaption></figure>"
    )


def _record(step: Domain, row: pd.Series, lang: str) -> str:
    items = "".join(
        f"<dt>{html.escape(t(step.label_key(f.name), lang))}</dt>"
        f"<dd><bdi>{html.escape(str(f.show(row[f.name], step.name, lang) or ''))}</bdi></dd>"
        for f in step.fields
        if row[f.name] not in ("", None)
    )
    return f'<dl class="saara-record">{items}</dl>'


def _table(frame: pd.DataFrame, lang: str) -> str:
    return styled_table(frame, lang).to_html()


def render_handout(
    domain: Domain,
    records: dict[str, pd.DataFrame],
    lang: str = "fr",
    association: str | None = None,
    hub_name: str = "",
) -> str:
    """Return the handout of ``domain``'s app as one HTML page, from ``handout_records``; with
    ``association``, the records are that association's alone."""
    from saara_kit.registry import steps

    main = records[domain.name]
    if association and len(main):
        association = main["association"].iloc[0]  # as the association spells itself
    title = " — ".join(filter(None, [t(f"app.{domain.name}.title", lang), association, hub_name]))
    about = t("handout.about", lang, date=format_date(dt.date.today(), lang))
    parts = [f"<h1>{html.escape(title)}</h1>", f'<p class="saara-handout-about">{html.escape(about)}</p>']
    for _, row in main.iterrows():
        heading = domain.list_label(domain.from_payload(cast(dict[str, Any], row.to_dict())), lang)
        parts += [f"<h2><bdi>{html.escape(heading)}</bdi></h2>", _record(domain, row, lang)]
    for step in (step for step in steps(domain.name)[1:] if step.exports.in_handout):
        frame = records[step.name]
        one_main = len(main) == 1  # then a step's link to it says nothing
        columns = [
            *([] if association else ["association"]),
            *(f.name for f in step.fields if not (one_main and getattr(f, "to", None) == domain.name)),
        ]
        parts.append(f"<h2>{html.escape(t(f'app.{step.name}.title', lang))}</h2>")
        parts.append(
            _table(labelled_table(step, frame[columns], lang), lang)
            if len(frame)
            else f"<p>{html.escape(t('handout.nothing', lang))}</p>"
        )
    for key, summary in domain.exports.summaries:
        parts += [f"<h2>{html.escape(t(key, lang))}</h2>", _table(summary(records, lang), lang)]
    if domain.exports.charts is not None and len(main):
        parts += [_image(figure) for figure in domain.exports.charts(records, lang)]
    return render_page(lang, title, "\n".join(parts), style=HANDOUT_STYLE)


def write_handout(
    store: Store,
    domain: Domain,
    path: str | Path,
    hub_id: str | None = None,
    association: str | None = None,
    lang: str = "fr",
    hub_name: str = "",
    anonymiser: Anonymiser | None = None,
) -> int:
    """Write the handout of ``domain``'s app to ``path``; return the count of its main records (plans)."""
    records = handout_records(store, domain, hub_id, association, anonymiser)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_handout(domain, records, lang, association, hub_name), encoding="utf-8")
    return len(records[domain.name])
