"""Field types a domain lists once; validation, widgets, headers, labels and exports derive from them.

A field reads a raw value (typed in a form, or a spreadsheet cell) and returns the clean value, or
raises ``Invalid`` with an error code of the catalogue (``error.<code>``). Fields hold no widgets:
``control`` names the kind of widget the record-list form builds for them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from saara_kit.records.field_base import Field, Invalid, Text, _text_of
from saara_kit.records.numbers import NOT_RATED, Amount, Count, Rating, Scale
from saara_kit.records.references import Reference, References
from saara_kit.validation import code_for_text, parse_whole_number

__all__ = [
    "NOT_RATED",
    "Amount",
    "Choice",
    "Choices",
    "Count",
    "Date",
    "Field",
    "Invalid",
    "Rating",
    "Reference",
    "References",
    "Scale",
    "Text",
    "Time",
]


@dataclass(frozen=True)
class Time(Field):
    """A time of day, read from ``14:30``, ``14h30`` or ``9h``, kept as ``HH:MM``."""

    control = "time"

    @property
    def default(self) -> str:
        return ""

    def read(self, value: Any, prefix: str = "") -> str:
        import re

        text = _text_of(value).lower().replace("h", ":").replace(".", ":")
        if not text:
            if self.required:
                raise Invalid("required")
            return ""
        found = re.fullmatch(r"(\d{1,2})(?::(\d{2})?)?(?::\d{2})?", text)
        if found is None or int(found.group(1)) > 23 or int(found.group(2) or 0) > 59:
            raise Invalid("not_a_time")
        return f"{int(found.group(1)):02d}:{int(found.group(2) or 0):02d}"


@dataclass(frozen=True)
class Choice(Field):
    """One code out of ``codes``, read from the code or its label in any language.

    Choice ``c`` is labelled ``<prefix>.<name>.<c>`` (``<prefix>.<labels>.<c>`` when it shares another's labels). Whole-number codes (a position from -2 to 2)
    are also read from numbers written as text ("−1", "2,0").
    """

    codes: tuple = ()
    initial: Any = field(default=None, kw_only=True)
    labels: str | None = field(default=None, kw_only=True)  # another choice's name (or prefix), to share its labels
    control = "dropdown"

    def __post_init__(self) -> None:
        object.__setattr__(self, "codes", tuple(self.codes))

    @property
    def default(self) -> Any:
        return self.codes[0] if self.initial is None else self.initial

    def read(self, value: Any, prefix: str = "") -> Any:
        text = _text_of(value)
        if not text:
            if self.required:
                raise Invalid("required")
            return self.default
        if all(isinstance(code, int) for code in self.codes):
            try:
                number = parse_whole_number(text)
            except (ValueError, OverflowError):
                pass
            else:
                if number in self.codes:
                    return number
        code = code_for_text(text, self.codes, lambda c: self._choice_key(prefix, c))
        if code is None:
            raise Invalid("not_a_choice", value=text[:60])
        return code

    def label_prefix(self, prefix: str) -> str:
        """Return the catalogue prefix of the choices' labels: ``<prefix>.<name>``, or the shared
        ``labels`` (another choice's name, or a whole prefix such as ``stakeholders.iap2``)."""
        if self.labels and "." in self.labels:
            return self.labels
        return f"{prefix}.{self.labels or self.name}"

    def _choice_key(self, prefix: str, code: Any) -> str:
        return f"{self.label_prefix(prefix)}.{code}"

    def label_keys(self, prefix: str) -> list[str]:
        return [*super().label_keys(prefix), *(self._choice_key(prefix, code) for code in self.codes)]

    def show(self, value: Any, prefix: str, lang: str) -> Any:
        from saara_kit.i18n import t

        code = next((code for code in self.codes if code == value), None)  # 1.0 is code 1
        return value if code is None else t(self._choice_key(prefix, code), lang)


@dataclass(frozen=True)
class Choices(Choice):
    """Several codes out of ``codes`` (a resource's themes), each read from its code or its label in
    any language, from a list or from text separated by ``;``; kept as ``"a; b"`` in the codes' order."""

    separator = "; "

    @property
    def control(self) -> str:  # type: ignore[override]
        return "choices"

    @property
    def default(self) -> str:
        return ""

    def read(self, value: Any, prefix: str = "") -> str:
        import re

        parts = value if isinstance(value, (list, tuple)) else re.split(r"[;\n]", _text_of(value))
        chosen = {Choice.read(self, part, prefix) for part in parts if _text_of(part)}
        if not chosen and self.required:
            raise Invalid("required")
        return self.separator.join(code for code in self.codes if code in chosen)

    def chosen(self, value: Any) -> tuple:
        """Return the codes a kept value holds."""
        parts = value if isinstance(value, (list, tuple)) else _text_of(value).split(self.separator.strip())
        return tuple(str(part).strip() for part in parts if str(part).strip())

    def show(self, value: Any, prefix: str, lang: str) -> Any:
        from saara_kit.i18n import t

        return self.separator.join(t(self._choice_key(prefix, code), lang) for code in self.chosen(value))

    def hint(self) -> tuple[str, dict[str, Any]]:
        return "template.choices", {}


@dataclass(frozen=True)
class Date(Field):
    """A calendar date, read from a date or ISO text (``2027-02-09``), kept as ISO text."""

    control = "date"

    @property
    def default(self) -> None:
        return None

    def read(self, value: Any, prefix: str = "") -> str | None:
        if isinstance(value, dt.datetime):
            return value.date().isoformat()
        if isinstance(value, dt.date):
            return value.isoformat()
        text = _text_of(value)
        if not text:
            if self.required:
                raise Invalid("required")
            return None
        try:
            return dt.date.fromisoformat(text[:10]).isoformat()
        except ValueError:
            raise Invalid("not_a_date") from None
