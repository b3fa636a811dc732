"""``saara-kit wall``: a hub's stakeholder charts as A3 posters (PDF or PNG) for the workshop wall."""

from __future__ import annotations

from pathlib import Path

from saara_kit.cli.language import common_options
from saara_kit.cli.shared import add_command
from saara_kit.i18n import normalise_lang, t

__all__ = ["add_parser", "run"]


def add_parser(subparsers, lang: str) -> None:
    """Add ``wall`` and its options."""
    wall = add_command(subparsers, "wall", lang)
    wall.add_argument("--region", required=True, help=t("cli.wall.region", lang))
    wall.add_argument("--source", choices=["sample", "store"], default="store", help=t("cli.run.source", lang))
    wall.add_argument(
        "--format", action="append", dest="formats", choices=["pdf", "png"], help=t("cli.wall.format", lang)
    )
    wall.add_argument("-o", "--output", type=Path, default=Path("outputs"), help=t("cli.wall.output", lang))
    common_options(wall, lang)


def run(args) -> int:
    """Write each chart in each format asked, under ``<output>/<hub>/``."""
    from saara_kit.data import load_hub
    from saara_kit.registry import domain
    from saara_kit.stakeholders.wall import WALL_FORMATS, wall_charts, write_a3
    from saara_kit.store.repository import load_records

    hub = load_hub(args.region)
    lang = normalise_lang(args.lang or hub.default_lang)
    frames = [
        load_records(domain(name), args.source, hub_id=hub.id, data_dir=args.data_dir, db_url=args.db_url)
        for name in ("stakeholders", "relations", "objectives", "influences", "positions")
    ]
    charts = wall_charts(domain("stakeholders").with_defaults(frames[0]), *frames[1:], hub.name(lang), lang)
    folder = args.output / hub.id
    for name, chart in charts.items():
        for fmt in args.formats or WALL_FORMATS:
            print(t("wall.written", lang, path=write_a3(chart, folder / f"{name}.{fmt}")))
    return 0
