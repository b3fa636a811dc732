"""Every name of Voilà, Jupyter Server and JupyterHub that is not their public API, in one place.

An upgrade may move any of them without notice; ``tests/unit/test_compat.py`` checks each one and
fails loudly, naming it. Nothing heavy is imported until a class is asked for: a form's kernel
reads its request's address here without loading Voilà.
"""

from __future__ import annotations

import os
import re
from typing import Any

__all__ = [
    "KERNEL_ENV",
    "PAGE_KERNEL_ID",
    "QUERY_ROUTE",
    "hub_version",
    "query_address",
    "voila_handlers",
    "write_past_voila",
]

# Voilà's route where a preheated kernel waits for its visitor's request (voila.app, RequestInfoSocketHandler)
QUERY_ROUTE = "voila/query"
# what Voilà puts in a kernel's environment (voila.utils.ENV_VARIABLE), which its helper reads
KERNEL_ENV = (
    "VOILA_PREHEAT",
    "VOILA_KERNEL_ID",
    "VOILA_SERVER_URL",
    "VOILA_APP_IP",
    "VOILA_APP_PORT",
    "VOILA_WS_PROTOCOL",
    "VOILA_WS_BASE_URL",
)
# the kernel's id in the settings of the page Voilà writes (its templates' index.html.j2)
PAGE_KERNEL_ID = re.compile(r'"kernelId": "([0-9a-f-]{36})"')


def query_address() -> str:
    """Return the websocket where Voilà sends this kernel its visitor's request, as Voilà's
    ``voila.utils.wait_for_request`` builds it from the kernel's environment."""
    env = os.environ.get
    base = env("VOILA_WS_BASE_URL", env("VOILA_SERVER_URL", "/"))
    return (
        f"{env('VOILA_WS_PROTOCOL', 'ws')}://{env('VOILA_APP_IP', '127.0.0.1')}:{env('VOILA_APP_PORT', '8866')}"
        f"{base}{QUERY_ROUTE}/{env('VOILA_KERNEL_ID')}"
    )


def voila_handlers() -> dict[str, type]:
    """Return Voilà's handlers the kit extends or replaces, by role; their modules are not Voilà's
    documented API: the form page, the kernel websocket, the page-close request, the query socket."""
    from voila.handler import VoilaHandler
    from voila.request_info_handler import RequestInfoSocketHandler
    from voila.shutdown_kernel_handler import VoilaShutdownKernelHandler
    from voila.tornado.kernel_websocket_handler import VoilaKernelWebsocketHandler

    return {
        "page": VoilaHandler,
        "kernel_socket": VoilaKernelWebsocketHandler,
        "shutdown": VoilaShutdownKernelHandler,
        "query_socket": RequestInfoSocketHandler,
    }


def write_past_voila(handler: Any, message: Any, binary: bool = False) -> Any:
    """Write ``message`` on a kernel websocket as Jupyter Server does, past Voilà's own ``write_message``
    (the kit has already read the message's header, safely)."""
    voila_socket = voila_handlers()["kernel_socket"]
    return super(voila_socket, handler).write_message(message, binary)


def hub_version() -> str:
    """Return JupyterHub's version, which the hub checks in its servers' headers (``jupyterhub._version``)."""
    from jupyterhub._version import __version__

    return __version__


def _login_page() -> type:
    from jupyter_server.auth.login import LoginFormHandler

    class LoginPage(LoginFormHandler):
        """Jupyter Server's login handler, its page written by ``write_login_page``: Jupyter's
        handler calls its private ``_render`` to show the form, and again when a code is refused."""

        def _render(self, message: dict | None = None) -> None:
            self.write_login_page(message)

        def write_login_page(self, message: dict | None) -> None:
            """Write the login page; ``message`` is set when the code typed was refused."""
            raise NotImplementedError

    return LoginPage


_CLASSES = {"LoginPage": _login_page}
_made: dict[str, type] = {}


def __getattr__(name: str) -> Any:
    """Make ``LoginPage`` when first asked for: importing this module loads no server."""
    if name in _CLASSES:
        if name not in _made:
            _made[name] = _CLASSES[name]()
        return _made[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
