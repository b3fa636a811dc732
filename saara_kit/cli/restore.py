"""``saara-kit restore``: list a hub's withdrawn records, or bring some (or all) back as new revisions."""

from __future__ import annotations

import sys

from saara_kit.cli.language import common_options
from saara_kit.cli.shared import add_command, domain_argument, store_of
from saara_kit.i18n import TranslatedError, format_date, normalise_lang, t

__all__ = ["add_parser", "run"]


def add_parser(subparsers, lang: str) -> None:
    """Add ``restore`` and its options."""
    restorer = add_command(subparsers, "restore", lang)
    domain_argument(restorer, lang, "cli.restore.domain")
    restorer.add_argument("--region", required=True, help=t("cli.restore.region", lang))
    restorer.add_argument("--association", help=t("cli.restore.association", lang))
    restorer.add_argument(
        "--record", action="append", dest="records", default=[], metavar="ID", help=t("cli.restore.record", lang)
    )
    restorer.add_argument("--all", action="store_true", help=t("cli.restore.all", lang))
    common_options(restorer, lang)


def run(args) -> int:
    """List the withdrawn records, or restore those named; return 1 when someone saved meanwhile."""
    from saara_kit.data import load_hub
    from saara_kit.registry import domain
    from saara_kit.store import RevisionConflict
    from saara_kit.store.restore import restore, withdrawn

    hub = load_hub(args.region)
    lang = normalise_lang(args.lang or hub.default_lang)
    kind = domain(args.domain)
    with store_of(args) as store:
        found = withdrawn(store, kind.kind, hub.id, args.association)
        if not args.records and not args.all:  # only list them
            for withdrawal in found:
                print(
                    t(
                        "restore.line",
                        lang,
                        id=withdrawal.record_id,
                        association=withdrawal.association,
                        name=kind.name_of(withdrawal.payload),
                        author=withdrawal.author,
                        date=format_date(withdrawal.saved_at.date(), lang, "medium"),
                    )
                )
            print(t("restore.listed", lang, count=len(found)))
            return 0
        chosen = found if args.all else [w for w in found if w.record_id in args.records]
        unknown = sorted(set(args.records) - {w.record_id for w in found})
        if unknown:
            raise TranslatedError("restore.not_withdrawn", ids=", ".join(unknown))
        try:
            count = restore(store, chosen, author="trainer")
        except RevisionConflict:
            print(t("restore.conflict", lang), file=sys.stderr)
            return 1
    print(t("restore.done", lang, count=count))
    return 0
