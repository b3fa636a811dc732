"""The websocket between a form's page and its kernel, safe from forged messages.

Voilà (0.5.13) hides ``execute_input`` messages from pages by reading the header of every message it
forwards. For a binary message it takes the first 8 bytes as a v1-protocol offset count. A page that
connects without the v1 subprotocol gets legacy frames, whose first 4 bytes (big-endian) read that
way as about 10**17, and Voilà builds a list that long: the server stops answering everyone. Here a
header is read only when its offsets fit in the message.

A page also never gets what its kernel writes (``stream``, ``error``): a form has no cell to show
it in, and a forged message's traceback would show the server's paths. It goes to the server's log.
"""
from __future__ import annotations

import json
from typing import Any

from voila.tornado.kernel_websocket_handler import VoilaKernelWebsocketHandler

__all__ = ["HIDDEN_FROM_PAGES", "SafeKernelWebsocketHandler", "binary_message_part", "message_part"]

OFFSET_BYTES = 8  # v1 protocol: an 8-byte little-endian count, then that many 8-byte offsets
V1_PARTS = {"header": 1, "content": 4}  # after the channel: header, parent header, metadata, content
HIDDEN_FROM_PAGES = frozenset({"execute_input", "stream", "error"})
LOGGED_CHARS = 4000


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
    start, end = (int.from_bytes(message[OFFSET_BYTES * (i + 1):OFFSET_BYTES * (i + 2)], "little") for i in (index, index + 1))
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


class SafeKernelWebsocketHandler(VoilaKernelWebsocketHandler):
    """Voilà's kernel websocket: headers read safely, and what the kernel writes kept from the page."""

    def write_message(self, message: bytes | str | dict[str, Any], binary: bool = False):
        kind = (message_part(message, "header") or {}).get("msg_type")
        if kind in HIDDEN_FROM_PAGES:
            if kind != "execute_input":  # the content is read only for what goes to the log
                self.log.warning("kernel %s wrote, kept from its page: %s", self.kernel_id,
                                 json.dumps(message_part(message, "content"), ensure_ascii=False)[:LOGGED_CHARS])
            return None
        return super(VoilaKernelWebsocketHandler, self).write_message(message, binary)
