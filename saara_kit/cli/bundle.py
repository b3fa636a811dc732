"""``saara-kit bundle``: carry a hub's records between machines: ``bundle export``, ``bundle import`` (an
offline hub's records, signed with the hub's key and merged without loss) and ``bundle key`` (show a
hub's key, or set the one a hub gave)."""

from __future__ import annotations

from pathlib import Path

from saara_kit.cli.language import Parser, common_options
from saara_kit.cli.shared import add_command
from saara_kit.i18n import normalise_lang, t
from saara_kit.store import open_store

__all__ = ["add_parser", "bundle_export", "bundle_import", "bundle_key", "run"]


def add_parser(subparsers, lang: str) -> None:
    """Add ``bundle`` and its subcommands: ``export``, ``import`` and ``key``."""
    bundle = add_command(subparsers, "bundle", lang)
    commands = bundle.add_subparsers(dest="bundle_command", required=True, metavar="{export,import,key}")

    def command(name: str) -> Parser:
        about = t(f"cli.bundle.{name}", lang)
        return commands.add_parser(name, help=about, description=about, lang=lang)

    export = command("export")
    export.add_argument("--region", required=True, help=t("cli.bundle.region", lang))
    export.add_argument("-o", "--output", type=Path, required=True, help=t("cli.bundle.output", lang))
    common_options(export, lang)
    merge = command("import")
    merge.add_argument("file", type=Path, help=t("cli.bundle.file", lang))
    common_options(merge, lang)
    key = command("key")
    key.add_argument("--region", required=True, help=t("cli.bundle.key_region", lang))
    key.add_argument("--set", metavar="KEY", help=t("cli.bundle.set", lang))
    common_options(key, lang, db=False)  # keys live in the data folder, whatever the database


def run(args) -> int:
    """Run the ``bundle`` subcommand asked."""
    return {"export": bundle_export, "import": bundle_import, "key": bundle_key}[args.bundle_command](args)


def bundle_export(args) -> int:
    from saara_kit.data import load_hub
    from saara_kit.store.bundle import export_bundle
    from saara_kit.store.bundle_keys import hub_key

    lang, hub = normalise_lang(args.lang), load_hub(args.region)
    made = hub_key(args.data_dir, hub.id) is None
    with open_store(args.data_dir, args.db_url) as store:
        count = export_bundle(store, hub.id, args.output, hub_key(args.data_dir, hub.id, make=True))
    print(t("bundle.exported", lang, count=count, hub=hub.id, path=args.output))
    if made:  # the national server cannot read the file without it
        print(t("bundle.key_made", lang, hub=hub.id))
    return 0


def bundle_import(args) -> int:
    from saara_kit.registry import domains
    from saara_kit.store.bundle import import_bundle
    from saara_kit.store.bundle_keys import hub_key

    lang = normalise_lang(args.lang)
    kinds = {kind.kind: kind for kind in domains().values()}
    with open_store(args.data_dir, args.db_url) as store:
        report = import_bundle(store, args.file, lambda hub_id: hub_key(args.data_dir, hub_id), domains())
        for conflict in report.conflicts:
            kind = kinds.get(conflict.kind)
            latest = store.history(conflict.record_id)[-1].payload
            print(
                t(
                    "bundle.conflict",
                    lang,
                    kind=kind.name if kind else conflict.kind,
                    name=kind.name_of(latest) if kind else conflict.record_id,
                    association=conflict.association,
                    local=conflict.local,
                    imported=", ".join(map(str, conflict.imported)),
                )
            )
    for withdrawal in report.withdrawn:
        print(
            t(
                "bundle.withdrawn",
                lang,
                kind=kinds[withdrawal.kind].name,
                name=withdrawal.name,
                association=withdrawal.association,
                record=withdrawal.record_id,
                hub=report.hub_id,
            )
        )
    for association in report.codes_kept:
        print(t("bundle.code_kept", lang, association=association))
    for association in report.codes_refused:
        print(t("bundle.code_refused", lang, association=association, hub=report.hub_id))
    print(
        t(
            "bundle.imported",
            lang,
            count=report.added,
            already=report.already,
            conflicts=len(report.conflicts),
            withdrawn=len(report.withdrawn),
            hub=report.hub_id,
        )
    )
    return 0


def bundle_key(args) -> int:
    from saara_kit.data import load_hub
    from saara_kit.store.bundle_keys import hub_key, key_path, set_hub_key, shown_key

    lang, hub = normalise_lang(args.lang), load_hub(args.region)
    if args.set:
        set_hub_key(args.data_dir, hub.id, args.set)
        print(t("bundle.key_set", lang, hub=hub.id, path=key_path(args.data_dir, hub.id)))
        return 0
    print(t("bundle.key", lang, hub=hub.id, secret=shown_key(hub_key(args.data_dir, hub.id, make=True))))
    return 0
