"""The kit's modules stand in layers, and a module never imports one of a higher layer: not at the
top of the file, not inside a function (where the Seams issue found the store importing the
registry, which imports the forms), not through ``importlib.import_module("…")``.

The layers, lowest first, are declared here; a module belongs to the layer of the longest prefix
that names it. A new package must be placed in a layer, or the test says so.

A shared room (any module outside the domain packages) names no domain either: it imports no domain
package and spells out no domain's name, kind or app (``GRID_DOMAIN = "stakeholders"`` was one); it
reads what a domain declares instead (``listing.room_picture``, ``access.demo_cards``). The few that
still do are listed in ``NAMING``, each with its reason. The store declares only its own tables: a
domain's (the support fund's reviewers) are in its package.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

import saara_kit

KIT = Path(saara_kit.__file__).parent
# the domain packages, and those that read several domains by design (a hub's synthesis, an
# association's one page): they may name any domain; every other module is a shared room
DOMAINS = (
    "stakeholders",
    "concertation",
    "budget",
    "grants",
    "directory",
    "followup",
    "practice",
    "synthesis",
    "onepager",
)
LAYERS = (
    # words, rules and files every layer reads; serve.compat and serve.join load no server
    (
        "base",
        (
            "saara_kit",
            "saara_kit.settings",
            "saara_kit.validation",
            "saara_kit.yaml_files",
            "saara_kit.codes",
            "saara_kit.i18n",
            "saara_kit.data",
            "saara_kit.charts",
            "saara_kit.html_page",
            "saara_kit.serve.compat",
            "saara_kit.serve.join",
            "saara_kit.cli.language",  # a command's translated help: a domain's own commands use it
        ),
    ),
    ("model", ("saara_kit.records",)),  # fields, domains, rules, tables: no widgets, no store
    ("store", ("saara_kit.store",)),  # reads the domains it is given
    # finds the domains; builds no form. What commands share (their options, the store they open)
    ("registry", ("saara_kit.registry", "saara_kit.cli.shared")),
    (
        "forms",
        (
            "saara_kit.widgets",
            "saara_kit.forms",
            # compatibility re-exports of what moved from records to forms
            "saara_kit.records.form",
            "saara_kit.records.state",
            "saara_kit.records.controls",
            "saara_kit.records.steps",
        ),
    ),
    (
        "domains",
        (*(f"saara_kit.{name}" for name in DOMAINS), "saara_kit.exports", "saara_kit.room"),
    ),
    ("apps", ("saara_kit.app_builder", "saara_kit.runner", "saara_kit.lessons", "saara_kit.lab", "saara_kit.jupyter")),
    ("server", ("saara_kit.serve", "saara_kit.deploy", "saara_kit.cli")),
)
# (shared module, why it still names a domain): the test fails when one no longer does
NAMING = {
    ("saara_kit.registry", "PROGRAMME: the order a hub's workshop goes through the apps (a new domain comes after)"),
    ("saara_kit.deploy.people", "JupyterHub signs in the support fund's reviewers too (grants.tables)"),
    # the kit's commands that read a domain (a domain's own commands are in its package: app.commands)
    ("saara_kit.cli.codes", "saara-kit codes: each card in the language its association chose (grants.submitted)"),
    ("saara_kit.cli.onepager", "saara-kit onepager: an association's one page, read from several domains"),
}
STORE_TABLES = {"revisions", "association_codes", "drafts"}  # the store's own; a domain's are in its package


def module_name(path: Path, root: Path = KIT) -> str:
    parts = path.relative_to(root.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def kit_modules(root: Path = KIT) -> dict[str, tuple[Path, ast.Module]]:
    """Return every module of the kit by name: its file and its parsed code (for the AST walks here
    and in test_hub_name)."""
    named = sorted((module_name(path, root), path) for path in root.rglob("*.py"))
    return {name: (path, ast.parse(path.read_text(encoding="utf-8"))) for name, path in named}


def layer_of(name: str) -> int:
    """Return the index of the layer of module ``name`` (its longest declared prefix)."""
    found = [
        (len(prefix), index)
        for index, (_, prefixes) in enumerate(LAYERS)
        for prefix in prefixes
        if name == prefix or name.startswith(prefix + ".")
    ]
    assert found, f"{name} is in no layer: place it in LAYERS"
    return max(found)[1]


def imported_names(tree: ast.AST, name: str, is_package: bool) -> set[str]:
    """Return every kit module a module's code imports, wherever the import stands."""
    package = name if is_package else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            found.update(f"{base}.{alias.name}" for alias in node.names)
            found.add(base)
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", getattr(node.func, "id", "")) == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.add(node.args[0].value)
    return {item for item in found if item == "saara_kit" or item.startswith("saara_kit.")}


def imports(root: Path = KIT) -> list[tuple[str, str]]:
    """Return (importer, imported) for every import of one kit module by another, wherever it stands."""
    modules = kit_modules(root)

    def existing(name: str) -> str:
        while name not in modules:  # ``from saara_kit.store import Store``: the package
            name = name.rpartition(".")[0]
        return name

    return [
        (name, target)
        for name, (path, tree) in modules.items()
        for target in sorted({existing(item) for item in imported_names(tree, name, path.name == "__init__.py")})
        if target != name
    ]


def upward_imports(root: Path = KIT) -> list[tuple[str, str, str, str]]:
    """Return (importer, its layer, imported, its layer) for each import of a higher layer."""
    return [
        (name, LAYERS[layer_of(name)][0], target, LAYERS[layer_of(target)][0])
        for name, target in imports(root)
        if layer_of(target) > layer_of(name)
    ]


def room_of(name: str) -> str:
    """Return the room (the kit's top-level package or module) module ``name`` stands in."""
    return ".".join(name.split(".")[:2])


def circles_across_rooms(root: Path = KIT) -> list[list[str]]:
    """Return each import circle (modules importing one another, directly or not) that joins two rooms;
    a package importing its own modules (``__init__`` re-exports) is not a circle."""
    graph = nx.DiGraph(
        (name, target)
        for name, target in imports(root)
        if not (name.startswith(target + ".") or target.startswith(name + "."))
    )
    return [
        sorted(circle)
        for circle in nx.strongly_connected_components(graph)
        if len({room_of(name) for name in circle}) > 1
    ]


def test_no_module_imports_a_module_of_a_higher_layer():
    found = upward_imports()
    assert found == [], "\n".join(f"{a} ({la}) imports {b} ({lb})" for a, la, b, lb in found)


def test_no_import_circle_joins_two_rooms():
    """Modules of one room may import one another in a circle (Python resolves it within the room);
    two rooms that import each other, even through a function's import, are one room in disguise."""
    assert circles_across_rooms() == []


def test_an_import_circle_across_rooms_is_seen(tmp_path):
    kit = tmp_path / "saara_kit"
    (kit / "store").mkdir(parents=True)
    (kit / "__init__.py").write_text("")
    (kit / "store" / "__init__.py").write_text("")
    (kit / "store" / "sqlite.py").write_text("def later():\n    from saara_kit import registry\n")
    (kit / "registry.py").write_text("from saara_kit.store import sqlite\n")
    (kit / "settings.py").write_text("from saara_kit import registry\n")  # imports, no circle
    assert circles_across_rooms(kit) == [["saara_kit.registry", "saara_kit.store.sqlite"]]


def domain_words() -> set[str]:
    """Return every word that names a domain: its package, its name, its kind, its apps."""
    from saara_kit.registry import apps, domains

    return {*DOMAINS, *domains(), *(declared.kind for declared in domains().values()), *apps()}


def named_domains(tree: ast.AST, name: str, is_package: bool, words: set[str]) -> set[str]:
    """Return what names a domain in a module's code: the domain packages it imports (wherever the
    import stands) and the strings it spells out that are a domain's name, kind or app."""
    imported = {
        item.split(".")[1]
        for item in imported_names(tree, name, is_package)
        if item.count(".") and item.split(".")[1] in DOMAINS
    }
    spelled = {
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in words
    }
    return imported | spelled


def shared_rooms_naming_domains(root: Path = KIT) -> dict[str, set[str]]:
    """Return each module outside the domain packages that names a domain, with what it names."""
    words, found = domain_words(), {}
    for name, (path, tree) in kit_modules(root).items():
        if name.count(".") and name.split(".")[1] in DOMAINS:
            continue
        named = named_domains(tree, name, path.name == "__init__.py", words)
        if named:
            found[name] = named
    return found


def test_no_shared_room_names_a_domain():
    allowed = {name for name, _ in NAMING}
    found = {name: named for name, named in shared_rooms_naming_domains().items() if name not in allowed}
    assert found == {}, "\n".join(f"{name} names {sorted(named)}" for name, named in found.items())


def test_every_shared_room_allowed_to_name_a_domain_still_does():
    """An exception that is no longer needed is taken off the list."""
    assert {name for name, _ in NAMING} <= set(shared_rooms_naming_domains())


def test_a_shared_room_naming_a_domain_is_seen():
    tree = ast.parse(
        'GRID_DOMAIN = "stakeholders"\n'
        "def prepare():\n    from saara_kit.grants.reviewers import enlist\n"
        "def grid():\n    from ..stakeholders.charts import power_interest_grid\n"
    )
    named = named_domains(tree, "saara_kit.room.summary", False, domain_words())
    assert named == {"stakeholders", "grants"}


def test_the_store_declares_only_its_own_tables():
    declared = {
        node.args[0].value
        for path in (KIT / "store").rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call)
        and getattr(node.func, "attr", "") == "Table"
        and node.args
        and isinstance(node.args[0], ast.Constant)
    }
    assert declared == STORE_TABLES


def test_imports_inside_functions_and_through_importlib_are_seen():
    tree = ast.parse(
        "def f():\n    from saara_kit.registry import domain\n"
        "def g():\n    import importlib\n    importlib.import_module('saara_kit.cli')\n"
    )
    assert imported_names(tree, "saara_kit.store.repository", False) >= {"saara_kit.registry", "saara_kit.cli"}
