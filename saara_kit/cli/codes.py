"""``saara-kit codes``: give associations their codes and print them as cards to hand out."""

from __future__ import annotations

from pathlib import Path

from saara_kit.cli.language import common_options
from saara_kit.cli.shared import add_command, store_of
from saara_kit.i18n import normalise_lang, t

__all__ = ["add_parser", "run"]


def add_parser(subparsers, lang: str) -> None:
    """Add ``codes`` and its options."""
    coder = add_command(subparsers, "codes", lang)
    coder.add_argument("--region", required=True, help=t("cli.codes.region", lang))
    coder.add_argument(
        "--association",
        action="append",
        dest="associations",
        default=[],
        metavar="ASSOCIATION",
        help=t("cli.codes.association", lang),
    )
    coder.add_argument("-o", "--output", type=Path, help=t("cli.codes.output", lang))
    common_options(coder, lang)


def run(args) -> int:
    """Give the codes, print them, and write the cards (each in its association's language)."""
    from saara_kit.data import load_hub
    from saara_kit.exports.code_cards import write_code_cards
    from saara_kit.grants.submitted import chosen_languages
    from saara_kit.records.domain import validate_association
    from saara_kit.store.codes import give_codes

    hub = load_hub(args.region)
    lang = normalise_lang(args.lang or hub.default_lang)
    with store_of(args) as store:
        codes = give_codes(store, hub.id, [validate_association(name) for name in args.associations])
        chosen = chosen_languages(store, hub.id)  # each card in its association's language, else in French and Arabic
    for name, code in sorted(codes.items()):
        print(f"{code}  {name}")
    path = write_code_cards(
        args.output or args.data_dir / f"codes-{hub.id}.html",
        hub.name(lang),
        codes,
        lang,
        card_langs={name: (chosen[name],) for name in codes if name in chosen},
        hub_in=hub.name,
    )
    print(t("codes.written", lang, count=len(codes), path=path))
    return 0
