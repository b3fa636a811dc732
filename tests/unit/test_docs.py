"""The documentation says what the code does.

- Every attribute of ``Domain`` (a dataclass field), every capability (``listing=Listing(…)``…) and each
  of its fields has one heading in ``docs/domain.md``, and its "Used by" line names the built-in domains
  that set it (as datasette's test_docs.py does for its hooks).
- Every page of ``mkdocs.yml``'s nav exists, every page is in the nav, and ``mkdocs build --strict``
  passes, fetching nothing from a CDN.
- Every relative link of README.md and docs/ points to a file (and heading) that exists, and so does
  every path of the repository they name (``saara_kit/store/store.py``).
- Every ``saara-kit …`` command (in a bash block, or quoted inline) names a real subcommand and real
  options (``saara_kit.cli.build_parser()``); every Python block compiles, and runs when it imports only
  the kit.
"""

from __future__ import annotations

import argparse
import ast
import dataclasses
import re
import shlex
import subprocess
import sys
from pathlib import Path

import markdown
import pytest
import yaml

from saara_kit.cli import build_parser
from saara_kit.records.domain import Domain
from saara_kit.registry import domains
from tests.unit.test_layers import LAYERS

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
PAGES = sorted(DOCS.rglob("*.md"))
MARKDOWN = [ROOT / "README.md", *PAGES]
EXTENSIONS = ["md_in_html", "tables", "toc"]  # as mkdocs.yml

FENCE = re.compile(r"^```(\w*)[^\n]*\n(.*?)^```[ \t]*$", re.M | re.S)
INLINE_CODE = re.compile(r"`[^`]+`")
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
INLINE_COMMAND = re.compile(r"`((?:\.venv/bin/)?saara-kit(?: [^`]*)?)`")
HEADING = re.compile(r"^### `([\w.]+)`\s*$", re.M)
USED_BY = re.compile(r"Used by(?: \([^)]*\))?: (.*?)\.(?:\s|$)", re.S)


def relative(path: Path) -> str:
    return str(path.relative_to(ROOT))


def text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def fences(path: Path) -> list[tuple[str, int, str]]:
    """Return each fenced block of ``path``: (language, line of its first code line, code)."""
    source = text(path)
    return [
        (found.group(1), source.count("\n", 0, found.start(2)) + 1, found.group(2)) for found in FENCE.finditer(source)
    ]


def prose(path: Path) -> str:
    """Return ``path``'s text without its fenced blocks and inline code (where links are not links)."""
    return INLINE_CODE.sub("", FENCE.sub("", text(path)))


# -- the domain contract ------------------------------------------------------------------------------
DOMAIN_PAGE = DOCS / "domain.md"


def documented_sections() -> dict[str, str]:
    """Return each attribute heading of the domain contract and the text under it."""
    source = text(DOMAIN_PAGE)
    heads = list(HEADING.finditer(source))
    sections = {}
    for index, head in enumerate(heads):
        end = heads[index + 1].start() if index + 1 < len(heads) else len(source)
        chapter = source.find("\n## ", head.end(), end)
        sections[head.group(1)] = source[head.end() : chapter if chapter != -1 else end]
    return sections


def capabilities() -> dict[str, type]:
    """Return the capabilities of ``Domain``: attribute -> its dataclass (``listing`` -> ``Listing``)."""
    return {
        field.name: type(field.default)
        for field in dataclasses.fields(Domain)
        if dataclasses.is_dataclass(field.default)
    }


def contract() -> dict[str, tuple[object, dataclasses.Field]]:
    """Return every documented name (``key``, ``listing.title``): its holder's default (``None`` for the
    core attributes, read off a domain) and its dataclass field."""
    core = {field.name: (None, field) for field in dataclasses.fields(Domain) if field.name not in capabilities()}
    hooks = {
        f"{name}.{field.name}": (name, field)
        for name, capability in capabilities().items()
        for field in dataclasses.fields(capability)
    }
    return {**core, **hooks}


def chapters() -> dict[str, list[str]]:
    """Return each chapter of the domain contract and the names of its headings, in order."""
    found: dict[str, list[str]] = {}
    for line in text(DOMAIN_PAGE).splitlines():
        if line.startswith("## "):
            chapter = line[3:].strip()
        elif HEADING.match(line):
            found.setdefault(chapter, []).append(HEADING.match(line).group(1))
    return found


def table_rows() -> dict[str, tuple[str, list[str], int]]:
    """Return the capabilities table: chapter -> (how it is declared, its attributes, their count)."""
    rows = re.findall(r"^\| \[([^\]]+)\]\(#[^)]+\) \| `([^`]+)` \| (.*?) \| (\d+) \|$", text(DOMAIN_PAGE), re.M)
    return {chapter: (declared, re.findall(r"`(\w+)`", names), int(count)) for chapter, declared, names, count in rows}


def test_every_domain_attribute_and_capability_field_is_documented_once():
    names = list(contract())
    headings = HEADING.findall(text(DOMAIN_PAGE))
    assert not [name for name in names if name not in headings], "undocumented in docs/domain.md"
    assert not [name for name in headings if name not in names], "documented, but not a Domain attribute"
    assert len(headings) == len(set(headings)), "documented twice"


def test_every_capability_has_one_chapter_and_one_row_in_the_table():
    table = table_rows()
    declared = {how.partition("=")[0]: chapter for chapter, (how, _, _) in table.items() if "=" in how}
    for name, capability in capabilities().items():
        assert name in declared, f"capability `{name}` is not in the table of docs/domain.md"
        assert table[declared[name]][0] == f"{name}={capability.__name__}(…)"
        assert chapters()[declared[name]] == [f"{name}.{field.name}" for field in dataclasses.fields(capability)], (
            f"the chapter of `{name}` documents each of its fields, in order"
        )
    assert sorted(declared) == sorted(capabilities()), "a capability in the table that Domain does not have"


def test_the_capabilities_table_lists_each_chapter_s_attributes():
    table = {chapter: (names, count) for chapter, (_, names, count) in table_rows().items()}
    found = {
        chapter: ([name.rpartition(".")[2] for name in names], len(names)) for chapter, names in chapters().items()
    }
    assert found == table
    assert sum(count for _, count in table.values()) == len(contract())


def test_used_by_names_the_domains_that_set_each_optional_attribute():
    served = domains()
    sections = documented_sections()
    for name, (holder, field) in contract().items():
        if field.default is dataclasses.MISSING:
            continue  # required: every domain sets it
        said = USED_BY.search(sections[name])
        assert said is not None, f"`{name}`: no 'Used by:' line"
        words = " ".join(said.group(1).split())
        if words == "none of the built-in domains":
            named = set()
        elif words == "every built-in domain":
            named = set(served)
        else:
            named = set(re.findall(r"`(\w+)`", words))
        setting = {
            domain_name
            for domain_name, declared in served.items()
            if getattr(getattr(declared, holder) if holder else declared, field.name) != field.default
        }
        assert named == setting, f"`{name}`: used by {sorted(setting)}"


# -- the architecture ---------------------------------------------------------------------------------
def test_the_picture_of_the_layers_names_each_layer_and_its_packages():
    source = text(DOCS / "architecture.md")
    picture = next(code for _, _, code in fences(DOCS / "architecture.md") if code.lstrip().startswith("server"))
    drawn: dict[str, str] = {}  # layer -> its lines: "  forms     saara_kit.widgets …", then indented ones
    for line in picture.splitlines():
        if re.match(r"  \w", line):
            layer = line.split()[0]
            drawn[layer] = line
        elif line.strip() not in ("", "^"):
            drawn[layer] += "\n" + line
    assert list(drawn) == [name for name, _ in reversed(LAYERS)], "the layers, highest first"
    for name, prefixes in LAYERS:
        for prefix in prefixes:
            short = prefix.removeprefix("saara_kit.")
            assert re.search(rf"(?<![\w]){re.escape(short)}(?!\w)", drawn[name]), f"{prefix} not drawn in {name}"
    assert "tests/unit/test_layers.py" in source


# -- the site ------------------------------------------------------------------------------------------
def nav_pages(entries) -> list[str]:
    if isinstance(entries, str):
        return [entries]
    if isinstance(entries, dict):
        return [page for value in entries.values() for page in nav_pages(value)]
    return [page for entry in entries for page in nav_pages(entry)]


def test_every_page_is_in_the_nav_and_every_nav_page_exists():
    nav = nav_pages(yaml.safe_load(text(ROOT / "mkdocs.yml"))["nav"])
    assert not [page for page in nav if not (DOCS / page).is_file()], "in the nav, but no such page"
    listed = {(DOCS / page).resolve() for page in nav}
    assert not [relative(page) for page in PAGES if page.resolve() not in listed], "a page out of the nav"


def test_the_site_builds_strictly_and_fetches_nothing(tmp_path):
    site = tmp_path / "site"
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(ROOT / "mkdocs.yml")]
    built = subprocess.run([*command, "--site-dir", str(site)], capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr
    fetched = re.compile(r"<(?:script|img|iframe)[^>]*\ssrc=\"(?:https?:)?//|<link[^>]*\shref=\"(?:https?:)?//")
    assert not [relative_page for relative_page in site.rglob("*.html") if fetched.search(text(relative_page))]


# -- right to left -------------------------------------------------------------------------------------
RTL_BLOCK = re.compile(r'<div dir="rtl" lang="ar" markdown="1">\n(.*?)\n</div>', re.S)
GUIDES = sorted((DOCS / "guides").glob("*.md"))


def mostly_arabic(line: str) -> bool:
    letters = [char for char in line if char.isalpha()]
    return bool(letters) and sum("\u0600" <= char <= "\u06ff" for char in letters) > len(letters) / 2


def test_there_are_three_guides():
    assert [guide.stem for guide in GUIDES] == ["facilitator", "participant", "trainer"]


@pytest.mark.parametrize("guide", GUIDES, ids=lambda guide: guide.stem)
def test_each_guide_speaks_french_arabic_right_to_left_and_english(guide: Path):
    source = text(guide)
    assert re.search(r"^## Français", source, re.M) and re.search(r"^## English", source, re.M)
    blocks = RTL_BLOCK.findall(source)
    assert len(blocks) == 1 and re.search(r"^## العربية", blocks[0], re.M)
    outside = RTL_BLOCK.sub("", source)
    assert not [line for line in outside.splitlines() if mostly_arabic(line)], "Arabic outside the right-to-left block"


# -- links ---------------------------------------------------------------------------------------------
def anchors(path: Path) -> set[str]:
    """Return the ids ``path``'s headings get, as MkDocs renders them."""
    html = markdown.markdown(text(path), extensions=EXTENSIONS)
    return set(re.findall(r'\sid="([^"]+)"', html))


LINKS = [
    pytest.param(path, target, id=f"{relative(path)}->{target}")
    for path in MARKDOWN
    for target in LINK.findall(prose(path))
    if not re.match(r"[a-z][a-z0-9+.-]*:", target)  # http:, mailto:
]


def test_there_are_links_to_check():
    assert len(LINKS) > 10


@pytest.mark.parametrize(("source", "target"), LINKS)
def test_every_relative_link_points_to_a_file_and_heading(source: Path, target: str):
    file, _, anchor = target.partition("#")
    linked = (source.parent / file).resolve() if file else source
    assert linked.exists(), f"{relative(source)}: no file {file}"
    if anchor:
        assert anchor in anchors(linked), f"{relative(source)}: no heading #{anchor} in {file or 'itself'}"


# -- paths ---------------------------------------------------------------------------------------------
# a path of the repository a page names, as `saara_kit/store/store.py` or in a diagram; a pattern
# (`notebooks/NN-topic.ipynb`, `saara_kit/<name>/fields.py`, `voila_apps/*.ipynb`) names none
PATH = re.compile(r"(?<![\w/.<-])((?:saara_kit|tests|voila_apps|notebooks|datasets|params|deploy|bench)/[\w./-]*\w)")
PATTERNS = ("notebooks/NN", "datasets/sample_")

PATHS = [
    pytest.param(named, id=f"{relative(path)}:{named}")
    for path in MARKDOWN
    for named in dict.fromkeys(PATH.findall(text(path)))
    if not named.startswith(PATTERNS)
]


def test_there_are_paths_to_check():
    assert len(PATHS) > 50


@pytest.mark.parametrize("named", PATHS)
def test_every_path_a_page_names_exists(named: str):
    assert (ROOT / named).exists()


# -- functions -----------------------------------------------------------------------------------------
CALLED = re.compile(r"(?<![\w.])(?:([A-Z]\w*)\.)?(\w+)\(\)")  # `plan_revisions()`, `Store.write()`


def defined_in_the_kit() -> set[tuple[str | None, str]]:
    """Return every function and class of saara_kit as (None, name), and every method as (class, name)."""
    found: set[tuple[str | None, str]] = set()
    for module in (ROOT / "saara_kit").rglob("*.py"):
        for node in ast.walk(ast.parse(text(module))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                found.add((None, node.name))
            if isinstance(node, ast.ClassDef):
                found |= {(node.name, item.name) for item in node.body if isinstance(item, ast.FunctionDef)}
    return found


def test_every_function_a_page_names_is_defined_in_the_kit():
    defined = defined_in_the_kit()
    named = [(path, *found) for path in MARKDOWN for found in CALLED.findall(text(path))]
    assert len(named) > 30
    assert not [
        f"{relative(path)}: {owner + '.' if owner else ''}{name}()"
        for path, owner, name in named
        if (owner or None, name) not in defined
    ]


# -- commands ------------------------------------------------------------------------------------------
def commands(path: Path) -> list[tuple[int, str]]:
    """Return each ``saara-kit …`` command of ``path``: in bash blocks, and in inline code."""
    found = []
    for language, line, code in fences(path):
        if language != "bash":
            continue
        for offset, command in enumerate(code.replace("\\\n", " ").splitlines()):
            command = command.strip()
            if re.match(r"(?:\.venv/bin/)?saara-kit\b", command):
                found.append((line + offset, command))
    source = FENCE.sub(lambda block: "\n" * block.group(0).count("\n"), text(path))
    for inline in INLINE_COMMAND.finditer(source):
        found.append((source.count("\n", 0, inline.start()) + 1, " ".join(inline.group(1).split())))
    return found


def check_command(parser: argparse.ArgumentParser, argv: list[str]) -> None:
    """Walk ``argv`` down the parser's subcommands; fail on an unknown subcommand, option or choice."""
    options: dict[str, argparse.Action] = {}
    current, positional = parser, 0
    tokens = iter(argv)
    for token in tokens:
        if token in ("…", "...") or token.startswith("<"):
            continue  # a placeholder: `saara-kit …`, `saara-kit restore <domain>`
        options.update({name: action for action in current._actions for name in action.option_strings})
        subcommands = next(
            (action for action in current._actions if isinstance(action, argparse._SubParsersAction)), None
        )
        if token.startswith("-"):
            name, _, value = token.partition("=")
            assert name in options, f"no option {name} here"
            action = options[name]
            if action.nargs != 0 and not value:
                value = next(tokens, "")
            if action.choices is not None and value:
                assert value in action.choices, f"{name} {value}: not one of {sorted(action.choices)}"
        elif subcommands is not None:
            assert token in subcommands.choices, f"no subcommand {token}"
            current, positional = subcommands.choices[token], 0
        else:
            arguments = [action for action in current._actions if not action.option_strings]
            assert positional < len(arguments) or (arguments and arguments[-1].nargs in ("*", "+")), (
                f"{token}: one argument too many"
            )
            argument = arguments[min(positional, len(arguments) - 1)]
            if argument.choices is not None:
                assert token in argument.choices, f"{token}: not one of {sorted(argument.choices)}"
            positional += 1


COMMANDS = [
    pytest.param(command, id=f"{relative(path)}:{line}") for path in MARKDOWN for line, command in commands(path)
]


def test_there_are_commands_to_check():
    assert len(COMMANDS) > 20


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_names_a_real_subcommand_and_options(command: str):
    argv = shlex.split(command, comments=True)
    check_command(build_parser("en"), argv[1:])


# -- Python --------------------------------------------------------------------------------------------
PYTHON = [
    pytest.param(code, id=f"{relative(path)}:{line}")
    for path in MARKDOWN
    for language, line, code in fences(path)
    if language == "python"
]


@pytest.mark.parametrize("code", PYTHON)
def test_every_python_block_compiles_and_runs_when_it_imports_only_the_kit(code: str):
    tree = compile(code, "<docs>", "exec", flags=ast.PyCF_ONLY_AST)
    imported = [
        (node.module or "") if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    ]
    compiled = compile(tree, "<docs>", "exec")
    if imported and all(name.split(".")[0] == "saara_kit" for name in imported):
        exec(compiled, {"__name__": "docs_example"})
