"""Field errors that say which field and why, in any language; reading numbers and labels."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping

from saara_kit.i18n import catalogue, t

__all__ = [
    "FieldError",
    "ValidationError",
    "code_for_text",
    "fold_name",
    "fold_text",
    "parse_whole_number",
]


@dataclass(frozen=True)
class FieldError:
    """One field's problem: the field, the catalogue key of its label, an error code, values."""

    field: str
    label_key: str
    code: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def message(self, lang: str = "fr") -> str:
        """Say what is wrong, in ``lang``."""
        label = t(self.label_key, lang)
        return t("error.field", lang, field=label, reason=t(f"error.{self.code}", lang, **self.params))


class ValidationError(ValueError):
    """Raised with every problem found in one record."""

    def __init__(self, errors: Iterable[FieldError]):
        self.errors = list(errors)
        super().__init__("; ".join(f"{error.field}: {error.code}" for error in self.errors))

    def messages(self, lang: str = "fr") -> list[str]:
        """Return one sentence per problem, in ``lang``."""
        return [error.message(lang) for error in self.errors]


def parse_whole_number(value: Any) -> int:
    """Read an integer from a number or text ("3", "3,0", "−1"); raise ``ValueError`` if not whole."""
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError(value)
        return int(value)
    text = str(value).strip().replace("\u2212", "-").replace("\u00a0", "").replace(" ", "")
    number = float(text.replace(",", "."))
    if not number.is_integer():
        raise ValueError(value)
    return int(number)


def fold_text(text: str) -> str:
    """Return ``text`` without case or accents, for comparing names and labels."""
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def fold_name(text: str) -> str:
    """Return a name without case, accents or extra spaces: two spellings of one name fold alike."""
    return " ".join(fold_text(text).split())


def code_for_text(text: str, codes: Iterable, key_of: Callable[[Any], str]):
    """Return the code whose name, or whose catalogue label ``key_of(code)`` in any language,
    reads as ``text`` (case and accents aside); ``None`` when none does."""
    wanted = fold_text(text)
    messages = catalogue()
    for code in codes:
        labels = messages.get(key_of(code), {})
        if wanted == fold_text(str(code)) or any(wanted == fold_text(label) for label in labels.values()):
            return code
    return None
