"""The domains the kit serves; the CLI, the server, the landing page and the sample loader read them here.

A package ``saara_kit/<name>/`` with a module ``domain.py`` that declares ``DOMAINS`` (its
domain, or a main domain and the steps of its app) is found by itself. A domain that lives
elsewhere calls ``register(domain)``. Everything else is read off the domains: the apps made of
some steps (``app.step_apps``: the meeting app, meetings and commitments), the forms a domain
builds itself (``app.forms``: the application and review forms) and the commands it adds
(``app.commands``: the wall's posters), for built-in and registered domains alike.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache
from pathlib import Path

from saara_kit.i18n import add_catalogue, remove_catalogue
from saara_kit.records.domain import Domain

__all__ = ["apps", "commands", "domain", "domains", "own_forms", "register", "steps", "unregister"]

_extra: dict[str, Domain] = {}
# the order a hub's workshop goes through the apps (landing page, samples); others come after
PROGRAMME = ("stakeholders", "concertation", "budget", "grants", "directory")


@cache
def _built_in() -> dict[str, Domain]:
    """Collect the ``DOMAINS`` of every ``saara_kit.<package>.domain`` module (the model's own
    ``saara_kit.records.domain`` declares none)."""
    return {declared.name: declared for module in _domain_modules() for declared in getattr(module, "DOMAINS", ())}


@cache
def _domain_modules() -> list:
    """Import every ``saara_kit.<package>.domain`` module. Only packages with a ``domain.py`` are
    imported: a form's kernel never loads the server, the charts or the exports just to find the domains."""
    import saara_kit

    return [
        importlib.import_module(f"saara_kit.{package.name}.domain")
        for package in pkgutil.iter_modules(saara_kit.__path__)
        if package.ispkg and (Path(package.module_finder.path) / package.name / "domain.py").is_file()
    ]


def _found() -> list[Domain]:
    """Return every domain served in the order it was found: package by package, then registered."""
    return [*_built_in().values(), *_extra.values()]


def _step_apps() -> dict[str, tuple[str, ...]]:
    """Return the apps made of some steps of another app (``app.step_apps``): app name -> its domains, in order."""
    return {name: shown for declared in _found() for name, shown in declared.app.step_apps}


def own_forms() -> dict:
    """Return the forms a domain builds itself (``app.forms``: the application and review forms): name -> builder."""
    return {name: build for declared in _found() for name, build in declared.app.forms}


def commands() -> list[str]:
    """Return the modules of the ``saara-kit`` commands the domains add (``app.commands``), app by app."""
    return list(dict.fromkeys(name for declared in domains().values() for name in declared.app.commands))


def register(declared: Domain) -> None:
    """Serve one more domain (its catalogue file, if any, joins the translations)."""
    if declared.catalogue is not None:
        add_catalogue(declared.catalogue)
    _extra[declared.name] = declared


def unregister(name: str) -> None:
    """Stop serving a domain registered with ``register`` (tests use throwaway domains)."""
    declared = _extra.pop(name, None)
    if declared is not None and declared.catalogue is not None:
        remove_catalogue(declared.catalogue)


def domains() -> dict[str, Domain]:
    """Return every domain served, by name, built-in ones first, app by app: an app after the apps
    whose records it names (the register before the plans that name its actors), its main domain
    then its steps as declared. Samples load, and apps are listed, in that order."""
    return _after_what_they_name({**_built_in(), **_extra})


def _after_what_they_name(found: dict[str, Domain]) -> dict[str, Domain]:
    groups: dict[str, list[Domain]] = {}
    for declared in found.values():
        groups.setdefault(declared.app.part_of or declared.name, []).append(declared)
    placed: dict[str, list[Domain]] = {}

    def place(app: str, seen: frozenset = frozenset()) -> None:
        if app in placed or app in seen:
            return
        for target in (f.to for declared in groups[app] for f in declared.references if f.to in found):
            owner = found[target].app.part_of or target
            if owner != app:
                place(owner, seen | {app})
        placed[app] = sorted(groups[app], key=lambda declared: declared.app.part_of is not None)

    for app in sorted(groups, key=lambda name: PROGRAMME.index(name) if name in PROGRAMME else len(PROGRAMME)):
        place(app)
    return {declared.name: declared for group in placed.values() for declared in group}


def apps() -> list[str]:
    """Return the apps: the domains that have one of their own (the others are steps of one), then
    the apps made of some steps (``app.step_apps``), then the forms a domain builds itself
    (``app.forms``), which serve it and its steps instead of the record-list form."""
    served_by_forms = {declared.name for declared in _found() if declared.app.forms}
    return (
        [name for name, declared in domains().items() if declared.app.part_of is None and name not in served_by_forms]
        + list(_step_apps())
        + list(own_forms())
    )


def steps(name: str) -> list[Domain]:
    """Return the domains an app shows, its own first, then its steps in order."""
    if name in _step_apps():
        return [domain(shown) for shown in _step_apps()[name]]
    return [declared for declared in domains().values() if name in (declared.name, declared.app.part_of)]


def domain(name: str) -> Domain:
    """Return the domain called ``name``."""
    return domains()[name]


def __getattr__(name: str):
    """Say where ``registry.app`` went: the builder of the forms lives above them, in
    ``saara_kit.app_builder``; the registry, below the forms, never imports it."""
    if name == "app":
        raise AttributeError("saara_kit.registry.app moved: from saara_kit.app_builder import app")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
