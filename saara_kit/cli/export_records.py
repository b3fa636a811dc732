"""``saara-kit export``: a domain's current records as CSV, XLSX, iCalendar, HTML or JSON-LD, anonymised if asked."""

from __future__ import annotations

from pathlib import Path

from saara_kit.cli.language import common_options
from saara_kit.cli.shared import add_command, domain_argument, store_of
from saara_kit.i18n import normalise_lang, t

__all__ = ["add_parser", "run"]


def add_parser(subparsers, lang: str) -> None:
    """Add ``export`` and its options."""
    exporter = add_command(subparsers, "export", lang)
    domain_argument(exporter, lang, "cli.export.domain")
    exporter.add_argument(
        "--format", choices=["csv", "xlsx", "ics", "html", "jsonld"], help=t("cli.export.format", lang)
    )
    exporter.add_argument("-o", "--output", type=Path, required=True, help=t("cli.export.output", lang))
    exporter.add_argument("--region", help=t("cli.export.region", lang))
    exporter.add_argument("--association", help=t("cli.export.association", lang))
    exporter.add_argument("--anonymise", action="store_true", help=t("cli.export.anonymise", lang))
    common_options(exporter, lang)


def run(args) -> int:
    """Write the export and say how many records it holds."""
    from saara_kit.data import load_hub
    from saara_kit.exports.anonymise import Anonymiser
    from saara_kit.exports.transfer import export_records
    from saara_kit.registry import domain

    hub = load_hub(args.region) if args.region else None
    lang = normalise_lang(args.lang or (hub.default_lang if hub else None))
    anonymiser = Anonymiser.for_data_dir(args.data_dir) if args.anonymise else None
    with store_of(args) as store:
        count = export_records(
            store,
            domain(args.domain),
            args.output,
            args.format,
            hub_id=args.region,
            lang=lang,
            hub_name=hub.name(lang) if hub else "",
            anonymiser=anonymiser,
            association=args.association,
        )
    print(t("export.done", lang, count=count, path=args.output))
    return 0
