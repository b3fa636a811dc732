"""Tables for people: a domain's codes turned into labels, headers translated, shown in the reader's direction."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from numbers import Number
from typing import TYPE_CHECKING, Any

from saara_kit.i18n import format_number, language, t
from saara_kit.records.domain import SHARED_COLUMNS, Domain

if TYPE_CHECKING:  # pandas is loaded by whoever made the frame; a form's kernel may never load it
    import pandas as pd
    from pandas.io.formats.style import Styler

__all__ = ["labelled_table", "records_frame", "styled_table"]


def records_frame(records: Iterable[Mapping[str, Any]], columns: list[str] | None = None) -> pd.DataFrame:
    """Return the records (or any mappings of field to value) as a table: pandas loads here, with
    the first table or matplotlib picture a form draws."""
    import pandas as pd

    return pd.DataFrame([dict(record) for record in records], columns=columns)


def labelled_table(
    domain: Domain, frame: pd.DataFrame, lang: str = "fr", headers: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """Return ``frame`` with choice codes shown as labels and headers in ``lang``.

    Columns that are the domain's fields, its derived columns or the shared ones (hub,
    association, the store's) are labelled; ``headers`` gives catalogue keys for any other.
    """
    table, headers = frame.copy(), headers or {}
    names = {}
    for column in table.columns:
        if column in headers:
            names[column] = t(headers[column], lang)
            continue
        try:
            field = domain.field(column)
        except KeyError:
            if column in SHARED_COLUMNS:
                names[column] = t(domain.label_key(column), lang)
            continue
        table[column] = [field.show(value, domain.name, lang) for value in table[column]]
        names[column] = t(domain.label_key(column), lang)
    return table.rename(columns=names)


def styled_table(frame: pd.DataFrame, lang: str = "fr") -> Styler:
    """Return ``frame`` ready to show in a notebook or a dossier.

    The table runs right to left in Arabic and each cell takes its own direction, so −1 stays −1;
    numbers follow the language's separators, what people typed is escaped, row numbers are hidden.
    """

    def show(value):
        is_number = isinstance(value, Number) and not isinstance(value, bool)
        return format_number(value, lang) if is_number else value

    styler = frame.style.format(show, escape="html", na_rep="")
    from pandas import RangeIndex

    if isinstance(frame.index, RangeIndex):
        styler = styler.hide(axis="index")
    return styler.set_table_attributes(f'dir="{language(lang)["direction"]}" class="saara-table"').set_table_styles(
        [{"selector": "td, th", "props": "unicode-bidi: plaintext; text-align: start"}]
    )
