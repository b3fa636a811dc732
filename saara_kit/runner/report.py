"""What a rerun tells the facilitator, in their language: a progress bar while it runs, then a
table of every hub × lesson and, for each failure, its cell and error."""

from __future__ import annotations

import sys
from datetime import datetime

import pandas as pd

from saara_kit.i18n import format_date, format_time, t
from saara_kit.runner.execute import RunResult
from saara_kit.runner.plan import Job

__all__ = ["progress_bar", "result_notes", "show_running", "summary"]


def progress_bar(total: int, lang: str):
    """A tqdm bar on stderr: done / total, time so far, time left, and what is running."""
    from tqdm import tqdm

    return tqdm(
        total=total, desc=t("run.bar", lang), bar_format=t("run.bar_format", lang), file=sys.stderr, dynamic_ncols=True
    )


def show_running(bar, running: list[Job], workers: int, lang: str) -> None:
    """Name the lessons now running (the pool takes jobs in order, ``workers`` at a time)."""
    shown = [f"{job.hub_id} · {job.notebook.stem[:2]}" for job in running[:workers]]
    bar.set_postfix_str(t("run.running", lang, jobs=", ".join(shown)) if shown else "", refresh=True)


def result_notes(result: RunResult, lang: str) -> list[str]:
    """The lines to say beside the bar when a run ends: a stale page, warnings left out."""
    notes = []
    if result.stale:
        written = datetime.fromtimestamp(result.stale.stat().st_mtime)
        notes.append(
            t(
                "run.stale",
                lang,
                path=result.stale,
                date=format_date(written.date(), lang, "medium"),
                time=format_time(written, lang),
            )
        )
    if result.warnings:
        notes.append(t("run.warnings", lang, count=len(result.warnings), path=result.executed))
    return notes


def summary(results: list[RunResult], lang: str) -> str:
    """Return the table of every run (hub, lesson, ok or failed, seconds), then each failure's
    hub, lesson, cell and error, and where its executed notebook was kept."""
    rows = [
        {
            t("run.col.hub", lang): result.hub_id,
            t("run.col.notebook", lang): result.notebook,
            t("run.col.status", lang): t("run.failed_short" if result.error else "run.ok", lang),
            t("run.col.seconds", lang): f"{result.seconds:.1f}",
        }
        for result in sorted(results, key=lambda result: (result.hub_id, result.notebook))
    ]
    table = pd.DataFrame(rows)
    left = {column: f"{{:<{table[column].str.len().max()}}}".format for column in table.columns[:3]} if rows else {}
    lines = [table.to_string(index=False, justify="left", formatters=left)] if rows else []
    failed = [result for result in results if result.error]
    for result in failed:
        lines.append(
            t(
                "run.failure",
                lang,
                region=result.hub_id,
                notebook=result.notebook,
                cell=result.cell or "—",
                error=result.error,
            )
        )
        if result.executed:
            lines.append(t("run.kept", lang, path=result.executed))
    lines.append(t("run.counts", lang, count=len(results), failed=len(failed)))
    return "\n".join(lines)
