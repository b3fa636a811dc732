"""Logging in with the kit's two codes on its own page: the trainer's code (the server's token) and the
participants' short join code, wrong codes limited per device."""

from __future__ import annotations

import hmac
import uuid
from typing import Any

from jupyter_server.auth.decorator import allow_unauthenticated
from jupyter_server.auth.identity import PasswordIdentityProvider, User
from jupyter_server.auth.logout import LogoutHandler
from tornado import web
from traitlets import Unicode

from saara_kit.codes import same_code
from saara_kit.serve.compat import LoginPage
from saara_kit.serve.handlers import KitErrorPages, root_of
from saara_kit.serve.join import WrongCodes
from saara_kit.serve.pages import page_language, render_login
from saara_kit.settings import TRAINER

__all__ = ["SaaraIdentityProvider", "SaaraLoginHandler", "SaaraLogoutHandler"]


class SaaraLoginHandler(KitErrorPages, LoginPage):
    """Ask for the access code on the kit's page; Jupyter's handler checks it and sets the cookie."""

    @allow_unauthenticated
    def get(self) -> None:
        """Show the page, or log in at once when the address carries the code (the QR code's)."""
        if self.get_argument("code", None) is not None:
            return self.post()
        return super().get()

    def write_login_page(self, message: dict | None = None) -> None:
        """Write the access code page; ``message`` is set when the code typed was refused."""
        next_url = self.get_argument("next", default=root_of(self))
        lang = page_language(self.get_argument("lang", None), next_url)
        problem = getattr(self, "saara_problem", "wrong") if message else ""
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.write(
            render_login(lang, next_url, root=root_of(self), xsrf_form_html=self.xsrf_form_html(), problem=problem)
        )


class SaaraLogoutHandler(KitErrorPages, LogoutHandler):
    """Forget the access code and go back to the landing page, which asks for it again."""

    @allow_unauthenticated
    def get(self) -> None:
        self.identity_provider.clear_login_cookie(self)
        self.redirect(f"{root_of(self)}?lang={page_language(self.get_argument('lang', None))}")


class SaaraIdentityProvider(PasswordIdentityProvider):
    """Two codes on the kit's own page: the server's token is the trainer's code, the short join
    code lets participants in. Wrong codes are limited per device."""

    join_code = Unicode("", config=True, help="The participants' short code; empty: only the trainer's.")

    def __init__(self, **kwargs: Any) -> None:
        # Voilà passes its login handler (Jupyter's page) as an argument: the kit's replaces it.
        kwargs.update(login_handler_class=SaaraLoginHandler, logout_handler_class=SaaraLogoutHandler)
        super().__init__(**kwargs)
        self.wrong_codes = WrongCodes()

    @staticmethod
    def _same(typed: str, code: str) -> bool:
        return bool(code) and hmac.compare_digest(typed.encode(), code.encode())

    def process_login_form(self, handler: web.RequestHandler) -> User | None:
        """Return the trainer or a participant for the ``code`` typed, else ``None``."""
        if not self.auth_enabled:
            return self.generate_anonymous_user(handler)
        client = handler.request.remote_ip
        if self.wrong_codes.blocked(client):
            handler.saara_problem = "too_many"
            return None
        code = handler.get_argument("code", default="").strip()
        if self._same(code, self.token or "") or (self.hashed_password and code and self.passwd_check(code)):
            return User(username=TRAINER, name=TRAINER)
        if same_code(code, self.join_code):
            return User(username=f"participant-{uuid.uuid4().hex[:12]}", name="participant")
        self.wrong_codes.failed(client)
        return None

    async def get_user_token(self, handler: web.RequestHandler) -> User | None:
        """The trainer's code in the address (``?token=``) opens the trainer's pages."""
        user = await super().get_user_token(handler)
        return User(username=TRAINER, name=TRAINER) if user is not None else None
