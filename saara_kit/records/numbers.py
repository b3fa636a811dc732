"""Fields that hold numbers: scores on a scale (``Scale``, ``Rating``), counts and sums of money (``Amount``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from saara_kit.records.field_base import Field, Invalid, _text_of
from saara_kit.validation import parse_decimal, parse_whole_number

__all__ = ["NOT_RATED", "Amount", "Count", "Rating", "Scale"]

NOT_RATED = 0  # a Rating left unset


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
