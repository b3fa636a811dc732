"""Start Voilà on ``voila_apps/``: token, preheated kernels, idle culling, landing page at ``/``,
the kit's own access code and error pages, and a template that fetches nothing from the internet."""
from __future__ import annotations

import contextlib
import hmac
import os
import secrets
import socket
from pathlib import Path
from typing import Any

from jupyter_server.auth.decorator import allow_unauthenticated
from jupyter_server.auth.identity import PasswordIdentityProvider, User
from jupyter_server.auth.login import LoginFormHandler
from jupyter_server.auth.logout import LogoutHandler
from jupyter_server.base.handlers import APIHandler, JupyterHandler
from jupyter_server.utils import url_path_join
from tornado import web
from tornado.websocket import WebSocketHandler
from traitlets import default
from voila.app import Voila

from saara_kit.data import load_region
from saara_kit.i18n import normalise_lang, t
from saara_kit.serve.landing import available_apps, render_landing
from saara_kit.serve.pages import FAVICON, FAVICON_TYPE, page_language, render_error, render_login
from saara_kit.settings import TEMPLATES_DIR, VOILA_APPS_DIR, default_data_dir, default_db_url, default_region
from saara_kit.store import open_store

__all__ = ["SaaraIdentityProvider", "SaaraVoila", "serve", "voila_arguments"]

CULL_IDLE_SECONDS = 20 * 60
CULL_INTERVAL_SECONDS = 60


def _root(handler: web.RequestHandler) -> str:
    """Return the address of the landing page, which the kit's pages link back to."""
    root = handler.settings.get("server_url") or handler.settings.get("base_url") or "/"
    return root if root.endswith("/") else f"{root}/"


class KitErrorPages(web.RequestHandler):
    """Mixin for a handler: the kit's translated error page in place of Jupyter's or Tornado's."""

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        """Write the page for ``status_code``; the details (traceback, paths) stay in the server log."""
        try:
            lang = page_language(self.get_argument("lang", None), self.get_argument("next", None))
        except web.HTTPError:  # an argument that is not text: the hub's language
            lang = page_language()
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.finish(render_error(lang, status_code, root=_root(self)))


class LandingHandler(KitErrorPages, JupyterHandler):
    """Serve the translated list of forms (``/?lang=ar``), behind the same token as the forms."""

    @web.authenticated
    def get(self) -> None:
        lang = page_language(self.get_argument("lang", None))
        region = load_region(default_region())
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.finish(render_landing(lang, region, available_apps()))


class SaaraLoginHandler(KitErrorPages, LoginFormHandler):
    """Ask for the access code on the kit's page; Jupyter's handler checks it and sets the cookie."""

    def _render(self, message: dict | None = None) -> None:
        """Write the access code page; ``message`` is set when the code typed was wrong."""
        next_url = self.get_argument("next", default=_root(self))
        lang = page_language(self.get_argument("lang", None), next_url)
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.write(render_login(
            lang, next_url, root=_root(self), xsrf_form_html=self.xsrf_form_html(), wrong_code=message is not None
        ))


class SaaraLogoutHandler(KitErrorPages, LogoutHandler):
    """Forget the access code and go back to the landing page, which asks for it again."""

    @allow_unauthenticated
    def get(self) -> None:
        self.identity_provider.clear_login_cookie(self)
        self.redirect(f"{_root(self)}?lang={page_language(self.get_argument('lang', None))}")


class SaaraIdentityProvider(PasswordIdentityProvider):
    """The server's token, typed as an access code on the kit's own page."""

    def __init__(self, **kwargs: Any) -> None:
        # Voilà passes its login handler (Jupyter's page) as an argument: the kit's replaces it.
        kwargs.update(login_handler_class=SaaraLoginHandler, logout_handler_class=SaaraLogoutHandler)
        super().__init__(**kwargs)

    def process_login_form(self, handler: web.RequestHandler) -> User | None:
        """Return a user when the ``code`` typed is the token (or a configured password), else ``None``."""
        code = handler.get_argument("code", default="").strip()
        if not self.auth_enabled:
            return self.generate_anonymous_user(handler)
        if self.token and hmac.compare_digest(code.encode(), self.token.encode()):
            return self.generate_anonymous_user(handler)
        if self.hashed_password and code and self.passwd_check(code):
            return self.generate_anonymous_user(handler)
        return None


class FaviconHandler(web.RequestHandler):
    """Serve the kit's favicon, with or without the access code."""

    def get(self) -> None:
        self.set_header("Content-Type", FAVICON_TYPE)
        self.set_header("Cache-Control", "public, max-age=86400")
        self.finish(FAVICON.read_bytes())


class NotFoundHandler(KitErrorPages):
    """Answer an address no handler serves with the kit's "page not found"."""

    def prepare(self) -> None:
        raise web.HTTPError(404)


def _with_kit_error_pages(rule: tuple) -> tuple:
    """Give a handler of Voilà's the kit's error pages; API and websocket handlers keep theirs (JSON)."""
    pattern, handler, *rest = rule
    if not isinstance(handler, type) or issubclass(handler, (APIHandler, WebSocketHandler, KitErrorPages)):
        return rule
    return (pattern, type(f"Saara{handler.__name__}", (KitErrorPages, handler), {}), *rest)


class SaaraVoila(Voila):
    """Voilà with the kit's landing page in place of the file tree at ``/``, its access code and
    error pages in place of Jupyter's, its favicon, and its templates."""

    @default("identity_provider_class")
    def _default_identity_provider_class(self) -> type:
        return SaaraIdentityProvider

    def setup_template_dirs(self) -> None:
        """Let Voilà find the kit's offline template ``saara``."""
        others = [path for path in os.environ.get("JUPYTER_PATH", "").split(os.pathsep) if path]
        os.environ["JUPYTER_PATH"] = os.pathsep.join([str(TEMPLATES_DIR), *others])
        super().setup_template_dirs()

    def init_settings(self) -> dict:
        """Voilà's settings, with the kit's page for addresses no handler serves."""
        settings = super().init_settings()
        settings["default_handler_class"] = NotFoundHandler
        return settings

    def init_handlers(self) -> list:
        """The kit's pages first, then Voilà's handlers with the kit's error pages."""
        root = self.server_url
        kit = [
            (url_path_join(root, r"/?"), LandingHandler),
            (url_path_join(root, r"/favicon\.(?:svg|ico)"), FaviconHandler),
            (url_path_join(root, r"/voila/tree(?:/.*)?"), web.RedirectHandler, {"url": root, "permanent": False}),
        ]
        return [*kit, *(_with_kit_error_pages(rule) for rule in super().init_handlers())]


def load_samples(db_url: str) -> None:
    """Load every registered domain's sample records into the store at ``db_url``."""
    from saara_kit.exports.transfer import import_samples
    from saara_kit.registry import domains

    with open_store(db_url=db_url) as store:
        for declared in domains().values():
            import_samples(store, declared)


def voila_arguments(
    host: str, port: int, token: str | None, pool_size: int = 1, apps_dir: Path = VOILA_APPS_DIR
) -> list[str]:
    """Return Voilà's command line: sources stripped, kernels preheated, idle kernels culled."""
    return [
        str(apps_dir),
        f"--Voila.ip={host}",
        f"--port={port}",
        "--Voila.port_retries=0",
        "--no-browser",
        "--template=saara",
        "--strip_sources=True",
        "--preheat_kernel=True",
        f"--pool_size={pool_size}",
        "--show_tracebacks=False",
        "--VoilaConfiguration.allow_template_override=NO",  # ?template=… hangs a request and starts a kernel
        "--VoilaConfiguration.allow_theme_override=NO",
        f"--MappingKernelManager.cull_idle_timeout={CULL_IDLE_SECONDS}",
        f"--MappingKernelManager.cull_interval={CULL_INTERVAL_SECONDS}",
        "--MappingKernelManager.cull_connected=False",
        f"--Voila.token={token or ''}",
    ]


def _address_to_share(host: str) -> str:
    """Return the address participants type: this machine's name when serving every interface."""
    if host in ("127.0.0.1", "localhost"):
        return "localhost"
    if host in ("0.0.0.0", "::", ""):
        with contextlib.suppress(OSError):
            address = socket.gethostbyname(socket.gethostname())
            if not address.startswith("127."):
                return address
        return socket.gethostname()
    return host


def serve(
    host: str = "127.0.0.1",
    port: int = 8866,
    region: str | None = None,
    lang: str | None = None,
    data_dir: str | Path | None = None,
    db_url: str | None = None,
    token: bool = True,
    pool_size: int = 1,
    sample_data: bool = False,
) -> None:
    """Serve the participants' forms until interrupted; print the URL to open.

    ``lang`` defaults to the hub's language. ``sample_data`` first loads the bundled sample
    records into the store (for demonstrations).
    """
    hub = load_region(region or default_region())  # fails early on an unknown hub
    lang = normalise_lang(lang or hub.default_lang)
    data_dir = Path(data_dir).resolve() if data_dir else default_data_dir()
    data_dir.mkdir(parents=True, exist_ok=True)
    os.environ.update(  # read by the landing page and inherited by every kernel
        SAARA_REGION=hub.id,
        SAARA_LANG=lang,
        SAARA_DATA_DIR=str(data_dir),
        SAARA_DB_URL=db_url or default_db_url(data_dir),
    )
    if sample_data:
        load_samples(os.environ["SAARA_DB_URL"])
    secret = secrets.token_urlsafe(24) if token else None
    shown_host = _address_to_share(host)
    query = f"?token={secret}&lang={lang}" if secret else f"?lang={lang}"
    print(t("serve.open", lang, url=f"http://{shown_host}:{port}/{query}"), flush=True)
    SaaraVoila.launch_instance(argv=voila_arguments(host, port, secret, pool_size))
