"""``saara-kit serve``: the participants' forms, over Voilà, on this laptop or the hub's LAN."""

from __future__ import annotations

from saara_kit.cli.language import common_options
from saara_kit.cli.shared import add_command
from saara_kit.i18n import t
from saara_kit.settings import GRACE_SECONDS, default_hub_id

__all__ = ["add_parser", "run"]


def add_parser(subparsers, lang: str) -> None:
    """Add ``serve`` and its options."""
    serve = add_command(subparsers, "serve", lang)
    common_options(serve, lang)
    serve.add_argument("--host", default="127.0.0.1", help=t("cli.serve.host", lang))
    serve.add_argument("--port", type=int, default=8866, help=t("cli.serve.port", lang))
    serve.add_argument("--region", default=default_hub_id(), help=t("cli.serve.region", lang))
    serve.add_argument("--no-token", action="store_true", help=t("cli.serve.no_token", lang))
    serve.add_argument("--open-lan", action="store_true", help=t("cli.serve.open_lan", lang))
    serve.add_argument("--room", type=int, default=0, metavar="N", help=t("cli.serve.room", lang))
    serve.add_argument("--demo", action="store_true", help=t("cli.serve.demo", lang))
    serve.add_argument("--preheat", action="append", default=[], metavar="APP", help=t("cli.serve.preheat", lang))
    serve.add_argument("--grace", type=int, default=GRACE_SECONDS, metavar="S", help=t("cli.serve.grace", lang))
    serve.add_argument("--new-codes", action="store_true", help=t("cli.serve.new_codes", lang))
    serve.add_argument("--verbose", action="store_true", help=t("cli.serve.verbose", lang))


def run(args) -> int:
    """Serve the forms until stopped."""
    from saara_kit.serve.server import serve

    serve(
        host=args.host,
        port=args.port,
        hub_id=args.region,
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
