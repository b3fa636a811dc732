"""The participants' side: Voilà over ``voila_apps/`` with a translated landing page.

Its names are imported when first asked for: importing one module of this package (``serve.pages``,
``serve.compat``, which a form's kernel reads) never loads Voilà, Jupyter Server or the landing page.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["available_apps", "render_landing", "serve", "voila_arguments"]

_FROM = {
    "available_apps": "saara_kit.serve.landing",
    "render_landing": "saara_kit.serve.landing",
    "serve": "saara_kit.serve.server",
    "voila_arguments": "saara_kit.serve.server",
}


def __getattr__(name: str) -> Any:
    """Import the module that holds ``name`` (the server for ``serve`` and ``voila_arguments``) when first asked."""
    if name in _FROM:
        return getattr(importlib.import_module(_FROM[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
