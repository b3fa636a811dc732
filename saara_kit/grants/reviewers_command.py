"""``saara-kit reviewers``: enlist a call's reviewers, give them codes and print their cards."""

from __future__ import annotations

from pathlib import Path

from saara_kit.cli.language import common_options
from saara_kit.cli.shared import add_command, store_of
from saara_kit.i18n import normalise_lang, t

__all__ = ["add_parser", "run"]


def add_parser(subparsers, lang: str) -> None:
    """Add ``reviewers`` and its options."""
    reviewing = add_command(subparsers, "reviewers", lang)
    reviewing.add_argument("--call", help=t("cli.reviewers.call", lang))
    reviewing.add_argument(
        "--reviewer",
        action="append",
        dest="reviewers",
        default=[],
        metavar="NAME",
        help=t("cli.reviewers.reviewer", lang),
    )
    reviewing.add_argument("--region", action="append", dest="regions", help=t("cli.reviewers.region", lang))
    reviewing.add_argument("-o", "--output", type=Path, help=t("cli.reviewers.output", lang))
    common_options(reviewing, lang)


def run(args) -> int:
    """Enlist the reviewers, print each one's code and workload, and write their cards."""
    from saara_kit.exports.code_cards import write_code_cards
    from saara_kit.grants.call import load_call, open_call
    from saara_kit.grants.reviewers import assigned_to, enlist
    from saara_kit.records.domain import validate_participant

    call = load_call(args.call) if args.call else open_call()
    lang = normalise_lang(args.lang)
    with store_of(args) as store:
        codes = enlist(
            store, call, [validate_participant(name) for name in args.reviewers], args.regions or call.hub_ids
        )
        for name, code in sorted(codes.items()):
            print(t("reviewers.line", lang, code=code, reviewer=name, count=len(assigned_to(store, call.id, name))))
    path = write_code_cards(
        args.output or args.data_dir / f"reviewers-{call.id}.html",
        call.title(lang),
        codes,
        lang,
        words="reviewer_codes",
    )
    print(t("reviewers.written", lang, count=len(codes), path=path))
    return 0
