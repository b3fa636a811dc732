"""What a resource of the directory holds (pure: no widgets, no I/O), after Dublin Core and LRMI
(schema.org LearningResource): title, description, type, themes, languages, audience, level,
regions, licence, where to find it, date, duration, creator (author); then its moderation."""

from __future__ import annotations

from saara_kit.data.hubs import list_hubs
from saara_kit.records import Choice, Choices, Count, Date, Text

__all__ = ["AUDIENCES", "FIELDS", "LANGUAGES", "LEVELS", "LICENCES", "STATUSES", "THEMES", "TITLES", "TYPES"]

TYPES = ("guide", "video", "course", "template", "toolkit", "case_study", "other")
THEMES = (
    "concertation",
    "governance",
    "project_management",
    "budgeting",
    "advocacy",
    "communication",
    "fundraising",
    "monitoring",
    "volunteering",
    "law",
    "digital",
)
LANGUAGES = ("fr", "ar", "en")
AUDIENCES = ("association_staff", "volunteers", "trainers", "local_officials", "general")
LEVELS = ("beginner", "intermediate", "advanced")
LICENCES = ("cc_by", "cc_by_sa", "cc_by_nc", "public_domain", "free_access", "copyright")
STATUSES = ("pending", "approved", "rejected")  # a suggestion waits for a trainer's decision
TITLES = tuple(f"title_{lang}" for lang in LANGUAGES)  # a title in at least one language

FIELDS = (
    Text("title_fr", max=300, required=False),
    Text("title_ar", max=300, required=False),
    Text("title_en", max=300, required=False),
    Text("description", max=3000, multiline=True, required=False),
    Choice("type", TYPES),
    Choices("themes", THEMES),
    Choices("languages", LANGUAGES),
    Choices("audience", AUDIENCES),
    Choice("level", LEVELS),
    Choices("regions", tuple(list_hubs()), required=False),  # empty: every hub
    Choice("licence", LICENCES),
    Text("url", max=500, required=False),  # http(s)://… ; or a file:
    Text("file", max=200, required=False),  # a file under datasets/resources/
    Date("date", required=False),
    Count("duration_minutes", high=100_000, required=False),  # videos and courses
    Text(
        "creator", max=200
    ),  # the author or organisation (Dublin Core creator; the store keeps an "author" of its own)
    Choice("status", STATUSES, editable=False, required=False),
    Text("reason", max=500, required=False, editable=False),  # why it was rejected
)
