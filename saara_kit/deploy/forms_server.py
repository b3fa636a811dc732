"""A participant's server under JupyterHub: the kit's Voilà (the same forms, template and limits as
``saara-kit serve``), logged in through the hub rather than by a join code. Nothing else: no
JupyterLab, no terminal, no files, and Voilà's kernels take no code from the browser.

JupyterHub starts it as ``python -m saara_kit.deploy.forms_server`` with its usual variables
(``JUPYTERHUB_SERVICE_URL``, ``JUPYTERHUB_SERVICE_PREFIX``, the API token, OAuth settings)."""

from __future__ import annotations

import os
import sys
import uuid
from urllib.parse import urlparse

from jupyter_server.auth.identity import User
from jupyter_server.utils import url_path_join
from jupyterhub.singleuser.extension import JupyterHubIdentityProvider, JupyterHubOAuthCallbackHandler
from tornado.websocket import WebSocketHandler
from traitlets import default

from saara_kit.serve.compat import hub_version
from saara_kit.serve.server import SaaraVoila, voila_arguments

__all__ = ["HubIdentityProvider", "HubVoila", "forms_arguments", "main"]

DEVICE_COOKIE = "saara-device"
# what ``voila_arguments`` sets for a laptop's own login (codes, address), which the hub does instead
LAPTOP_ONLY = (
    "--Voila.ip=",
    "--port=",
    "--Voila.token=",
    "--SaaraIdentityProvider.",
    "--SaaraVoila.join_url=",
    "--pool_size=",
)
# No kernel waits in advance: a hub runs one such server per association logged in, and a waiting
# kernel (~125 MiB) each would cost more than the ~2 s it saves when a form opens.
POOL_SIZE = 0


class HubIdentityProvider(JupyterHubIdentityProvider):
    """JupyterHub's OAuth login for the kit's Voilà; each browser is its own device for the store
    (``participant-<12 hex>``, as with ``saara-kit serve``), never the association's code."""

    def __init__(self, **kwargs):
        kwargs.pop("token", None)  # Voilà passes its token; the hub's API token stands in
        super().__init__(**kwargs)

    async def get_user(self, handler):
        hub_user = await super().get_user(handler)
        if hub_user is None:
            return None
        device = handler.get_secure_cookie(DEVICE_COOKIE)
        if device is None:
            device = uuid.uuid4().hex[:12].encode()
            if not isinstance(handler, WebSocketHandler):
                handler.set_secure_cookie(DEVICE_COOKIE, device, path=self.hub_auth.base_url, httponly=True)
        name = f"participant-{device.decode()}"
        return User(username=name, name=name)

    def get_handlers(self):
        """The OAuth callback and the logout, under this server's prefix (Voilà adds them as given)."""
        prefix = self.hub_auth.base_url
        return [
            (url_path_join(prefix, "logout"), self.logout_handler_class),
            (
                urlparse(self.hub_auth.oauth_redirect_uri).path,
                JupyterHubOAuthCallbackHandler,
                {"hub_auth": self.hub_auth},
            ),
        ]


class HubVoila(SaaraVoila):
    """The kit's Voilà, logged in through JupyterHub."""

    @default("identity_provider_class")
    def _default_identity_provider_class(self) -> type:
        return HubIdentityProvider

    def init_settings(self) -> dict:
        """The kit's settings, and the header by which JupyterHub checks its servers' version."""
        settings = super().init_settings()
        settings.setdefault("headers", {})["X-JupyterHub-Version"] = hub_version()
        return settings


def forms_arguments(environ: dict[str, str] | None = None) -> list[str]:
    """Return Voilà's command line for this server: ``saara-kit serve``'s, at the address and
    prefix JupyterHub gave."""
    environ = os.environ if environ is None else environ
    url = urlparse(environ["JUPYTERHUB_SERVICE_URL"])
    prefix = environ.get("JUPYTERHUB_SERVICE_PREFIX") or "/"
    kit = [arg for arg in voila_arguments("127.0.0.1", 80, None) if not arg.startswith(LAPTOP_ONLY)]
    host = url.hostname or "127.0.0.1"
    return [
        *kit,
        f"--pool_size={POOL_SIZE}",
        f"--Voila.ip={host}",
        f"--Voila.port={url.port or 80}",
        f"--Voila.base_url={prefix}",
    ]


def main() -> None:
    """Serve the forms until JupyterHub stops this server."""
    HubVoila.launch_instance(argv=forms_arguments() + sys.argv[1:])


if __name__ == "__main__":
    main()
