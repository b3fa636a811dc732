"""A participant's phone reduced to its requests, for tests and benchmarks that need many phones
or raw messages, not a browser's drawing."""

from __future__ import annotations

import contextlib
import http.cookiejar
import re
import socket
import time
import urllib.error
import urllib.request

FORM_URL = "/voila/render/stakeholders.ipynb?lang=fr"
WIDGET = "application/vnd.jupyter.widget-view+json"  # the form's output in the page
WAIT_S = 600
SEAT_RETRY_S = 1.0  # a phone on the "full" page tries again this often (the page itself: every 10 s)


class HttpPhone:
    """It joins with the printed address, asks for the form, and leaves as Voilà's page-close script
    does (a shutdown request with the ``_xsrf`` cookie). ``form_s`` runs from asking to the last
    byte of the page: the server has run the form and sent its widgets; what remains is the phone's
    own drawing (about 3 CPU-s in the headless Chromium of the test machine)."""

    def __init__(self, server):
        self.server, self.jar = server, http.cookiejar.CookieJar()
        self.open = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar)).open
        self.form_s: float | None = None
        self.kernel_id = ""
        self.error = ""
        self._held = contextlib.ExitStack()  # the open websocket, kept as a page keeps it

    @property
    def cookies(self) -> str:
        """The phone's cookies, as a ``Cookie`` header."""
        return "; ".join(f"{cookie.name}={cookie.value}" for cookie in self.jar)

    def arrive(self, offset: float = 0.0, wait_for_a_seat: bool = False) -> None:
        """Wait ``offset`` seconds, join, and open the form (trying again while the room is full, when
        ``wait_for_a_seat``: ``form_s`` then counts the wait); a failure goes to ``error``."""
        time.sleep(offset)
        try:
            self.open(self.server.join_url, timeout=WAIT_S).read()
            started = time.perf_counter()
            page = self._form_page(wait_for_a_seat, started)
            elapsed = time.perf_counter() - started
            self.kernel_id = re.search(r'"kernelId": "([0-9a-f-]+)"', page).group(1)
            assert WIDGET in page, "the page came without its form"
            self.form_s = elapsed
        except Exception as problem:  # a refused or broken page: say what it was
            self.error = f"{type(problem).__name__}: {problem}"

    def _form_page(self, wait_for_a_seat: bool, started: float) -> str:
        while True:
            try:
                return self.open(f"{self.server.url}{FORM_URL}", timeout=WAIT_S).read().decode()
            except urllib.error.HTTPError as refused:
                if not (wait_for_a_seat and refused.code == 503 and time.perf_counter() - started < WAIT_S):
                    raise
                time.sleep(SEAT_RETRY_S)

    def connect(self) -> None:
        """Open the form's kernel websocket as the page does, and hold it (pings are answered)."""
        from websockets.sync.client import connect

        address = (
            self.server.url.replace("http", "ws", 1)
            + f"/api/kernels/{self.kernel_id}/channels?session_id={self.kernel_id}"
        )
        self.socket = self._held.enter_context(  # websockets 17.1+ wants a connection entered as a context
            connect(
                address,
                additional_headers={"Cookie": self.cookies},
                origin=self.server.url,
                subprotocols=["v1.kernel.websocket.jupyter.org"],
                max_size=None,
            )
        )

    def vanish(self) -> None:
        """Drop the connection without a word, as a phone whose browser was killed: no close frame,
        no page-close request."""
        self.socket.socket.shutdown(socket.SHUT_RDWR)
        self.socket.socket.close()

    def leave(self) -> None:
        """Close the form's page: its kernel is shut down."""
        if not self.kernel_id:
            return
        xsrf = next(cookie.value for cookie in self.jar if cookie.name == "_xsrf")
        request = urllib.request.Request(
            f"{self.server.url}/voila/api/shutdown/{self.kernel_id}",
            data=b"",
            headers={"X-XSRFToken": xsrf},
            method="POST",
        )
        self.open(request, timeout=WAIT_S).read()
