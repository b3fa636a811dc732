"""A preheated kernel learns who its visitor is even when Voilà's query socket answers late: a busy
room's server may refuse the first tries, and a form must not then save as a nameless ``participant``."""

from __future__ import annotations

import json
import threading
import time

import pytest
from websockets.sync.server import serve

from saara_kit.settings import DEVICE_HEADER
from saara_kit.widgets import request
from tests.ports import free_port

LATE_S = 1.5  # longer than a refused connection takes, so a single try fails


@pytest.fixture
def preheated_kernel(monkeypatch):
    port = free_port()
    for name, value in {
        "VOILA_PREHEAT": "True",
        "VOILA_APP_IP": "127.0.0.1",
        "VOILA_APP_PORT": str(port),
        "VOILA_KERNEL_ID": "k1",
        "VOILA_WS_BASE_URL": "/",
    }.items():
        monkeypatch.setenv(name, value)
    header = "HTTP_" + DEVICE_HEADER.upper().replace("-", "_")
    monkeypatch.delenv(header, raising=False)
    monkeypatch.delenv("QUERY_STRING", raising=False)
    request._wait_for_visitor.cache_clear()
    yield port, header
    request._wait_for_visitor.cache_clear()


def visitor_arrives_late(port: int, header: str, note) -> None:
    """Open Voilà's query socket after ``LATE_S``; it sends a visitor asking for Arabic from their
    device, after ``note(connection)``."""

    def answer(connection):
        note(connection)
        connection.send(json.dumps({header: "participant-0123abcd", "QUERY_STRING": "lang=ar"}))

    def open_late():
        time.sleep(LATE_S)
        with serve(answer, "127.0.0.1", port) as server:
            server.serve_forever()

    threading.Thread(target=open_late, daemon=True).start()


def test_a_query_socket_that_opens_late_still_names_the_visitor(preheated_kernel):
    port, header = preheated_kernel
    asked = []

    visitor_arrives_late(port, header, lambda connection: asked.append(connection.request.path))
    assert request.request_author() == "participant-0123abcd"
    assert request.request_lang() == "ar"
    assert asked == ["/voila/query/k1"]


@pytest.mark.parametrize("name", ["stakeholders", "application"])  # an app of steps; a form its package builds
def test_a_preheated_form_is_built_before_its_visitor_comes_then_takes_their_language_and_device(
    name, preheated_kernel, tmp_path, monkeypatch
):
    """The pool does the heavy work: the form is ready when the page takes the kernel."""
    from saara_kit.app_builder import app
    from saara_kit.widgets import TranslatedForm

    port, header = preheated_kernel
    monkeypatch.setenv("SAARA_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("SAARA_LANG", "fr")
    moments = {}
    finish = TranslatedForm._finish

    def timed_finish(self, children):  # a form's last building step
        finish(self, children)
        moments["built"] = time.monotonic()

    monkeypatch.setattr(TranslatedForm, "_finish", timed_finish)

    visitor_arrives_late(port, header, lambda _: moments.update(visited=time.monotonic()))
    form = app(name, hub_id="ouest")
    forms = list(getattr(form, "steps", {}).values()) or [form]
    assert moments["built"] < moments["visited"]
    assert form.lang == "ar" and {shown.lang for shown in forms} == {"ar"}
    assert {shown.state.device for shown in forms} == {"participant-0123abcd"}
