"""``saara-kit trainers``: trainer codes for the shared JupyterHub of ``deploy/``, added to its private file."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from saara_kit.cli.language import lang_option
from saara_kit.cli.shared import add_command
from saara_kit.i18n import normalise_lang, t

__all__ = ["add_parser", "run"]


def add_parser(subparsers, lang: str) -> None:
    """Add ``trainers`` and its options."""
    trainers = add_command(subparsers, "trainers", lang)
    trainers.add_argument("--region", required=True, help=t("cli.trainers.region", lang))
    trainers.add_argument("--count", type=int, default=1, help=t("cli.trainers.count", lang))
    trainers.add_argument("--file", type=Path, default=None, help=t("cli.trainers.file", lang))
    lang_option(trainers, lang, argparse.SUPPRESS)


def run(args) -> int:
    """Add the codes to the hub's file and print them."""
    from saara_kit.data import load_hub
    from saara_kit.deploy.trainers import add_trainer_codes

    hub = load_hub(args.region)
    path = args.file or Path(os.environ.get("SAARA_HUB_DIR") or "hub-data") / "trainers.yaml"
    for code in add_trainer_codes(path, hub.id, args.count):
        print(code)
    print(
        t(
            "deploy.trainers_written",
            normalise_lang(args.lang),
            count=args.count,
            hub=hub.name(normalise_lang(args.lang)),
            path=path,
        )
    )
    return 0
