"""The landing page: the hub, the language links and the list of forms (plain HTML, no kernel)."""
from __future__ import annotations

import html

from saara_kit.data import Region
from saara_kit.i18n import format_date, is_rtl, language, languages, t

__all__ = ["available_apps", "render_landing"]

PAGE = """<!DOCTYPE html>
<html lang="{lang}" dir="{direction}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{font-family: sans-serif; line-height: 1.45; max-width: 46em; margin: 2em auto; padding: 0 1em; color: #222}}
h1 {{line-height: 1.2}}
nav a {{margin-inline-end: 1em}} nav a.current {{font-weight: bold; text-decoration: none}}
ul {{list-style: none; padding: 0}} li {{border: 1px solid #ddd; border-radius: 6px; padding: 0.8em 1em; margin: 0.8em 0}}
li a {{font-size: 1.15em; font-weight: bold}}
</style></head>
<body>
<nav class="saara-languages">{languages}</nav>
<h1>{title}</h1>
<p class="saara-hub">{hub}</p>
<p>{intro}</p>
<ul class="saara-apps">{apps}</ul>
</body></html>
"""


def available_apps() -> list[str]:
    """Return the forms to list: one per registered domain."""
    from saara_kit.registry import domains

    return list(domains())


def render_landing(lang: str, region: Region, apps: list[str]) -> str:
    """Return the landing page in ``lang``: each form links to itself with ``?lang=``."""
    def link(href: str, text: str, css: str = "") -> str:
        return f'<a href="{html.escape(href)}" class="{css}">{html.escape(text)}</a>'

    switch = " ".join(
        link(f"?lang={code}", language(code)["name"], "current" if code == lang else "") for code in languages()
    )
    items = "".join(
        f'<li class="saara-app-{name}">{link(f"voila/render/{name}.ipynb?lang={lang}", t(f"app.{name}.title", lang))}'
        f"<br>{html.escape(t(f'app.{name}.summary', lang))}</li>"
        for name in apps
    )
    hub = t("landing.hub", lang, hub=region.name(lang), date=format_date(region.workshop_date, lang))
    return PAGE.format(
        lang=lang,
        direction="rtl" if is_rtl(lang) else "ltr",
        title=html.escape(t("landing.title", lang)),
        languages=switch,
        hub=html.escape(hub),
        intro=html.escape(t("landing.intro", lang)),
        apps=items,
    )
