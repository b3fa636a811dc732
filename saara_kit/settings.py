"""The project's folders and the workshop settings read from the environment."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = [
    "CHROMIUM_ARGS",
    "CHROMIUM_PATH",
    "DATASETS_DIR",
    "DEVICE_HEADER",
    "GRACE_SECONDS",
    "KERNEL_INFO_TIMEOUT_SECONDS",
    "KERNEL_SECRET_ENV",
    "KERNEL_SECRET_HEADER",
    "NOTEBOOKS_DIR",
    "NO_DEVICE",
    "PARAMS_DIR",
    "PROJECT_ROOT",
    "TEMPLATES_DIR",
    "TRAINER",
    "VOILA_APPS_DIR",
    "default_data_dir",
    "default_db_url",
    "default_hub_id",
    "hub_served",
    "is_demo",
    "kernel_info_timeout",
    "remember_hub",
]

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATASETS_DIR = PROJECT_ROOT / "datasets"
PARAMS_DIR = PROJECT_ROOT / "params"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
VOILA_APPS_DIR = PROJECT_ROOT / "voila_apps"
# a Jupyter data folder: the offline templates "saara" for Voilà and for nbconvert's dossiers
TEMPLATES_DIR = Path(__file__).resolve().parent / "jupyter"

# The server names the device of every form request in this header (a participant's device id, or
# "trainer"); Voilà hands it to the form's kernel as HTTP_X_SAARA_DEVICE, and saves record it.
DEVICE_HEADER = "X-Saara-Device"
TRAINER = "trainer"  # the user of the trainer code; participants join with the join code
# A preheated kernel asks the server for its visitor's request with this secret (inherited from the
# server's environment), so that no page and no other machine can read or take that request.
KERNEL_SECRET_ENV = "SAARA_KERNEL_SECRET"
KERNEL_SECRET_HEADER = "X-Saara-Kernel"
NO_DEVICE = "participant"  # the author of a form that knows no device (no server named it): it keeps no draft
# Seconds a form's kernel outlives its page's last connection (saara_kit.serve.seats): a phone whose
# Wi-Fi dropped for a minute comes back to its form; JupyterLab's page retries for about that long.
GRACE_SECONDS = 90
# A page's connection waits this long for its kernel's first answer (an idle kernel answers in
# milliseconds). Jupyter Server's timer keeps the connection's sockets and session alive as long,
# even once closed: at its default of 60 s, a phone reloading every 2 s held 30 of them (about 60 MB).
# A laptop short of memory may lower it ($SAARA_KERNEL_INFO_TIMEOUT, seconds): a closed page's share is
# freed sooner; a page whose kernel is busy then connects before its answer, as it does after 20 s.
KERNEL_INFO_TIMEOUT_SECONDS = 20

# Debian's Chromium, headless, with no call home (the hubs are often offline).
CHROMIUM_PATH = os.environ.get("SAARA_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def default_data_dir() -> Path:
    """Return the workshop data folder: ``$SAARA_DATA_DIR`` or ``./workshop-data``."""
    return Path(os.environ.get("SAARA_DATA_DIR") or "workshop-data").resolve()


def default_db_url(data_dir: str | Path | None = None) -> str:
    """Return ``$SAARA_DB_URL``, else the SQLite file ``<data_dir>/saara.db``."""
    url = os.environ.get("SAARA_DB_URL")
    if url:
        return url
    folder = Path(data_dir).resolve() if data_dir else default_data_dir()
    return f"sqlite:///{folder / 'saara.db'}"


HUB_FILE = "hub"  # in the data folder: the hub ``saara-kit serve`` last served from it


def remember_hub(data_dir: str | Path, hub_id: str) -> None:
    """Note that this data folder serves ``hub_id``: the laptop's other commands default to it."""
    (Path(data_dir) / HUB_FILE).write_text(hub_id, encoding="utf-8")


def hub_served(data_dir: str | Path | None = None) -> str | None:
    """Return the hub the data folder last served (``remember_hub``), None when it never served one."""
    try:
        return (Path(data_dir) if data_dir else default_data_dir()).joinpath(HUB_FILE).read_text(
            encoding="utf-8"
        ).strip() or None
    except OSError:
        return None


def default_hub_id(data_dir: str | Path | None = None) -> str:
    """Return the hub: ``$SAARA_REGION``, else the one this laptop's data folder serves, else ``centre``."""
    return os.environ.get("SAARA_REGION") or hub_served(data_dir) or "centre"


def is_demo() -> bool:
    """Tell whether the server shows a demonstration on sample data (``saara-kit serve --demo``)."""
    return os.environ.get("SAARA_DEMO") == "1"


def kernel_info_timeout() -> int:
    """Seconds a page's connection waits for its kernel's first answer: ``$SAARA_KERNEL_INFO_TIMEOUT``,
    else ``KERNEL_INFO_TIMEOUT_SECONDS``. A setting that is not a whole number of seconds is refused,
    saying which and why (read when the server starts, not as every kernel imports the kit)."""
    setting = os.environ.get("SAARA_KERNEL_INFO_TIMEOUT", "").strip()
    if not setting:
        return KERNEL_INFO_TIMEOUT_SECONDS
    if not setting.isdecimal() or int(setting) < 1:
        from saara_kit.i18n import TranslatedError

        raise TranslatedError("serve.bad_kernel_info_timeout", value=setting, default=KERNEL_INFO_TIMEOUT_SECONDS)
    return int(setting)
