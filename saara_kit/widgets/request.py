"""Read the page's query string (``?lang=ar``), also in Voilà's preheated kernels."""
from __future__ import annotations

import os
from urllib.parse import parse_qs

from saara_kit.i18n import normalise_lang

__all__ = ["request_lang"]


def _query_parameter(name: str) -> str | None:
    try:
        from voila.utils import get_query_string
    except ImportError:  # pragma: no cover - voila is a dependency
        query = os.environ.get("QUERY_STRING", "")
    else:
        query = get_query_string() or ""  # waits for the visitor when the kernel is preheated
    values = parse_qs(query).get(name)
    return values[0] if values else None


def request_lang() -> str:
    """Return the language asked in the URL, else ``$SAARA_LANG``, else French."""
    return normalise_lang(_query_parameter("lang") or os.environ.get("SAARA_LANG"))
