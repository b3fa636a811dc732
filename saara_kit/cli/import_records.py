"""``saara-kit import``: a domain's records from a CSV or XLSX file, all or nothing; or its blank template."""

from __future__ import annotations

import sys
from pathlib import Path

from saara_kit.cli.language import common_options
from saara_kit.cli.shared import add_command, domain_argument, store_of
from saara_kit.i18n import TranslatedError, normalise_lang, t

__all__ = ["SHOWN_PROBLEMS", "add_parser", "run"]

SHOWN_PROBLEMS = 50  # an import lists this many problems, then counts the rest


def add_parser(subparsers, lang: str) -> None:
    """Add ``import`` and its options."""
    importer = add_command(subparsers, "import", lang)
    domain_argument(importer, lang, "cli.import.domain")
    importer.add_argument(
        "file", type=Path, nargs="?", metavar=t("cli.import.file_metavar", lang), help=t("cli.import.file", lang)
    )
    importer.add_argument("--region", help=t("cli.import.region", lang))
    importer.add_argument("--association", help=t("cli.import.association", lang))
    importer.add_argument("--template", action="store_true", help=t("cli.import.template", lang))
    importer.add_argument("-o", "--output", type=Path, help=t("cli.import.output", lang))
    common_options(importer, lang)


def run(args) -> int:
    """Import the file (a whole app's workbook when it has steps); return 1 when it was refused."""
    from saara_kit.data import load_hub
    from saara_kit.exports.transfer import ImportRejected, import_file, import_workbook, saved_warnings
    from saara_kit.registry import domain, steps
    from saara_kit.store import RevisionConflict

    lang = normalise_lang(args.lang)
    if args.template:
        return _template(args, lang)
    if args.file is None or args.region is None:
        raise TranslatedError("import.file_and_region")
    load_hub(args.region)  # an unknown hub is said by main()
    try:
        with store_of(args) as store:
            whole_app = args.file.suffix.lower() in (".xlsx", ".xlsm") and len(steps(args.domain)) > 1
            rows, new = (import_workbook if whole_app else import_file)(
                store, domain(args.domain), args.file, args.region, args.association
            )
            for association, warning in saved_warnings(store, domain(args.domain), args.region):
                print(f"{association} — {warning.message(lang)}", file=sys.stderr)
    except ImportRejected as rejected:
        for message in rejected.messages(lang)[:SHOWN_PROBLEMS]:
            print(message, file=sys.stderr)
        if len(rejected.problems) > SHOWN_PROBLEMS:
            print(t("import.more_problems", lang, count=len(rejected.problems) - SHOWN_PROBLEMS), file=sys.stderr)
        print(t("import.rejected", lang, count=len({p.line for p in rejected.problems})), file=sys.stderr)
        return 1
    except RevisionConflict:
        print(t("import.conflict", lang), file=sys.stderr)
        return 1
    print(t("import.done", lang, count=rows, new=new))
    return 0


def _template(args, lang: str) -> int:
    """Write the domain's blank template (headers, dropdowns, instructions) to ``--output``."""
    from saara_kit.exports.templates import write_template
    from saara_kit.registry import domain

    if args.output is None:
        raise TranslatedError("import.template_needs_output")
    path = write_template(domain(args.domain), args.output, lang)
    print(t("import.template_written", lang, path=path))
    return 0
