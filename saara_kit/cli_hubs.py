"""The ``saara-kit`` commands that carry a hub's data and people between machines: ``bundle export``,
``bundle import`` (an offline hub's records, merged without loss) and ``trainers`` (codes for the
shared JupyterHub of ``deploy/``)."""
from __future__ import annotations

import os
from pathlib import Path

from saara_kit.i18n import normalise_lang, t
from saara_kit.store import open_store

__all__ = ["bundle_export", "bundle_import", "trainers"]


def trainers(args) -> int:
    from saara_kit.data import load_region
    from saara_kit.deploy.trainers import add_trainer_codes

    hub = load_region(args.region)
    path = args.file or Path(os.environ.get("SAARA_HUB_DIR") or "hub-data") / "trainers.yaml"
    for code in add_trainer_codes(path, hub.id, args.count):
        print(code)
    print(t("deploy.trainers_written", normalise_lang(args.lang), count=args.count, hub=hub.name(normalise_lang(args.lang)),
            path=path))
    return 0


def bundle_export(args) -> int:
    from saara_kit.data import load_region
    from saara_kit.store.bundle import export_bundle

    hub = load_region(args.region)
    with open_store(args.data_dir, args.db_url) as store:
        count = export_bundle(store, hub.id, args.output)
    print(t("bundle.exported", normalise_lang(args.lang), count=count, hub=hub.id, path=args.output))
    return 0


def bundle_import(args) -> int:
    from saara_kit.registry import domains
    from saara_kit.store.bundle import import_bundle

    lang = normalise_lang(args.lang)
    kinds = {kind.kind: kind for kind in domains().values()}
    with open_store(args.data_dir, args.db_url) as store:
        report = import_bundle(store, args.file)
        for conflict in report.conflicts:
            kind = kinds.get(conflict.kind)
            latest = store.history(conflict.record_id)[-1].payload
            print(t("bundle.conflict", lang, kind=kind.name if kind else conflict.kind,
                    name=kind.name_of(latest) if kind else conflict.record_id, association=conflict.association,
                    local=conflict.local, imported=", ".join(map(str, conflict.imported))))
    for association in report.codes_kept:
        print(t("bundle.code_kept", lang, association=association))
    print(t("bundle.imported", lang, count=report.added, already=report.already, conflicts=len(report.conflicts),
            hub=report.region))
    return 0
