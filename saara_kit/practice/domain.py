"""Practice sheets, declared for the generic rooms (store, import/export, CLI, landing page). Its
form is the record-list form with a "draw from our data" action (``listing.form``). A sheet is the
association's (``access.public=False``: opened with its code); once approved it shows in the directory
as a case study (``listing.shown_in``), read from the sheet itself each time."""

from __future__ import annotations

from saara_kit.i18n import t
from saara_kit.practice.fields import FIELDS
from saara_kit.records import Access, Domain, Listing, Record, deferred

__all__ = ["DOMAIN", "DOMAINS", "PRACTICE"]


def _label(record: Record, lang: str) -> str:
    status = t(f"directory.status.{record.status or 'pending'}", lang)
    return f"{record.name} ({status})" + (f" — {record.reason}" if record.reason else "")


DOMAIN = PRACTICE = Domain(
    name="practice",
    kind="practice_sheet",
    fields=FIELDS,
    key="name",
    samples="sample_practice",
    listing=Listing(
        title=_label,
        shown_in=("directory", deferred("saara_kit.practice.publication", "case_studies")),
        form=deferred("saara_kit.practice.form", "PracticeForm"),
    ),
    access=Access(public=False),
)
DOMAINS = (DOMAIN,)
