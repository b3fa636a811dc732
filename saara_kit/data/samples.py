"""Load the CSV files in ``datasets/`` (read-only; columns documented in its README)."""
from __future__ import annotations

import pandas as pd

from saara_kit.settings import DATASETS_DIR

__all__ = ["load_dataset", "sample_stakeholders", "wilayas"]


def load_dataset(name: str) -> pd.DataFrame:
    """Return ``datasets/<name>.csv`` as a DataFrame."""
    return pd.read_csv(DATASETS_DIR / f"{name}.csv", encoding="utf-8", keep_default_na=False)


def wilayas() -> pd.DataFrame:
    """Return every wilaya: ``code``, ``name_fr``, ``name_ar``."""
    return load_dataset("wilayas")


def sample_stakeholders(region: str | None = None) -> pd.DataFrame:
    """Return the sample stakeholders (all hubs, or one)."""
    frame = load_dataset("sample_stakeholders")
    if region is not None:
        frame = frame[frame["region"] == region].reset_index(drop=True)
    return frame
