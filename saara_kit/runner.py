"""Rerun the notebook templates per hub with papermill, in parallel, into ``outputs/<hub>/``."""
from __future__ import annotations

import os
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from saara_kit.data import list_regions, load_region
from saara_kit.i18n import is_rtl, normalise_lang, t
from saara_kit.settings import NOTEBOOKS_DIR, TEMPLATES_DIR, default_data_dir

__all__ = ["RunResult", "list_notebooks", "run_all", "run_notebook"]


@dataclass(frozen=True)
class RunResult:
    """How one notebook run for one hub ended."""

    region: str
    notebook: str
    html: Path | None
    seconds: float
    error: str = ""


def list_notebooks(notebooks_dir: Path = NOTEBOOKS_DIR) -> list[Path]:
    """Return the numbered notebook templates, ``NN-topic.ipynb``, in order."""
    return sorted(path for path in notebooks_dir.glob("[0-9][0-9]-*.ipynb"))


def run_notebook(notebook: Path, output_dir: Path, parameters: dict) -> RunResult:
    """Execute ``notebook`` with ``parameters``; write the executed notebook and a static HTML page.

    A failing cell still writes the executed notebook, so the error can be read there.
    """
    import papermill
    from nbconvert import HTMLExporter

    started = time.perf_counter()
    output_dir.mkdir(parents=True, exist_ok=True)
    executed = output_dir / notebook.name
    page = output_dir / f"{notebook.stem}.html"
    page.unlink(missing_ok=True)  # never leave an older dossier standing beside a failed run
    region = parameters["region"]
    try:
        papermill.execute_notebook(
            str(notebook), str(executed), parameters=parameters, kernel_name="python3",
            cwd=str(notebook.parent), progress_bar=False, shutdown_kernel="immediate",
        )
        exporter = HTMLExporter(
            template_name="saara", extra_template_basedirs=[str(TEMPLATES_DIR / "nbconvert" / "templates")],
            exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True,
        )
        direction = "rtl" if is_rtl(parameters.get("lang", "fr")) else "ltr"
        body, _ = exporter.from_filename(str(executed), resources={"output_direction": direction})
    except papermill.PapermillExecutionError as error:
        message = f"{error.ename}: {error.evalue}"
        return RunResult(region, notebook.stem, None, time.perf_counter() - started, message)
    except Exception as error:  # a dead kernel, a timeout: report it, let the other runs go on
        message = f"{type(error).__name__}: {error}"
        return RunResult(region, notebook.stem, None, time.perf_counter() - started, message)
    page.write_text(body, encoding="utf-8")
    return RunResult(region, notebook.stem, page, time.perf_counter() - started)


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
            if result.error:
                failures.append(result)
    return failures
