"""Rerun every (hub, lesson) in parallel; then each hub's dossier, printed to PDF when Chromium is here."""

from __future__ import annotations

import os
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from itertools import groupby
from pathlib import Path

from saara_kit.exports.pdf import chromium, print_pdfs
from saara_kit.i18n import TranslatedError, normalise_lang, t
from saara_kit.runner.dossier import write_dossier
from saara_kit.runner.execute import RunResult, run_notebook
from saara_kit.runner.plan import Job, plan_jobs
from saara_kit.runner.report import progress_bar, result_notes, show_running, summary
from saara_kit.settings import NOTEBOOKS_DIR

__all__ = ["run_all"]


def _execute(jobs: list[Job], workers: int, said: str) -> list[RunResult]:
    """Run the jobs, ``workers`` at a time, under a progress bar; return their results in job order."""
    results: dict[int, RunResult] = {}
    with ProcessPoolExecutor(max_workers=workers) as pool, progress_bar(len(jobs), said) as bar:
        pending = {
            pool.submit(run_notebook, job.notebook, job.output_dir, job.parameters): number
            for number, job in enumerate(jobs)
        }
        while pending:
            show_running(bar, [job for number, job in enumerate(jobs) if number not in results], workers, said)
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                result = results[pending.pop(future)] = future.result()
                for note in result_notes(result, said):
                    bar.write(note)
                bar.update()
    return [results[number] for number in range(len(jobs))]


def _dossiers(jobs: list[Job], results: list[RunResult], pdf: bool, said: str) -> None:
    """Write each hub's ``dossier.html``; print them to ``dossier.pdf``, or say why not."""
    pages = []
    for _, group in groupby(zip(jobs, results), key=lambda pair: pair[0].output_dir):
        group = list(group)
        job = group[0][0]
        pages.append(
            write_dossier(job.output_dir, [result for _, result in group], normalise_lang(job.parameters["lang"]))
        )
    if not pdf:
        return
    if not chromium():
        print(t("run.no_pdf", said), flush=True)
        return
    try:
        for _page, printed in print_pdfs(pages).items():
            print(t("run.pdf_written", said, path=printed), flush=True)
    except TranslatedError as error:  # the HTML dossiers stay; the facilitator is told which PDF failed
        print(error.message(said), flush=True)


def run_all(
    hub_ids: list[str] | None = None,
    notebooks: list[str] | None = None,
    source: str = "store",
    output_dir: Path = Path("outputs"),
    workers: int | None = None,
    lang: str | None = None,
    data_dir: str | Path | None = None,
    db_url: str | None = None,
    national: bool = False,
    pdf: bool = True,
    notebooks_dir: Path = NOTEBOOKS_DIR,
) -> list[RunResult]:
    """Run every (hub, lesson) pair, then the national synthesis when asked; write each hub's
    dossier; print the summary table; return the failed runs.

    Each hub's lessons run in ``lang``, else in the hub's own language; ``workers`` defaults to the
    number of cores. The store is ``db_url``, else ``$SAARA_DB_URL``, else ``<data_dir>/saara.db``; it
    reaches the notebooks as a parameter. A bad hub or lesson name raises before anything runs.
    """
    jobs = plan_jobs(
        hub_ids,
        notebooks,
        national=national,
        source=source,
        output_dir=output_dir,
        lang=lang,
        data_dir=data_dir,
        db_url=db_url or os.environ.get("SAARA_DB_URL") or "",
        notebooks_dir=notebooks_dir,
    )
    said = normalise_lang(lang)  # the facilitator's language
    results = _execute(jobs, max(1, workers or os.cpu_count() or 1), said)
    _dossiers(jobs, results, pdf, said)
    print(summary(results, said), flush=True)
    return [result for result in results if result.error]
