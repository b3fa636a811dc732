"""Rules across a resource's fields (each yields ``FieldError``s)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from saara_kit.records import Record
from saara_kit.validation import FieldError

__all__ = ["a_place", "a_title", "safe_link"]

LOCAL_FILE = re.compile(r"^[\w][\w .()-]*\.[A-Za-z0-9]{1,5}$")  # a plain file name, under datasets/resources/


def a_title(record: Record) -> Iterable[FieldError]:
    """Refuse a resource without a title in any language."""
    if not (record.title_fr or record.title_ar or record.title_en):
        yield FieldError("title_fr", "directory.field.title_fr", "title_needed")


def a_place(record: Record) -> Iterable[FieldError]:
    """Refuse a resource that says neither where it is online nor which local file it is."""
    if not (record.url or record.file):
        yield FieldError("url", "directory.field.url", "place_needed")


def safe_link(record: Record) -> Iterable[FieldError]:
    """Refuse a link that is not a web address, and a file that is not a plain name (no folder, no "..")."""
    if record.url and not re.match(r"^https?://[^\s<>\"']+$", record.url):
        yield FieldError("url", "directory.field.url", "not_a_web_address")
    if record.file and not LOCAL_FILE.match(record.file):
        yield FieldError("file", "directory.field.file", "not_a_file_name")
