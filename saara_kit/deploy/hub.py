"""JupyterHub's configuration for the kit, from a few settings read in the environment."""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from saara_kit.i18n import language, languages, t
from saara_kit.settings import PROJECT_ROOT

__all__ = ["HubSettings", "configure", "cull_idle_servers", "find_proxy", "login_texts"]

TEMPLATES = Path(__file__).resolve().parent / "templates"
PROXY = "configurable-http-proxy"


def find_proxy() -> str | None:
    """Return configurable-http-proxy: ``make test``'s copy in ``.venv/node_modules``, else on PATH."""
    local = PROJECT_ROOT / ".venv" / "node_modules" / ".bin" / PROXY
    return str(local) if local.exists() else shutil.which(PROXY)


@dataclass(frozen=True)
class HubSettings:
    """Where the hub listens, its store, and its own folder (state, homes, trainer codes)."""

    db_url: str
    folder: Path
    url: str = "http://0.0.0.0:8000"
    api_url: str = "http://127.0.0.1:8081"
    proxy_api_url: str = "http://127.0.0.1:8001"
    trainers_file: Path | None = None
    proxy: str | None = None
    idle_minutes: float = 60  # a server nobody used for this long is stopped (0: never)

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> HubSettings:
        """Read ``SAARA_DB_URL`` (required), ``SAARA_HUB_DIR`` (default ``./hub-data``),
        ``SAARA_HUB_URL``, ``SAARA_HUB_API_URL``, ``SAARA_PROXY_API_URL``, ``SAARA_TRAINERS_FILE``,
        ``SAARA_PROXY`` (the proxy's path) and ``SAARA_HUB_IDLE_MINUTES``."""
        env = os.environ if environ is None else environ
        if not env.get("SAARA_DB_URL"):
            raise SystemExit(
                "SAARA_DB_URL is not set: the hub's store, e.g. postgresql+psycopg://saara@localhost/saara"
            )
        folder = Path(env.get("SAARA_HUB_DIR") or "hub-data").resolve()
        given = {
            key: env[name]
            for key, name in (
                ("url", "SAARA_HUB_URL"),
                ("api_url", "SAARA_HUB_API_URL"),
                ("proxy_api_url", "SAARA_PROXY_API_URL"),
            )
            if env.get(name)
        }
        trainers = Path(env["SAARA_TRAINERS_FILE"]) if env.get("SAARA_TRAINERS_FILE") else folder / "trainers.yaml"
        if env.get("SAARA_HUB_IDLE_MINUTES"):
            given["idle_minutes"] = float(env["SAARA_HUB_IDLE_MINUTES"])
        return cls(
            db_url=env["SAARA_DB_URL"],
            folder=folder,
            trainers_file=trainers,
            proxy=env.get("SAARA_PROXY") or find_proxy(),
            **given,
        )


def login_texts() -> list[dict[str, str]]:
    """Return the login page's texts in every language, French first."""
    keys = ("title", "intro", "code", "submit", "wrong")
    return [
        {"lang": lang, "dir": language(lang)["direction"], **{key: t(f"deploy.login.{key}", lang) for key in keys}}
        for lang in languages()
    ]


def configure(c, settings: HubSettings) -> None:
    """Fill JupyterHub's config ``c``: code login, hub groups, one server per person, state in the hub's folder."""
    from saara_kit.deploy.authenticator import CodeAuthenticator
    from saara_kit.deploy.spawner import SaaraSpawner

    state = settings.folder / "state"
    state.mkdir(parents=True, exist_ok=True)
    c.JupyterHub.bind_url = settings.url
    c.JupyterHub.hub_bind_url = settings.api_url
    c.JupyterHub.db_url = f"sqlite:///{state / 'jupyterhub.sqlite'}"  # the hub's own bookkeeping
    c.JupyterHub.cookie_secret_file = str(state / "jupyterhub_cookie_secret")
    c.JupyterHub.pid_file = str(state / "jupyterhub.pid")
    c.JupyterHub.cleanup_servers = True  # a stopped hub stops every server it started
    c.ConfigurableHTTPProxy.api_url = settings.proxy_api_url
    c.ConfigurableHTTPProxy.pid_file = str(state / "proxy.pid")
    if settings.proxy:
        c.ConfigurableHTTPProxy.command = [settings.proxy]

    c.JupyterHub.authenticator_class = CodeAuthenticator
    c.CodeAuthenticator.db_url = settings.db_url
    c.CodeAuthenticator.trainers_file = str(settings.trainers_file or settings.folder / "trainers.yaml")
    c.Authenticator.allow_all = True  # whoever has a valid code; the authenticator checks it
    c.Authenticator.manage_groups = True  # <hub>-trainers, <hub>-participants, reviewers
    c.Authenticator.auth_refresh_age = 300  # a code taken back closes its sessions within 5 min
    c.Authenticator.refresh_pre_spawn = True

    c.JupyterHub.spawner_class = SaaraSpawner
    c.SaaraSpawner.db_url = settings.db_url
    c.SaaraSpawner.home_dir_template = str(settings.folder / "homes" / "{username}")
    c.Spawner.http_timeout = 120  # a JupyterLab or a Voilà with a kernel to preheat, on 2 busy cores
    c.Spawner.start_timeout = 180

    if settings.idle_minutes > 0:
        cull_idle_servers(c, round(settings.idle_minutes * 60))

    c.JupyterHub.template_paths = [str(TEMPLATES)]
    c.JupyterHub.template_vars = {"saara_login": login_texts()}


def cull_idle_servers(c, seconds: int) -> None:
    """Run jupyterhub-idle-culler as a hub service: a server with no activity for ``seconds`` (pages,
    forms' messages, as the proxy sees them) is stopped, and its memory freed for the room."""
    every = max(5, min(300, seconds // 4))  # how often the culler looks, and the proxy's activity reaches the hub
    c.JupyterHub.services = [
        {
            "name": "idle-culler",
            "command": [
                sys.executable,
                "-m",
                "jupyterhub_idle_culler",
                f"--timeout={seconds}",
                f"--cull-every={every}",
            ],
        }
    ]
    c.JupyterHub.load_roles = [
        {
            "name": "idle-culler",
            "services": ["idle-culler"],
            "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        }
    ]
    c.JupyterHub.last_activity_interval = every
