"""A domain names its analysis (derived columns, pictures, summaries) without importing it: the analysis
needs pandas and matplotlib, which a participant's form should load only once it has something to draw."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

__all__ = ["deferred"]


def deferred(module: str, name: str) -> Callable[..., Any]:
    """Return a function that calls ``module.name``, importing ``module`` on the first call."""

    def call(*args, **kwargs):
        return getattr(importlib.import_module(module), name)(*args, **kwargs)

    call.__name__ = call.__qualname__ = name
    call.__doc__ = f"``{module}.{name}``, imported when first called."
    return call
