"""The HTML skeleton of every page the kit writes (the server's pages, letters, one-pagers, handouts,
code cards): language and direction, favicon, the demonstration banner. Light: no server, no widgets."""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

from saara_kit.i18n import is_rtl, language, languages, t
from saara_kit.settings import is_demo

__all__ = ["FAVICON", "FAVICON_TYPE", "demo_banner", "language_links", "render_page"]

FAVICON = Path(__file__).parent / "serve" / "static" / "favicon.svg"
FAVICON_TYPE = "image/svg+xml"

SKELETON = """<!DOCTYPE html>
<html lang="{lang}" dir="{direction}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>{refresh}
<link rel="icon" type="{favicon_type}" href="{root}favicon.svg">
<style>
body {{font-family: sans-serif; line-height: 1.45; max-width: 46em; margin: 2em auto; padding: 0 1em; color: #222}}
h1 {{line-height: 1.2}}
nav a {{margin-inline-end: 1em}} nav a.current {{font-weight: bold; text-decoration: none}}
{style}</style></head>
<body>
{banner}{body}
</body></html>
"""

BANNER_STYLE = (
    ".saara-demo-banner {background: #fff3c4; border: 1px solid #d9b400; border-radius: 6px; padding: 0.5em 0.8em}"
)

_esc = html.escape


def demo_banner(lang: str) -> str:
    """Return the demonstration banner when the server shows sample data (``$SAARA_DEMO``), else ""."""
    if not is_demo():
        return ""
    return f'<p class="saara-demo-banner" role="note">{_esc(t("page.demo.banner", lang))}</p>\n'


def render_page(lang: str, title: str, body: str, *, root: str = "", style: str = "", refresh: int = 0) -> str:
    """Return a whole page in ``lang``: ``title`` is plain text, ``body`` and ``style`` are HTML and CSS.

    ``root`` is the address of the landing page ("" when the page is the landing page itself): the
    favicon is served beside it. ``refresh`` reloads the page after that many seconds.
    """
    return SKELETON.format(
        lang=lang,
        direction="rtl" if is_rtl(lang) else "ltr",
        title=_esc(title),
        refresh=f'\n<meta http-equiv="refresh" content="{int(refresh)}">' if refresh else "",
        favicon_type=FAVICON_TYPE,
        root=_esc(root),
        style=style + BANNER_STYLE,
        banner=demo_banner(lang),
        body=body,
    )


def language_links(lang: str, href: Callable[[str], str]) -> str:
    """Return the language switch: one link per language, ``href(code)`` its address."""
    return " ".join(
        f'<a href="{_esc(href(code))}" class="{"current" if code == lang else ""}">{_esc(language(code)["name"])}</a>'
        for code in languages()
    )
