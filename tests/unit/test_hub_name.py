"""One word for a hub in the kit's code (saara_kit/data/hubs.py): a hub's id ("ouest") is ``hub_id``,
a loaded ``Hub`` is ``hub``. ``region`` stays where people and stored data see it: the ``--region``
option (``args.region``), ``$SAARA_REGION``, the lessons' ``region`` parameter, the store's
``region`` column, the ``region`` field of files and tables, message keys and placeholders.

So no parameter, keyword argument or assigned name of the kit is called ``region`` or ``regions``
(attributes are not looked at: ``args.region``, ``revisions.c.region``, a row's ``.region``), but a
keyword argument that fills one of those boundaries (``CALLS``) and the modules in ``BOUNDARY``."""

from __future__ import annotations

import ast

from tests.unit.test_layers import KIT, kit_modules

WORDS = {"region", "regions"}
# (module, why it still names something ``region``): the test fails when one no longer does
BOUNDARY = {
    ("saara_kit.store.records", "Revision is a row of the store's revisions table: its field is the region column"),
}
# a keyword argument ``region=`` to these fills a boundary, whatever module calls them
CALLS = {
    "Revision": "a row of the store (its region column)",
    "values": "an SQL row to insert (the region column)",
    "dict": "an SQL row to match or insert (store.drafts, grants.reviewers)",
    "assign": "a table's region column (grants.consolidation)",
    "set_parameters": "the lessons' region parameter (lessons.write_lessons)",
    "t": "a message's {region} placeholder (the catalogs in saara_kit/i18n)",
    "TranslatedError": "a message's {region} placeholder (the catalogs in saara_kit/i18n)",
}


def _callee(call: ast.Call) -> str:
    return getattr(call.func, "attr", getattr(call.func, "id", ""))


def region_names(tree: ast.AST) -> list[tuple[int, str]]:
    """Return (line, what) for each parameter, keyword argument or assigned name called ``region``
    or ``regions`` in ``tree``, but the keyword arguments of ``CALLS``."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.arg) and node.arg in WORDS:
            found.append((node.lineno, f"parameter {node.arg}"))
        elif isinstance(node, ast.Call):
            found += [
                (keyword.value.lineno, f"keyword argument {keyword.arg}= to {_callee(node)}()")
                for keyword in node.keywords
                if keyword.arg in WORDS and _callee(node) not in CALLS
            ]
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store) and node.id in WORDS:
            found.append((node.lineno, f"name {node.id}"))
    return sorted(found)


def kit_region_names() -> dict[str, list[str]]:
    """Return, by module, where the kit's code names something ``region`` (file:line: what)."""
    found = {}
    for name, (path, tree) in kit_modules().items():
        if hits := region_names(tree):
            found[name] = [f"{path.relative_to(KIT.parent)}:{line}: {what}" for line, what in hits]
    return found


def test_the_kit_names_a_hub_id_hub_id_not_region():
    allowed = {name for name, _ in BOUNDARY}
    found = [hit for name, hits in kit_region_names().items() if name not in allowed for hit in hits]
    assert found == [], "a hub's id is hub_id, a Hub is hub (saara_kit/data/hubs.py):\n" + "\n".join(found)


def test_every_boundary_module_still_says_region():
    """A module that no longer needs to is taken off the list."""
    assert {name for name, _ in BOUNDARY} <= set(kit_region_names())


def test_a_region_parameter_keyword_or_name_is_seen_and_a_boundary_is_not():
    tree = ast.parse(
        "def f(store, region: str, *, regions=()):\n"
        "    region = store.hub\n"
        "    for regions in x: pass\n"
        "    store.current('k', region=region)\n"
        "    Revision(region=args.region)\n"
        "    t('run.failure', lang, region=hub_id)\n"
    )
    assert [what for _, what in region_names(tree)] == [
        "parameter region",
        "parameter regions",
        "name region",
        "name regions",
        "keyword argument region= to current()",
    ]


def test_the_old_names_are_aliases_of_the_new():
    from saara_kit import data
    from saara_kit.data import hubs, regions

    assert (regions.Region, regions.load_region, regions.list_regions) == (hubs.Hub, hubs.load_hub, hubs.list_hubs)
    assert (data.Region, data.load_region, data.list_regions) == (data.Hub, data.load_hub, data.list_hubs)
    assert data.load_region("ouest") == data.load_hub("ouest")
