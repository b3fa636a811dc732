"""The participants' side: Voilà over ``voila_apps/`` with a translated landing page.

The server (``serve``, ``voila_arguments``) is imported when first asked for: importing a page of
this package (``serve.pages``, ``serve.join``) never loads Voilà or Jupyter Server.
"""

from __future__ import annotations

import importlib
from typing import Any

from saara_kit.serve.landing import available_apps, render_landing

__all__ = ["available_apps", "render_landing", "serve", "voila_arguments"]

_FROM_SERVER = ("serve", "voila_arguments")


def __getattr__(name: str) -> Any:
    """Import the server only when ``serve`` or ``voila_arguments`` is asked for."""
    if name in _FROM_SERVER:
        return getattr(importlib.import_module("saara_kit.serve.server"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
