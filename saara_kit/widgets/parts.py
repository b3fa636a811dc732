"""Small widgets every form uses: the style sheet, the language switch, a message line."""

from __future__ import annotations

import html
from collections.abc import Iterable
from urllib.parse import quote

import ipywidgets as widgets

from saara_kit.i18n import language, languages, t

__all__ = ["CSS", "ConnectionLost", "HomeLink", "MessageLine", "language_switch", "style_sheet"]

CSS = """
<style>
.saara-rtl, .saara-rtl input, .saara-rtl select, .saara-rtl textarea {direction: rtl; text-align: right}
.saara-rtl .widget-slider .slider-container {direction: ltr}  /* a scale's handle stays on its track */
.saara-form {max-width: 80em}
.saara-message-error {color: #a61b1b}
.saara-demo-banner {background: #fff3c4; border: 1px solid #d9b400; border-radius: 6px; padding: 0 0.8em}
.saara-message-ok {color: #1b6e2d}
.saara-message-warning {color: #8a4b00}
.saara-message ul {margin: 0.2em 0; padding-inline-start: 1.2em}
.saara-connection-lost {display: none}
.saara-kernel-gone .saara-connection-lost {display: block; position: fixed; top: 0; left: 0; right: 0; z-index: 1000;
  background: #a61b1b; color: #fff; padding: 0.8em 1em; font-size: 1.1em}
.saara-connection-lost a {color: #fff; font-weight: bold}
img.saara-picture {width: calc(100% - 2 * var(--jp-widgets-margin)) !important}  /* its margins inside the step */
.saara-steps > .widget-tab-contents {padding: 0.5em 0 !important; border-left: 0 !important; border-right: 0 !important}  /* steps use the whole width */
.saara-steps > .lm-TabBar {min-height: var(--jp-widgets-horizontal-tab-height); height: auto !important}
.saara-steps > .lm-TabBar .lm-TabBar-content {flex-wrap: wrap}  /* every step's title stays whole on a phone */
.saara-steps > .lm-TabBar .lm-TabBar-tab {flex: 0 0 auto !important; max-width: none !important}
@media (max-width: 40em) {  /* phones: each label above its field, every field inside the screen */
  .saara-form .widget-inline-hbox {flex-wrap: wrap; height: auto;
    max-width: calc(100% - 2 * var(--jp-widgets-margin)) !important}
  .saara-form .widget-inline-hbox > .widget-label {width: 100% !important; max-width: 100%; text-align: start}
  .saara-form .widget-inline-hbox > :not(.widget-label) {min-width: 0; flex: 1 1 auto}
  .saara-form .widget-inline-hbox > select:not([size]), .saara-form .widget-inline-hbox > input {
    height: var(--jp-widgets-inline-height)}
  /* the steps' tabs on one line: smaller and closer, a title cut short only on the narrowest screens */
  .saara-steps > .lm-TabBar .lm-TabBar-content {flex-wrap: nowrap}
  .saara-steps > .lm-TabBar .lm-TabBar-tab {flex: 0 1 auto !important; min-width: 0 !important; padding: 0 0.3em;
    font-size: 0.85em}
  .saara-steps > .lm-TabBar .lm-TabBar-tabLabel {overflow: hidden; text-overflow: ellipsis}
}
</style>
"""


def style_sheet() -> widgets.HTML:
    """Return the kit's CSS as a widget (Voilà has no other way to add a rule)."""
    return widgets.HTML(CSS)


class HomeLink(widgets.HTML):
    """The link back to the list of forms, in the form's language."""

    LANDING = "../../"  # a form is served at <base>/voila/render/<app>.ipynb, the list at <base>/

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.add_class("saara-home")

    def show(self, lang: str) -> None:
        """Point at the landing page in ``lang`` and say so in ``lang``."""
        href = html.escape(f"{self.LANDING}?lang={quote(lang)}")
        leave = html.escape(t("form.leave_unsaved", lang))  # asked by the page when the form holds unsaved changes
        self.value = (
            f'<a class="saara-home-link" href="{href}" data-saara-leave="{leave}">'
            f"{html.escape(t('form.home', lang))}</a>"
        )


class ConnectionLost(widgets.HTML):
    """The notice shown when the form's kernel is gone (culled, restarted or the server stopped).

    It stays hidden until the kit's Voilà template sees the kernel's connection end for good and
    marks the page ``saara-kernel-gone``: the kernel cannot say it, so its words wait in the page.
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.add_class("saara-connection-lost")

    def show(self, lang: str) -> None:
        """Hold the notice in ``lang``, with a link that reloads the form."""
        self.value = (
            f'<div role="alert">{html.escape(t("form.connection_lost", lang))} '
            f'<a href="">{html.escape(t("form.reload", lang))}</a></div>'
        )


def language_switch(lang: str) -> widgets.ToggleButtons:
    """Return the FR | عربي | EN switch."""
    switch = widgets.ToggleButtons(
        options=[(language(code)["name"], code) for code in languages()],
        value=lang,
        style={"button_width": "4.5em"},
    )
    switch.add_class("saara-language")
    return switch


class MessageLine(widgets.HTML):
    """A line for errors or confirmations; what participants typed is escaped."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.add_class("saara-message")

    def show(self, messages: str | Iterable[str], ok: bool = False, warning: bool = False) -> None:
        """Show one message or a list of them: an error, good news (``ok``) or a ``warning``
        (something to look at that saves anyway)."""
        items = [messages] if isinstance(messages, str) else list(messages)
        kind = "ok" if ok else "warning" if warning else "error"
        if len(items) == 1:
            body = html.escape(items[0], quote=False)
        else:
            body = "<ul>" + "".join(f"<li>{html.escape(item, quote=False)}</li>" for item in items) + "</ul>"
        self.value = f'<div class="saara-message-{kind}">{body}</div>'
        self.remove_class("saara-ok" if not ok else "saara-error")
        self.add_class("saara-ok" if ok else "saara-error")

    def tell(self, notice, lang: str) -> None:
        """Show a form state's ``notice`` (its lines in ``lang``, good news or not), or nothing when it is None."""
        if notice is None:
            self.clear()
        else:
            self.show(notice.messages(lang), ok=notice.ok)

    def clear(self) -> None:
        """Hide the message."""
        self.value = ""
