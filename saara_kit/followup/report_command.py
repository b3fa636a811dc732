"""The ``saara-kit report`` command: a funded project's report for its funder (the workbook with
live formulas, a printable page, and its PDF with Chromium)."""

from __future__ import annotations

import sys

from saara_kit.cli.shared import one_association_page
from saara_kit.i18n import normalise_lang, t
from saara_kit.store import open_store

__all__ = ["add_parser", "run"]


def add_parser(subparsers, lang: str) -> None:
    """Add ``report`` and its options."""
    one_association_page(subparsers, "report", lang)


def run(args) -> int:
    from saara_kit.data import load_hub
    from saara_kit.exports.pdf import chromium
    from saara_kit.followup.report_file import write_report
    from saara_kit.records.domain import validate_association

    lang = normalise_lang(args.lang or load_hub(args.region).default_lang)
    association = validate_association(args.association)
    pdf = not args.no_pdf and chromium() is not None
    with open_store(args.data_dir, args.db_url) as store:
        written = write_report(store, args.region, association, args.output, lang, pdf=pdf)
    print("\n".join(t("report.written", lang, path=path) for path in written))
    if not args.no_pdf and not pdf:
        print(t("pdf.no_chromium", lang), file=sys.stderr)
    return 0
