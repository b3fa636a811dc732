"""The ``saara-kit`` command: serve the forms, import and export records, rerun the notebooks."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from saara_kit.i18n import TranslatedError, languages, normalise_lang, t
from saara_kit.settings import default_data_dir, default_region

__all__ = ["build_parser", "main"]

SHOWN_PROBLEMS = 50  # an import lists this many problems, then counts the rest


def _store(args):
    from saara_kit.store import open_store

    return open_store(args.data_dir, args.db_url)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data-dir", type=Path, default=default_data_dir(),
                        help="workshop data folder; the store is <data-dir>/saara.db (default: %(default)s)")
    parser.add_argument("--db-url", default=None, help="any SQLAlchemy URL (default: $SAARA_DB_URL, else SQLite)")
    parser.add_argument("--lang", choices=languages(), default=os.environ.get("SAARA_LANG") or None,
                        help="language of pages, messages and headers (default: $SAARA_LANG, else the hub's)")


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of ``saara-kit``; each subcommand names its handler."""
    from saara_kit.registry import domains

    names = sorted(domains())
    parser = argparse.ArgumentParser(prog="saara-kit", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="serve the participants' Voilà forms")
    _common(serve)
    serve.add_argument("--host", default="127.0.0.1", help="0.0.0.0 to serve the hub's LAN (default: %(default)s)")
    serve.add_argument("--port", type=int, default=8866, help="port to listen on (default: %(default)s)")
    serve.add_argument("--region", default=default_region(), help="hub id, params/<id>.yaml (default: %(default)s)")
    serve.add_argument("--no-token", action="store_true", help="serve without an access token")
    serve.add_argument("--pool-size", type=int, default=1, help="preheated kernels kept ready per form")
    serve.add_argument("--sample-data", action="store_true", help="load the bundled sample records first")
    serve.set_defaults(handler=_serve)

    importer = commands.add_parser("import", help="import records from a CSV or XLSX file (all or nothing)")
    importer.add_argument("domain", choices=names)
    importer.add_argument("file", type=Path, nargs="?", help="the CSV or XLSX file to import")
    importer.add_argument("--region", help="hub id the records belong to")
    importer.add_argument("--association", help="association of every row (overrides the file's column)")
    importer.add_argument("--template", action="store_true",
                          help="instead of importing, write an empty XLSX workbook to fill (with -o)")
    importer.add_argument("-o", "--output", type=Path, help="where --template writes the workbook")
    _common(importer)
    importer.set_defaults(handler=_import)

    exporter = commands.add_parser("export", help="export current records to CSV or XLSX")
    exporter.add_argument("domain", choices=names)
    exporter.add_argument("--format", choices=["csv", "xlsx"], help="file format (default: the suffix of -o)")
    exporter.add_argument("-o", "--output", type=Path, required=True, help="the file to write, exactly")
    exporter.add_argument("--region", help="only this hub")
    _common(exporter)
    exporter.set_defaults(handler=_export)

    run = commands.add_parser("run", help="rerun the notebook templates per hub with papermill")
    run.add_argument("--region", action="append", dest="regions", help="hub id (repeat; default: every hub)")
    run.add_argument("--notebook", action="append", dest="notebooks", help="notebook name (default: all)")
    run.add_argument("--source", choices=["sample", "store"], default="store",
                     help="data the notebooks read (default: %(default)s)")
    run.add_argument("--output", type=Path, default=Path("outputs"), help="folder of the dossiers (default: %(default)s)")
    run.add_argument("--workers", type=int, default=2, help="notebooks run at once (default: %(default)s)")
    _common(run)
    run.set_defaults(handler=_run)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run ``saara-kit``; return the exit status (2 for an error said in the user's language)."""
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except TranslatedError as error:  # an unknown hub, a bad hub file, an unreadable file
        print(error.message(normalise_lang(args.lang)), file=sys.stderr)
        return 2


def _serve(args) -> int:
    from saara_kit.serve import serve

    serve(host=args.host, port=args.port, region=args.region, lang=args.lang, data_dir=args.data_dir,
          db_url=args.db_url, token=not args.no_token, pool_size=args.pool_size, sample_data=args.sample_data)
    return 0


def _import(args) -> int:
    from saara_kit.data import load_region
    from saara_kit.exports.transfer import ImportRejected, import_file
    from saara_kit.registry import domain
    from saara_kit.store import RevisionConflict

    lang = normalise_lang(args.lang)
    if args.template:
        return _template(args, lang)
    if args.file is None or args.region is None:
        raise TranslatedError("import.file_and_region")
    load_region(args.region)  # an unknown hub is said by main()
    try:
        with _store(args) as store:
            rows, new = import_file(store, domain(args.domain), args.file, args.region, args.association)
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
    from saara_kit.exports.templates import write_template
    from saara_kit.registry import domain

    if args.output is None:
        raise TranslatedError("import.template_needs_output")
    path = write_template(domain(args.domain), args.output, lang)
    print(t("import.template_written", lang, path=path))
    return 0


def _export(args) -> int:
    from saara_kit.data import load_region
    from saara_kit.exports.transfer import export_records
    from saara_kit.registry import domain

    hub = load_region(args.region) if args.region else None
    lang = normalise_lang(args.lang or (hub.default_lang if hub else None))
    with _store(args) as store:
        count = export_records(store, domain(args.domain), args.output, args.format, region=args.region,
                               lang=lang, hub_name=hub.name(lang) if hub else "")
    print(t("export.done", lang, count=count, path=args.output))
    return 0


def _run(args) -> int:
    from saara_kit.runner import run_all

    failures = run_all(regions=args.regions, notebooks=args.notebooks, source=args.source,
                       output_dir=args.output, workers=args.workers, lang=args.lang,
                       data_dir=args.data_dir, db_url=args.db_url)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
