"""Print HTML pages to PDF with Debian's Chromium, when it is installed (letters, hub dossiers)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from saara_kit.i18n import TranslatedError
from saara_kit.settings import CHROMIUM_ARGS, CHROMIUM_PATH

__all__ = ["PDF_TIMEOUT_S", "chromium", "print_pdf", "print_pdfs"]

PDF_TIMEOUT_S = 60  # one page; Chromium takes about 2 s for a letter


def chromium() -> str | None:
    """Return the path of Chromium, or None when it is not installed."""
    return shutil.which(CHROMIUM_PATH)


def print_pdf(page: Path) -> Path:
    """Print ``page`` to a PDF beside it and return the PDF's path; raise ``pdf.failed`` when
    Chromium fails or takes longer than ``PDF_TIMEOUT_S`` (it is then killed)."""
    out = page.with_suffix(".pdf")
    out.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="saara-chromium-") as profile:
        command = [
            chromium() or CHROMIUM_PATH,
            *CHROMIUM_ARGS,
            f"--user-data-dir={profile}",
            f"--print-to-pdf={out}",
            "--no-pdf-header-footer",
            page.resolve().as_uri(),
        ]
        process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
        )
        try:
            process.wait(timeout=PDF_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)  # Chromium and its helpers, its own session only
            process.wait()
    if process.returncode != 0 or not out.is_file() or out.stat().st_size == 0:
        raise TranslatedError("pdf.failed", file=page.name)
    return out


def print_pdfs(pages: list[Path]) -> dict[Path, Path]:
    """Print each page to a PDF beside it, a few Chromium processes at a time; return page -> PDF."""
    with ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as pool:
        return dict(zip(pages, pool.map(print_pdf, pages)))
