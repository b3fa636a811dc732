"""Tables for people: a domain's codes turned into labels and its headers translated."""
from __future__ import annotations

from typing import Mapping

import pandas as pd

from saara_kit.i18n import t
from saara_kit.records.domain import SHARED_COLUMNS, Domain

__all__ = ["labelled_table"]


def labelled_table(
    domain: Domain, frame: pd.DataFrame, lang: str = "fr", headers: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """Return ``frame`` with choice codes shown as labels and headers in ``lang``.

    Columns that are the domain's fields, its derived columns or the shared ones (hub,
    association, the store's) are labelled; ``headers`` gives catalogue keys for any other.
    """
    table = frame.copy()
    names = {}
    for column in table.columns:
        if column in (headers or {}):
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
