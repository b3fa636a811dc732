"""``saara-kit run``: rerun the lesson notebooks per hub with papermill, in parallel, into HTML dossiers."""

from __future__ import annotations

import os
from pathlib import Path

from saara_kit.cli.language import common_options
from saara_kit.cli.shared import add_command
from saara_kit.i18n import t

__all__ = ["add_parser", "run"]


def add_parser(subparsers, lang: str) -> None:
    """Add ``run`` and its options."""
    rerun = add_command(subparsers, "run", lang)
    rerun.add_argument("--region", action="append", dest="regions", help=t("cli.run.region", lang))
    rerun.add_argument("--notebook", action="append", dest="notebooks", help=t("cli.run.notebook", lang))
    rerun.add_argument("--source", choices=["sample", "store"], default="store", help=t("cli.run.source", lang))
    rerun.add_argument("--output", type=Path, default=Path("outputs"), help=t("cli.run.output", lang))
    rerun.add_argument("--workers", type=int, default=os.cpu_count() or 1, help=t("cli.run.workers", lang))
    rerun.add_argument("--national", action="store_true", help=t("cli.run.national", lang))
    rerun.add_argument("--no-pdf", action="store_true", help=t("cli.run.no_pdf", lang))
    common_options(rerun, lang)


def run(args) -> int:
    """Rerun the notebooks; return 1 when any failed."""
    from saara_kit.runner import run_all

    failures = run_all(
        hub_ids=args.regions,
        notebooks=args.notebooks,
        source=args.source,
        output_dir=args.output,
        workers=args.workers,
        lang=args.lang,
        data_dir=args.data_dir,
        db_url=args.db_url,
        national=args.national,
        pdf=not args.no_pdf,
    )
    return 1 if failures else 0
