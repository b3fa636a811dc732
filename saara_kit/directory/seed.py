"""Seed a hub's directory with the kit's own resources (``datasets/resources.csv``), once
(``saara-kit seed-directory``). A store that already holds them is left as its trainers made it."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from saara_kit.store import Store

__all__ = ["SEED_COMMAND", "seed_directory"]

SEED_COMMAND = "seed-directory"  # the command, as the empty directory page names it


def seed_directory(store: Store) -> int:
    """Import the kit's resources into ``store``'s directory; return the new revisions (0 the
    second time: a resource already there is neither copied again nor brought back once withdrawn)."""
    from saara_kit.directory.domain import DIRECTORY
    from saara_kit.exports.transfer import import_samples

    return import_samples(store, DIRECTORY)
