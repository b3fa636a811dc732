"""Seed a hub's directory with the kit's own resources (``datasets/resources.csv``), once:
``saara-kit seed-directory``. A store that already holds them is left as its trainers made it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from saara_kit.i18n import normalise_lang, t

if TYPE_CHECKING:  # the command's parser is built without the store's imports
    from saara_kit.store import Store

__all__ = ["SEED_COMMAND", "add_seed_command", "seed_directory"]

SEED_COMMAND = "seed-directory"


def seed_directory(store: Store) -> int:
    """Import the kit's resources into ``store``'s directory; return the new revisions (0 the
    second time: a resource already there is neither copied again nor brought back once withdrawn)."""
    from saara_kit.directory.domain import DIRECTORY
    from saara_kit.exports.transfer import import_samples

    return import_samples(store, DIRECTORY)


def _seed(args) -> int:
    from saara_kit.store import open_store

    with open_store(args.data_dir, args.db_url) as store:
        new = seed_directory(store)
    print(t("directory.seeded", normalise_lang(args.lang), count=new))
    return 0


def add_seed_command(parser, lang: str) -> None:
    """Give ``saara-kit seed-directory`` (``parser``) its options and its handler."""
    from saara_kit.cli_language import common_options

    common_options(parser, lang)
    parser.set_defaults(handler=_seed)
