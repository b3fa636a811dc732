"""Start Voilà on ``voila_apps/`` for a workshop room: a trainer code and a short join code, the
projector's join page, preheated kernels sized for the room with a polite "full" page beyond it,
kernels freed when their page closes, the kit's own pages, and nothing fetched from the internet."""

from __future__ import annotations

import math
import os
import re
import secrets
import socket
from collections.abc import Iterable
from pathlib import Path

from jupyter_server.base.handlers import APIHandler
from jupyter_server.utils import url_path_join
from tornado import web
from tornado.ioloop import IOLoop
from tornado.websocket import WebSocketHandler
from traitlets import Callable, Integer, Unicode, default
from voila.app import Voila

from saara_kit.data import load_hub
from saara_kit.i18n import TranslatedError, normalise_lang, t
from saara_kit.serve.access import access_codes
from saara_kit.serve.compat import voila_handlers
from saara_kit.serve.console import SERVER_LOG, terminal_for_the_kit
from saara_kit.serve.demo import prepare_demo
from saara_kit.serve.form_page import TRAINER_APPS, FormPage, KernelsOnlyQuerySocket, OwnFormShutdown
from saara_kit.serve.handlers import FaviconHandler, JoinHandler, KitErrorPages, LandingHandler, NotFoundHandler
from saara_kit.serve.join import addresses_to_share, is_this_machine_only, join_url, qr_terminal
from saara_kit.serve.kernel_socket import MAX_MESSAGE_BYTES, SafeKernelWebsocketHandler
from saara_kit.serve.login import SaaraIdentityProvider
from saara_kit.serve.seats import PING_INTERVAL_MS, PING_TIMEOUT_MS, SEAT_CHECK_SECONDS
from saara_kit.settings import (
    DEVICE_HEADER,
    GRACE_SECONDS,
    KERNEL_SECRET_ENV,
    TEMPLATES_DIR,
    VOILA_APPS_DIR,
    default_data_dir,
    default_db_url,
    default_hub_id,
    kernel_info_timeout,
    remember_hub,
)

__all__ = [
    "TRAINER_APPS",
    "SaaraIdentityProvider",
    "SaaraVoila",
    "port_in_use",
    "room_sizes",
    "serve",
    "voila_arguments",
]

# After a cell's reply, how long Voilà waits for its output (the form itself). nbclient's default,
# 4 s, is too short for a kernel sharing 2 cores with a room arriving: the output comes later, Voilà
# has moved on, and the phone shows a page without its form ("Timeout waiting for IOPub output").
FORM_OUTPUT_WAIT_SECONDS = 120


def room_sizes(room: int) -> tuple[int, int]:
    """Return (preheated pool, cap on kernels in use) for ``room`` expected participants.

    A third of the room is ready at once (each kernel takes about 3 s of CPU to start); the cap
    leaves room for the trainer and for pages reloaded before their old kernel is freed.
    """
    if room <= 0:
        return 1, 0  # a trainer's own laptop: one form ready, no cap
    return max(2, math.ceil(room / 3)), room + max(2, math.ceil(room / 10))


ANSI_COLOURS = re.compile(r"\x1b\[[0-9;]*m")  # IPython colours its tracebacks for a terminal
CELL_FAILED = "A form's cell"  # how the log's line about a failed cell begins (tests' reports look for it)


def cell_error_logger(log):
    """Return a hook for Voilà's executor that writes a failed cell's error and traceback to the
    server's log: the phone is shown no traceback (``--show_tracebacks=False``), the trainer's
    terminal and a failed test's report say why the form did not show."""

    def log_cell_error(cell, cell_index: int, execute_reply: dict) -> None:
        error = execute_reply.get("content", {})
        lines = ANSI_COLOURS.sub("", "\n".join(error.get("traceback", [])))
        log.error(
            f"{CELL_FAILED} %d (of its notebook's cells) failed (%s: %s); its code: %r\n%s",
            cell_index + 1,
            error.get("ename"),
            error.get("evalue"),
            cell.get("source", ""),
            lines,
        )

    return log_cell_error


def _with_kit_error_pages(rule: tuple) -> tuple:
    """Give a handler of Voilà's the kit's error pages; API and websocket handlers keep theirs (JSON).
    The kernel websocket becomes the kit's safe one; the page-close request and the kernels' query
    socket check who asks."""
    pattern, handler, *rest = rule
    voila = voila_handlers()
    kits = {
        voila["kernel_socket"]: SafeKernelWebsocketHandler,
        voila["shutdown"]: OwnFormShutdown,
        voila["query_socket"]: KernelsOnlyQuerySocket,
    }
    if handler in kits:
        return (pattern, kits[handler], *rest)
    if not isinstance(handler, type) or issubclass(handler, (APIHandler, WebSocketHandler, KitErrorPages)):
        return rule
    mixin = FormPage if issubclass(handler, voila["page"]) else KitErrorPages
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
        self.config.VoilaExecutor.on_cell_error = cell_error_logger(self.log)  # pages and the pool's kernels
        settings = super().init_settings()
        settings["default_handler_class"] = NotFoundHandler
        settings["saara_room_cap"] = room_sizes(self.room)[1]
        settings["saara_join_url"] = self.join_url
        # pings find a phone that vanished without closing its connection (see serve.seats)
        settings.update(
            ws_ping_interval=PING_INTERVAL_MS,
            ws_ping_timeout=PING_TIMEOUT_MS,
            websocket_max_message_size=MAX_MESSAGE_BYTES,
            compress_response=True,
        )  # gzip: a form's first visit is 5 MB of JS and CSS otherwise
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
    host: str,
    port: int,
    token: str | None,
    room: int = 0,
    join_code: str = "",
    join_address: str = "",
    apps_dir: Path = VOILA_APPS_DIR,
    preheat: Iterable[str] = (),
    grace: int = GRACE_SECONDS,
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
        f"--MappingKernelManager.kernel_info_timeout={kernel_info_timeout()}",
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
    hub_id: str | None = None,
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
    hub = load_hub(hub_id or default_hub_id())  # fails early on an unknown hub
    kernel_info_timeout()  # and on a bad $SAARA_KERNEL_INFO_TIMEOUT
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
        associations, *others = prepare_demo(os.environ["SAARA_DB_URL"], hub, data_dir, lang)
        print(t("serve.demo_cards", lang, associations=associations, reviewers=", ".join(map(str, others))), flush=True)
    codes = access_codes(data_dir, renew=new_codes) if token else None
    secret, code = (codes.trainer, codes.join) if codes else (None, "")
    addresses = [join_url(address, port, code, lang) for address in addresses_to_share(host)]
    os.environ["SAARA_JOIN_URL"] = addresses[0]
    trainer = f"?token={secret}&lang={lang}" if secret else f"?lang={lang}"
    log_file = None if verbose else data_dir / SERVER_LOG
    lines = [
        *(t("serve.join", lang, url=address, code=code or "—") for address in addresses),
        qr_terminal(addresses[0]),
        t(
            "serve.trainer",
            lang,
            join=f"http://localhost:{port}/join{trainer}",
            room=f"http://localhost:{port}/voila/render/room.ipynb{trainer}",
            code=secret or "—",
        ),
        *([t("serve.room", lang, room=room, pool=room_sizes(room)[0], cap=room_sizes(room)[1])] if room else []),
        t("serve.seats", lang, grace=grace),
        *([t("serve.log", lang, path=log_file)] if log_file else []),
    ]
    terminal = terminal_for_the_kit(log_file)
    arguments = voila_arguments(host, port, secret, room, code, addresses[0], preheat=preheat, grace=grace)
    if codes:
        arguments.append(f"--Voila.cookie_secret={codes.cookie_secret}")
    SaaraVoila.launch_instance(argv=arguments, on_ready=lambda: print(*lines, sep="\n", file=terminal, flush=True))
