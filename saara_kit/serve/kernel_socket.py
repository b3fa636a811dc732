"""The websocket between a form's page and its kernel, safe from forged messages.

Voilà (0.5.13) hides ``execute_input`` messages from pages by reading the header of every message it
forwards. For a binary message it takes the first 8 bytes as a v1-protocol offset count. A page that
connects without the v1 subprotocol gets legacy frames, whose first 4 bytes (big-endian) read that
way as about 10**17, and Voilà builds a list that long: the server stops answering everyone. Here a
header is read only when its offsets fit in the message.

A page also never gets what its kernel writes (``stream``, ``error``): a form has no cell to show
it in, and a forged message's traceback would show the server's paths. It goes to the server's log.

What a page sends is bounded too. A form's page changes the values of the widgets the kernel made
and asks for their state; it never creates a widget model, and it has no reason to send megabytes
or hundreds of messages a second. A message the kit cannot read, a ``comm_open`` to another target
than the widget manager's (``jupyter.widget.control``), or a message beyond the page's rate is kept
from the kernel; the server's log says so once per page, and counts them when the page leaves.
Messages larger than ``MAX_MESSAGE_BYTES`` close the connection (Tornado's own limit).
"""

from __future__ import annotations

import json
import time
from collections import Counter
from typing import Any

from saara_kit.serve.compat import voila_handlers, write_past_voila

__all__ = [
    "HIDDEN_FROM_PAGES",
    "MAX_MESSAGE_BYTES",
    "PAGE_COMM_TARGETS",
    "SafeKernelWebsocketHandler",
    "binary_message_part",
    "message_part",
]

OFFSET_BYTES = 8  # v1 protocol: an 8-byte little-endian count, then that many 8-byte offsets
V1_PARTS = {"header": 1, "content": 4}  # after the channel: header, parent header, metadata, content
HIDDEN_FROM_PAGES = frozenset({"execute_input", "stream", "error"})
LOGGED_CHARS = 4000
LOGGED_PER_PAGE = 3  # what a kernel writes is logged this many times per page, then counted
MAX_MESSAGE_BYTES = 1024 * 1024  # a form's page sends a value typed, never a file
PAGE_COMM_TARGETS = frozenset({"jupyter.widget.control"})  # the widget manager asks the kernel for its widgets' state
RATE_PER_S, BURST = (
    100,
    4000,
)  # a form's page sends over 500 messages as it loads its widgets; a phone typing, one a keystroke


def _json_dict(raw: bytes | str) -> dict | None:
    try:
        value = json.loads(raw)
    except ValueError:  # bytes that only looked like a message
        return None
    return value if isinstance(value, dict) else None


def binary_message_part(message: bytes, part: str) -> dict | None:
    """Return the ``part`` ("header" or "content") of a v1-protocol binary message, None when it is not one."""
    count = int.from_bytes(message[:OFFSET_BYTES], "little")
    if not 6 <= count < len(message) // OFFSET_BYTES:  # channel, 4 parts, end; or offsets that would not fit
        return None
    index = V1_PARTS[part]
    start, end = (
        int.from_bytes(message[OFFSET_BYTES * (i + 1) : OFFSET_BYTES * (i + 2)], "little") for i in (index, index + 1)
    )
    try:
        return _json_dict(message[start:end].decode("utf-8"))
    except UnicodeDecodeError:
        return None


def message_part(message: bytes | str | dict[str, Any], part: str) -> dict | None:
    """Return the ``part`` ("header" or "content") of a message on its way to a page, in either protocol."""
    if isinstance(message, bytes):
        return binary_message_part(message, part)
    if isinstance(message, str):  # the legacy protocol's JSON text
        message = _json_dict(message) or {}
    return message.get(part)


class SafeKernelWebsocketHandler(voila_handlers()["kernel_socket"]):
    """Voilà's kernel websocket: headers read safely, and what the kernel writes kept from the page."""

    def write_message(self, message: bytes | str | dict[str, Any], binary: bool = False):
        kind = (message_part(message, "header") or {}).get("msg_type")
        if kind in HIDDEN_FROM_PAGES:
            if kind != "execute_input":  # the content is read only for what goes to the log
                self._kept_back = getattr(self, "_kept_back", Counter())
                self._kept_back[f"kernel's {kind}"] += 1
                if (
                    self._kept_back[f"kernel's {kind}"] <= LOGGED_PER_PAGE
                ):  # then only counted: a page cannot fill the log
                    self.log.warning(
                        "kernel %s wrote, kept from its page: %s",
                        self.kernel_id,
                        json.dumps(message_part(message, "content"), ensure_ascii=False)[:LOGGED_CHARS],
                    )
            return None
        return write_past_voila(self, message, binary)

    def get_compression_options(self) -> dict:
        """Compress the websocket (permessage-deflate): the widgets' state is 80-650 kB of JSON per page."""
        return {}

    def open(self, *args, **kwargs):
        self._budget, self._refilled = float(BURST), time.monotonic()
        self._kept_back = getattr(self, "_kept_back", Counter())
        return super().open(*args, **kwargs)

    def on_message(self, message: bytes | str):
        """Pass the page's message to its kernel, unless it is one a form's page never sends."""
        refusal = self._refusal(message)
        if refusal is None:
            return super().on_message(message)
        if not self._kept_back[refusal]:
            self.log.warning("kernel %s: a message from its page was kept back (%s)", self.kernel_id, refusal)
        self._kept_back[refusal] += 1
        return None

    def on_close(self):
        if getattr(self, "_kept_back", None):
            self.log.warning("kernel %s: its page left; messages kept back: %s", self.kernel_id, dict(self._kept_back))
        return super().on_close()

    def _refusal(self, message: bytes | str) -> str | None:
        """Return why a page's message is kept from its kernel, None when it may pass."""
        now = time.monotonic()
        self._budget = min(BURST, self._budget + (now - self._refilled) * RATE_PER_S)
        self._refilled = now
        if self._budget < 1:
            return "too many messages"
        self._budget -= 1
        header = message_part(message, "header")
        if not isinstance(header, dict):
            return "unreadable"
        if header.get("msg_type") == "comm_open":
            content = message_part(message, "content") or {}
            if content.get("target_name") not in PAGE_COMM_TARGETS:
                return f"comm_open to {str(content.get('target_name'))[:40]}"
        return None
