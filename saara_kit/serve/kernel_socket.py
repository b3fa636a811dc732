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

__all__ = ["HIDDEN_FROM_PAGES", "SafeKernelWebsocketHandler", "binary_message_parts", "message_parts"]

OFFSET_BYTES = 8  # v1 protocol: an 8-byte little-endian count, then that many 8-byte offsets
HIDDEN_FROM_PAGES = frozenset({"execute_input", "stream", "error"})
LOGGED_CHARS = 4000


def _json_dict(raw: bytes | str) -> dict | None:
    try:
        value = json.loads(raw)
    except ValueError:  # bytes that only looked like a message
        return None
    return value if isinstance(value, dict) else None


def binary_message_parts(message: bytes) -> tuple[dict | None, dict | None]:
    """Return the (header, content) of a v1-protocol binary message, (None, None) when it is not one."""
    count = int.from_bytes(message[:OFFSET_BYTES], "little")
    if not 6 <= count < len(message) // OFFSET_BYTES:  # channel, 4 parts, end; or offsets that would not fit
        return None, None
    offsets = [int.from_bytes(message[OFFSET_BYTES * (i + 1):OFFSET_BYTES * (i + 2)], "little") for i in range(count)]
    try:
        header, content = (message[offsets[i]:offsets[i + 1]].decode("utf-8") for i in (1, 4))
    except UnicodeDecodeError:
        return None, None
    return _json_dict(header), _json_dict(content)


def message_parts(message: bytes | str | dict[str, Any]) -> tuple[dict | None, dict | None]:
    """Return the (header, content) of a message on its way to a page, in either protocol."""
    if isinstance(message, bytes):
        return binary_message_parts(message)
    if isinstance(message, str):  # the legacy protocol's JSON text
        message = _json_dict(message) or {}
    return message.get("header"), message.get("content")


class SafeKernelWebsocketHandler(VoilaKernelWebsocketHandler):
    """Voilà's kernel websocket: headers read safely, and what the kernel writes kept from the page."""

    def write_message(self, message: bytes | str | dict[str, Any], binary: bool = False):
        header, content = message_parts(message)
        kind = (header or {}).get("msg_type")
        if kind in HIDDEN_FROM_PAGES:
            if kind != "execute_input":
                self.log.warning("kernel %s wrote, kept from its page: %s", self.kernel_id,
                                 json.dumps(content, ensure_ascii=False)[:LOGGED_CHARS])
            return None
        return super(VoilaKernelWebsocketHandler, self).write_message(message, binary)
