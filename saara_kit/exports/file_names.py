"""Name the files written for people: readable names made from theirs, and one association's file
never written over another association's."""

from __future__ import annotations

import hashlib
import html
import re
import unicodedata
from pathlib import Path

from saara_kit.validation import fold_name

__all__ = ["file_slug", "output_stem", "owner_mark"]

OWNER_ATTRIBUTE = "data-saara-association"  # on a page's outer element: whose page it is
LETTER_MARKS = {"\u0653", "\u0654", "\u0655"}  # Arabic madda and hamza: part of the letter (آ أ إ ؤ ئ), not an accent


def file_slug(text: str, fallback: str) -> str:
    """Return ``text`` as a file name (``fallback`` when nothing is left): no case, accents, spaces or
    punctuation; Arabic letters kept whole (ئ stays ئ, not ي)."""
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    kept = "".join(char for char in decomposed if not unicodedata.combining(char) or char in LETTER_MARKS)
    return re.sub(r"[^\w]+", "-", unicodedata.normalize("NFC", kept)).strip("-_")[:80] or fallback


def owner_mark(association: str) -> str:
    """Return the HTML attribute that marks a page as ``association``'s (put it on the page's outer element)."""
    return f'{OWNER_ATTRIBUTE}="{html.escape(fold_name(association))}"'


def output_stem(output: Path | None, hub_id: str, association: str, kind: str) -> Path:
    """Return the path, without suffix, of an association's ``kind`` of files (``onepager``, ``report``).

    ``output`` names a file: that file (its ``.html``/``.pdf`` suffix dropped). ``output`` is an existing
    folder, or None (``outputs/<hub>/``): ``<kind>-<association>`` inside it, and when a page of that name
    is not marked as this association's (``owner_mark``), the name gets a fingerprint of the association's."""
    if output is not None and not output.is_dir():
        return output.with_suffix("") if output.suffix.lower() in (".html", ".pdf") else output
    stem = (Path("outputs") / hub_id if output is None else output) / f"{kind}-{file_slug(association, 'association')}"
    page = stem.with_name(stem.name + ".html")
    if page.exists() and owner_mark(association) not in page.read_text(encoding="utf-8", errors="replace"):
        fingerprint = hashlib.sha256(fold_name(association).encode("utf-8")).hexdigest()[:6]
        return stem.with_name(f"{stem.name}-{fingerprint}")
    return stem
