"""``saara-kit lab``: JupyterLab on the lessons, in the hub's language, in this process's place."""

from __future__ import annotations

import os
from pathlib import Path

from saara_kit.cli.language import common_options
from saara_kit.cli.shared import add_command
from saara_kit.i18n import t
from saara_kit.settings import default_hub_id

__all__ = ["add_parser", "run"]


def add_parser(subparsers, lang: str) -> None:
    """Add ``lab`` and its options."""
    lab = add_command(subparsers, "lab", lang)
    lab.add_argument("--region", default=None, help=t("cli.lab.region", lang))
    lab.add_argument("--port", type=int, default=8888, help=t("cli.lab.port", lang))
    lab.add_argument("--no-browser", action="store_true", help=t("cli.lab.no_browser", lang))
    common_options(lab, lang)


def run(args) -> int:
    """Prepare the lessons and their settings, then become JupyterLab."""
    from saara_kit.lab import lab_arguments, lab_language, prepare_lab

    data_dir = Path(args.data_dir).resolve()
    hub_id = args.region or default_hub_id(data_dir)  # the hub this laptop serves, unless told
    lang = lab_language(args.lang, hub_id)
    lessons, settings = prepare_lab(lang, hub_id, data_dir / "lab")
    os.environ.update(SAARA_DATA_DIR=str(data_dir), SAARA_REGION=hub_id, SAARA_LANG=lang)
    if args.db_url:
        os.environ["SAARA_DB_URL"] = args.db_url
    print(t("lab.open", lang, path=lessons), flush=True)
    arguments = lab_arguments(lessons, settings, args.port, browser=not args.no_browser)
    os.execv(arguments[0], arguments)  # JupyterLab takes this process's place: stopping it stops JupyterLab
    return 0  # not reached
