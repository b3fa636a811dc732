"""The demonstration (``saara-kit serve --demo``): the samples in a store of their own, and the code
cards that open the private forms (an application; a review, through the reviews' ``access.demo_cards``)
on them."""

from __future__ import annotations

from pathlib import Path

from saara_kit.data import Hub
from saara_kit.store import open_store

__all__ = ["load_samples", "prepare_demo"]


def load_samples(db_url: str) -> None:
    """Load every registered domain's sample records into the demonstration store at ``db_url``."""
    from saara_kit.exports.transfer import import_every_sample

    with open_store(db_url=db_url) as store:
        import_every_sample(store)


def prepare_demo(db_url: str, hub: Hub, folder: Path, lang: str) -> tuple[Path, ...]:
    """Load the samples into the demonstration store at ``db_url`` and give its associations of ``hub``
    their codes; each domain whose forms open with codes of their own gives its demonstration codes too
    (``access.demo_cards``: two reviewers, each assigned the hub's submitted applications). Write the
    cards into ``folder``; return their paths, the associations' first."""
    from saara_kit.exports.code_cards import write_code_cards
    from saara_kit.registry import domains
    from saara_kit.store.codes import give_codes

    load_samples(db_url)
    with open_store(db_url=db_url) as store:
        codes = give_codes(store, hub.id)
        cards = [
            declared.access.demo_cards(store, hub, folder, lang)
            for declared in domains().values()
            if declared.access.demo_cards is not None
        ]
    return (write_code_cards(folder / f"codes-{hub.id}.html", hub.name(lang), codes, lang), *cards)
