"""Read the visitor's request in a form's kernel: the language asked (``?lang=ar``) and the device
the server recognised (its header ``X-Saara-Device``), also in Voilà's preheated kernels.

A preheated kernel runs the form before anyone opens it. When a page takes the kernel, Voilà sends
it the visitor's request over a websocket (``/voila/query/<kernel id>``). Voilà's own helper,
``voila.utils.get_query_string``, does this too, but its module imports the whole server (Jupyter
Server, JupyterLab server, nbconvert): about 2 s and 60 MB more in every kernel of the room. The
kit asks the same websocket with the light ``websockets`` client instead.
"""

from __future__ import annotations

import json
import os
import time
import warnings
from functools import cache
from urllib.parse import parse_qs

from saara_kit.i18n import normalise_lang
from saara_kit.serve.compat import query_address
from saara_kit.settings import DEVICE_HEADER, KERNEL_SECRET_ENV, KERNEL_SECRET_HEADER, NO_DEVICE

__all__ = ["hub_lang", "request_author", "request_lang"]

CONNECT_TIMEOUT_S = 5  # Voilà's own, for one try
REQUEST_WAIT_S = 120  # a busy room's server may refuse or be slow for a while: keep trying this long
RETRY_PAUSE_S = 0.5


@cache
def _wait_for_visitor() -> None:
    """In a preheated kernel, wait until a page takes it, then put its request in the environment.

    Voilà's own helper tries once for 5 s. In a room of thirty the server refills its pool while
    phones arrive, and one try can time out: that page's saves then lost who made them. Voilà keeps
    the request until the kernel asks, so asking again is safe.
    """
    if os.environ.get("VOILA_PREHEAT", "False") == "False":
        return  # a page started this kernel: Voilà gave it the request already
    from websockets.exceptions import WebSocketException
    from websockets.sync.client import connect

    give_up = time.monotonic() + REQUEST_WAIT_S
    while True:
        try:
            secret = {KERNEL_SECRET_HEADER: os.environ.get(KERNEL_SECRET_ENV, "")}
            with connect(query_address(), open_timeout=CONNECT_TIMEOUT_S, additional_headers=secret) as socket:
                os.environ.update(json.loads(socket.recv()))
            return
        except (TimeoutError, OSError, WebSocketException) as problem:
            if time.monotonic() >= give_up:
                warnings.warn(f"no request from Voilà after {REQUEST_WAIT_S} s: {problem}", stacklevel=2)
                return
            time.sleep(RETRY_PAUSE_S)


def _query_parameter(name: str) -> str | None:
    _wait_for_visitor()
    values = parse_qs(os.environ.get("QUERY_STRING", "")).get(name)
    return values[0] if values else None


def hub_lang() -> str:
    """Return the hub's language (``$SAARA_LANG``), else French, without waiting for a visitor."""
    return normalise_lang(os.environ.get("SAARA_LANG"))


def request_lang() -> str:
    """Return the language asked in the URL, else the hub's."""
    return normalise_lang(_query_parameter("lang") or hub_lang())


def request_author() -> str:
    """Return who the visitor is for the store: the device the server recognised (``participant-…``,
    ``trainer``), else ``participant``."""
    _wait_for_visitor()
    return os.environ.get("HTTP_" + DEVICE_HEADER.upper().replace("-", "_")) or NO_DEVICE
