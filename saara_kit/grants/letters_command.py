"""The ``saara-kit letters`` command: the reply letter of each submitted application whose decision is
final; the others are named, and written only as drafts when asked."""

from __future__ import annotations

import sys
from pathlib import Path

from saara_kit.cli.language import common_options
from saara_kit.cli.shared import add_command
from saara_kit.i18n import normalise_lang, t
from saara_kit.store import open_store

__all__ = ["add_parser", "run"]


def add_parser(subparsers, lang: str) -> None:
    """Add ``letters`` and its options."""
    letters = add_command(subparsers, "letters", lang)
    letters.add_argument("--call", help=t("cli.reviewers.call", lang))
    letters.add_argument(
        "-o", "--output", type=Path, default=Path("outputs") / "letters", help=t("cli.letters.output", lang)
    )
    letters.add_argument("--no-pdf", action="store_true", help=t("cli.no_pdf", lang))
    letters.add_argument("--draft", action="store_true", help=t("cli.letters.draft", lang))
    common_options(letters, lang)


def run(args) -> int:
    """Write the letters; return 1 when a decision still waits for reviews and no draft was asked."""
    from saara_kit.grants.call import load_call, open_call
    from saara_kit.grants.committee import decisions
    from saara_kit.grants.domain import GRANTS, REVIEWS
    from saara_kit.grants.letters import unsettled_messages, write_letters
    from saara_kit.grants.selection import unsettled
    from saara_kit.store.repository import revisions_frame

    lang = normalise_lang(args.lang)
    call = load_call(args.call) if args.call else open_call()
    with open_store(args.data_dir, args.db_url) as store:
        applications, reviews = (revisions_frame(kind, store.current(kind.kind)) for kind in (GRANTS, REVIEWS))
    decided = decisions(applications, reviews, call)
    said = unsettled_messages(decided, lang, draft=args.draft)
    written = write_letters(
        applications, reviews, args.output, call=call, pdf=not args.no_pdf, decided=decided, draft=args.draft
    )
    drafts = int((unsettled(decided) != "").sum()) if args.draft and len(decided) else 0
    final = sum(path.suffix == ".html" for path in written) - drafts
    print(t("grants.letters.written", lang, count=final, path=args.output))
    for line in said:
        print(line, file=sys.stderr)
    return 1 if said and not args.draft else 0
