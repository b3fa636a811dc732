"""A mischievous participant on a real server: a page that sends what a form never sends cannot fill
the laptop's memory, one phone cannot fill the room, and nobody closes another's form or reads another's
request. The phones are plain HTTP clients with the kernel's websocket (``HttpPhone``)."""

from __future__ import annotations

import concurrent.futures
import json
import time
import urllib.error
import urllib.request
import uuid

import psutil
import pytest
from jupyter_server.services.kernels.connection.base import serialize_msg_to_ws_v1

from saara_kit.serve.compat import PAGE_KERNEL_ID
from saara_kit.serve.kernel_socket import MAX_MESSAGE_BYTES
from saara_kit.serve.seats import SEATS_PER_DEVICE
from saara_kit.serve.server import room_sizes
from tests.browser.conftest import serving, wait_for
from tests.browser.http_phone import FORM_URL, HttpPhone

pytestmark = pytest.mark.browser

ROOM = 10
POOL, CAP = room_sizes(ROOM)  # 4 ready, 12 in use at most
REQUESTS, AT_ONCE = 60, 12
IMAGES = 40
IMAGE_BYTES = MAX_MESSAGE_BYTES - 4096  # each just under the message limit
GROWTH_BOUND_MB = 20  # 40 images of 1 MiB would add 40 MiB to the kernel


@pytest.fixture(scope="module")
def mischief_server(tmp_path_factory):
    yield from serving(tmp_path_factory, "--room", str(ROOM))


def _kernel_process(server, kernel_id: str) -> psutil.Process:
    return next(
        process
        for process in psutil.Process(server.pid).children(recursive=True)
        if any(kernel_id in part for part in process.cmdline())
    )


def _image_model(buffer: bytes) -> bytes:
    """A page creating an ``ImageModel`` with a binary value, in the v1 protocol a form's page speaks."""
    comm_id = uuid.uuid4().hex
    header = {
        "msg_id": uuid.uuid4().hex,
        "msg_type": "comm_open",
        "session": "mischief",
        "username": "",
        "date": "",
        "version": "5.3",
    }
    content = {
        "comm_id": comm_id,
        "target_name": "jupyter.widget",
        "data": {
            "state": {
                "_model_name": "ImageModel",
                "_model_module": "@jupyter-widgets/controls",
                "_model_module_version": "2.0.0",
                "_view_name": "ImageView",
                "_view_module": "@jupyter-widgets/controls",
                "_view_module_version": "2.0.0",
            },
            "buffer_paths": [["value"]],
        },
    }
    parts = [
        json.dumps(part).encode() for part in (header, {}, {"version": "2.1.0"}, content)
    ]  # the widget protocol's version
    return serialize_msg_to_ws_v1([*parts, buffer], "shell")


def test_a_page_cannot_fill_its_kernels_memory(mischief_server):
    phone = HttpPhone(mischief_server)
    phone.arrive()
    assert phone.form_s is not None, phone.error
    phone.connect()
    kernel = _kernel_process(mischief_server, phone.kernel_id)
    time.sleep(2)  # the page's own first messages settle
    before = kernel.memory_info().rss
    said = len(mischief_server.log)
    for _ in range(IMAGES):
        phone.socket.send(_image_model(b"\0" * IMAGE_BYTES))
    wait_for(
        lambda: any("kept back (comm_open to jupyter.widget)" in line for line in mischief_server.log[said:]),
        60,
        "the server never said it kept a page's comm_open back",
    )
    time.sleep(3)  # the rest of the messages, and what got through, if any, has reached the kernel
    grown_mb = (kernel.memory_info().rss - before) / 2**20
    assert grown_mb < GROWTH_BOUND_MB, f"the kernel grew by {grown_mb:.0f} MiB"

    from websockets.exceptions import ConnectionClosed

    phone.socket.send(b"\0" * (MAX_MESSAGE_BYTES + 1))  # over the limit: the connection is closed
    with pytest.raises(ConnectionClosed):
        for _ in range(50):
            phone.socket.recv(timeout=1)


def test_one_phone_cannot_fill_the_room(mischief_server):
    phone = HttpPhone(mischief_server)
    phone.arrive()
    answers: list[int] = []
    given = {phone.kernel_id}  # the kernels the server gave this phone's forms

    def ask(_):
        try:
            with phone.open(f"{mischief_server.url}{FORM_URL}", timeout=600) as answer:
                given.update(PAGE_KERNEL_ID.findall(answer.read().decode()))
                answers.append(answer.status)
        except urllib.error.HTTPError as refused:
            answers.append(refused.code)

    with concurrent.futures.ThreadPoolExecutor(AT_ONCE) as threads:
        list(threads.map(ask, range(REQUESTS)))
    held = given & mischief_server.kernel_ids()  # its older forms were shut down before a newer one was served
    assert len(held) <= SEATS_PER_DEVICE < len(given), f"one phone holds {len(held)} forms; answers {set(answers)}"
    assert 429 in answers  # asked to wait while its own forms were still on their way
    other = HttpPhone(mischief_server)
    other.arrive()
    assert other.form_s is not None, f"a second participant was refused: {other.error}"


def test_a_participant_cannot_close_anothers_form(mischief_server):
    owner, other = HttpPhone(mischief_server), HttpPhone(mischief_server)
    owner.arrive()
    other.arrive()
    other.kernel_id, own_kernel = owner.kernel_id, other.kernel_id  # the other learnt the owner's kernel id
    with pytest.raises(urllib.error.HTTPError) as refused:
        other.leave()
    assert refused.value.code == 403
    assert _kernel_process(mischief_server, owner.kernel_id).is_running()
    owner.leave()  # its own page closing still frees it
    other.kernel_id = own_kernel
    other.leave()


def test_no_page_reads_a_kernels_request(mischief_server):
    from websockets.exceptions import InvalidStatus
    from websockets.sync.client import connect

    phone = HttpPhone(mischief_server)
    phone.arrive()
    address = mischief_server.url.replace("http", "ws", 1) + f"/voila/query/{phone.kernel_id}"
    for headers in ({}, {"Cookie": phone.cookies}):
        with pytest.raises(InvalidStatus) as refused, connect(address, additional_headers=headers, open_timeout=10):
            pass
        assert refused.value.response.status_code == 403
