"""Rerun the lessons per hub with papermill, in parallel, into ``outputs/<hub>/``.

Each run executes the lesson in the run's language and writes a dossier wholly in that language:
its prose, tables, charts, title and ``<html lang dir>``; trainer-only cells stay out.
"""
from __future__ import annotations

import os
import time
from datetime import datetime
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from saara_kit.data import list_regions, load_region
from saara_kit.i18n import format_date, format_time, language, normalise_lang, t
from saara_kit.lessons import for_dossier, list_notebooks, localise
from saara_kit.settings import TEMPLATES_DIR, default_data_dir

__all__ = ["RunResult", "list_notebooks", "run_all", "run_notebook"]


@dataclass(frozen=True)
class RunResult:
    """How one notebook run for one hub ended."""

    region: str
    notebook: str
    html: Path | None
    seconds: float
    error: str = ""
    warnings: tuple[str, ...] = ()
    stale: Path | None = None  # a failed run's last good dossier, left in place


def _take_warnings(notebook) -> tuple[str, ...]:
    """Remove what cells wrote to stderr (Python warnings) and return it: the facilitator reads it,
    the dossier never shows it."""
    taken = []
    for cell in notebook.cells:
        outputs = cell.get("outputs", [])
        taken += [output.text for output in outputs if output.get("name") == "stderr"]
        cell["outputs"] = [output for output in outputs if output.get("name") != "stderr"] if outputs else outputs
    return tuple(taken)


def run_notebook(notebook: Path, output_dir: Path, parameters: dict) -> RunResult:
    """Execute the lesson ``notebook`` in ``parameters["lang"]``; write the executed notebook and its dossier.

    A failing cell still writes the executed notebook, so the error can be read there; the hub's
    last good dossier stays in place and the result names it as ``stale``.
    """
    import nbformat
    import papermill
    from nbconvert import HTMLExporter

    started = time.perf_counter()
    output_dir.mkdir(parents=True, exist_ok=True)
    executed = output_dir / notebook.name
    page = output_dir / f"{notebook.stem}.html"
    region = parameters["region"]
    lang = normalise_lang(parameters.get("lang"))
    try:
        lesson = localise(nbformat.read(notebook, as_version=4), lang)
        ran = papermill.execute_notebook(
            lesson, str(executed), parameters=parameters, kernel_name="python3",
            cwd=str(notebook.parent), progress_bar=False, shutdown_kernel="immediate",
        )
        warnings = _take_warnings(ran)
        exporter = HTMLExporter(
            template_name="saara", extra_template_basedirs=[str(TEMPLATES_DIR / "nbconvert" / "templates")],
            exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True,
        )
        page_language = {"output_lang": lang, "output_direction": language(lang)["direction"]}
        body, _ = exporter.from_notebook_node(for_dossier(ran), resources=page_language)
    except Exception as error:  # a failing cell, a dead kernel, a timeout: report it, let the other runs go on
        message = (f"{error.ename}: {error.evalue}" if isinstance(error, papermill.PapermillExecutionError)
                   else f"{type(error).__name__}: {error}")
        stale = page if page.exists() else None
        return RunResult(region, notebook.stem, None, time.perf_counter() - started, message, stale=stale)
    page.write_text(body, encoding="utf-8")
    return RunResult(region, notebook.stem, page, time.perf_counter() - started, warnings=warnings)


def run_all(
    regions: list[str] | None = None,
    notebooks: list[str] | None = None,
    source: str = "store",
    output_dir: Path = Path("outputs"),
    workers: int = 2,
    lang: str | None = None,
    data_dir: str | Path | None = None,
    db_url: str | None = None,
) -> list[RunResult]:
    """Run every (hub, notebook) pair, printing progress; return the failed runs.

    Each hub's notebooks run in ``lang``, else in the hub's own language. The store is ``db_url``,
    else ``$SAARA_DB_URL``, else ``<data_dir>/saara.db``; it reaches the notebooks as a parameter.
    """
    db_url = db_url or os.environ.get("SAARA_DB_URL") or ""
    regions = regions or list_regions()
    chosen = [p for p in list_notebooks() if not notebooks or p.stem in notebooks or p.name in notebooks]
    jobs = []
    for region_id in regions:
        region = load_region(region_id)
        parameters = {
            "region": region_id,
            "lang": lang or region.default_lang,
            "source": source,
            "data_dir": str(Path(data_dir).resolve() if data_dir else default_data_dir()),
            "db_url": db_url,
        }
        jobs += [(notebook, Path(output_dir).resolve() / region_id, parameters) for notebook in chosen]
    said = normalise_lang(lang)  # the facilitator's language for progress lines
    failures = []
    with ProcessPoolExecutor(max_workers=max(1, workers)) as pool:
        futures = [pool.submit(run_notebook, *job) for job in jobs]
        for done, future in enumerate(as_completed(futures), start=1):
            result = future.result()
            status = t("run.failed", said, error=result.error) if result.error else t("run.ok", said)
            print(t("run.progress", said, done=done, total=len(jobs), region=result.region,
                    notebook=result.notebook, status=status, seconds=f"{result.seconds:.1f}"), flush=True)
            if result.stale:
                written = datetime.fromtimestamp(result.stale.stat().st_mtime)
                print(t("run.stale", said, path=result.stale, date=format_date(written.date(), said, "medium"),
                        time=format_time(written, said)), flush=True)
            if result.warnings:
                print(t("run.warnings", said, count=len(result.warnings),
                        path=Path(output_dir) / result.region / f"{result.notebook}.ipynb"), flush=True)
            if result.error:
                failures.append(result)
    return failures
