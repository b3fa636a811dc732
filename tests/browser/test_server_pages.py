"""Every page a participant can reach is the kit's own: the access code page, an unknown address, an
unknown form, a server error and the favicon, on a real ``saara-kit serve``, over plain HTTP."""

from __future__ import annotations

import http.cookiejar
import re
import sys
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest
import yaml

from saara_kit.i18n import languages, t
from saara_kit.serve.pages import FAVICON
from saara_kit.settings import PROJECT_ROOT

pytestmark = pytest.mark.browser

LANGS = ["fr", "ar", "en"]
DIRECTION = {"fr": "ltr", "ar": "rtl", "en": "ltr"}
# nowhere in a page's HTML, hidden fields included
NEVER_IN_HTML = ("jupyter", "voilà", "token", "password")
# nowhere a visitor can read
NEVER_SHOWN = (*NEVER_IN_HTML, "voila", "notebook", "ipynb", "kernel", "traceback", "login", "mot de passe")
FORM = "/voila/render/stakeholders.ipynb"
RENDER_TIMEOUT_S = 120


@dataclass
class Page:
    """What a test reads of an answer: status, final address, HTML and what the HTML shows."""

    status: int
    url: str
    html: str
    root: dict = field(default_factory=dict)
    links: list[str] = field(default_factory=list)
    icons: list[str] = field(default_factory=list)
    forms: list[dict] = field(default_factory=list)
    inputs: list[dict] = field(default_factory=list)
    shown: str = ""


class _Reader(HTMLParser):
    def __init__(self, page: Page) -> None:
        super().__init__()
        self.page, self.hidden, self.shown = page, 0, []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attrs = {name: value or "" for name, value in attrs}
        if tag == "html":
            self.page.root = attrs
        elif tag == "a":
            self.page.links.append(attrs.get("href", ""))
        elif tag == "link" and "icon" in attrs.get("rel", "").split():
            self.page.icons.append(attrs.get("href", ""))
        elif tag == "form":
            self.page.forms.append(attrs)
        elif tag == "input":
            self.page.inputs.append(attrs)
        if tag in ("script", "style"):
            self.hidden += 1
        self.shown += [attrs[name] for name in ("title", "alt", "placeholder", "aria-label") if name in attrs]
        if tag in ("input", "button") and attrs.get("type") != "hidden" and attrs.get("value"):
            self.shown.append(attrs["value"])

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.shown.append(data)


def _read(status: int, url: str, body: bytes) -> Page:
    page = Page(status, url, body.decode("utf-8"))
    reader = _Reader(page)
    reader.feed(page.html)
    page.shown = " ".join(" ".join(reader.shown).split())
    return page


def _opener() -> urllib.request.OpenerDirector:
    """A visitor's browser: keeps its cookies, follows redirects."""
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))


def _get(
    url: str, opener: urllib.request.OpenerDirector | None = None, data: dict | None = None, method: str | None = None
) -> Page:
    """GET (or POST ``data``) ``url``; an HTTP error is an answer like any other."""
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    request = urllib.request.Request(url, data=body, method=method)
    try:
        with (opener or _opener()).open(request, timeout=RENDER_TIMEOUT_S) as response:
            return _read(response.status, response.geturl(), response.read())
    except urllib.error.HTTPError as error:
        return _read(error.code, error.geturl(), error.read())


def _path(page: Page) -> str:
    """The path and query of the page's final address."""
    address = urllib.parse.urlsplit(page.url)
    return f"{address.path}?{address.query}" if address.query else address.path


def _assert_kit_page(page: Page, server, lang: str) -> None:
    """The page is in ``lang``, speaks no Jupyter, shows no server path, has the kit's favicon and
    links back to the landing page in its language."""
    assert page.root.get("lang") == lang and page.root.get("dir") == DIRECTION[lang], page.root
    assert not [word for word in NEVER_IN_HTML if word in page.html.lower()], page.html
    assert not [word for word in NEVER_SHOWN if word in page.shown.lower()], page.shown
    for path in (str(server.data_dir), str(PROJECT_ROOT), sys.prefix, "site-packages", "/tmp/", "Traceback"):
        assert path not in page.html, path
    assert f"/?lang={lang}" in page.links
    assert page.icons == ["/favicon.svg"]


def _field(page: Page, name: str) -> str:
    return next(item.get("value", "") for item in page.inputs if item.get("name") == name)


def _type_code(server, opener, page: Page, code: str) -> Page:
    """Fill the access code page's form as a browser would, and send it."""
    (form,) = page.forms
    assert form["method"] == "post"
    assert any(item.get("name") == "code" and item.get("type") == "text" for item in page.inputs)
    data = {item["name"]: item.get("value", "") for item in page.inputs if item.get("type") == "hidden"}
    return _get(urllib.parse.urljoin(page.url, form["action"]), opener, data={**data, "code": code})


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("asked", ["/?lang={lang}", f"{FORM}?lang={{lang}}", "/?lang={lang}&token=not-the-code"])
def test_without_the_code_a_page_asks_for_it_in_the_visitors_language(server, lang, asked):
    asked = asked.format(lang=lang)
    page = _get(f"{server.url}{asked}")
    assert page.status == 200 and _path(page).startswith("/login?")
    _assert_kit_page(page, server, lang)
    assert t("page.login.title", lang) in page.shown and t("page.login.code", lang) in page.shown
    assert _field(page, "next") == asked.replace("&token=not-the-code", "")
    assert "saara-app" not in page.html


@pytest.mark.parametrize("lang", LANGS)
def test_the_access_code_page_speaks_the_language_of_the_page_asked_for(server, lang):
    page = _get(f"{server.url}/login?next={urllib.parse.quote(f'{FORM}?lang={lang}')}")
    assert page.status == 200
    _assert_kit_page(page, server, lang)


def test_without_any_lang_the_pages_speak_the_hubs_language(server):
    hub_lang = re.search(r"[?&]lang=(\w+)", "".join(server.log)).group(1)  # the URL serve printed
    for path, status in (("/login", 200), ("/nothing-here", 404), (f"{FORM}?lang=xx", 200)):
        page = _get(f"{server.url}{path}")
        assert page.status == status
        _assert_kit_page(page, server, hub_lang)


@pytest.mark.parametrize("lang", LANGS)
def test_typing_the_code_opens_the_landing_page_asked_for(server, lang):
    opener = _opener()
    asked = _get(f"{server.url}/?lang={lang}", opener)
    opened = _type_code(server, opener, asked, f"  {server.token} ")  # spaces around are forgiven
    assert opened.status == 200 and _path(opened) == f"/?lang={lang}"
    assert opened.root.get("lang") == lang and "saara-app-stakeholders" in opened.html
    assert opened.icons == ["favicon.svg"]
    assert _get(urllib.parse.urljoin(opened.url, opened.icons[0]), opener).html == FAVICON.read_text()


@pytest.mark.parametrize("lang", LANGS)
def test_typing_the_code_opens_the_form_asked_for_with_the_kits_favicon(server, lang):
    opener = _opener()
    asked = _get(f"{server.url}{FORM}?lang={lang}", opener)
    opened = _type_code(server, opener, asked, server.token)
    assert opened.status == 200 and _path(opened) == f"{FORM}?lang={lang}"
    assert 'data-voila="voila"' in opened.html
    assert opened.icons == ["/favicon.svg"]  # Voilà's own (an empty data: icon) is gone


@pytest.mark.parametrize("lang", LANGS)
def test_a_wrong_code_is_refused_on_the_kits_page(server, lang):
    opener = _opener()
    asked = _get(f"{server.url}{FORM}?lang={lang}", opener)
    refused = _type_code(server, opener, asked, "not-the-code")
    assert refused.status == 401
    _assert_kit_page(refused, server, lang)
    assert t("page.login.wrong", lang) in refused.shown
    assert _field(refused, "next") == f"{FORM}?lang={lang}"
    assert _path(_get(f"{server.url}/?lang={lang}", opener)).startswith("/login?")  # still no way in


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("with_code", [True, False])
def test_an_unknown_address_is_the_kits_not_found_page(server, lang, with_code):
    code = f"&token={server.token}" if with_code else ""
    page = _get(f"{server.url}/nothing-here?lang={lang}{code}")
    assert page.status == 404
    _assert_kit_page(page, server, lang)
    assert t("page.not_found.title", lang) in page.shown


@pytest.mark.parametrize("lang", LANGS)
def test_an_unknown_form_is_the_kits_not_found_page(server, lang):
    page = _get(f"{server.url}/voila/render/nothing-here.ipynb?lang={lang}&token={server.token}")
    assert page.status == 404
    _assert_kit_page(page, server, lang)
    assert t("page.not_found.title", lang) in page.shown and "nothing-here" not in page.shown


@pytest.mark.parametrize("lang", LANGS)
def test_a_server_error_is_the_kits_error_page_without_traceback(server, lang):
    # Voilà's template files handler fails (ValueError) on an address without "/static/": a real 500
    page = _get(f"{server.url}/voila/templates/saara?lang={lang}")
    assert page.status == 500
    _assert_kit_page(page, server, lang)
    assert t("page.error.title", lang) in page.shown
    assert "ValueError" not in page.html and "unpack" not in page.html


@pytest.mark.parametrize("lang", LANGS)
def test_a_refused_request_is_the_kits_error_page(server, lang):
    page = _get(f"{server.url}/?lang={lang}&token={server.token}", data={}, method="PUT")
    assert page.status == 405
    _assert_kit_page(page, server, lang)
    assert t("page.error.title", lang) in page.shown


def test_logging_out_and_voilas_file_tree_lead_to_the_kits_pages(server):
    opener = _opener()
    opened = _type_code(server, opener, _get(f"{server.url}/?lang=ar", opener), server.token)
    assert "saara-app-stakeholders" in opened.html
    tree = _get(f"{server.url}/voila/tree?lang=ar", opener)  # Voilà's list of files: the landing page instead
    assert _path(tree) == "/?lang=ar" and "saara-app-stakeholders" in tree.html
    out = _get(f"{server.url}/logout?lang=ar", opener)
    assert _path(out).startswith("/login?")
    _assert_kit_page(out, server, "ar")


def test_the_favicon_is_the_kits_with_or_without_the_code(server):
    for path in ("/favicon.ico", "/favicon.svg"):
        request = urllib.request.Request(f"{server.url}{path}")
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.headers["Content-Type"] == "image/svg+xml"
            assert response.read() == FAVICON.read_bytes()
    assert FAVICON.read_bytes().startswith(b"<svg") and b"jupyter" not in FAVICON.read_bytes().lower()


def test_the_server_pages_catalogue_is_complete_and_its_arabic_has_no_latin_words():
    entries = yaml.safe_load((PROJECT_ROOT / "saara_kit" / "i18n" / "server.yaml").read_text(encoding="utf-8"))
    assert entries and all(key.startswith("page.") for key in entries)
    for key, texts in entries.items():
        assert set(texts) == set(languages()) == set(LANGS), key
        arabic = texts["ar"].values() if isinstance(texts["ar"], dict) else [texts["ar"]]  # one text per plural form
        assert not any(re.search(r"[A-Za-z]", re.sub(r"{\w+}", "", text)) for text in arabic), key
