"""Start Voilà on ``voila_apps/``: token, preheated kernels, idle culling, landing page at ``/``,
and a template that fetches nothing from the internet."""
from __future__ import annotations

import contextlib
import os
import secrets
import socket
from pathlib import Path

from jupyter_server.base.handlers import JupyterHandler
from jupyter_server.utils import url_path_join
from tornado import web
from voila.app import Voila

from saara_kit.data import load_region
from saara_kit.i18n import normalise_lang, t
from saara_kit.serve.landing import available_apps, render_landing
from saara_kit.settings import TEMPLATES_DIR, VOILA_APPS_DIR, default_data_dir, default_db_url, default_region
from saara_kit.store import open_store

__all__ = ["SaaraVoila", "serve", "voila_arguments"]

CULL_IDLE_SECONDS = 20 * 60
CULL_INTERVAL_SECONDS = 60


class LandingHandler(JupyterHandler):
    """Serve the translated list of forms (``/?lang=ar``), behind the same token as the forms."""

    @web.authenticated
    def get(self) -> None:
        lang = normalise_lang(self.get_argument("lang", os.environ.get("SAARA_LANG")))
        region = load_region(default_region())
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.finish(render_landing(lang, region, available_apps()))


class SaaraVoila(Voila):
    """Voilà with the kit's landing page in place of the file tree at ``/``, and its templates."""

    def setup_template_dirs(self) -> None:
        """Let Voilà find the kit's offline template ``saara``."""
        others = [path for path in os.environ.get("JUPYTER_PATH", "").split(os.pathsep) if path]
        os.environ["JUPYTER_PATH"] = os.pathsep.join([str(TEMPLATES_DIR), *others])
        super().setup_template_dirs()

    def init_handlers(self) -> list:
        landing = (url_path_join(self.server_url, r"/?"), LandingHandler)
        return [landing, *super().init_handlers()]


def load_samples(db_url: str) -> None:
    """Load every registered domain's sample records into the store at ``db_url``."""
    from saara_kit.exports.transfer import import_samples
    from saara_kit.registry import domains

    with open_store(db_url=db_url) as store:
        for declared in domains().values():
            import_samples(store, declared)


def voila_arguments(
    host: str, port: int, token: str | None, pool_size: int = 1, apps_dir: Path = VOILA_APPS_DIR
) -> list[str]:
    """Return Voilà's command line: sources stripped, kernels preheated, idle kernels culled."""
    return [
        str(apps_dir),
        f"--Voila.ip={host}",
        f"--port={port}",
        "--Voila.port_retries=0",
        "--no-browser",
        "--template=saara",
        "--strip_sources=True",
        "--preheat_kernel=True",
        f"--pool_size={pool_size}",
        "--show_tracebacks=False",
        f"--MappingKernelManager.cull_idle_timeout={CULL_IDLE_SECONDS}",
        f"--MappingKernelManager.cull_interval={CULL_INTERVAL_SECONDS}",
        "--MappingKernelManager.cull_connected=False",
        f"--Voila.token={token or ''}",
    ]


def _address_to_share(host: str) -> str:
    """Return the address participants type: this machine's name when serving every interface."""
    if host in ("127.0.0.1", "localhost"):
        return "localhost"
    if host in ("0.0.0.0", "::", ""):
        with contextlib.suppress(OSError):
            address = socket.gethostbyname(socket.gethostname())
            if not address.startswith("127."):
                return address
        return socket.gethostname()
    return host


def serve(
    host: str = "127.0.0.1",
    port: int = 8866,
    region: str | None = None,
    lang: str | None = None,
    data_dir: str | Path | None = None,
    db_url: str | None = None,
    token: bool = True,
    pool_size: int = 1,
    sample_data: bool = False,
) -> None:
    """Serve the participants' forms until interrupted; print the URL to open.

    ``lang`` defaults to the hub's language. ``sample_data`` first loads the bundled sample
    records into the store (for demonstrations).
    """
    hub = load_region(region or default_region())  # fails early on an unknown hub
    lang = normalise_lang(lang or hub.default_lang)
    data_dir = Path(data_dir).resolve() if data_dir else default_data_dir()
    data_dir.mkdir(parents=True, exist_ok=True)
    os.environ.update(  # read by the landing page and inherited by every kernel
        SAARA_REGION=hub.id,
        SAARA_LANG=lang,
        SAARA_DATA_DIR=str(data_dir),
        SAARA_DB_URL=db_url or default_db_url(data_dir),
    )
    if sample_data:
        load_samples(os.environ["SAARA_DB_URL"])
    secret = secrets.token_urlsafe(24) if token else None
    shown_host = _address_to_share(host)
    query = f"?token={secret}&lang={lang}" if secret else f"?lang={lang}"
    print(t("serve.open", lang, url=f"http://{shown_host}:{port}/{query}"), flush=True)
    SaaraVoila.launch_instance(argv=voila_arguments(host, port, secret, pool_size))
