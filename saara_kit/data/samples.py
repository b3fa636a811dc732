"""Load the CSV files in ``datasets/`` (read-only; columns documented in its README)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from saara_kit.settings import DATASETS_DIR

__all__ = ["load_dataset", "sample_records", "wilayas"]


def load_dataset(name: str) -> pd.DataFrame:
    """Return ``datasets/<name>.csv`` as a DataFrame."""
    return pd.read_csv(DATASETS_DIR / f"{name}.csv", encoding="utf-8", keep_default_na=False)


def wilayas() -> pd.DataFrame:
    """Return every wilaya: ``code``, ``name_fr``, ``name_ar`` and ``parent``.

    ``parent`` (nullable integer) is the code of the wilaya a new one was carved from, ``<NA>`` for
    the others: relate a record saved under the parent's code through it.
    """
    frame = load_dataset("wilayas")
    frame["parent"] = pd.to_numeric(frame["parent"].replace("", None)).astype("Int64")
    return frame


def sample_records(domain, hub_id: str | None = None) -> pd.DataFrame:
    """Return a domain's sample records (all hubs, or one); empty when the domain has none. An
    optional field the file lacks takes its default."""
    if domain.samples is None:
        return pd.DataFrame(columns=["region", "association", *domain.field_names])
    if isinstance(domain.samples, Path):  # a domain kept outside the kit brings its own file
        frame = pd.read_csv(domain.samples, encoding="utf-8", keep_default_na=False)
    else:
        frame = load_dataset(domain.samples)
    if hub_id is not None:
        frame = frame[frame["region"] == hub_id].reset_index(drop=True)
    return domain.with_defaults(frame)
