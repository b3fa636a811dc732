"""The widget each kind of field asks for, labelled in the form's language and classed ``saara-<field>``."""

from __future__ import annotations

from typing import Any, cast

import ipywidgets as widgets

from saara_kit.i18n import t
from saara_kit.records.domain import Domain
from saara_kit.records.fields import Field
from saara_kit.widgets import TranslatedForm

__all__ = ["FIELD_LAYOUT", "WIDE", "field_control"]

WIDE = {"description_width": "11em"}
FIELD_LAYOUT = widgets.Layout(width="34em", max_width="100%")


def field_control(form: TranslatedForm, domain: Domain, field: Field) -> widgets.Widget:
    """Build the widget a field of ``domain`` asks for, labelled and classed ``saara-<field>``, in ``form``'s
    language (the record-list form's editor, the directory's suggestion form)."""
    kind, spec = field.control, cast(Any, field)  # its control says which of codes, low, high it has
    if kind == "dropdown":
        box = widgets.Dropdown(style=WIDE, layout=FIELD_LAYOUT)
        form._bind_choices(box, spec.label_prefix(domain.name), spec.codes)
    elif kind == "choices":  # several codes of a list (a resource's themes)
        box = widgets.SelectMultiple(rows=min(6, len(spec.codes)), style=WIDE, layout=FIELD_LAYOUT)
        prefix = spec.label_prefix(domain.name)

        def relabel(lang: str, box=box) -> None:
            chosen = box.value
            box.options = [(t(f"{prefix}.{code}", lang), code) for code in spec.codes]
            box.value = chosen

        form._on_lang(relabel)
    elif kind == "reference":  # the association's saved records of another domain, by name
        box = widgets.Dropdown(options=[""], style=WIDE, layout=FIELD_LAYOUT)
    elif kind == "references":  # several of them
        box = widgets.SelectMultiple(options=[], rows=5, style=WIDE, layout=FIELD_LAYOUT)
    elif kind == "count":
        box = widgets.BoundedIntText(min=0, max=spec.high, style=WIDE, layout=FIELD_LAYOUT)
    elif kind == "time":
        box = widgets.Text(placeholder="14:30", style=WIDE, layout=FIELD_LAYOUT)
    elif kind == "slider":
        box = widgets.IntSlider(min=spec.low, max=spec.high, style=WIDE, layout=FIELD_LAYOUT)
    elif kind == "rating":  # unset (—) until a score is picked
        box = widgets.ToggleButtons(
            options=[("—", field.default), *((str(n), n) for n in range(spec.low, spec.high + 1))],
            style={**WIDE, "button_width": "2.6em"},
        )
    elif kind == "number":
        box = widgets.FloatText(style=WIDE, layout=FIELD_LAYOUT)
    elif kind == "date":
        box = widgets.DatePicker(style=WIDE, layout=FIELD_LAYOUT)
    else:
        box = (widgets.Textarea if kind == "textarea" else widgets.Text)(style=WIDE, layout=FIELD_LAYOUT)
    form._bind(box, "description", domain.label_key(field.name))
    box.add_class(f"saara-{field.name.replace('_', '-')}")
    return box
