"""The ``saara-kit`` command: serve the forms, import and export records, rerun the notebooks."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from saara_kit import cli_hubs, cli_letters, cli_onepager, cli_report
from saara_kit.cli_language import Parser, asked_lang, common_options, lang_option
from saara_kit.i18n import TranslatedError, format_date, normalise_lang, t
from saara_kit.settings import GRACE_SECONDS, default_region
from saara_kit.validation import ValidationError

__all__ = ["build_parser", "main"]

SHOWN_PROBLEMS = 50  # an import lists this many problems, then counts the rest


def _store(args):
    from saara_kit.store import open_store

    return open_store(args.data_dir, args.db_url)


def _one_association(parser: argparse.ArgumentParser, lang: str) -> None:
    """Add the options of a command about one association (its one-pager, its funder's report)."""
    parser.add_argument("--association", required=True, help=t("cli.association", lang))
    parser.add_argument("--region", required=True, help=t("cli.region", lang))


def build_parser(lang: str | None = None) -> argparse.ArgumentParser:
    """Return the argument parser of ``saara-kit``, its help in ``lang`` (default: ``$SAARA_LANG``, else
    French); each subcommand names its handler."""
    from saara_kit.registry import domains

    lang = normalise_lang(lang or os.environ.get("SAARA_LANG"))
    domain = "{{{}}}".format(",".join(sorted(domains())))  # the domains' names, as argparse shows choices
    parser = Parser(prog="saara-kit", description=t("cli.description", lang), lang=lang)
    lang_option(parser, lang, os.environ.get("SAARA_LANG") or None)
    commands = parser.add_subparsers(dest="command", required=True, help=t("cli.commands", lang))

    def command(name: str, about: str) -> Parser:
        return commands.add_parser(name, help=t(about, lang), description=t(about, lang), lang=lang)

    serve = command("serve", "cli.serve.about")
    common_options(serve, lang)
    serve.add_argument("--host", default="127.0.0.1", help=t("cli.serve.host", lang))
    serve.add_argument("--port", type=int, default=8866, help=t("cli.serve.port", lang))
    serve.add_argument("--region", default=default_region(), help=t("cli.serve.region", lang))
    serve.add_argument("--no-token", action="store_true", help=t("cli.serve.no_token", lang))
    serve.add_argument("--open-lan", action="store_true", help=t("cli.serve.open_lan", lang))
    serve.add_argument("--room", type=int, default=0, metavar="N", help=t("cli.serve.room", lang))
    serve.add_argument("--demo", action="store_true", help=t("cli.serve.demo", lang))
    serve.add_argument("--preheat", action="append", default=[], metavar="APP", help=t("cli.serve.preheat", lang))
    serve.add_argument("--grace", type=int, default=GRACE_SECONDS, metavar="S", help=t("cli.serve.grace", lang))
    serve.add_argument("--new-codes", action="store_true", help=t("cli.serve.new_codes", lang))
    serve.add_argument("--verbose", action="store_true", help=t("cli.serve.verbose", lang))
    serve.set_defaults(handler=_serve)

    importer = command("import", "cli.import.about")
    importer.add_argument("domain", choices=sorted(domains()), metavar=domain, help=t("cli.import.domain", lang))
    importer.add_argument(
        "file", type=Path, nargs="?", metavar=t("cli.import.file_metavar", lang), help=t("cli.import.file", lang)
    )
    importer.add_argument("--region", help=t("cli.import.region", lang))
    importer.add_argument("--association", help=t("cli.import.association", lang))
    importer.add_argument("--template", action="store_true", help=t("cli.import.template", lang))
    importer.add_argument("-o", "--output", type=Path, help=t("cli.import.output", lang))
    common_options(importer, lang)
    importer.set_defaults(handler=_import)

    exporter = command("export", "cli.export.about")
    exporter.add_argument("domain", choices=sorted(domains()), metavar=domain, help=t("cli.export.domain", lang))
    exporter.add_argument(
        "--format", choices=["csv", "xlsx", "ics", "html", "jsonld"], help=t("cli.export.format", lang)
    )
    exporter.add_argument("-o", "--output", type=Path, required=True, help=t("cli.export.output", lang))
    exporter.add_argument("--region", help=t("cli.export.region", lang))
    exporter.add_argument("--association", help=t("cli.export.association", lang))
    exporter.add_argument("--anonymise", action="store_true", help=t("cli.export.anonymise", lang))
    common_options(exporter, lang)
    exporter.set_defaults(handler=_export)

    restorer = command("restore", "cli.restore.about")
    restorer.add_argument("domain", choices=sorted(domains()), metavar=domain, help=t("cli.restore.domain", lang))
    restorer.add_argument("--region", required=True, help=t("cli.restore.region", lang))
    restorer.add_argument("--association", help=t("cli.restore.association", lang))
    restorer.add_argument(
        "--record", action="append", dest="records", default=[], metavar="ID", help=t("cli.restore.record", lang)
    )
    restorer.add_argument("--all", action="store_true", help=t("cli.restore.all", lang))
    common_options(restorer, lang)
    restorer.set_defaults(handler=_restore)

    coder = command("codes", "cli.codes.about")
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
    coder.set_defaults(handler=_codes)

    reviewing = command("reviewers", "cli.reviewers.about")
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
    reviewing.set_defaults(handler=_reviewers)

    letters = command("letters", "cli.letters.about")
    letters.add_argument("--call", help=t("cli.reviewers.call", lang))
    letters.add_argument(
        "-o", "--output", type=Path, default=Path("outputs") / "letters", help=t("cli.letters.output", lang)
    )
    letters.add_argument("--no-pdf", action="store_true", help=t("cli.no_pdf", lang))
    letters.add_argument("--draft", action="store_true", help=t("cli.letters.draft", lang))
    common_options(letters, lang)
    letters.set_defaults(handler=cli_letters.letters)

    wall = command("wall", "cli.wall.about")
    wall.add_argument("--region", required=True, help=t("cli.wall.region", lang))
    wall.add_argument("--source", choices=["sample", "store"], default="store", help=t("cli.run.source", lang))
    wall.add_argument(
        "--format", action="append", dest="formats", choices=["pdf", "png"], help=t("cli.wall.format", lang)
    )
    wall.add_argument("-o", "--output", type=Path, default=Path("outputs"), help=t("cli.wall.output", lang))
    common_options(wall, lang)
    wall.set_defaults(handler=_wall)

    onepager = command("onepager", "cli.onepager.about")
    _one_association(onepager, lang)
    onepager.add_argument("-o", "--output", type=Path, help=t("cli.onepager.output", lang))
    onepager.add_argument("--no-pdf", action="store_true", help=t("cli.no_pdf", lang))
    common_options(onepager, lang)
    onepager.set_defaults(handler=cli_onepager.onepager)

    reporting = command("report", "cli.report.about")
    _one_association(reporting, lang)
    reporting.add_argument("-o", "--output", type=Path, help=t("cli.report.output", lang))
    reporting.add_argument("--no-pdf", action="store_true", help=t("cli.no_pdf", lang))
    common_options(reporting, lang)
    reporting.set_defaults(handler=cli_report.report)

    run = command("run", "cli.run.about")
    run.add_argument("--region", action="append", dest="regions", help=t("cli.run.region", lang))
    run.add_argument("--notebook", action="append", dest="notebooks", help=t("cli.run.notebook", lang))
    run.add_argument("--source", choices=["sample", "store"], default="store", help=t("cli.run.source", lang))
    run.add_argument("--output", type=Path, default=Path("outputs"), help=t("cli.run.output", lang))
    run.add_argument("--workers", type=int, default=os.cpu_count() or 1, help=t("cli.run.workers", lang))
    run.add_argument("--national", action="store_true", help=t("cli.run.national", lang))
    run.add_argument("--no-pdf", action="store_true", help=t("cli.run.no_pdf", lang))
    common_options(run, lang)
    run.set_defaults(handler=_run)

    trainers = command("trainers", "cli.trainers.about")
    trainers.add_argument("--region", required=True, help=t("cli.trainers.region", lang))
    trainers.add_argument("--count", type=int, default=1, help=t("cli.trainers.count", lang))
    trainers.add_argument("--file", type=Path, default=None, help=t("cli.trainers.file", lang))
    lang_option(trainers, lang, argparse.SUPPRESS)
    trainers.set_defaults(handler=cli_hubs.trainers)

    cli_hubs.add_bundle_commands(command("bundle", "cli.bundle.about"), lang)
    from saara_kit.directory.seed import SEED_COMMAND, add_seed_command  # the directory's one command

    add_seed_command(command(SEED_COMMAND, "cli.seed_directory.about"), lang)

    lab = command("lab", "cli.lab.about")
    lab.add_argument("--region", default=None, help=t("cli.lab.region", lang))
    lab.add_argument("--port", type=int, default=8888, help=t("cli.lab.port", lang))
    lab.add_argument("--no-browser", action="store_true", help=t("cli.lab.no_browser", lang))
    common_options(lab, lang)
    lab.set_defaults(handler=_lab)
    commands.metavar = "{{{}}}".format(",".join(commands.choices))  # errors name it so too, not "command"
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run ``saara-kit``; return the exit status (2 for an error said in the user's language)."""
    args = build_parser(asked_lang(argv)).parse_args(argv)
    try:
        return args.handler(args)
    except TranslatedError as error:  # an unknown hub, a bad hub file, an unreadable file
        print(error.message(normalise_lang(args.lang)), file=sys.stderr)
        return 2
    except ValidationError as error:  # a value given on the command line, such as an association's name
        print("\n".join(error.messages(normalise_lang(args.lang))), file=sys.stderr)
        return 2


def _serve(args) -> int:
    from saara_kit.serve import serve

    serve(
        host=args.host,
        port=args.port,
        region=args.region,
        lang=args.lang,
        data_dir=args.data_dir,
        db_url=args.db_url,
        token=not args.no_token,
        room=args.room,
        demo=args.demo,
        open_lan=args.open_lan,
        preheat=args.preheat,
        grace=args.grace,
        new_codes=args.new_codes,
        verbose=args.verbose,
    )
    return 0


def _import(args) -> int:
    from saara_kit.data import load_region
    from saara_kit.exports.transfer import ImportRejected, import_file, import_workbook, saved_warnings
    from saara_kit.registry import domain, steps
    from saara_kit.store import RevisionConflict

    lang = normalise_lang(args.lang)
    if args.template:
        return _template(args, lang)
    if args.file is None or args.region is None:
        raise TranslatedError("import.file_and_region")
    load_region(args.region)  # an unknown hub is said by main()
    try:
        with _store(args) as store:
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


def _restore(args) -> int:
    from saara_kit.data import load_region
    from saara_kit.registry import domain
    from saara_kit.store import RevisionConflict
    from saara_kit.store.restore import restore, withdrawn

    hub = load_region(args.region)
    lang = normalise_lang(args.lang or hub.default_lang)
    kind = domain(args.domain)
    with _store(args) as store:
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


def _codes(args) -> int:
    from saara_kit.data import load_region
    from saara_kit.exports.code_cards import write_code_cards
    from saara_kit.grants.submitted import chosen_languages
    from saara_kit.records.domain import validate_association
    from saara_kit.store.codes import give_codes

    hub = load_region(args.region)
    lang = normalise_lang(args.lang or hub.default_lang)
    with _store(args) as store:
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


def _reviewers(args) -> int:
    from saara_kit.exports.code_cards import write_code_cards
    from saara_kit.grants.call import load_call, open_call
    from saara_kit.grants.reviewers import assigned_to, enlist
    from saara_kit.records.domain import validate_participant

    call = load_call(args.call) if args.call else open_call()
    lang = normalise_lang(args.lang)
    with _store(args) as store:
        codes = enlist(
            store, call, [validate_participant(name) for name in args.reviewers], args.regions or call.regions
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
    from saara_kit.exports.anonymise import Anonymiser
    from saara_kit.exports.transfer import export_records
    from saara_kit.registry import domain

    hub = load_region(args.region) if args.region else None
    lang = normalise_lang(args.lang or (hub.default_lang if hub else None))
    anonymiser = Anonymiser.for_data_dir(args.data_dir) if args.anonymise else None
    with _store(args) as store:
        count = export_records(
            store,
            domain(args.domain),
            args.output,
            args.format,
            region=args.region,
            lang=lang,
            hub_name=hub.name(lang) if hub else "",
            anonymiser=anonymiser,
            association=args.association,
        )
    print(t("export.done", lang, count=count, path=args.output))
    return 0


def _wall(args) -> int:
    from saara_kit.data import load_region
    from saara_kit.exports.wall import WALL_FORMATS, wall_charts, write_a3
    from saara_kit.registry import domain
    from saara_kit.store.repository import load_records

    hub = load_region(args.region)
    lang = normalise_lang(args.lang or hub.default_lang)
    frames = [
        load_records(domain(name), args.source, region=hub.id, data_dir=args.data_dir, db_url=args.db_url)
        for name in ("stakeholders", "relations", "objectives", "influences", "positions")
    ]
    charts = wall_charts(domain("stakeholders").with_defaults(frames[0]), *frames[1:], hub.name(lang), lang)
    folder = args.output / hub.id
    for name, chart in charts.items():
        for fmt in args.formats or WALL_FORMATS:
            print(t("wall.written", lang, path=write_a3(chart, folder / f"{name}.{fmt}")))
    return 0


def _run(args) -> int:
    from saara_kit.runner import run_all

    failures = run_all(
        regions=args.regions,
        notebooks=args.notebooks,
        source=args.source,
        output_dir=args.output,
        workers=args.workers,
        lang=args.lang,
        data_dir=args.data_dir,
        db_url=args.db_url,
        national=args.national,
        pdf=not args.no_pdf,
    )
    return 1 if failures else 0


def _lab(args) -> int:
    from saara_kit.lab import lab_arguments, lab_language, prepare_lab

    data_dir = Path(args.data_dir).resolve()
    region = args.region or default_region(data_dir)  # the hub this laptop serves, unless told
    lang = lab_language(args.lang, region)
    lessons, settings = prepare_lab(lang, region, data_dir / "lab")
    os.environ.update(SAARA_DATA_DIR=str(data_dir), SAARA_REGION=region, SAARA_LANG=lang)
    if args.db_url:
        os.environ["SAARA_DB_URL"] = args.db_url
    print(t("lab.open", lang, path=lessons), flush=True)
    arguments = lab_arguments(lessons, settings, args.port, browser=not args.no_browser)
    os.execv(arguments[0], arguments)  # JupyterLab takes this process's place: stopping it stops JupyterLab
    return 0  # not reached


if __name__ == "__main__":
    sys.exit(main())
