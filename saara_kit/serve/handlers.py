"""The kit's own pages on the server: the landing page, the projector's join page, the favicon, and
its translated error pages in place of Jupyter's or Tornado's."""

from __future__ import annotations

from typing import Any

from jupyter_server.base.handlers import JupyterHandler
from tornado import web

from saara_kit.data import load_hub
from saara_kit.i18n import format_date
from saara_kit.serve.join import qr_svg, short_address
from saara_kit.serve.landing import available_apps, render_landing
from saara_kit.serve.pages import FAVICON, FAVICON_TYPE, page_language, render_error, render_join
from saara_kit.settings import TRAINER, default_hub_id

__all__ = [
    "FaviconHandler",
    "JoinHandler",
    "KitErrorPages",
    "LandingHandler",
    "NotFoundHandler",
    "TrainerOnly",
    "is_trainer",
    "root_of",
]


def is_trainer(handler: JupyterHandler) -> bool:
    """Tell whether the request comes from the trainer (always so when the server has no code)."""
    user = handler.current_user
    return not handler.identity_provider.auth_enabled or (user is not None and user.username == TRAINER)


def root_of(handler: web.RequestHandler) -> str:
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
        self.finish(render_error(lang, status_code, root=root_of(self)))


class LandingHandler(KitErrorPages, JupyterHandler):
    """Serve the translated list of forms (``/?lang=ar``), behind the same token as the forms."""

    @web.authenticated
    def get(self) -> None:
        lang = page_language(self.get_argument("lang", None))
        hub = load_hub(default_hub_id())
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.finish(render_landing(lang, hub, available_apps()))


class TrainerOnly(JupyterHandler):
    """Mixin: a page only the trainer opens; a participant gets the kit's "not open" page."""

    async def prepare(self) -> None:
        await super().prepare()
        if self.current_user is not None and not is_trainer(self):
            raise web.HTTPError(403)


class JoinHandler(KitErrorPages, TrainerOnly):
    """The join page for the projector: hub, date, QR code, short address and join code."""

    @web.authenticated
    def get(self) -> None:
        lang = page_language(self.get_argument("lang", None))
        hub = load_hub(default_hub_id())
        address = self.settings["saara_join_url"]
        code = self.identity_provider.join_code
        shown, _ = short_address(address)
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.finish(
            render_join(
                lang,
                hub.name(lang),
                format_date(hub.workshop_date, lang),
                shown,
                code,
                qr_svg(address),
                root=root_of(self),
            )
        )


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
