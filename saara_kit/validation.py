"""Field errors that say which field and why, in any language; reading numbers and labels."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from saara_kit.i18n import catalogue, t

__all__ = [
    "LOOK_ALIKES",
    "FieldError",
    "ValidationError",
    "code_for_text",
    "fold_name",
    "fold_text",
    "parse_decimal",
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
        """Say what is wrong, in ``lang`` (decimal values written as ``lang`` writes numbers)."""
        from saara_kit.i18n import format_number

        label = t(self.label_key, lang)
        values = {
            name: format_number(value, lang) if isinstance(value, (float, Decimal)) else value
            for name, value in self.params.items()
        }
        return t("error.field", lang, field=label, reason=t(f"error.{self.code}", lang, **values))


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


GROUPING_SPACES = (" ", "\u00a0", "\u202f", "\u2009", "'", "\u066c")  # spaces, Swiss apostrophe, Arabic thousands


def parse_decimal(value: Any) -> Decimal:
    """Read a decimal number as people write it: "1 234,50", "1.234,50", "1,234.50", "1234.5",
    "−3", "١٢٣٫٥"; the separator written last is the decimal one, unless it repeats ("1.234.567").
    Raise ``ValueError`` when it is not a number."""
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, (int, float, Decimal)):
        return Decimal(str(value))
    text = str(value).strip().replace("\u2212", "-").replace("\u066b", ",")
    for space in GROUPING_SPACES:
        text = text.replace(space, "")
    marks = [char for char in text if char in ".,"]
    if marks:
        decimal_mark = marks[-1] if marks.count(marks[-1]) == 1 else None
        text = "".join("." if char == decimal_mark else "" if char in ".," else char for char in text)
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError(value) from None
    if not number.is_finite():
        raise ValueError(value)
    return number


# Letters of other scripts drawn like Latin (or like another Arabic) letters: a name spelt with them
# ("Assoc\u0456ation", a Cyrillic \u0456) passes for another. Each folds to the letter it looks like,
# before case folds (a Cyrillic capital "\u041d" looks like "H", its small "\u043d" does not).
LOOK_ALIKES = str.maketrans(
    {
        **dict(
            zip(
                "\u0410\u0412\u0415\u0405\u0406\u0408\u041a\u041c\u041d\u041e\u0420\u0421\u0422\u0425\u0423\u04ae\u04c0",
                "ABESIJKMHOPCTXYYI",
            )
        ),  # Cyrillic capitals
        **dict(
            zip(
                "\u0430\u0435\u043e\u0440\u0441\u0443\u0445\u0455\u0456\u0458\u04bb\u0501\u051b\u051d\u04cf\u04af",
                "aeopcyxsijhdqwly",
            )
        ),  # Cyrillic small letters
        **dict(
            zip(
                "\u0391\u0392\u0395\u0396\u0397\u0399\u039a\u039c\u039d\u039f\u03a1\u03a4\u03a5\u03a7", "ABEZHIKMNOPTYX"
            )
        ),  # Greek capitals
        **dict(zip("\u03b1\u03b9\u03ba\u03bd\u03bf\u03c1\u03c5\u03c7", "aikvopux")),  # Greek small letters
        **dict(zip("\u0131\u0237\u0251\u0261", "ijag")),  # Latin dotless i and j, script a and g
        # Arabic: alef wasla, Persian yeh and alef maqsura (drawn alike at a word's end), keheh; tatweel stretches
        **dict(zip("\u0671\u06cc\u0649\u06a9", "\u0627\u064a\u064a\u0643")),
        "\u0640": None,
    }
)
UNSEEN = frozenset(("Mn", "Me", "Cf"))  # marks, and format characters: zero-width spaces and joiners, bidi marks


def fold_text(text: str) -> str:
    """Return ``text`` without case, accents, invisible characters (zero-width, bidi marks) or
    look-alike letters of other scripts, for comparing names and labels."""
    decomposed = unicodedata.normalize("NFKD", text.strip()).translate(LOOK_ALIKES).casefold()
    return "".join(
        char for char in decomposed if not unicodedata.combining(char) and unicodedata.category(char) not in UNSEEN
    )


def fold_name(text: str) -> str:
    """Return a name without case, accents, extra spaces, invisible characters or look-alike letters:
    two spellings of one name, and a name spelt to pass for it, fold alike."""
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
