"""The base of every field kind: ``Field``, free ``Text``, and ``Invalid``, the refusal a field raises."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["Field", "Invalid", "Text"]


class Invalid(ValueError):
    """A raw value a field refuses: the catalogue code ``error.<code>`` and its values."""

    def __init__(self, code: str, **params: Any):
        super().__init__(code)
        self.code, self.params = code, params


def _text_of(value: Any) -> str:
    return "" if value is None else str(value).strip()


@dataclass(frozen=True)
class Field:
    """One named value of a record. Its label is the catalogue key ``<prefix>.field.<name>``; a field
    with a ``section`` shows in the form under that section's title (``<prefix>.section.<section>``),
    folded until opened. An anonymised export replaces a field marked ``anonymise="code"`` (the name
    of a person or an organisation) with a stable code, and empties one marked ``"blank"``. A field
    that is not ``editable`` is set by an action (submitting an application), never typed: the form
    builds no box for it and an edit keeps its value."""

    name: str
    required: bool = field(default=True, kw_only=True)
    editable: bool = field(default=True, kw_only=True)
    section: str | None = field(default=None, kw_only=True)
    anonymise: str | None = field(default=None, kw_only=True)  # "code" (a name) or "blank" (free text)
    control = "text"

    @property
    def default(self) -> Any:
        """Return the value an empty editor shows."""
        return ""

    def read(self, value: Any, prefix: str = "") -> Any:
        """Return the clean value of ``value``; raise ``Invalid`` when it is not acceptable.

        ``prefix`` is the domain's catalogue section, where choice labels are looked up."""
        raise NotImplementedError

    def label_keys(self, prefix: str) -> list[str]:
        """Return the catalogue keys this field needs under the domain's ``prefix``."""
        return [f"{prefix}.field.{self.name}"] + ([f"{prefix}.section.{self.section}"] if self.section else [])

    def show(self, value: Any, prefix: str, lang: str) -> Any:
        """Return ``value`` as a reader sees it in a table (choices by their label)."""
        return value

    def hint(self) -> tuple[str, dict[str, Any]]:
        """Return the catalogue key and values that say what the field accepts (for templates)."""
        return f"template.{self.control}", {}


@dataclass(frozen=True)
class Text(Field):
    """Free text, stripped, at most ``max`` characters, no control characters."""

    max: int = 200
    multiline: bool = field(default=False, kw_only=True)

    @property
    def control(self) -> str:  # type: ignore[override]
        return "textarea" if self.multiline else "text"

    def read(self, value: Any, prefix: str = "") -> str:
        text = _text_of(value)
        if self.required and not text:
            raise Invalid("required")
        if len(text) > self.max:
            raise Invalid("too_long", max=self.max)
        if any(ord(char) < 32 and char not in "\t\n\r" for char in text):
            raise Invalid("control_characters")  # NUL and friends break PostgreSQL and exports
        return text

    def hint(self) -> tuple[str, dict[str, Any]]:
        return "template.text", {"max": self.max}
