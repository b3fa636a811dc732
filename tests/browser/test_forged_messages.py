"""Forged messages on a form's kernel websocket (the legacy protocol, no v1 subprotocol): the server
keeps answering everyone else, and no traceback with the server's paths reaches the sender."""

from __future__ import annotations

import json
import time
import urllib.request
import uuid

import pytest

from tests.browser.conftest import serving
from tests.browser.http_phone import HttpPhone

pytestmark = pytest.mark.browser

REPLY_WAIT_S = 60
SECOND_VISITOR_S = 1.0
WIDGET_CONTROL = "jupyter.widget.control"


@pytest.fixture(scope="module")
def lone_server(tmp_path_factory):
    yield from serving(tmp_path_factory)


def _shell(msg_type: str, content: dict, metadata: dict | None = None) -> str:
    """A shell message in the legacy (JSON) protocol."""
    header = {
        "msg_id": uuid.uuid4().hex,
        "msg_type": msg_type,
        "session": uuid.uuid4().hex,
        "username": "participant",
        "version": "5.3",
        "date": "",
    }
    return json.dumps(
        {
            "header": header,
            "parent_header": {},
            "metadata": metadata or {},
            "content": content,
            "channel": "shell",
            "buffers": [],
        }
    )


def _forge(server, *messages: str, until=lambda frames: False) -> list[str | bytes]:
    """Open a form, then send ``messages`` on its kernel's websocket without the v1 subprotocol;
    return the frames received until ``until(frames)`` or a quiet ``REPLY_WAIT_S`` / 10."""
    from websockets.sync.client import connect

    phone = HttpPhone(server)
    phone.arrive()
    assert phone.form_s is not None, phone.error
    address = server.url.replace("http", "ws") + f"/api/kernels/{phone.kernel_id}/channels?session_id=forged"
    frames: list[str | bytes] = []
    with connect(address, additional_headers={"Cookie": phone.cookies}, max_size=None) as socket:
        for message in messages:
            socket.send(message)
        deadline = time.monotonic() + REPLY_WAIT_S
        while not until(frames) and time.monotonic() < deadline:
            try:
                frames.append(socket.recv(timeout=REPLY_WAIT_S / 10))
            except TimeoutError:  # the kernel has said all it had to say
                break
    return frames


def test_a_widget_state_request_without_the_v1_protocol_does_not_freeze_the_server(lone_server):
    comm_id = uuid.uuid4().hex
    frames = _forge(
        lone_server,
        _shell("comm_open", {"comm_id": comm_id, "target_name": WIDGET_CONTROL, "data": {}}, {"version": "1.0.0"}),
        _shell("comm_msg", {"comm_id": comm_id, "data": {"method": "request_states"}}),
        until=lambda frames: any(isinstance(frame, bytes) for frame in frames),
    )
    assert any(isinstance(frame, bytes) for frame in frames), "the states, with their buffers, never came"
    started = time.perf_counter()
    answer = urllib.request.urlopen(f"{lone_server.url}/login?lang=fr", timeout=30)
    assert answer.status == 200
    assert time.perf_counter() - started < SECOND_VISITOR_S


def test_a_failing_forged_message_sends_no_traceback_to_the_page(lone_server):
    said = len(lone_server.log)
    # no control protocol version: ipywidgets raises, and the kernel writes the traceback to stderr
    frames = _forge(
        lone_server, _shell("comm_open", {"comm_id": uuid.uuid4().hex, "target_name": WIDGET_CONTROL, "data": {}})
    )
    assert any('"comm_close"' in frame for frame in frames if isinstance(frame, str))  # the kernel did answer
    assert not [frame for frame in frames if "Traceback" in str(frame) or "site-packages" in str(frame)]
    assert "Incompatible widget control protocol" in "".join(lone_server.log[said:])  # for the server's log
