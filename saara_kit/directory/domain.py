"""The directory: its resources, declared for the generic rooms (store, import/export, CLI). Its
form is the search form with its "suggest a resource" part (``app.forms``), not the record-list form."""

from __future__ import annotations

from saara_kit.directory.fields import FIELDS
from saara_kit.directory.rules import a_place, a_title, safe_link
from saara_kit.records import App, Checks, Domain, Exports, Listing, Record

__all__ = ["DIRECTORY", "DOMAIN", "DOMAINS", "title_in"]


def title_in(record, lang: str) -> str:
    """Return the resource's title in ``lang``, else in French, Arabic or English, the first there is."""
    return next((record[f"title_{code}"] for code in (lang, "fr", "ar", "en") if record.get(f"title_{code}")), "")


def _write_jsonld(frame, path, lang: str) -> int:
    from saara_kit.directory.jsonld import write_jsonld

    return write_jsonld(frame, path, lang)


def _write_offline_page(frame, path, lang: str) -> int:
    from saara_kit.directory.offline_page import write_offline_page

    return write_offline_page(frame, path, lang)


def _directory_form(**where):
    from saara_kit.directory.form import DirectoryForm

    return DirectoryForm(**where)


def _label(record: Record, lang: str) -> str:
    return f"{title_in(record, lang)} — {record.creator}"


DOMAIN = DIRECTORY = Domain(
    name="directory",
    kind="resource",
    fields=FIELDS,
    key=("title_fr", "title_ar", "title_en"),
    samples="resources",
    listing=Listing(title=_label),
    checks=Checks(rules=(a_title, a_place, safe_link)),
    app=App(forms=(("directory", _directory_form),), commands=("saara_kit.directory.seed_command",)),
    exports=Exports(exporters=(("jsonld", _write_jsonld), ("html", _write_offline_page))),
)
DOMAINS = (DOMAIN,)
