"""A funded project's report as its funder reads it: a workbook whose totals are live formulas
(amounts, spending per heading against the plan, the funder's flexibility, indicator progress),
and a printable page (HTML, and PDF through Chromium)."""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd

from saara_kit.budget.rules import ruleset
from saara_kit.exports.file_names import output_stem, owner_mark
from saara_kit.exports.safe import Formula
from saara_kit.exports.workbook import sheet_title
from saara_kit.followup.analysis import VIEW_DOMAINS, elapsed_share, indicator_progress, milestone_states, spending
from saara_kit.i18n import TranslatedError, format_date, format_number, is_rtl, t
from saara_kit.records import styled_table
from saara_kit.registry import domain
from saara_kit.validation import parse_decimal

__all__ = ["render_report_page", "report_records", "report_tables", "write_report", "write_report_workbook"]

REPORT_STYLE = """
body {max-width: 60em; font-size: 10.5pt}
table.saara-table {border-collapse: collapse; width: 100%; font-size: 9.5pt; margin: 0.4em 0 1em}
table.saara-table th, table.saara-table td {border: 1px solid #999; padding: 0.2em 0.4em; vertical-align: top}
table.saara-table th {background: #eef3f1}
p.saara-narrative {white-space: pre-wrap}
h2 {break-after: avoid; border-bottom: 2px solid #1b6b5a}
@page {size: A4; margin: 15mm}
"""
FILE_KIND = "report"  # report-<association>.xlsx, .html and .pdf
HEADINGS = ("indicators", "milestones", "financial", "lines", "expenditures", "support")


def report_records(store, hub_id: str, association: str) -> dict[str, pd.DataFrame]:
    """Return one association's current records that its report reads (the programme view's domains);
    raise ``followup.no_report`` when it has saved no report."""
    from saara_kit.exports.transfer import current_frame

    records = {name: current_frame(store, domain(name), hub_id, association=association) for name in VIEW_DOMAINS}
    if records["report"].empty:
        raise TranslatedError("followup.no_report", association=association, region=hub_id)
    return records


def _number(text):
    try:
        return float(parse_decimal(text))
    except (ValueError, TypeError):
        return text


def _show(step: str, field: str, values, lang: str) -> list:
    shown = domain(step).field(field)
    return [shown.show(value, step, lang) for value in values]


def report_tables(records: dict[str, pd.DataFrame], lang: str = "fr") -> dict[str, pd.DataFrame]:
    """Return the report's tables in ``lang``, by part (``HEADINGS``), with their raw values: what
    the workbook writes (adding formulas) and what the page prints."""
    from saara_kit.budget.analysis import spent_in_dzd, with_amounts

    report = records["report"].iloc[0]
    day = pd.Timestamp(report["as_of"]).date()
    elapsed = elapsed_share(report["start"], report["end"], day)
    indicators = indicator_progress(records["logframe"], records["indicators"], report["plan"], elapsed)
    milestones = milestone_states(records["milestones"], day)
    lines = with_amounts(records["budget_lines"][records["budget_lines"]["budget"] == report["budget"]])
    spent = records["expenditures"][records["expenditures"]["line"].isin(set(lines["description"]))]
    spent = spent_in_dzd(spent)
    heading_of = dict(zip(lines["description"], _show("budget_lines", "heading", lines["heading"], lang)))
    variance = spending(lines, spent, report["budget"])
    label = lambda key: t(key, lang)  # noqa: E731
    return {
        "indicators": pd.DataFrame(
            {
                label("logframe.field.number"): indicators["number"],
                label("logframe.field.indicator"): indicators["indicator"],
                label("logframe.field.baseline"): [_number(v) for v in indicators["baseline"]],
                label("logframe.field.target"): [_number(v) for v in indicators["target"]],
                label("indicators.field.current"): [_number(v) for v in indicators["current"]],
                label("followup.column.progress"): [
                    None if p is None else round(100 * p) for p in indicators["progress"]
                ],
            }
        ),
        "milestones": pd.DataFrame(
            {
                label("milestones.field.name"): milestones["name"],
                label("milestones.field.due"): milestones["due"],
                label("milestones.field.status"): _show("milestones", "status", milestones["status"], lang),
                label("milestones.field.done_on"): milestones["done_on"].fillna(""),
                label("followup.column.state"): [t(f"followup.state.{state}", lang) for state in milestones["state"]],
                label("milestones.field.evidence"): milestones["evidence"],
            }
        ),
        "financial": pd.DataFrame(
            {  # the headings in words; their codes are not a column
                label("budget_lines.field.heading"): _show("budget_lines", "heading", variance.index, lang),
                label("followup.column.planned"): variance["plan"].round(2),
                label("followup.column.actual"): variance["actual"].round(2),
                label("followup.column.difference"): variance["difference"].round(2),
                label("followup.column.pct"): variance["pct"],
            }
        ).reset_index(drop=True),
        "lines": pd.DataFrame(
            {
                label("budget_lines.field.heading"): [heading_of[d] for d in lines["description"]],
                label("budget_lines.field.description"): lines["description"],
                label("budget_lines.field.quantity"): lines["quantity"],
                label("budget_lines.field.unit_rate"): lines["unit_rate"],
                label("budget_lines.field.currency"): lines["currency"],
                label("budget_lines.field.amount"): lines["amount"],
                label("budget_lines.field.amount_dzd"): lines["amount_dzd"],
            }
        ),
        "expenditures": pd.DataFrame(
            {
                label("expenditures.field.line"): spent["line"],
                label("budget_lines.field.heading"): [heading_of[d] for d in spent["line"]],
                label("expenditures.field.date"): spent["date"],
                label("expenditures.field.what"): spent["what"],
                label("expenditures.field.amount"): spent["amount"],
                label("expenditures.field.currency"): spent["currency"],
                label("budget_lines.field.amount_dzd"): spent["amount_dzd"],
            }
        ),
        "support": pd.DataFrame(
            {
                label("support.field.date"): records["support"]["date"],
                label("support.field.kind"): _show("support", "kind", records["support"]["kind"], lang),
                label("support.field.topic"): records["support"]["topic"],
                label("support.field.trainer"): records["support"]["trainer"],
                label("support.field.hours"): records["support"]["hours"],
                label("support.field.status"): _show("support", "status", records["support"]["status"], lang),
                label("support.field.attendance"): records["support"]["attendance"],
            }
        ),
    }


def _formulas(frame: pd.DataFrame, column: int, make) -> None:
    """Put ``make(row)`` (row numbers from 2, as the sheet counts them) in ``frame``'s ``column``."""
    frame.isetitem(
        column, pd.Series([Formula(make(row)) for row in range(2, len(frame) + 2)], index=frame.index, dtype=object)
    )


def write_report_workbook(records: dict[str, pd.DataFrame], path: str | Path, lang: str = "fr") -> Path:
    """Write the report as the funder's workbook: the narrative on its first sheet, then indicators,
    milestones, the financial report, the budget lines, the expenditures and the support sessions.
    Amounts, totals per heading, differences, per cents, the flexibility check and indicator
    progress are formulas over the lines and expenditures, so that an officer can audit them."""
    from saara_kit.budget.analysis import eur_rate
    from saara_kit.exports.tables import write_tables

    report = records["report"].iloc[0]
    tables = {part: table.copy() for part, table in report_tables(records, lang).items()}
    titles = {part: sheet_title(t(f"followup.sheet.{part}", lang)) for part in HEADINGS}
    lines, spent, financial = tables["lines"], tables["expenditures"], tables["financial"]
    rate = lambda currency: eur_rate(report["region"]) if currency == "EUR" else 1  # noqa: E731
    currencies = list(lines.iloc[:, 4])
    _formulas(lines, 5, lambda row: f"=C{row}*D{row}")
    _formulas(lines, 6, lambda row: f"=F{row}*{rate(currencies[row - 2])}")
    paid_in = list(spent.iloc[:, 5])
    _formulas(spent, 6, lambda row: f"=E{row}*{rate(paid_in[row - 2])}")
    on_lines, on_spent = f"'{titles['lines']}'", f"'{titles['expenditures']}'"
    ends = {
        "lines": max(2, len(lines) + 1),
        "spent": max(2, len(spent) + 1),
    }  # a range, not a whole column: quick to compute
    _formulas(
        financial,
        1,
        lambda row: f"=SUMIFS({on_lines}!$G$2:$G${ends['lines']},{on_lines}!$A$2:$A${ends['lines']},A{row})",
    )
    _formulas(
        financial,
        2,
        lambda row: f"=SUMIFS({on_spent}!$G$2:$G${ends['spent']},{on_spent}!$B$2:$B${ends['spent']},A{row})",
    )
    _formulas(financial, 3, lambda row: f"=C{row}-B{row}")
    _formulas(financial, 4, lambda row: f"=IF(B{row}>0,ROUND(100*C{row}/B{row},1),0)")
    budget = records["budget"][records["budget"]["name"] == report["budget"]]
    cap = ruleset(budget["rules"].iloc[0]).flexibility_pct if len(budget) else None
    if cap is not None:
        over, fine = (
            t(f"followup.flexibility.{word}", lang, cap=format_number(cap, lang)) for word in ("over", "fine")
        )
        financial[t("followup.column.flexibility", lang)] = [
            # exact, not the rounded per cent of column E: 25.04 % over is over a 25 % flexibility
            Formula(f'=IF(AND(B{row}>0,(C{row}-B{row})*100>{cap}*B{row}),"{over}","{fine}")')
            for row in range(2, len(financial) + 2)
        ]
    last = len(financial) + 1
    financial.loc[len(financial)] = [
        t("budget.total", lang),
        Formula(f"=SUM(B2:B{last})"),
        Formula(f"=SUM(C2:C{last})"),
        Formula(f"=C{last + 1}-B{last + 1}"),
        Formula(f"=IF(B{last + 1}>0,ROUND(100*C{last + 1}/B{last + 1},1),0)"),
        *([""] if cap is not None else []),
    ]
    _formulas(tables["indicators"], 5, lambda row: f'=IFERROR(ROUND(100*(E{row}-C{row})/(D{row}-C{row}),0),"")')
    about = (
        t("followup.sheet.report", lang),
        [(t(f"report.field.{name}", lang), str(report[name] or "")) for name in domain("report").field_names]
        + [(t("records.field.association", lang), report["association"])],
    )
    return write_tables(
        [(titles[part], tables[part]) for part in HEADINGS], path, "xlsx", about=about, rtl=is_rtl(lang)
    )


def render_report_page(records: dict[str, pd.DataFrame], lang: str = "fr") -> str:
    """Return the report as one printable HTML page in ``lang``: the narrative, then each table."""
    from saara_kit.html_page import render_page

    report = records["report"].iloc[0]
    title = f"{t('app.report.title', lang)} — {report['association']}"
    facts = "".join(
        f"<dt>{html.escape(t(f'report.field.{name}', lang))}</dt><dd><bdi>{html.escape(str(value))}</bdi></dd>"
        for name, value in (
            ("project", report["project"]),
            ("period", report["period"]),
            ("as_of", format_date(report["as_of"], lang)),
        )
    )
    parts = [f"<h1>{html.escape(title)}</h1>", f'<dl class="saara-record">{facts}</dl>']
    for name in ("progress", "difficulties", "next_steps"):
        if report[name]:
            parts += [
                f"<h2>{html.escape(t(f'report.field.{name}', lang))}</h2>",
                f'<p class="saara-narrative"><bdi>{html.escape(str(report[name]))}</bdi></p>',
            ]
    for part, table in report_tables(records, lang).items():
        if len(table) and part != "lines":
            parts += [f"<h2>{html.escape(t(f'followup.sheet.{part}', lang))}</h2>", styled_table(table, lang).to_html()]
    body = f'<div class="saara-report" {owner_mark(report["association"])}>' + "\n".join(parts) + "</div>"
    return render_page(lang, title, body, style=REPORT_STYLE)


def write_report(
    store, hub_id: str, association: str, output: str | Path | None = None, lang: str = "fr", pdf: bool = True
) -> list[Path]:
    """Write one association's report: ``report-<association>.xlsx``, ``.html`` and, with ``pdf`` and
    Chromium, ``.pdf``, in folder ``output`` (default ``outputs/<hub>/``; a file name: those files),
    never over another association's (``file_names.output_stem``); return the paths written."""
    from saara_kit.exports.pdf import print_pdf

    records = report_records(store, hub_id, association)
    stem = output_stem(
        None if output is None else Path(output), hub_id, str(records["report"]["association"].iloc[0]), FILE_KIND
    )
    stem.parent.mkdir(parents=True, exist_ok=True)
    page = stem.with_name(stem.name + ".html")
    page.write_text(render_report_page(records, lang), encoding="utf-8")
    written = [write_report_workbook(records, stem.with_name(stem.name + ".xlsx"), lang), page]
    return written + ([print_pdf(page)] if pdf else [])
