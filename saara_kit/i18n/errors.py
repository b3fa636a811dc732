"""Errors that people read: a catalogue key and its values, said in the reader's language."""

from __future__ import annotations

from saara_kit.i18n.catalogue import t

__all__ = ["TranslatedError"]


class TranslatedError(ValueError):
    """An error whose text is the catalogue entry ``key`` filled with ``values``."""

    def __init__(self, key: str, **values: object):
        self.key, self.values = key, values
        super().__init__(t(key, "en", **values))

    def message(self, lang: str = "fr") -> str:
        """Say what is wrong, in ``lang``."""
        return t(self.key, lang, **self.values)
