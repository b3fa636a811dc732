"""The facilitator's terminal: every help screen and argparse's own words follow --lang, else $SAARA_LANG,
else French."""

from __future__ import annotations

import argparse
import re

import pytest

from saara_kit.cli import build_parser, main
from saara_kit.i18n import catalogue

SCREENS = [[], ["serve"], ["import"], ["export"], ["restore"], ["codes"], ["run"], ["lab"], ["onepager"]]
ARGPARSE_ENGLISH = ("usage", "options", "positional arguments", "show this help", "error", "expected")
ARABIC = re.compile(r"[\u0600-\u06ff]")


@pytest.fixture(autouse=True)
def _no_saara_lang(monkeypatch):
    monkeypatch.delenv("SAARA_LANG", raising=False)


def _help(capsys, argv: list[str]) -> str:
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 0
    return capsys.readouterr().out


def _error(capsys, argv: list[str]) -> str:
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 2
    return capsys.readouterr().err


def _parsers(lang: str) -> dict[str, argparse.ArgumentParser]:
    """The parser ``main`` builds and its subcommands' parsers, by screen ("" for ``saara-kit`` itself)."""
    parser = build_parser(lang)
    commands = next(action for action in parser._actions if isinstance(action, argparse._SubParsersAction))
    return {"": parser, **commands.choices}


def _entries(help_text: str) -> dict[str, str]:
    """Read the help's sections: {invocation ("-o OUTPUT, --output OUTPUT", "serve"…): its help text}."""
    entries, current = {}, None
    blocks = help_text.split("\n\n")
    sections = [block.splitlines() for block in blocks if re.match(r"\S.*:\n  \S", block)]
    assert len(sections) >= 1
    for lines in sections:
        for line in lines[1:]:
            indent = len(line) - len(line.lstrip())
            if indent in (2, 4):  # an option, a positional, or a subcommand under the commands
                current, _, inline = line.strip().partition("  ")
                entries[current] = inline.strip()
            else:  # its help, wrapped or below a long invocation
                assert current is not None, line
                entries[current] = f"{entries[current]} {line.strip()}".strip()
    return entries


@pytest.mark.parametrize("lang", ["fr", "ar", "en"])
@pytest.mark.parametrize("screen", SCREENS, ids=lambda screen: screen[0] if screen else "saara-kit")
@pytest.mark.parametrize("where", ["first", "last"])
def test_every_help_screen_explains_every_argument_in_the_asked_language(capsys, lang, screen, where):
    argv = ["--lang", lang, *screen, "--help"] if where == "first" else [*screen, "--help", "--lang", lang]
    text = _help(capsys, argv)
    parser = _parsers(lang)[screen[0] if screen else ""]
    entries = _entries(text)
    assert all(entries.values()), {invocation: help_ for invocation, help_ in entries.items() if not help_}
    for action in parser._actions:
        assert action.help and action.help is not argparse.SUPPRESS, (screen, action.dest)
        if action.option_strings:  # each option is printed, with a text after it
            assert any(invocation.startswith(action.option_strings[0]) for invocation in entries), action.dest
        else:
            assert action.metavar in entries, action.dest
        if isinstance(action, argparse._SubParsersAction):
            assert set(action.choices) <= set(entries)  # every subcommand has its line too
    assert "--lang {fr,ar,en}" in text
    if lang == "en":
        assert text.startswith("usage: saara-kit") and "options:" in text and "show this help message" in text
    else:
        assert not [word for word in ARGPARSE_ENGLISH if word in text.lower()], text
    assert bool(ARABIC.search(text)) == (lang == "ar")
    if lang == "fr":
        assert text.startswith("utilisation : saara-kit") and "afficher cette aide" in text
    if lang == "ar":
        assert text.startswith("الاستخدام: saara-kit") and "عرض هذه المساعدة" in text


@pytest.mark.parametrize("screen", SCREENS, ids=lambda screen: screen[0] if screen else "saara-kit")
def test_saara_lang_picks_the_help_language_when_the_command_line_does_not(capsys, monkeypatch, screen):
    assert _help(capsys, [*screen, "--help"]).startswith("utilisation : ")  # neither: French
    monkeypatch.setenv("SAARA_LANG", "ar")
    text = _help(capsys, [*screen, "--help"])
    assert text.startswith("الاستخدام: ") and "الخيارات:" in text and "usage" not in text
    monkeypatch.setenv("SAARA_LANG", "ar_DZ.UTF-8")
    assert ARABIC.search(_help(capsys, [*screen, "-h"]))
    assert _help(capsys, [*screen, "-h", "--lang", "en"]).startswith("usage: ")  # --lang wins


def test_the_language_still_reaches_the_commands_from_before_or_after_the_subcommand(monkeypatch):
    parser = build_parser("fr")
    assert parser.parse_args(["--lang", "ar", "run"]).lang == "ar"
    assert parser.parse_args(["run", "--lang", "en"]).lang == "en"
    assert parser.parse_args(["run"]).lang is None  # the hub's language, later
    monkeypatch.setenv("SAARA_LANG", "ar")
    assert build_parser("fr").parse_args(["export", "stakeholders", "-o", "x.csv"]).lang == "ar"


@pytest.mark.parametrize("argv", [["--lang", "ar", "run", "--workers"], ["run", "--workers", "--lang", "ar"]])
def test_argparse_errors_are_said_in_arabic(capsys, argv):
    err = _error(capsys, argv)
    assert err.startswith("الاستخدام: saara-kit run")
    assert "saara-kit run: خطأ: الوسيط --workers: يجب إعطاء قيمة بعد هذا الخيار" in err
    assert not [word for word in ARGPARSE_ENGLISH if word in err.lower()], err


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (
            [],
            "saara-kit : erreur : arguments obligatoires manquants : {serve,import,export,restore,codes,onepager,run,trainers,bundle,lab,wall,reviewers,letters,seed-directory,report}",  # noqa: E501
        ),
        (["export", "stakeholders"], "saara-kit export : erreur : arguments obligatoires manquants : -o/--output"),
        (["run", "--source", "web"], "argument --source : choix invalide : 'web' (choisissez parmi 'sample', 'store')"),
        (["run", "--workers", "deux"], "argument --workers : nombre entier attendu, pas 'deux'"),
        (["run", "--bogus"], "saara-kit : erreur : arguments non reconnus : --bogus"),
        (
            ["nope"],
            "choix invalide : 'nope' (choisissez parmi 'serve', 'import', 'export', 'restore', 'codes', 'onepager', 'run', 'trainers', 'bundle', 'lab', 'wall', 'reviewers', 'letters', 'seed-directory', 'report')",  # noqa: E501
        ),
    ],
)
def test_argparse_errors_are_said_in_french_by_default(capsys, argv, said):
    err = _error(capsys, argv)
    assert err.startswith("utilisation : saara-kit") and said in err
    assert not [word for word in ARGPARSE_ENGLISH if word in err.lower()], err


def test_english_errors_keep_argparse_words(capsys):
    err = _error(capsys, ["--lang", "en", "export", "stakeholders"])
    assert "saara-kit export: error: the following arguments are required: -o/--output" in err


def test_arabic_cli_texts_hold_no_latin_word_but_options_metavars_and_suffixes():
    allowed = re.compile(
        r"--?[a-z][\w-]*"  # option names
        r"|%\(\w+\)s|\{\w+\}"  # argparse's and the catalogue's placeholders
        r"|\$[A-Z_]+"  # environment variables, as typed
        r"|\.[a-z]+\b"  # file suffixes
        r"|\b[A-Z][A-Z_]*\b"  # metavars
    )
    texts = {key: texts["ar"] for key, texts in catalogue().items() if key.startswith("cli.")}
    assert len(texts) > 30
    latin = {key: allowed.sub("", text) for key, text in texts.items()}
    assert {key: text for key, text in latin.items() if re.search("[A-Za-z]", text)} == {}
