"""Fields that name other records of the same association: one (``Reference``) or several (``References``)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from saara_kit.records.field_base import Invalid, Text, _text_of

__all__ = ["Reference", "References"]


@dataclass(frozen=True)
class Reference(Text):
    """The key of another record of the same association, in domain ``to``: the name of the
    stakeholder a link starts from. The form offers the association's saved records of ``to``;
    ``Domain.validate`` checks the name against them when it is told what they are."""

    to: str = field(default="", kw_only=True)
    anonymise: str | None = field(default="code", kw_only=True)  # a name: coded as the record it names

    @property
    def control(self) -> str:  # type: ignore[override]
        return "reference"

    def read(self, value: Any, prefix: str = "") -> str:
        text = super().read(value, prefix)
        if ";" in text and not isinstance(self, References):
            raise Invalid("one_name_only")  # one record here ("A; B" is two)
        return text

    def resolve(self, value: str, keys: Collection[str]) -> str:
        """Return the saved spelling of the record ``value`` names among ``keys``; raise ``Invalid`` when none."""
        from saara_kit.validation import fold_name

        if value in keys:  # spelled as saved, as most links are: a lookup in the records by name
            return value
        wanted = fold_name(value)
        for key in keys:
            if fold_name(key) == wanted:
                return key
        raise Invalid("unknown_reference", value=value[:60])

    def hint(self) -> tuple[str, dict[str, Any]]:
        return "template.reference", {}


@dataclass(frozen=True)
class References(Reference):
    """Several names of records of domain ``to`` (the invitees of a meeting), kept as one text
    ``"A; B"``: read from a list or from text separated by ``;`` or new lines, each name once."""

    max: int = 2000
    separator = "; "

    @property
    def control(self) -> str:  # type: ignore[override]
        return "references"

    def read(self, value: Any, prefix: str = "") -> str:
        return super().read(self.separator.join(self.names(value)), prefix)

    def resolve(self, value: str, keys: Collection[str]) -> str:
        return self.separator.join(super(References, self).resolve(name, keys) for name in self.names(value))

    def names(self, value: Any) -> list[str]:
        """Return the names a value holds, in order, each once (case and accents aside)."""
        import re

        from saara_kit.validation import fold_name

        parts = value if isinstance(value, (list, tuple)) else re.split(r"[;\n]", _text_of(value))
        seen, names = set(), []
        for name in (_text_of(part) for part in parts):
            if name and fold_name(name) not in seen:
                seen.add(fold_name(name))
                names.append(name)
        return names

    def hint(self) -> tuple[str, dict[str, Any]]:
        return "template.references", {}
