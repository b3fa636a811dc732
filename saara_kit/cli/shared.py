"""What several ``saara-kit`` commands share: their subparser, the domain argument, one association's page, the store."""

from __future__ import annotations

import argparse
from pathlib import Path

from saara_kit.cli.language import Parser, common_options
from saara_kit.i18n import t

__all__ = ["add_command", "domain_argument", "one_association_page", "store_of"]


def add_command(subparsers, name: str, lang: str) -> Parser:
    """Return the subparser of command ``name``, its help and description the catalogue's ``cli.<name>.about``."""
    about = t(f"cli.{name}.about", lang)
    return subparsers.add_parser(name, help=about, description=about, lang=lang)


def domain_argument(parser: argparse.ArgumentParser, lang: str, help_key: str) -> None:
    """Add the positional ``domain`` argument: one of the domains served, shown as ``{a,b,…}``."""
    from saara_kit.registry import domains

    names = sorted(domains())
    parser.add_argument("domain", choices=names, metavar="{{{}}}".format(",".join(names)), help=t(help_key, lang))


def one_association_page(subparsers, name: str, lang: str) -> None:
    """Add command ``name``, which writes one association's page (its one-pager, its funder's report):
    the association and its hub, where to write it (``cli.<name>.output``), whether to skip the PDF."""
    page = add_command(subparsers, name, lang)
    page.add_argument("--association", required=True, help=t("cli.association", lang))
    page.add_argument("--region", required=True, help=t("cli.region", lang))
    page.add_argument("-o", "--output", type=Path, help=t(f"cli.{name}.output", lang))
    page.add_argument("--no-pdf", action="store_true", help=t("cli.no_pdf", lang))
    common_options(page, lang)


def store_of(args):
    """Open the store the command's ``--data-dir`` and ``--db-url`` name."""
    from saara_kit.store import open_store

    return open_store(args.data_dir, args.db_url)
