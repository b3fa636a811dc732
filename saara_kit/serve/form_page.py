"""A form's page and what its kernel answers to: a seat booked for the device before Voilà gives the
page a kernel, the page-close request for the page's own device only, and the kernels' query socket
for the server's own kernels only."""

from __future__ import annotations

import hmac
import os
from pathlib import Path

from jupyter_server.utils import ensure_async
from tornado import web

from saara_kit.serve.compat import PAGE_KERNEL_ID, voila_handlers
from saara_kit.serve.handlers import KitErrorPages, is_trainer, root_of
from saara_kit.serve.pages import FULL_ROOM_RETRY_SECONDS, page_language, render_full
from saara_kit.serve.seats import SEATS_PER_DEVICE
from saara_kit.settings import DEVICE_HEADER, KERNEL_SECRET_ENV, KERNEL_SECRET_HEADER

__all__ = ["PAGE_KERNEL_ID", "TRAINER_APPS", "FormPage", "KernelsOnlyQuerySocket", "OwnFormShutdown"]

TRAINER_APPS = frozenset({"room"})  # forms only the trainer opens (voila_apps/<name>.ipynb)


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
        self.finish(render_full(lang, free_in, root=root_of(self), busy=busy))

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


class OwnFormShutdown(voila_handlers()["shutdown"]):
    """Voilà's page-close request, for the device whose page the kernel serves (or the trainer) only:
    a participant who learnt another's kernel id cannot close their form."""

    async def post(self, kernel_id: str) -> None:
        if not is_trainer(self) and self.kernel_manager.seat_holder(kernel_id) != self.current_user.username:
            raise web.HTTPError(403)
        await super().post(kernel_id)


class KernelsOnlyQuerySocket(voila_handlers()["query_socket"]):
    """Voilà's socket where a preheated kernel gets its visitor's request: for the server's own
    kernels only (they carry its secret), never for a page or another machine."""

    def prepare(self) -> None:
        sent = self.request.headers.get(KERNEL_SECRET_HEADER, "")
        if not hmac.compare_digest(sent.encode(), os.environ.get(KERNEL_SECRET_ENV, "").encode()) or not sent:
            raise web.HTTPError(403)
