"""The server's codes, kept with the workshop's data: the trainer code, the participants' join code
and the secret that signs the login cookies.

A server restarted on the same data folder keeps them: the projected code and the printed cards stay
right, and phones stay logged in (each keeps its device, so its unsaved drafts come back).
``saara-kit serve --new-codes`` makes new ones, which logs every phone out.
"""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import asdict, dataclass
from pathlib import Path

from saara_kit.serve.join import new_join_code

__all__ = ["ACCESS_FILE", "AccessCodes", "access_codes"]

ACCESS_FILE = "access.json"  # in the data folder, readable by its owner only


@dataclass(frozen=True)
class AccessCodes:
    """The trainer's code (the server's token), the participants' join code, the cookie secret (hex)."""

    trainer: str
    join: str
    cookie_secret: str


def _new() -> AccessCodes:
    return AccessCodes(secrets.token_urlsafe(24), new_join_code(), secrets.token_hex(32))


def _read(path: Path) -> AccessCodes | None:
    """Return the codes kept in ``path``, None when there are none or they cannot be read."""
    try:
        kept = json.loads(path.read_text(encoding="utf-8"))
        codes = AccessCodes(**{name: str(kept[name]) for name in ("trainer", "join", "cookie_secret")})
        bytes.fromhex(codes.cookie_secret)
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return codes if codes.trainer and codes.join else None


def access_codes(data_dir: Path, renew: bool = False) -> AccessCodes:
    """Return the codes kept in ``data_dir`` (made and kept there the first time, or when ``renew``)."""
    path = Path(data_dir) / ACCESS_FILE
    codes = None if renew else _read(path)
    if codes is None:
        codes = _new()
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as kept:
            json.dump(asdict(codes), kept)
    return codes
