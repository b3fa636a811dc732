"""The landing page: the hub, the language links and the list of forms (plain HTML, no kernel)."""

from __future__ import annotations

import html

from saara_kit.data import Hub
from saara_kit.i18n import format_date, t
from saara_kit.serve.pages import language_links, render_page

__all__ = ["available_apps", "render_landing"]

STYLE = """ul {list-style: none; padding: 0} li {border: 1px solid #ddd; border-radius: 6px; padding: 0.8em 1em; margin: 0.8em 0}
li a {font-size: 1.15em; font-weight: bold}
"""

BODY = """<nav class="saara-languages">{languages}</nav>
<h1>{title}</h1>
<p class="saara-hub">{hub}</p>
<p>{intro}</p>
<ul class="saara-apps">{apps}</ul>"""


def available_apps() -> list[str]:
    """Return the forms to list: one per registered domain that is not a step of another's app."""
    from saara_kit.registry import apps

    return apps()


def render_landing(lang: str, hub: Hub, apps: list[str]) -> str:
    """Return the landing page in ``lang``: each form links to itself with ``?lang=``."""

    def link(href: str, text: str) -> str:
        return f'<a href="{html.escape(href)}">{html.escape(text)}</a>'

    items = "".join(
        f'<li class="saara-app-{name}">{link(f"voila/render/{name}.ipynb?lang={lang}", t(f"app.{name}.title", lang))}'
        f"<br>{html.escape(t(f'app.{name}.summary', lang))}</li>"
        for name in apps
    )
    said = t("landing.hub", lang, hub=hub.name(lang), date=format_date(hub.workshop_date, lang))
    body = BODY.format(
        languages=language_links(lang, lambda code: f"?lang={code}"),
        title=html.escape(t("landing.title", lang)),
        hub=html.escape(said),
        intro=html.escape(t("landing.intro", lang)),
        apps=items,
    )
    return render_page(lang, t("landing.title", lang), body, style=STYLE)
