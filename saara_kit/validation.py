"""Field checks shared by every domain model; errors say which field and why, in any language."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping

from saara_kit.i18n import catalogue, t

__all__ = [
    "FieldError",
    "ValidationError",
    "Checker",
    "code_for_text",
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
        super().__init__("; ".join(error.message("en") for error in self.errors))

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
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


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


class Checker:
    """Collect field errors while reading a raw mapping (form values or an imported row).

    ``prefix`` names the catalogue section: the label of field ``f`` is ``<prefix>.field.<f>``,
    and the label of choice ``c`` of field ``f`` is ``<prefix>.<f>.<c>``.
    """

    def __init__(self, raw: Mapping[str, Any], prefix: str):
        self.raw = raw
        self.prefix = prefix
        self.errors: list[FieldError] = []

    def _fail(self, name: str, code: str, **params: Any) -> None:
        self.errors.append(FieldError(name, f"{self.prefix}.field.{name}", code, params))

    def text(self, name: str, max_length: int, required: bool = True) -> str:
        """Return a stripped text field."""
        value = self.raw.get(name)
        text = "" if value is None else str(value).strip()
        if required and not text:
            self._fail(name, "required")
        elif len(text) > max_length:
            self._fail(name, "too_long", max=max_length)
        elif any(ord(char) < 32 and char not in "\t\n\r" for char in text):
            self._fail(name, "control_characters")  # NUL and friends break PostgreSQL and exports
        return text

    def choice(self, name: str, codes: Iterable[str]) -> str:
        """Return a choice code, read from the code or its label in any language."""
        codes = tuple(codes)
        value = self.raw.get(name)
        text = "" if value is None else str(value).strip()
        if not text:
            self._fail(name, "required")
            return ""
        code = code_for_text(text, codes, lambda c: f"{self.prefix}.{name}.{c}")
        if code is None:
            self._fail(name, "not_a_choice", value=text[:60])
            return ""
        return code

    def whole_number(self, name: str, low: int, high: int) -> int:
        """Return an integer between ``low`` and ``high`` inclusive."""
        value = self.raw.get(name)
        if value is None or str(value).strip() == "":
            self._fail(name, "required")
            return low
        try:
            number = parse_whole_number(value)
        except (TypeError, ValueError, OverflowError):
            self._fail(name, "not_whole_number", low=low, high=high)
            return low
        if not low <= number <= high:
            self._fail(name, "out_of_range", low=low, high=high)
        return number

    def raise_if_any(self) -> None:
        """Raise ``ValidationError`` when a check failed."""
        if self.errors:
            raise ValidationError(self.errors)
