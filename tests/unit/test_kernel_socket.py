"""The kernel websocket reads a binary message's header only when it is a v1 message: a legacy frame
(a page that connected without the v1 subprotocol) or garbage never makes it count to 10**17; and it
reads the header of the legacy protocol's JSON text too."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st
from jupyter_server.services.kernels.connection.base import serialize_binary_message, serialize_msg_to_ws_v1

from saara_kit.serve.kernel_socket import binary_message_part, message_part

HEADER = {"msg_id": "1", "msg_type": "comm_msg", "session": "s", "username": "u", "version": "5.3", "date": ""}
REPLY = {
    "header": HEADER,
    "parent_header": {},
    "metadata": {},
    "content": {"data": {"method": "update_states"}},
    "channel": "iopub",
}


def test_a_v1_message_gives_its_header_and_content():
    parts = [b'{"msg_type": "stream"}', b"{}", b"{}", b'{"name": "stderr"}', b"\x00\x01 a buffer"]
    message = serialize_msg_to_ws_v1(parts, "iopub")
    assert binary_message_part(message, "header") == {"msg_type": "stream"}
    assert binary_message_part(message, "content") == {"name": "stderr"}


def test_a_legacy_text_message_gives_its_header_and_content():
    assert message_part(json.dumps(REPLY), "header") == HEADER
    assert message_part(json.dumps(REPLY), "content") == REPLY["content"]
    assert message_part("not JSON", "header") is None


def test_a_legacy_frame_with_buffers_is_not_read_as_v1():
    # what ipywidgets' answer to request_states looks like on a page without the v1 subprotocol
    frame = serialize_binary_message({**REPLY, "buffers": [b"\x89PNG" * 1000, b""]})
    assert binary_message_part(frame, "header") is None and binary_message_part(frame, "content") is None


@settings(max_examples=300, deadline=1000)
@given(st.binary(max_size=256))
def test_any_bytes_give_a_header_or_none_and_never_hang(message):
    for part in ("header", "content"):
        found = binary_message_part(message, part)
        assert found is None or isinstance(found, dict)
