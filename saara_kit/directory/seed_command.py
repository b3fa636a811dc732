"""``saara-kit seed-directory``: load the kit's own resources into a hub's directory, once."""

from __future__ import annotations

from saara_kit.cli.language import common_options
from saara_kit.i18n import normalise_lang, t

__all__ = ["add_parser", "run"]


def add_parser(subparsers, lang: str) -> None:
    """Add ``seed-directory`` and its options."""
    from saara_kit.directory.seed import SEED_COMMAND

    about = t("cli.seed_directory.about", lang)
    seeder = subparsers.add_parser(SEED_COMMAND, help=about, description=about, lang=lang)
    common_options(seeder, lang)


def run(args) -> int:
    """Import the kit's resources into the store's directory; say how many were new."""
    from saara_kit.directory.seed import seed_directory
    from saara_kit.store import open_store

    with open_store(args.data_dir, args.db_url) as store:
        new = seed_directory(store)
    print(t("directory.seeded", normalise_lang(args.lang), count=new))
    return 0
