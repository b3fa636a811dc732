"""Field types a domain lists once; validation, widgets, headers, labels and exports derive from them.

A field reads a raw value (typed in a form, or a spreadsheet cell) and returns the clean value, or
raises ``Invalid`` with an error code of the catalogue (``error.<code>``). Fields hold no widgets:
``control`` names the kind of widget the record-list form builds for them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from saara_kit.validation import code_for_text, parse_decimal, parse_whole_number

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

NOT_RATED = 0  # a Rating left unset


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

    def resolve(self, value: str, keys: Iterable[str]) -> str:
        """Return the saved spelling of the record ``value`` names among ``keys``; raise ``Invalid`` when none."""
        from saara_kit.validation import fold_name

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

    def resolve(self, value: str, keys: Iterable[str]) -> str:
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
class Scale(Field):
    """A whole number from ``low`` to ``high`` (a 1–5 score)."""

    low: int = 1
    high: int = 5
    initial: int | None = field(default=None, kw_only=True)
    control = "slider"

    @property
    def default(self) -> int:
        return (self.low + self.high) // 2 if self.initial is None else self.initial

    def read(self, value: Any, prefix: str = "") -> int:
        if _text_of(value) == "":
            if self.required:
                raise Invalid("required")
            return self.default  # a score added later: older files and records take the middle
        try:
            number = parse_whole_number(value)
        except (TypeError, ValueError, OverflowError):
            raise Invalid("not_whole_number", low=self.low, high=self.high) from None
        if not self.low <= number <= self.high:
            raise Invalid("out_of_range", low=self.low, high=self.high)
        return number

    def hint(self) -> tuple[str, dict[str, Any]]:
        return "template.slider", {"low": self.low, "high": self.high}


@dataclass(frozen=True)
class Rating(Scale):
    """A score from ``low`` to ``high`` that starts unset (``NOT_RATED``) until one is picked (— 1 2 3 4 5)."""

    required: bool = field(default=False, kw_only=True)
    initial: int | None = field(default=NOT_RATED, kw_only=True)
    control = "rating"

    def read(self, value: Any, prefix: str = "") -> int:
        return NOT_RATED if _text_of(value) in ("", str(NOT_RATED)) else super().read(value, prefix)

    def show(self, value: Any, prefix: str, lang: str) -> Any:
        return "" if value == NOT_RATED else value

    def hint(self) -> tuple[str, dict[str, Any]]:
        return "template.rating", {"low": self.low, "high": self.high}


@dataclass(frozen=True)
class Count(Scale):
    """A whole number of people or things, from 0 to ``high``, typed in a box (not a slider); 0 when left empty."""

    low: int = 0
    high: int = 100_000
    initial: int | None = field(default=0, kw_only=True)
    control = "count"


@dataclass(frozen=True)
class Amount(Field):
    """A sum of money or a quantity, from 0 to ``high``, kept as a float with 2 decimals."""

    high: float = 1e12
    control = "number"

    @property
    def default(self) -> float:
        return 0.0

    def read(self, value: Any, prefix: str = "") -> float:
        text = _text_of(value)
        if not text:
            if self.required:
                raise Invalid("required")
            return 0.0
        try:
            number = parse_decimal(text)
        except ValueError:
            raise Invalid("not_a_number") from None
        if number < 0:
            raise Invalid("negative")
        if not number <= Decimal(str(self.high)):
            raise Invalid("out_of_range", low=0, high=self.high)
        return round(float(number), 2)


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
