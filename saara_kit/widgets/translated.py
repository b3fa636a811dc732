"""A form whose texts follow the language switch, right-to-left in Arabic, with a way back to the
list of forms.

The form carries its language as a class (``saara-lang-ar``); the kit's Voilà template follows it
to keep the address (``?lang=ar``), ``<html lang dir>`` and the page title in step."""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable

import ipywidgets as widgets

from saara_kit.i18n import is_rtl, languages, normalise_lang, t
from saara_kit.settings import is_demo
from saara_kit.widgets.parts import ConnectionLost, HomeLink, language_switch, style_sheet

__all__ = ["TranslatedForm"]


class TranslatedForm(widgets.VBox):
    """Base of every participant form.

    Subclasses build their widgets, register each person-facing text with ``_bind`` or
    ``_bind_choices``, then call ``_finish(children)``. Switching the language re-labels every
    bound widget; the values typed so far stay.
    """

    def __init__(self, lang: str = "fr", **kwargs):
        super().__init__(**kwargs)
        self.lang = normalise_lang(lang)
        self._relabellers: list[Callable[[str], None]] = []
        self._language = language_switch(self.lang)
        self._language.observe(lambda change: self.set_lang(change["new"]), names="value")
        self._home = HomeLink()
        self._on_lang(self._home.show)
        self._connection_lost = ConnectionLost()
        self._on_lang(self._connection_lost.show)
        self.add_class("saara-form")

    def _bind(self, widget: widgets.Widget, attribute: str, key: str, **values) -> None:
        """Keep ``widget.<attribute>`` set to the translation of ``key``.

        A description is also the widget's tooltip: without one, ipywidgets shows "null" on hover.
        """

        def relabel(lang: str) -> None:
            text = t(key, lang, **values)
            setattr(widget, attribute, text)
            if attribute == "description" and widget.has_trait("tooltip"):
                widget.tooltip = text

        self._relabellers.append(relabel)
        relabel(self.lang)

    def _bind_choices(self, widget: widgets.Widget, prefix: str, codes: Iterable) -> None:
        """Keep a selection widget's options labelled ``<prefix>.<code>``, its value unchanged."""
        codes = tuple(codes)

        def relabel(lang: str) -> None:
            value = widget.value
            widget.options = [(t(f"{prefix}.{code}", lang), code) for code in codes]
            widget.value = value if value in codes else codes[0]

        self._relabellers.append(relabel)
        relabel(self.lang)

    def _button(self, key: str | None, css: str, handler, style: str = "") -> widgets.Button:
        """Return a button labelled ``key`` in the form's language, classed ``css``, calling ``handler``."""
        button = widgets.Button(button_style=style)
        if key:
            self._bind(button, "description", key)
        button.add_class(css)
        button.on_click(handler)
        return button

    def _on_lang(self, callback: Callable[[str], None]) -> None:
        """Call ``callback(lang)`` now and whenever the language changes."""
        self._relabellers.append(callback)
        callback(self.lang)

    def _finish(self, children: list[widgets.Widget]) -> None:
        """Lay the form out under the style sheet and the language switch."""
        top = widgets.HBox(
            [self._home, self._language],
            layout=widgets.Layout(justify_content="space-between", align_items="center", flex_flow="row wrap"),
        )
        self.children = [style_sheet(), self._connection_lost, top, *self._demo_banner(), *children]
        self._apply_direction()

    def _demo_banner(self) -> list[widgets.Widget]:
        """Return the "demonstration, sample data" banner when the server shows one, else nothing."""
        if not is_demo():
            return []
        banner = widgets.HTML()
        banner.add_class("saara-demo-banner")
        self._on_lang(lambda lang: setattr(banner, "value", f"<b>{html.escape(t('page.demo.banner', lang))}</b>"))
        return [banner]

    def welcome(self, device: str, lang: str) -> None:
        """Take the visitor, once a page has taken this form's kernel (built ahead in a preheated one):
        their device, which their saves name, and their language."""
        self._take_device(device)
        if normalise_lang(lang) != self.lang:
            self.set_lang(lang)

    def _take_device(self, device: str) -> None:
        """Name the visitor's device in what this form saves."""
        self.state.device = device

    def set_lang(self, lang: str) -> None:
        """Switch every text of the form to ``lang``."""
        self.lang = normalise_lang(lang)
        if self._language.value != self.lang:
            self._language.value = self.lang  # observer calls back here
            return
        self._apply_direction()  # direction first, so no text shows in the wrong direction
        for relabel in self._relabellers:
            relabel(self.lang)

    def _apply_direction(self) -> None:
        for code in languages():
            self.remove_class(f"saara-lang-{code}")
        self.add_class(f"saara-lang-{self.lang}")
        if is_rtl(self.lang):
            self.add_class("saara-rtl")
        else:
            self.remove_class("saara-rtl")
