"""Hub keys: the secret a hub shares with the national server, that signs its bundles (HMAC-SHA256).

A hub's key lives in its data folder, ``<data_dir>/bundle-keys/<hub>.key`` (readable by its owner
only): the hub's laptop makes it at its first export, and the national server is given it once
(``saara-kit bundle key --region <hub> --set …``). A key is 40 characters of the codes' alphabet
(about 198 bits), shown in groups of four so that it can be read out and typed.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
from pathlib import Path

from saara_kit.codes import CODE_ALPHABET, clean_code, new_code
from saara_kit.i18n import TranslatedError

__all__ = ["HUB_ID", "KEY_LENGTH", "hub_key", "key_path", "set_hub_key", "shown_key", "signature", "signed_by"]

KEY_LENGTH = 40
FOLDER = "bundle-keys"
PURPOSE = b"saara-bundle signature\n"  # a key signs bundles and nothing else
HUB_ID = re.compile(r"[a-z0-9][a-z0-9_-]{0,39}")  # a hub's id, as params/<hub>.yaml names it: a file name too


def key_path(data_dir: str | Path, hub_id: str) -> Path:
    """Return where ``hub_id``'s key is kept in the data folder ``data_dir``."""
    if not HUB_ID.fullmatch(hub_id):
        raise ValueError(f"not a hub id: {hub_id!r}")
    return Path(data_dir) / FOLDER / f"{hub_id}.key"


def _write(path: Path, key: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.new")
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(handle, "w", encoding="ascii") as written:
        written.write(key + "\n")
    os.replace(temporary, path)


def hub_key(data_dir: str | Path, hub_id: str, make: bool = False) -> bytes | None:
    """Return ``hub_id``'s key; None when the data folder has none (with ``make``: make it first)."""
    path = key_path(data_dir, hub_id)
    if not path.is_file():
        if not make:
            return None
        _write(path, new_code(KEY_LENGTH))
    return path.read_text(encoding="ascii").strip().encode("ascii")


def set_hub_key(data_dir: str | Path, hub_id: str, typed: str) -> bytes:
    """Keep ``typed`` (spaces, dashes and case aside) as ``hub_id``'s key and return it; raise
    ``TranslatedError`` when it cannot be a key."""
    key = clean_code(typed)
    if len(key) != KEY_LENGTH or not set(key) <= set(CODE_ALPHABET):
        raise TranslatedError("bundle.key_invalid", length=KEY_LENGTH)
    _write(key_path(data_dir, hub_id), key)
    return key.encode("ascii")


def shown_key(key: bytes) -> str:
    """Return a key as people read it out: groups of four."""
    text = key.decode("ascii")
    return "-".join(text[start : start + 4] for start in range(0, len(text), 4))


def signature(key: bytes, data: bytes) -> str:
    """Return the signature of ``data`` with ``key`` (HMAC-SHA256, in hexadecimal)."""
    return hmac.new(key, PURPOSE + data, hashlib.sha256).hexdigest()


def signed_by(key: bytes, data: bytes, given: str) -> bool:
    """Tell whether ``given`` is the signature of ``data`` with ``key`` (in constant time)."""
    return hmac.compare_digest(signature(key, data).encode(), str(given).encode())
