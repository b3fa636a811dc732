"""A participant's phone reduced to its requests, for tests and benchmarks that need many phones
or raw messages, not a browser's drawing."""
from __future__ import annotations

import http.cookiejar
import re
import time
import urllib.request

FORM_URL = "/voila/render/stakeholders.ipynb?lang=fr"
WIDGET = "application/vnd.jupyter.widget-view+json"  # the form's output in the page
WAIT_S = 600


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

    @property
    def cookies(self) -> str:
        """The phone's cookies, as a ``Cookie`` header."""
        return "; ".join(f"{cookie.name}={cookie.value}" for cookie in self.jar)

    def arrive(self, offset: float = 0.0) -> None:
        """Wait ``offset`` seconds, join, and open the form; a failure goes to ``error``."""
        time.sleep(offset)
        try:
            self.open(self.server.join_url, timeout=WAIT_S).read()
            started = time.perf_counter()
            page = self.open(f"{self.server.url}{FORM_URL}", timeout=WAIT_S).read().decode()
            elapsed = time.perf_counter() - started
            self.kernel_id = re.search(r'"kernelId": "([0-9a-f-]+)"', page).group(1)
            assert WIDGET in page, "the page came without its form"
            self.form_s = elapsed
        except Exception as problem:  # a refused or broken page: say what it was
            self.error = f"{type(problem).__name__}: {problem}"

    def leave(self) -> None:
        """Close the form's page: its kernel is shut down."""
        if not self.kernel_id:
            return
        xsrf = next(cookie.value for cookie in self.jar if cookie.name == "_xsrf")
        request = urllib.request.Request(f"{self.server.url}/voila/api/shutdown/{self.kernel_id}", data=b"",
                                         headers={"X-XSRFToken": xsrf}, method="POST")
        self.open(request, timeout=WAIT_S).read()
