"""The ``saara-kit`` command: serve the forms, import and export records, rerun the notebooks."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from saara_kit.i18n import LANGUAGES, TranslatedError, normalise_lang, t
from saara_kit.settings import default_data_dir, default_region

__all__ = ["main"]


def _store(args):
    from saara_kit.store import open_store

    return open_store(args.data_dir, args.db_url)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data-dir", type=Path, default=default_data_dir(),
                        help="workshop data folder; the store is <data-dir>/saara.db (default: %(default)s)")
    parser.add_argument("--db-url", default=None, help="any SQLAlchemy URL (default: $SAARA_DB_URL, else SQLite)")
    parser.add_argument("--lang", choices=LANGUAGES, default=os.environ.get("SAARA_LANG") or None,
                        help="language of pages, messages and headers (default: $SAARA_LANG, else the hub's)")


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of ``saara-kit``."""
    parser = argparse.ArgumentParser(prog="saara-kit", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="serve the participants' Voilà forms")
    _common(serve)
    serve.add_argument("--host", default="127.0.0.1", help="0.0.0.0 to serve the hub's LAN (default: %(default)s)")
    serve.add_argument("--port", type=int, default=8866)
    serve.add_argument("--region", default=default_region(), help="hub id, params/<id>.yaml (default: %(default)s)")
    serve.add_argument("--no-token", action="store_true", help="serve without an access token")
    serve.add_argument("--pool-size", type=int, default=1, help="preheated kernels kept ready per form")
    serve.add_argument("--sample-data", action="store_true", help="load the bundled sample records first")

    importer = commands.add_parser("import", help="import records from a CSV or XLSX file (all or nothing)")
    importer.add_argument("domain", choices=["stakeholders"])
    importer.add_argument("file", type=Path)
    importer.add_argument("--region", required=True, help="hub id the records belong to")
    importer.add_argument("--association", help="association of every row (overrides the file's column)")
    _common(importer)

    exporter = commands.add_parser("export", help="export current records to CSV or XLSX")
    exporter.add_argument("domain", choices=["stakeholders"])
    exporter.add_argument("--format", choices=["csv", "xlsx"], required=True)
    exporter.add_argument("-o", "--output", type=Path, required=True)
    exporter.add_argument("--region", help="only this hub")
    _common(exporter)

    run = commands.add_parser("run", help="rerun the notebook templates per hub with papermill")
    run.add_argument("--region", action="append", dest="regions", help="hub id (repeat; default: every hub)")
    run.add_argument("--notebook", action="append", dest="notebooks", help="notebook name (default: all)")
    run.add_argument("--source", choices=["sample", "store"], default="store")
    run.add_argument("--output", type=Path, default=Path("outputs"))
    run.add_argument("--workers", type=int, default=2)
    _common(run)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run ``saara-kit``; return the exit status (2 for an error said in the user's language)."""
    args = build_parser().parse_args(argv)
    try:
        return _dispatch(args)
    except TranslatedError as error:  # an unknown hub, a bad hub file, an unreadable file
        print(error.message(normalise_lang(args.lang)), file=sys.stderr)
        return 2


def _dispatch(args) -> int:
    if args.command in ("import", "export"):
        args.lang = normalise_lang(args.lang)
    if args.command == "serve":
        from saara_kit.serve import serve

        serve(host=args.host, port=args.port, region=args.region, lang=args.lang, data_dir=args.data_dir,
              db_url=args.db_url, token=not args.no_token, pool_size=args.pool_size,
              sample_data=args.sample_data)
        return 0
    if args.command == "import":
        return _import(args)
    if args.command == "export":
        return _export(args)
    if args.command == "run":
        from saara_kit.runner import run_all

        failures = run_all(regions=args.regions, notebooks=args.notebooks, source=args.source,
                           output_dir=args.output, workers=args.workers, lang=args.lang,
                           data_dir=args.data_dir, db_url=args.db_url)
        return 1 if failures else 0
    raise AssertionError(args.command)


def _import(args) -> int:
    from saara_kit.data import load_region
    from saara_kit.stakeholders.transfer import ImportRejected, import_stakeholders
    from saara_kit.store import RevisionConflict

    load_region(args.region)  # an unknown hub is said by main()
    try:
        rows, new = import_stakeholders(_store(args), args.file, args.region, args.association)
    except ImportRejected as rejected:
        for message in rejected.messages(args.lang):
            print(message, file=sys.stderr)
        print(t("import.rejected", args.lang, count=len({p.line for p in rejected.problems})), file=sys.stderr)
        return 1
    except RevisionConflict:
        print(t("import.conflict", args.lang), file=sys.stderr)
        return 1
    print(t("import.done", args.lang, count=rows, new=new))
    return 0


def _export(args) -> int:
    from saara_kit.stakeholders.transfer import export_stakeholders

    output = args.output.with_suffix(f".{args.format}")
    count = export_stakeholders(_store(args), output, region=args.region, lang=args.lang)
    print(t("export.done", args.lang, count=count, path=output))
    return 0


if __name__ == "__main__":
    sys.exit(main())
