"""What a practice sheet holds (pure: no widgets, no I/O): a short structured account of a practice
that worked, in one language, then its moderation (the directory's: pending, approved, rejected)."""

from __future__ import annotations

from saara_kit.directory.fields import LANGUAGES, LICENCES, STATUSES, THEMES
from saara_kit.records import Choice, Choices, Reference, Text

__all__ = ["DRAWN", "FIELDS", "STORY"]

FIELDS = (
    Text("name", max=200),  # the sheet's title (a field "title" would share the form title's CSS class)
    Choice("lang", LANGUAGES, labels="directory.languages"),  # the language it is written in
    Choices("themes", THEMES, labels="directory.themes"),
    Reference("plan", to="concertation", required=False),  # the concertation plan it is drawn from
    Text("context", max=2000, multiline=True),
    Text("actions", max=2000, multiline=True),  # what was done
    Text("partners", max=2000, multiline=True),  # with whom
    Text("results", max=2000, multiline=True),
    Text("difficulties", max=2000, multiline=True, required=False),
    Text("advice_to_peers", max=2000, multiline=True, required=False),
    Text("contact", max=200, anonymise="blank"),  # how a peer reaches the association (published once approved)
    Choice("licence", LICENCES, labels="directory.licence", initial="cc_by"),  # how peers may reuse the sheet
    Choice("status", STATUSES, editable=False, required=False, labels="directory.status"),
    Text("reason", max=500, required=False, editable=False),  # why it was rejected
)
# the account, in the order a reader goes through it (the published description)
STORY = ("context", "actions", "partners", "results", "difficulties", "advice_to_peers", "contact")
DRAWN = ("partners", "results")  # what the association's own data can pre-fill
