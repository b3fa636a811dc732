"""The ``saara-kit onepager`` command: an association's one-pager for the APC or the wilaya (HTML,
and PDF with Chromium), in its language."""

from __future__ import annotations

import sys

from saara_kit.cli.shared import one_association_page
from saara_kit.i18n import normalise_lang, t
from saara_kit.store import open_store

__all__ = ["add_parser", "run"]


def add_parser(subparsers, lang: str) -> None:
    """Add ``onepager`` and its options."""
    one_association_page(subparsers, "onepager", lang)


def run(args) -> int:
    from saara_kit.exports.pdf import chromium
    from saara_kit.onepager import write_onepager
    from saara_kit.records.domain import validate_association

    association = validate_association(args.association)
    with open_store(args.data_dir, args.db_url) as store:
        written, lang = write_onepager(
            store,
            args.region,
            association,
            args.output,
            lang=normalise_lang(args.lang) if args.lang else None,
            pdf=not args.no_pdf,
        )
    for path in written:
        print(t("onepager.written", lang, language=lang, path=path))
    if not args.no_pdf and not chromium():
        print(t("pdf.no_chromium", lang), file=sys.stderr)
    return 0
