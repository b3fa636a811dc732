"""The support fund's own tables, declared on the store's ``metadata``: ``reviewers`` (each with a
personal code for one call) and ``review_assignments`` (the applications each reviewer opens).

A store opened once this module is imported creates them; code that reads them first calls
``ready(store)``, which creates them in a store opened before."""

from __future__ import annotations

import sqlalchemy as sa

from saara_kit.store import Store
from saara_kit.store.schema import metadata

__all__ = ["ready", "review_assignments", "reviewers"]

reviewers = sa.Table(
    "reviewers",
    metadata,
    sa.Column("call", sa.String(60), primary_key=True),
    sa.Column("reviewer_key", sa.String(120), primary_key=True),  # the folded name
    sa.Column("reviewer", sa.String(120), nullable=False),  # as first given
    sa.Column("code", sa.String(12), nullable=False, unique=True),
    sa.Column("created_at", sa.DateTime, nullable=False),  # UTC
)

review_assignments = sa.Table(
    "review_assignments",
    metadata,
    sa.Column("call", sa.String(60), primary_key=True),
    sa.Column("reviewer_key", sa.String(120), primary_key=True),
    sa.Column("region", sa.String(40), primary_key=True),
    sa.Column("association_key", sa.String(200), primary_key=True),  # the folded name
    sa.Column("association", sa.String(200), nullable=False),
)


def ready(store: Store) -> Store:
    """Return ``store``, with the fund's tables created if it was opened before they were declared."""
    store.ensure_tables(reviewers, review_assignments)
    return store
