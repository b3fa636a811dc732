"""Browser tests and trainers' CSS find a field by its class ``saara-<field>`` (``_`` as ``-``): in every step of
every app, each field typed in the form has a class that marks one widget only (a field named ``status`` once hid the save
line, which had that class too)."""

from __future__ import annotations

import ipywidgets as widgets
import pytest

from saara_kit.app_builder import app
from saara_kit.registry import apps


def _classes(widget) -> list[str]:
    found = list(getattr(widget, "_dom_classes", ()))
    for child in getattr(widget, "children", ()):
        found += _classes(child)
    return found


@pytest.mark.parametrize("name", apps())
def test_each_fields_class_marks_one_widget_in_its_step(name, store, monkeypatch):
    monkeypatch.setenv("SAARA_REGION", "ouest")
    form = app(name, store=store, lang="fr")
    steps = getattr(form, "steps", {name: form})
    for step in steps.values():
        classes = _classes(step)
        typed = getattr(step, "typed_fields", None) or [f.name for f in step.domain.fields if f.editable]
        marks = {name: classes.count(f"saara-{name.replace('_', '-')}") for name in typed}
        shared = {field: count for field, count in marks.items() if count != 1}
        assert shared == {}, f"{step.domain.name}: these fields' classes mark no widget or several"
    assert isinstance(form, widgets.Widget)
