"""The server's own pages: the HTML skeleton shared with the landing page, the access code page,
and the pages for an unknown address or an error.

Each page is plain HTML in the visitor's language (right to left in Arabic) with the kit's favicon
and a link back to the list of forms. None shows a server path, a traceback or Jupyter's wording.
"""

from __future__ import annotations

import html
import math
import os
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from saara_kit.html_page import FAVICON, FAVICON_TYPE, demo_banner, language_links, render_page
from saara_kit.i18n import DEFAULT_LANG, declared_lang, t

__all__ = [
    "FAVICON",
    "FAVICON_TYPE",
    "FULL_ROOM_RETRY_SECONDS",
    "demo_banner",
    "language_links",
    "page_language",
    "render_error",
    "render_full",
    "render_join",
    "render_login",
    "render_page",
]

FULL_ROOM_RETRY_SECONDS = 10

FORM_STYLE = """form {display: flex; flex-wrap: wrap; gap: 0.6em; margin: 1.5em 0}
label {width: 100%; font-weight: bold}
input {flex: 1 1 14em; min-width: 0; font: inherit; font-size: 1.2em; padding: 0.4em 0.6em; border: 1px solid #888; border-radius: 6px}
button {font: inherit; font-size: 1.1em; padding: 0.45em 1.2em; border: 0; border-radius: 6px; background: #1b6b5a; color: #fff}
.saara-wrong {color: #a00000; font-weight: bold}
"""

_esc = html.escape


def _query(url: str | None) -> dict[str, str]:
    return dict(parse_qsl(urlsplit(url or "").query))


def _with_query(url: str, **values: str | None) -> str:
    """Return ``url`` with its query parameters ``values`` replaced (``None`` removes one)."""
    parts = urlsplit(url)
    kept = [(name, value) for name, value in parse_qsl(parts.query, keep_blank_values=True) if name not in values]
    added = [(name, value) for name, value in values.items() if value is not None]
    return urlunsplit(parts._replace(query=urlencode(kept + added)))


def page_language(lang: str | None = None, next_url: str | None = None) -> str:
    """Return the language of a page: ``?lang=``, else the ``lang`` of the address the visitor
    asked for (``next_url``), else ``$SAARA_LANG`` (the hub's), else French. Unknown codes are skipped."""
    asked = (lang, _query(next_url).get("lang"), os.environ.get("SAARA_LANG"))
    return next(filter(None, map(declared_lang, asked)), DEFAULT_LANG)


def _home(lang: str, root: str) -> str:
    return f'<p><a class="saara-home" href="{_esc(root)}?lang={lang}">{_esc(t("page.back", lang))}</a></p>'


def render_login(
    lang: str, next_url: str | None, *, root: str = "/", xsrf_form_html: str = "", problem: str = ""
) -> str:
    """Return the page asking for the access code; the form posts it to ``{root}login``, which
    then opens ``next_url`` (the page first asked for, without any code it carried).

    ``problem`` says why the last code was refused: ``"wrong"`` or ``"too_many"``."""
    next_url = _with_query(next_url or root, token=None)
    switch = language_links(lang, lambda code: f"{root}login?{urlencode({'next': _with_query(next_url, lang=code)})}")
    wrong = f'<p class="saara-wrong" role="alert">{_esc(t(f"page.login.{problem}", lang))}</p>\n' if problem else ""
    body = f"""<nav class="saara-languages">{switch}</nav>
<h1>{_esc(t("page.login.title", lang))}</h1>
<p>{_esc(t("page.login.intro", lang))}</p>
{wrong}<form class="saara-login" method="post" action="{_esc(root)}login">{xsrf_form_html}
<input type="hidden" name="next" value="{_esc(next_url)}">
<label for="saara-code">{_esc(t("page.login.code", lang))}</label>
<input id="saara-code" name="code" type="text" dir="ltr" required autofocus autocomplete="off" autocapitalize="off" spellcheck="false">
<button type="submit">{_esc(t("page.login.submit", lang))}</button>
</form>
{_home(lang, root)}"""
    return render_page(lang, t("page.login.title", lang), body, root=root, style=FORM_STYLE)


def render_error(lang: str, status_code: int, *, root: str = "/") -> str:
    """Return the page shown for an HTTP error: what happened in plain words, and the way back."""
    if status_code == 404:
        title, text = t("page.not_found.title", lang), t("page.not_found.text", lang)
    elif status_code == 403:
        title, text = t("page.forbidden.title", lang), t("page.forbidden.text", lang)
    else:
        title, text = t("page.error.title", lang), t("page.error.text", lang)
    body = f'<h1>{_esc(title)}</h1>\n<p class="saara-error-{status_code}">{_esc(text)}</p>\n{_home(lang, root)}'
    return render_page(lang, title, body, root=root)


def render_full(lang: str, free_in: int | None = None, *, root: str = "/", busy: bool = False) -> str:
    """Return the page for a full room: it says so, about how long a place takes to free up
    (``free_in`` seconds; None: when someone leaves), and tries again by itself. ``busy``: this
    phone is already opening forms; the page says to wait for them."""
    title = t("page.busy.title" if busy else "page.full.title", lang)
    if busy:
        text, wait = t("page.busy.text", lang), ""
    else:
        text = t("page.full.text", lang)
        wait = (
            t("page.full.wait_for_someone", lang)
            if free_in is None
            else t("page.full.wait", lang, count=max(1, math.ceil(free_in / 60)))
        )
    body = (
        f'<h1>{_esc(title)}</h1>\n<p class="saara-full">{_esc(text)}</p>\n'
        f'<p class="saara-full-wait">{_esc(wait)}</p>\n{_home(lang, root)}'
    )
    return render_page(lang, title, body, root=root, refresh=FULL_ROOM_RETRY_SECONDS)


# A projector shows 1280×720: the QR code and the text side by side, each centred, all above the fold;
# on a phone (narrow) they stack.
JOIN_STYLE = """body {max-width: 76em; margin: 0.5em auto; text-align: center; font-size: 1.3em}
h1 {margin: 0.2em 0} .saara-hub {margin: 0.2em 0 0.6em}
.saara-join-grid {display: flex; flex-wrap: wrap; align-items: center; justify-content: center; gap: 1em 3em}
.saara-join-qr svg {display: block; width: min(66vh, 90vw); height: auto; margin: 0 auto}
.saara-join-text {flex: 1 1 18em; max-width: 36em} .saara-join-text p {margin: 0.4em 0}
.saara-join-address {font-family: monospace; font-size: 1.3em; direction: ltr; unicode-bidi: isolate; overflow-wrap: anywhere}
.saara-join-code {font-family: monospace; font-size: 3.5em; letter-spacing: 0.2em; font-weight: bold; direction: ltr; unicode-bidi: isolate}
"""


def render_join(lang: str, hub: str, date: str, address: str, code: str, qr_svg: str, *, root: str = "/") -> str:
    """Return the join page for the projector: the hub, the date, the QR code, a short address and
    the join code in large print."""
    title = t("page.join.title", lang)
    body = f"""<h1>{_esc(title)}</h1>
<p class="saara-hub">{_esc(hub)} — {_esc(date)}</p>
<div class="saara-join-grid">
<div class="saara-join-qr">{qr_svg}</div>
<div class="saara-join-text">
<p>{_esc(t("page.join.wifi", lang))}</p>
<p>{_esc(t("page.join.scan", lang))}</p>
<p class="saara-join-address">{_esc(address)}</p>
<p>{_esc(t("page.join.code", lang))}</p>
<p class="saara-join-code">{_esc(code)}</p>
</div>
</div>"""
    return render_page(lang, title, body, root=root, style=JOIN_STYLE)
