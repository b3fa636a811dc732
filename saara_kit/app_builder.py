"""Build a participants' app for Voilà from the registry: its record-list form, its steps in tabs,
or the form its package builds itself. It sits above the forms and the registry, which never import it."""

from __future__ import annotations

from saara_kit.forms.form import RecordListForm
from saara_kit.forms.steps import StepsForm
from saara_kit.registry import own_forms, steps
from saara_kit.settings import default_hub_id
from saara_kit.store import open_store
from saara_kit.widgets import hub_lang, request_author, request_lang

__all__ = ["app"]


def app(name: str, lang: str | None = None, hub_id: str | None = None, store=None):
    """Build the participants' form of domain ``name`` for Voilà (language from ``?lang=``): its
    record-list form, its steps in tabs when other domains are steps of its app, or the form its
    package builds itself.

    In a preheated kernel the form is built before anyone opens the page, in the hub's language;
    when a page takes the kernel, the form takes its visitor's device and language (``welcome``)."""
    store, hub_id, shown = store or open_store(), hub_id or default_hub_id(), steps(name)
    if name in own_forms():
        form = own_forms()[name](store=store, hub_id=hub_id, lang=lang or hub_lang())
    elif len(shown) > 1:
        form = StepsForm(shown, store, hub_id, lang or hub_lang(), title=f"app.{name}.title")
    else:
        form = (shown[0].listing.form or RecordListForm)(shown[0], store, hub_id, lang or hub_lang())
    form.welcome(request_author(), lang or request_lang())  # in a preheated kernel: waits for the page
    return form
