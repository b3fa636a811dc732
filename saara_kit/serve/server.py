"""Start Voilà on ``voila_apps/`` for a workshop room: a trainer code and a short join code, the
projector's join page, preheated kernels sized for the room with a polite "full" page beyond it,
kernels freed when their page closes, the kit's own pages, and nothing fetched from the internet."""
from __future__ import annotations

import hmac
import math
import os
import re
import secrets
import socket
import uuid
from pathlib import Path
from typing import Any, Iterable

from jupyter_server.auth.decorator import allow_unauthenticated
from jupyter_server.auth.identity import PasswordIdentityProvider, User
from jupyter_server.auth.login import LoginFormHandler
from jupyter_server.auth.logout import LogoutHandler
from jupyter_server.base.handlers import APIHandler, JupyterHandler
from jupyter_server.utils import ensure_async, url_path_join
from tornado import web
from tornado.ioloop import IOLoop
from tornado.websocket import WebSocketHandler
from traitlets import Callable, Integer, Unicode, default
from voila.app import Voila
from voila.handler import VoilaHandler
from voila.request_info_handler import RequestInfoSocketHandler
from voila.shutdown_kernel_handler import VoilaShutdownKernelHandler
from voila.tornado.kernel_websocket_handler import VoilaKernelWebsocketHandler

from saara_kit.codes import same_code
from saara_kit.data import load_region
from saara_kit.i18n import TranslatedError, format_date, normalise_lang, t
from saara_kit.serve.access import access_codes
from saara_kit.serve.console import SERVER_LOG, terminal_for_the_kit
from saara_kit.serve.join import WrongCodes, addresses_to_share, is_this_machine_only, join_url, qr_svg, qr_terminal, short_address
from saara_kit.serve.demo import prepare_demo
from saara_kit.serve.kernel_socket import MAX_MESSAGE_BYTES, SafeKernelWebsocketHandler
from saara_kit.serve.seats import PING_INTERVAL_MS, PING_TIMEOUT_MS, SEAT_CHECK_SECONDS, SEATS_PER_DEVICE
from saara_kit.serve.landing import available_apps, render_landing
from saara_kit.serve.pages import (
    FAVICON, FAVICON_TYPE, FULL_ROOM_RETRY_SECONDS, page_language, render_error, render_full, render_join, render_login,
)
from saara_kit.settings import DEVICE_HEADER, GRACE_SECONDS, KERNEL_SECRET_ENV, KERNEL_SECRET_HEADER, TRAINER, TEMPLATES_DIR, VOILA_APPS_DIR, default_data_dir, default_db_url, default_region, remember_hub

__all__ = ["SaaraIdentityProvider", "SaaraVoila", "port_in_use", "room_sizes", "serve", "voila_arguments"]

# After a cell's reply, how long Voilà waits for its output (the form itself). nbclient's default,
# 4 s, is too short for a kernel sharing 2 cores with a room arriving: the output comes later, Voilà
# has moved on, and the phone shows a page without its form ("Timeout waiting for IOPub output").
FORM_OUTPUT_WAIT_SECONDS = 120
TRAINER_APPS = frozenset({"room"})  # forms only the trainer opens (voila_apps/<name>.ipynb)
PAGE_KERNEL_ID = re.compile(r'"kernelId": "([0-9a-f-]{36})"')  # in the settings of the page Voilà writes


def room_sizes(room: int) -> tuple[int, int]:
    """Return (preheated pool, cap on kernels in use) for ``room`` expected participants.

    A third of the room is ready at once (each kernel takes about 3 s of CPU to start); the cap
    leaves room for the trainer and for pages reloaded before their old kernel is freed.
    """
    if room <= 0:
        return 1, 0  # a trainer's own laptop: one form ready, no cap
    return max(2, math.ceil(room / 3)), room + max(2, math.ceil(room / 10))


def is_trainer(handler: JupyterHandler) -> bool:
    """Tell whether the request comes from the trainer (always so when the server has no code)."""
    user = handler.current_user
    return not handler.identity_provider.auth_enabled or (user is not None and user.username == TRAINER)


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

    @allow_unauthenticated
    def get(self) -> None:
        """Show the page, or log in at once when the address carries the code (the QR code's)."""
        if self.get_argument("code", None) is not None:
            return self.post()
        return super().get()

    def _render(self, message: dict | None = None) -> None:
        """Write the access code page; ``message`` is set when the code typed was refused."""
        next_url = self.get_argument("next", default=_root(self))
        lang = page_language(self.get_argument("lang", None), next_url)
        problem = getattr(self, "saara_problem", "wrong") if message else ""
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.write(render_login(
            lang, next_url, root=_root(self), xsrf_form_html=self.xsrf_form_html(), problem=problem
        ))


class SaaraLogoutHandler(KitErrorPages, LogoutHandler):
    """Forget the access code and go back to the landing page, which asks for it again."""

    @allow_unauthenticated
    def get(self) -> None:
        self.identity_provider.clear_login_cookie(self)
        self.redirect(f"{_root(self)}?lang={page_language(self.get_argument('lang', None))}")


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
        hub = load_region(default_region())
        address = self.settings["saara_join_url"]
        code = self.identity_provider.join_code
        shown, _ = short_address(address)
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.finish(render_join(lang, hub.name(lang), format_date(hub.workshop_date, lang), shown, code,
                                qr_svg(address), root=_root(self)))


class FormPage(KitErrorPages):
    """Mixin for Voilà's form page: trainer-only forms, a seat booked for the device (a polite page
    when the room is full, or when the device asks for too many forms at once), and the ``_xsrf``
    cookie that Voilà's page-close script sends, so a closed page frees its kernel."""

    _seat_holder: str | None = None  # the device that booked a seat for this request
    _kernel_id: str | None = None  # the kernel Voilà gave the page, read from the page it writes

    async def prepare(self) -> None:
        await super().prepare()
        if self.current_user is None:  # the form's own check sends the visitor to the code page
            return
        app = Path(self.path_args[0] if self.path_args else "").stem
        if app in TRAINER_APPS and not is_trainer(self):
            raise web.HTTPError(403)
        device = self.current_user.username
        if app not in TRAINER_APPS:
            per_device = 0 if is_trainer(self) else SEATS_PER_DEVICE  # the trainer opens what the day needs
            booked, freed = self.kernel_manager.take_seat(device, self.settings.get("saara_room_cap", 0), per_device)
            if booked != "ok":
                self._no_seat(busy=booked == "busy")
                return
            self._seat_holder = device
            for kernel_id in freed:  # the device's oldest form: its page was left for this one
                await ensure_async(self.kernel_manager.shutdown_kernel(kernel_id))
        self.xsrf_token  # noqa: B018 - reading it sets the cookie
        self.request.headers[DEVICE_HEADER] = device  # the form's author; never the visitor's own

    def _no_seat(self, busy: bool) -> None:
        """Answer with the full room's page (or, for a device asking too often, the same page, sooner)."""
        lang = page_language(self.get_argument("lang", None))
        free_in = None if busy else self.kernel_manager.seat_free_in()
        self.set_status(429 if busy else 503)
        self.set_header("Retry-After", str(free_in or FULL_ROOM_RETRY_SECONDS))
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.finish(render_full(lang, free_in, root=_root(self), busy=busy))

    def write(self, chunk) -> None:
        """Write the page, noting its kernel's id (Voilà writes it in the page's settings)."""
        if self._seat_holder is not None and self._kernel_id is None and isinstance(chunk, (str, bytes)):
            found = PAGE_KERNEL_ID.search(chunk if isinstance(chunk, str) else chunk.decode("utf-8", "replace"))
            self._kernel_id = found.group(1) if found else None
        super().write(chunk)

    def on_finish(self) -> None:
        self._give_seat()
        super().on_finish()

    def on_connection_close(self) -> None:
        self._give_seat()
        super().on_connection_close()

    def _give_seat(self) -> None:
        """Turn the booking into the page's seat, once (the seat is free again if no kernel came)."""
        if self._seat_holder is not None:
            self.kernel_manager.seat_given(self._seat_holder, self._kernel_id)
            self._seat_holder = None


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


class OwnFormShutdown(VoilaShutdownKernelHandler):
    """Voilà's page-close request, for the device whose page the kernel serves (or the trainer) only:
    a participant who learnt another's kernel id cannot close their form."""

    async def post(self, kernel_id: str) -> None:
        if not is_trainer(self) and self.kernel_manager.seat_holder(kernel_id) != self.current_user.username:
            raise web.HTTPError(403)
        await super().post(kernel_id)


class KernelsOnlyQuerySocket(RequestInfoSocketHandler):
    """Voilà's socket where a preheated kernel gets its visitor's request: for the server's own
    kernels only (they carry its secret), never for a page or another machine."""

    def prepare(self) -> None:
        sent = self.request.headers.get(KERNEL_SECRET_HEADER, "")
        if not hmac.compare_digest(sent.encode(), os.environ.get(KERNEL_SECRET_ENV, "").encode()) or not sent:
            raise web.HTTPError(403)


def _with_kit_error_pages(rule: tuple) -> tuple:
    """Give a handler of Voilà's the kit's error pages; API and websocket handlers keep theirs (JSON).
    The kernel websocket becomes the kit's safe one; the page-close request and the kernels' query
    socket check who asks."""
    pattern, handler, *rest = rule
    kits = {VoilaKernelWebsocketHandler: SafeKernelWebsocketHandler, VoilaShutdownKernelHandler: OwnFormShutdown,
            RequestInfoSocketHandler: KernelsOnlyQuerySocket}
    if handler in kits:
        return (pattern, kits[handler], *rest)
    if not isinstance(handler, type) or issubclass(handler, (APIHandler, WebSocketHandler, KitErrorPages)):
        return rule
    mixin = FormPage if issubclass(handler, VoilaHandler) else KitErrorPages
    return (pattern, type(f"Saara{handler.__name__}", (mixin, handler), {}), *rest)


class SaaraVoila(Voila):
    """Voilà with the kit's landing page in place of the file tree at ``/``, its access code and
    error pages in place of Jupyter's, its favicon, and its templates."""

    room = Integer(0, config=True, help="Participants expected; sizes the cap on forms open at once (0: none).")
    join_url = Unicode("", config=True, help="The address phones open to join, shown on the join page.")
    on_ready = Callable(None, allow_none=True, help="Called once the server answers (the kit prints its lines).")

    @default("identity_provider_class")
    def _default_identity_provider_class(self) -> type:
        return SaaraIdentityProvider

    def setup_template_dirs(self) -> None:
        """Let Voilà find the kit's offline template ``saara``."""
        others = [path for path in os.environ.get("JUPYTER_PATH", "").split(os.pathsep) if path]
        os.environ["JUPYTER_PATH"] = os.pathsep.join([str(TEMPLATES_DIR), *others])
        super().setup_template_dirs()

    def init_settings(self) -> dict:
        """Voilà's settings, with the kit's page for addresses no handler serves, and the secret by
        which the kernels it starts (they inherit it) ask for their visitor's request."""
        os.environ[KERNEL_SECRET_ENV] = secrets.token_urlsafe(24)
        settings = super().init_settings()
        settings["default_handler_class"] = NotFoundHandler
        settings["saara_room_cap"] = room_sizes(self.room)[1]
        settings["saara_join_url"] = self.join_url
        # pings find a phone that vanished without closing its connection (see serve.seats)
        settings.update(ws_ping_interval=PING_INTERVAL_MS, ws_ping_timeout=PING_TIMEOUT_MS,
                        websocket_max_message_size=MAX_MESSAGE_BYTES,
                        compress_response=True)  # gzip: a form's first visit is 5 MB of JS and CSS otherwise
        return settings

    def listen(self) -> None:
        """Listen, and call ``on_ready`` once the server answers (Voilà's loop runs it after listening;
        when the port is taken, Voilà exits before)."""
        if self.on_ready is not None:
            IOLoop.current().add_callback(self.on_ready)
        super().listen()

    def init_handlers(self) -> list:
        """The kit's pages first, then Voilà's handlers with the kit's error pages."""
        root = self.server_url
        kit = [
            (url_path_join(root, r"/?"), LandingHandler),
            (url_path_join(root, r"/favicon\.(?:svg|ico)"), FaviconHandler),
            (url_path_join(root, r"/join"), JoinHandler),
            (url_path_join(root, r"/voila/tree(?:/.*)?"), web.RedirectHandler, {"url": root, "permanent": False}),
        ]
        return [*kit, *(_with_kit_error_pages(rule) for rule in super().init_handlers())]


def voila_arguments(
    host: str, port: int, token: str | None, room: int = 0, join_code: str = "", join_address: str = "",
    apps_dir: Path = VOILA_APPS_DIR, preheat: Iterable[str] = (), grace: int = GRACE_SECONDS,
) -> list[str]:
    """Return Voilà's command line: sources stripped, kernels preheated for the room, a kernel
    shut down ``grace`` seconds after its page's last connection closed, the two codes.

    Only the apps of the day (``preheat``; by default the first app, the stakeholder register) get
    a pool of waiting kernels: every app's pool would multiply the memory and the start-up CPU. The
    others, and the trainer's forms, start a kernel when opened."""
    from saara_kit.registry import apps

    pool_size, _ = room_sizes(room)
    preheated = set(preheat) or set(apps()[:1])
    cold = sorted(TRAINER_APPS | (set(apps()) - preheated))
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
        *(f"--VoilaKernelManager.preheat_denylist={name}.ipynb" for name in cold),
        f"--VoilaConfiguration.http_header_envs={DEVICE_HEADER}",  # who saves, for the store
        "--show_tracebacks=False",
        f"--VoilaExecutor.iopub_timeout={FORM_OUTPUT_WAIT_SECONDS}",
        "--VoilaConfiguration.allow_template_override=NO",  # ?template=… hangs a request and starts a kernel
        "--VoilaConfiguration.allow_theme_override=NO",
        "--VoilaConfiguration.multi_kernel_manager_class=saara_kit.serve.seats.SeatKernelManager",
        f"--SeatKernelManager.grace_seconds={grace}",
        f"--MappingKernelManager.cull_idle_timeout={grace}",  # the culler runs when this is set; the rule is the seats'
        f"--MappingKernelManager.cull_interval={SEAT_CHECK_SECONDS}",
        "--MappingKernelManager.cull_connected=False",
        f"--Voila.token={token or ''}",
        f"--SaaraIdentityProvider.join_code={join_code}",
        f"--SaaraVoila.room={room}",
        f"--SaaraVoila.join_url={join_address}",
    ]


def port_in_use(host: str, port: int) -> bool:
    """Tell whether another program already listens on ``host``:``port``."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server binds: TIME_WAIT is no obstacle
        try:
            probe.bind((host, port))
        except OSError:
            return True
    return False


def serve(
    host: str = "127.0.0.1",
    port: int = 8866,
    region: str | None = None,
    lang: str | None = None,
    data_dir: str | Path | None = None,
    db_url: str | None = None,
    token: bool = True,
    room: int = 0,
    demo: bool = False,
    open_lan: bool = False,
    preheat: Iterable[str] = (),
    grace: int = GRACE_SECONDS,
    new_codes: bool = False,
    verbose: bool = False,
) -> None:
    """Serve the forms until interrupted; once they answer, print how participants and the trainer get in.

    ``lang`` defaults to the hub's language. ``room`` is the number of participants expected.
    ``demo`` serves the bundled samples from a store of their own (``<data_dir>/demo``) with a
    banner on every page; the workshop's real store never receives a sample. Without a code
    (``token=False``) only this machine is served, unless ``open_lan`` says otherwise. The codes are
    kept in the data folder across restarts (``new_codes`` makes new ones). A form's kernel outlives
    its page's last connection by ``grace`` seconds. What Voilà and the kernels print goes to
    ``<data_dir>/logs/serve.log`` (``verbose``: to the terminal).
    """
    hub = load_region(region or default_region())  # fails early on an unknown hub
    lang = normalise_lang(lang or hub.default_lang)
    if not token and not is_this_machine_only(host):
        if not open_lan:
            raise TranslatedError("serve.open_lan_refused", host=host)
        print(t("serve.open_lan_warning", lang, host=host), flush=True)
    if port_in_use(host, port):
        raise TranslatedError("serve.port_busy", port=port)
    data_dir = Path(data_dir).resolve() if data_dir else default_data_dir()
    if demo:
        data_dir = data_dir / "demo"
    else:
        data_dir.mkdir(parents=True, exist_ok=True)
        remember_hub(data_dir, hub.id)  # the laptop's lessons (saara-kit lab) default to the hub it serves
    data_dir.mkdir(parents=True, exist_ok=True)
    os.environ.update(  # read by the pages and inherited by every kernel
        SAARA_REGION=hub.id,
        SAARA_LANG=lang,
        SAARA_DATA_DIR=str(data_dir),
        SAARA_DB_URL=f"sqlite:///{data_dir / 'saara.db'}" if demo else (db_url or default_db_url(data_dir)),
        SAARA_DEMO="1" if demo else "",
    )
    if demo:
        print(t("serve.demo", lang, path=data_dir), flush=True)
        associations, reviewers = prepare_demo(os.environ["SAARA_DB_URL"], hub, data_dir, lang)
        print(t("serve.demo_cards", lang, associations=associations, reviewers=reviewers), flush=True)
    codes = access_codes(data_dir, renew=new_codes) if token else None
    secret, code = (codes.trainer, codes.join) if codes else (None, "")
    addresses = [join_url(address, port, code, lang) for address in addresses_to_share(host)]
    os.environ["SAARA_JOIN_URL"] = addresses[0]
    trainer = f"?token={secret}&lang={lang}" if secret else f"?lang={lang}"
    log_file = None if verbose else data_dir / SERVER_LOG
    lines = [
        *(t("serve.join", lang, url=address, code=code or "—") for address in addresses),
        qr_terminal(addresses[0]),
        t("serve.trainer", lang, join=f"http://localhost:{port}/join{trainer}",
          room=f"http://localhost:{port}/voila/render/room.ipynb{trainer}", code=secret or "—"),
        *([t("serve.room", lang, room=room, pool=room_sizes(room)[0], cap=room_sizes(room)[1])] if room else []),
        t("serve.seats", lang, grace=grace),
        *([t("serve.log", lang, path=log_file)] if log_file else []),
    ]
    terminal = terminal_for_the_kit(log_file)
    arguments = voila_arguments(host, port, secret, room, code, addresses[0], preheat=preheat, grace=grace)
    if codes:
        arguments.append(f"--Voila.cookie_secret={codes.cookie_secret}")
    SaaraVoila.launch_instance(argv=arguments, on_ready=lambda: print(*lines, sep="\n", file=terminal, flush=True))
