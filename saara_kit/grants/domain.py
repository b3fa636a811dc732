"""The support fund: applications and their reviews, declared for the generic rooms (store,
import/export, CLI). Their forms are the application and the review forms (``app.forms``), not the
record-list form: an application is the association's, a review the reviewer's."""

from __future__ import annotations

from saara_kit.grants.fields import APPLICATION_FIELDS, REVIEW_FIELDS
from saara_kit.grants.rules import extremes_explained, known_call, requested_within_total, scores_on_the_grid
from saara_kit.i18n import format_money, t
from saara_kit.records import Access, App, Checks, Domain, Exports, Listing, deferred

__all__ = ["DOMAINS", "GRANTS", "REVIEWS"]


def _submitted(payload) -> bool:
    return payload.get("status") == "submitted"


def _ranking_sheet(records, lang: str):
    from saara_kit.grants.committee import ranking_table  # pandas work only once exported

    return ranking_table(records["grants"], records["reviews"], lang)


def _application_form(**where):
    from saara_kit.grants.application_form import ApplicationForm

    return ApplicationForm(**where)


def _review_form(**where):
    from saara_kit.grants.review_form import ReviewForm

    return ReviewForm(**where)


GRANTS = Domain(
    name="grants",
    kind="application",
    fields=APPLICATION_FIELDS,
    key="call",
    samples="sample_grants",
    listing=Listing(
        title=lambda record, lang: (
            f"{record.project} — {format_money(record.requested, 'DZD', lang)} "
            f"({t(f'grants.status.{record.status}', lang)})"
        )
    ),
    checks=Checks(rules=(known_call("grants"), requested_within_total)),
    access=Access(frozen=_submitted, public=False),
    # forms of their own, each a builder taking the registry's (lang, hub_id, store)
    app=App(
        forms=(("application", _application_form), ("review", _review_form)),
        commands=("saara_kit.grants.reviewers_command", "saara_kit.grants.letters_command"),
    ),
    exports=Exports(summaries=(("grants.ranking.sheet", _ranking_sheet),)),
)
REVIEWS = Domain(
    name="reviews",
    kind="review",
    fields=REVIEW_FIELDS,
    key=("call", "application", "reviewer"),
    samples="sample_reviews",
    listing=Listing(
        title=lambda record, lang: (
            f"{record.application} — {record.reviewer} ({t(f'grants.status.{record.status}', lang)})"
        )
    ),
    checks=Checks(rules=(known_call("reviews"), scores_on_the_grid, extremes_explained)),
    access=Access(frozen=_submitted, public=False, demo_cards=deferred("saara_kit.grants.reviewers", "demo_cards")),
    app=App(part_of="grants"),
    exports=Exports(in_handout=False),
)
DOMAINS = (GRANTS, REVIEWS)
