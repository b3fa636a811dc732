"""Execute one lesson with papermill, in its run's language, and write its static page."""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from saara_kit.data import load_hub
from saara_kit.i18n import normalise_lang, t
from saara_kit.lessons import NATIONAL, for_dossier, localise
from saara_kit.runner.pages import export_page, take_warnings

__all__ = ["RunResult", "hub_title", "run_notebook"]


@dataclass(frozen=True)
class RunResult:
    """How one lesson's run for one hub ended; a failed run names its cell (1 = the first) and error."""

    hub_id: str
    notebook: str
    html: Path | None
    seconds: float
    error: str = ""
    warnings: tuple[str, ...] = ()
    stale: Path | None = None  # a failed run's last good page, left in place
    cell: int | None = None
    executed: Path | None = None  # the executed notebook, kept when the run failed too


def hub_title(hub_id: str, lang: str) -> str:
    """The hub's name in ``lang`` (the nation's for a national lesson), as pages and dossiers show it."""
    return t("run.national", lang) if hub_id == NATIONAL else load_hub(hub_id).name(lang)


def _kernel_config(folder: str):
    """Kernels talk over Unix sockets in a private folder: nothing listens on the network, and
    the kernel has no "running over TCP without encryption" warning to print."""
    from traitlets.config import Config

    return Config({"KernelManager": {"transport": "ipc", "ip": f"{folder}/kernel"}})


def run_notebook(notebook: Path, output_dir: Path, parameters: dict) -> RunResult:
    """Execute the lesson ``notebook`` in ``parameters["lang"]``; write the executed notebook and its page.

    A failing cell still writes the executed notebook, so the error can be read there; the hub's
    last good page stays in place and the result names it as ``stale``.
    """
    import nbformat
    import papermill

    started = time.perf_counter()
    output_dir.mkdir(parents=True, exist_ok=True)
    executed = output_dir / notebook.name
    page = output_dir / f"{notebook.stem}.html"
    hub_id = parameters.get("region") or NATIONAL  # a national lesson has no hub
    lang = normalise_lang(parameters.get("lang"))
    try:
        lesson = localise(nbformat.read(notebook, as_version=4), lang)
        with tempfile.TemporaryDirectory(prefix="saara-kernel-") as sockets:
            ran = papermill.execute_notebook(
                lesson,
                str(executed),
                parameters=parameters,
                kernel_name="python3",
                cwd=str(notebook.parent),
                progress_bar=False,
                shutdown_kernel="immediate",
                config=_kernel_config(sockets),
            )
        warnings = take_warnings(ran)
        body = export_page(for_dossier(ran), lang, hub_title(hub_id, lang))
    except Exception as error:  # a failing cell, a dead kernel, a timeout: report it, let the other runs go on
        failed = isinstance(error, papermill.PapermillExecutionError)
        message = f"{error.ename}: {error.evalue}" if failed else f"{type(error).__name__}: {error}"
        return RunResult(
            hub_id,
            notebook.stem,
            None,
            time.perf_counter() - started,
            message,
            stale=page if page.exists() else None,
            cell=error.cell_index + 1 if failed else None,
            executed=executed if executed.exists() else None,
        )
    page.write_text(body, encoding="utf-8")
    return RunResult(hub_id, notebook.stem, page, time.perf_counter() - started, warnings=warnings, executed=executed)
