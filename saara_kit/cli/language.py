"""argparse in the user's language: its headings, its ``-h`` and its error messages, said from
the catalogue (argparse words them in English, through gettext, which the kit leaves alone)."""

from __future__ import annotations

import argparse
import os
import re
import sys
from functools import partial
from pathlib import Path

from saara_kit.i18n import declared_lang, languages, normalise_lang, t
from saara_kit.settings import default_data_dir

__all__ = ["Parser", "asked_lang", "common_options", "lang_option"]


# argparse words its errors in English (through gettext, which the kit leaves alone); _Parser.error
# says the common ones in the user's language. The key's {placeholders} are the pattern's groups.
_ARGPARSE_ERRORS = tuple(
    (re.compile(pattern, re.DOTALL), key)
    for pattern, key in (
        (r"argument (?P<name>[^:]+): (?P<message>.+)", "cli.error.argument"),
        (r"the following arguments are required: (?P<names>.+)", "cli.error.required"),
        (r"unrecognized arguments: (?P<words>.*)", "cli.error.unrecognized"),
        (r"invalid choice: (?P<value>.+) \(choose from (?P<choices>.+)\)", "cli.error.invalid_choice"),
        (r"expected one argument", "cli.error.expected_one"),
        (r"invalid int value: (?P<value>.+)", "cli.error.not_a_whole_number"),
        (r"invalid (?P<kind>\S+) value: (?P<value>.+)", "cli.error.invalid_value"),
        (r"ambiguous option: (?P<option>\S+) could match (?P<matches>.+)", "cli.error.ambiguous"),
    )
)


def _translate_error(message: str, lang: str) -> str:
    """Say one of argparse's error messages in ``lang``; one it words otherwise stays as it is."""
    for pattern, key in _ARGPARSE_ERRORS:
        found = pattern.fullmatch(message)
        if found:
            values = found.groupdict()
            if "message" in values:  # "argument --workers: expected one argument"
                values["message"] = _translate_error(values["message"], lang)
            return t(key, lang, **values)
    return message


class _Formatter(argparse.HelpFormatter):
    """argparse's help layout, with "usage:" in the parser's language."""

    def __init__(self, prog: str, *, lang: str, **kwargs):
        super().__init__(prog, **kwargs)
        self._lang = lang

    def add_usage(self, usage, actions, groups, prefix=None):
        if prefix is None:  # argparse asks gettext for "usage: " only when no prefix is given
            prefix = t("cli.usage", self._lang) + " "
        super().add_usage(usage, actions, groups, prefix)


class Parser(argparse.ArgumentParser):
    """An argument parser that speaks ``lang``: its headings, its ``-h`` and argparse's errors.

    Subparsers are made of this class too (argparse's default), so ``add_parser`` takes ``lang``.
    """

    def __init__(self, *args, lang: str, **kwargs):
        kwargs.setdefault("formatter_class", partial(_Formatter, lang=lang))
        super().__init__(*args, add_help=False, **kwargs)
        self.lang = lang
        self._positionals.title = t("cli.positionals", lang)
        self._optionals.title = t("cli.options", lang)
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help=t("cli.help", lang))

    def error(self, message: str):
        self.print_usage(sys.stderr)
        line = t("cli.error.line", self.lang, prog=self.prog, message=_translate_error(message, self.lang))
        self.exit(2, line + "\n")


def asked_lang(argv: list[str] | None = None) -> str:
    """Return the language of the command line: ``--lang`` anywhere in it, else ``$SAARA_LANG``, else
    ``$LANG`` when it names one of the kit's languages (``LANG=ar``, ``ar_DZ.UTF-8``), else French."""
    peek = argparse.ArgumentParser(add_help=False, exit_on_error=False)
    peek.add_argument("--lang")
    try:
        asked = peek.parse_known_args(argv)[0].lang
    except argparse.ArgumentError:  # "--lang" without a value: the real parser says so, in French
        asked = None
    return normalise_lang(asked or os.environ.get("SAARA_LANG") or declared_lang(os.environ.get("LANG")))


def lang_option(parser: argparse.ArgumentParser, lang: str, default) -> None:
    """Add ``--lang`` to ``parser``, its help in ``lang``."""
    parser.add_argument("--lang", choices=languages(), default=default, help=t("cli.lang", lang))


def common_options(parser: argparse.ArgumentParser, lang: str, db: bool = True) -> None:
    """Add the options most commands take: the data folder, the database (with ``db``), the language."""
    parser.add_argument("--data-dir", type=Path, default=default_data_dir(), help=t("cli.data_dir", lang))
    if db:
        parser.add_argument("--db-url", default=None, help=t("cli.db_url", lang))
    # --lang before or after the subcommand: the main parser holds its default, this one only what it is given
    lang_option(parser, lang, argparse.SUPPRESS)
