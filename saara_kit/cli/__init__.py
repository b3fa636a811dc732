"""The ``saara-kit`` command: serve the forms, import and export records, rerun the notebooks.

One module per command, each with ``add_parser(subparsers, lang)`` and ``run(args)``. ``COMMANDS``
lists the kit's own in the order ``-h`` shows them; a domain's own commands (the wall's posters, the
fund's letters) live in its package and come after, as the domain declares them (``app.commands``).
"""

from __future__ import annotations

import importlib
import os
import sys

from saara_kit.cli import (
    bundle,
    codes,
    export_records,
    import_records,
    lab,
    onepager,
    restore,
    run,
    serve,
    trainers,
)
from saara_kit.cli.language import Parser, asked_lang, lang_option
from saara_kit.i18n import TranslatedError, normalise_lang, t
from saara_kit.registry import commands
from saara_kit.validation import ValidationError

__all__ = ["COMMANDS", "build_parser", "main"]

COMMANDS = (
    serve,
    import_records,
    export_records,
    restore,
    codes,
    onepager,
    run,
    trainers,
    bundle,
    lab,
)


def build_parser(lang: str | None = None) -> Parser:
    """Return the argument parser of ``saara-kit``, its help in ``lang`` (default: ``$SAARA_LANG``, else
    French): the kit's commands, then the domains'; each subcommand names its module's ``run`` as its handler."""
    lang = normalise_lang(lang or os.environ.get("SAARA_LANG"))
    parser = Parser(prog="saara-kit", description=t("cli.description", lang), lang=lang)
    lang_option(parser, lang, os.environ.get("SAARA_LANG") or None)
    subparsers = parser.add_subparsers(dest="command", required=True, help=t("cli.commands", lang))
    for command in (*COMMANDS, *map(importlib.import_module, commands())):
        before = set(subparsers.choices)
        command.add_parser(subparsers, lang)
        for name in set(subparsers.choices) - before:
            subparsers.choices[name].set_defaults(handler=command.run)
    subparsers.metavar = "{{{}}}".format(",".join(subparsers.choices))  # errors name it so too, not "command"
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
