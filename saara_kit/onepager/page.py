"""The one-pager as one printable A4 page of HTML, in its language (right to left in Arabic).

Everything people typed is escaped and isolated in ``<bdi>`` (a French name in an Arabic page keeps
its own direction); a part with no data is left out; long texts and lists are cut so the page fits.
"""

from __future__ import annotations

import base64
import datetime as dt
import html

from saara_kit.exports.file_names import owner_mark
from saara_kit.html_page import render_page
from saara_kit.i18n import format_date, format_number, format_percent, t
from saara_kit.onepager.gather import Chain, OnePager

__all__ = ["ONEPAGER_STYLE", "render_onepager"]

ONEPAGER_STYLE = """
@page {size: A4; margin: 11mm 12mm}
html, body {font-size: 8.4pt; line-height: 1.22}
body {max-width: none; margin: 0; padding: 0}
h1 {font-size: 13pt; margin: 0 0 0.1em}
h2 {font-size: 10pt; margin: 0.55em 0 0.25em; padding-bottom: 0.1em; border-bottom: 1.5px solid #1b6b5a;
    color: #1b6b5a; break-after: avoid}
h3 {font-size: 8.8pt; margin: 0.4em 0 0.15em}
p {margin: 0.15em 0}
.saara-op-about {color: #555}
.saara-op-row {display: grid; grid-template-columns: 1fr 1fr; gap: 0 6mm; align-items: start}
.saara-op-row > div {min-width: 0}
.saara-op-grid {display: grid; grid-template-columns: 52mm 1fr; gap: 0 4mm; align-items: start}
.saara-op-grid img {width: 52mm; display: block; margin-top: 0.4em}
table {border-collapse: collapse; width: 100%; margin: 0.15em 0}
th, td {border: 0.6pt solid #aaa; padding: 0.1em 0.3em; vertical-align: top; text-align: start}
th {background: #eef3f1; font-weight: bold}
td.saara-number, th.saara-number {text-align: end; font-variant-numeric: tabular-nums; white-space: nowrap}
ul {margin: 0.1em 0; padding-inline-start: 1.2em}
.saara-op-more {color: #555; font-size: 7.6pt}
.saara-op-chain td {font-size: 7.6pt}
.saara-op-chain {table-layout: fixed}
.saara-op-chain th:nth-child(1) {width: 15%} .saara-op-chain th:nth-child(2) {width: 14%}
.saara-op-chain th:nth-child(3) {width: 25%} .saara-op-chain th:nth-child(4) {width: 22%}
.saara-op-chain th:nth-child(5) {width: 24%}
.saara-op-actors td:nth-last-child(-n+2) {white-space: nowrap}
.saara-op-results {table-layout: fixed}
.saara-op-results th:nth-child(1) {width: 7%} .saara-op-results th:nth-child(2) {width: 32%}
.saara-op-results th:nth-child(3) {width: 31%}
.saara-op-chain td small {color: #555}
footer {margin-top: 0.6em; color: #777; font-size: 7pt}
@media print {body {margin: 0}}
"""
_esc = html.escape
# the longest texts shown: the forms allow more (an objective 1000 characters, a name 200)
OBJECTIVE_CHARACTERS = 160
SUMMARY_CHARACTERS = 160
TITLE_CHARACTERS = 90  # the project's, the plan's, the budget's
ACTOR_CHARACTERS = 36
CELL_CHARACTERS = 26  # in the tables of results and of the chain
VALUE_CHARACTERS = 12  # a baseline, a target, a current value
CELL_ITEMS = 2  # items per cell of the chain, then "+n"


def _cut(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def _typed(text: str, length: int = CELL_CHARACTERS) -> str:
    """Return text a person typed, cut, escaped and isolated."""
    return f"<bdi>{_esc(_cut(text, length))}</bdi>"


def _date(text: str, lang: str, form: str = "medium") -> str:
    try:
        return format_date(dt.date.fromisoformat(text), lang, form)
    except ValueError:
        return text


def _dzd(amount: float, lang: str) -> str:
    return format_number(round(amount), lang)


def _table(headers: list[str], rows: list[list[str]], numbers: set[int] = frozenset(), css: str = "") -> str:
    """Return a table: ``headers`` are catalogue texts (escaped here), cells are HTML already."""
    head = "".join(f"<th{' class=saara-number' if i in numbers else ''}>{_esc(h)}</th>" for i, h in enumerate(headers))
    body = "".join(
        "<tr>"
        + "".join(f"<td{' class=saara-number' if i in numbers else ''}>{cell}</td>" for i, cell in enumerate(row))
        + "</tr>"
        for row in rows
    )
    return f'<table class="{css}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _level(code: str, lang: str) -> str:
    return _esc(t(f"stakeholders.iap2.{code}", lang)) if code else "—"


def _grid_image(onepager: OnePager, lang: str) -> tuple[str, bool]:
    """Return the key actors' grid as an inline PNG, and whether it numbers them (then the table
    beside it gives each actor its number) rather than naming them."""
    from saara_kit.charts import figure_to_png
    from saara_kit.stakeholders.charts import power_interest_grid

    figure = power_interest_grid(onepager.grid, lang, title=t("onepager.grid", lang))
    data = base64.b64encode(figure_to_png(figure)).decode("ascii")
    return f'<img src="data:image/png;base64,{data}" alt="{_esc(figure.alt)}">', figure.key is not None


def _actors(onepager: OnePager, lang: str, beside: str = "") -> str:
    """Return the grid and the key actors, with ``beside`` (the plan) under their table."""
    if onepager.grid is None:
        return beside
    image, numbered = _grid_image(onepager, lang)
    rows = [
        [
            *([str(number)] if numbered else []),
            _typed(actor.shown, ACTOR_CHARACTERS),
            _esc(t(f"stakeholders.quadrant.{actor.quadrant}", lang)),
            _level(actor.level, lang),
        ]
        for number, actor in enumerate(onepager.actors, start=1)
    ]
    headers = [
        *(["#"] if numbered else []),
        t("onepager.actor", lang),
        t("onepager.strategy", lang),
        t("onepager.level", lang),
    ]
    more = (
        f'<p class="saara-op-more">{_esc(t("onepager.more_actors", lang, count=onepager.hidden_actors))}</p>'
        if onepager.hidden_actors
        else ""
    )
    return (
        f'<section class="saara-op-grid"><div>{image}</div><div><h2>{_esc(t("onepager.actors", lang))}'
        f"</h2>{_table(headers, rows, css='saara-op-actors')}{more}{beside}</div></section>"
    )


def _plan(onepager: OnePager, lang: str) -> str:
    plan = onepager.plan
    if plan is None:
        return ""
    when = t("onepager.from_to", lang, start=_date(plan.start, lang), end=_date(plan.end, lang))
    meetings = ""
    if plan.meetings:
        items = "".join(
            f"<li>{_esc(_date(m.date, lang))} {_esc(m.time)} — {_typed(m.title, ACTOR_CHARACTERS)}"
            f"{' (' + _typed(m.place, 20) + ')' if m.place else ''}</li>"
            for m in plan.meetings
        )
        meetings = f"<h3>{_esc(t('onepager.next_meetings', lang))}</h3><ul>{items}</ul>"
    objective = f"<p>{_typed(plan.objective, OBJECTIVE_CHARACTERS)}</p>" if plan.objective else ""
    return (
        f"<div><h2>{_esc(t('onepager.plan', lang))}</h2><p><strong>{_typed(plan.name, TITLE_CHARACTERS)}</strong> "
        f"({_esc(when)})</p>{objective}{meetings}</div>"
    )


def _budget(onepager: OnePager, lang: str) -> str:
    budget = onepager.budget
    if budget is None:
        return ""

    def share(amount: float) -> str:
        return format_percent(amount / budget.total, lang) if budget.total else "—"

    headings = _table(
        [t("budget_lines.field.heading", lang), "DZD", "%"],
        [
            [_esc(t(f"budget_lines.heading.{code}", lang)), _dzd(amount, lang), share(amount)]
            for code, amount in budget.headings
        ],
        numbers={1, 2},
    )
    others = (
        [[_esc(t("onepager.other_funders", lang)), _dzd(budget.others, lang), share(budget.others)]]
        if budget.others
        else []
    )
    funders = (
        _table(
            [t("onepager.funder", lang), "DZD", "%"],
            [[_typed(funder, CELL_CHARACTERS), _dzd(amount, lang), share(amount)] for funder, amount in budget.funders]
            + others,
            numbers={1, 2},
        )
        if budget.funders
        else ""
    )
    total = t("onepager.total", lang, amount=_dzd(budget.total, lang))
    return (
        f"<section><h2>{_esc(t('onepager.budget', lang))}</h2><p><strong>{_typed(budget.name, TITLE_CHARACTERS)}</strong> — "
        f'{_esc(total)}</p><div class="saara-op-row"><div>{headings}</div><div>{funders}</div></div></section>'
    )


def _results(onepager: OnePager, lang: str) -> str:
    if not onepager.results:
        return ""
    rows = [
        [
            _esc(r.number),
            _typed(r.what, 2 * CELL_CHARACTERS),
            _typed(r.indicator, 2 * CELL_CHARACTERS),
            *(_typed(value, VALUE_CHARACTERS) for value in (r.baseline, r.target, r.current)),
        ]
        for r in onepager.results
    ]
    headers = [
        t("logframe.number_short", lang),
        t("onepager.result", lang),
        *(t(f"logframe.field.{name}", lang) for name in ("indicator", "baseline", "target", "current")),
    ]
    return f"<section><h2>{_esc(t('onepager.results', lang))}</h2>{_table(headers, rows, css='saara-op-results')}</section>"


def _items(items: list[str]) -> str:
    """Return a cell's first items (HTML already) and how many more there are."""
    if not items:
        return "—"
    shown = items[:CELL_ITEMS]
    if len(items) > CELL_ITEMS:  # "+n" on the last item's line, where it never wraps alone
        shown[-1] = f'<span class="saara-op-last">{shown[-1]} <small>+{len(items) - CELL_ITEMS}</small></span>'
    return "<br>".join(shown)


def _chain_row(link: Chain, lang: str) -> list[str]:
    said = [
        f"{_esc(_date(date, lang, 'short'))} {_typed(title, CELL_CHARACTERS - 10)}" for date, title in link.meetings
    ] + [f"{_esc(t('onepager.commitment', lang))} {_typed(item)}" for item in link.commitments]
    lines = [f"{_typed(name, CELL_CHARACTERS - 12)} <small>{_dzd(amount, lang)}</small>" for name, amount in link.lines]
    return [
        _typed(link.actor.shown, CELL_CHARACTERS),
        _level(link.actor.level, lang),
        _items(said),
        _items([_typed(name) for name in link.activities]),
        _items(lines),
    ]


def _chain(onepager: OnePager, lang: str) -> str:
    if not onepager.chain:
        return ""
    headers = [t(f"onepager.chain.{column}", lang) for column in ("actor", "level", "meeting", "activity", "lines")]
    return (
        f"<section><h2>{_esc(t('onepager.chain', lang))}</h2>"
        f'<p class="saara-op-more">{_esc(t("onepager.chain.about", lang))}</p>'
        f"{_table(headers, [_chain_row(link, lang) for link in onepager.chain], css='saara-op-chain')}</section>"
    )


def render_onepager(onepager: OnePager, lang: str = "fr", hub_name: str = "", today: dt.date | None = None) -> str:
    """Return the one-pager as a whole HTML page in ``lang``, laid out for one A4 page."""
    today = today or dt.date.today()
    about = " — ".join(filter(None, (t("onepager.title", lang), hub_name, format_date(today, lang, "long"))))
    project = ""
    if onepager.project:
        summary = f" — {_typed(onepager.summary, SUMMARY_CHARACTERS)}" if onepager.summary else ""
        project = (
            f"<p><strong>{_esc(t('onepager.project', lang))}</strong> "
            f"{_typed(onepager.project, TITLE_CHARACTERS)}{summary}</p>"
        )
    body = (
        f'<main class="saara-onepager" {owner_mark(onepager.association)}><h1><bdi>{_esc(onepager.association)}</bdi></h1>'
        f'<p class="saara-op-about">{_esc(about)}</p>{project}'
        + _actors(onepager, lang, beside=_plan(onepager, lang))
        + _budget(onepager, lang)
        + _results(onepager, lang)
        + _chain(onepager, lang)
        + f"<footer>{_esc(t('onepager.footer', lang))}</footer></main>"
    )
    return render_page(lang, f"{t('onepager.title', lang)} — {onepager.association}", body, style=ONEPAGER_STYLE)
