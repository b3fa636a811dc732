"""Exports without names (law 18-07 on personal data): the names of people and organisations
replaced by stable codes, free text emptied.

A code is a keyed hash of the name (case, accents and spaces aside): the same actor gets the same
code in every export of the same workshop data, across domains (a relation names the actor by its
code), and nobody can find a name back by hashing a list of likely names without the key. The key
is made once, at random, beside the store (``anonymise.key`` in the data folder).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from pathlib import Path

import pandas as pd

from saara_kit.codes import CODE_ALPHABET
from saara_kit.records.domain import Domain
from saara_kit.records.fields import References
from saara_kit.validation import fold_name

__all__ = ["KEY_FILE", "Anonymiser"]

KEY_FILE = "anonymise.key"
CODE_CHARACTERS = 8
SHARED_PERSONAL = ("author",)  # a revision's author: the name a participant typed


class Anonymiser:
    """Replace names with codes such as ``X-K3F9QX2M``, always the same for the same name and key."""

    def __init__(self, key: bytes):
        self._key = key

    @classmethod
    def for_data_dir(cls, data_dir: str | Path) -> Anonymiser:
        """Return the anonymiser of a workshop's data folder, making its key on first use."""
        path = Path(data_dir) / KEY_FILE
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(secrets.token_bytes(32))
            path.chmod(0o600)
        return cls(path.read_bytes())

    def code(self, name: object) -> str:
        """Return the code of ``name`` ('' stays '')."""
        text = "" if name is None or (isinstance(name, float) and pd.isna(name)) else str(name)
        if not text.strip():
            return ""
        digest = int.from_bytes(hmac.new(self._key, fold_name(text).encode(), hashlib.sha256).digest()[:8], "big")
        letters = []
        for _ in range(CODE_CHARACTERS):
            digest, index = divmod(digest, len(CODE_ALPHABET))
            letters.append(CODE_ALPHABET[index])
        return "X-" + "".join(letters)

    def frame(self, domain: Domain, frame: pd.DataFrame) -> pd.DataFrame:
        """Return a copy of ``frame`` (a domain's records) with its names coded and its free text emptied."""
        result = frame.copy()
        for f in domain.fields:
            if f.name in result and isinstance(f, References):  # several names: each coded
                result[f.name] = [f.separator.join(map(self.code, f.names(value))) for value in result[f.name]]
            elif f.name in result and f.anonymise == "code":
                result[f.name] = [self.code(value) for value in result[f.name]]
            elif f.name in result and f.anonymise == "blank":
                result[f.name] = ""
        for column in SHARED_PERSONAL:
            if column in result:
                result[column] = ""
        return result
