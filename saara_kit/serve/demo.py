"""The demonstration (``saara-kit serve --demo``): the samples in a store of their own, and the code
cards that open the private forms (an application, a review) on them."""

from __future__ import annotations

from pathlib import Path

from saara_kit.data import Region
from saara_kit.i18n import t
from saara_kit.store import open_store

__all__ = ["load_samples", "prepare_demo"]


def load_samples(db_url: str) -> None:
    """Load every registered domain's sample records into the demonstration store at ``db_url``."""
    from saara_kit.exports.transfer import import_every_sample

    with open_store(db_url=db_url) as store:
        import_every_sample(store)


def prepare_demo(db_url: str, hub: Region, folder: Path, lang: str) -> tuple[Path, Path]:
    """Load the samples into the demonstration store at ``db_url``, give its associations of ``hub``
    their codes and two demonstration reviewers theirs (each assigned the hub's submitted
    applications); write both sets of cards into ``folder`` and return their paths."""
    from saara_kit.exports.code_cards import write_code_cards
    from saara_kit.grants.call import open_call
    from saara_kit.grants.reviewers import enlist
    from saara_kit.store.codes import give_codes

    load_samples(db_url)
    call = open_call()
    with open_store(db_url=db_url) as store:
        codes = give_codes(store, hub.id)
        reviewers = enlist(store, call, [t("serve.demo_reviewer", lang, number=n) for n in (1, 2)], [hub.id])
    return (
        write_code_cards(folder / f"codes-{hub.id}.html", hub.name(lang), codes, lang),
        write_code_cards(folder / f"reviewers-{call.id}.html", call.title(lang), reviewers, lang, "reviewer_codes"),
    )
