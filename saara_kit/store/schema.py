"""The store's tables: ``revisions`` (every saved state of every record), ``association_codes`` and
``drafts`` (what a device typed but did not save).

A domain that needs tables of its own (the support fund's reviewers, in ``saara_kit.grants.tables``)
declares them on ``metadata``: a store opened once they are imported creates them with its own, and
``Store.ensure_tables`` creates them in a store opened before."""

from __future__ import annotations

import sqlalchemy as sa

__all__ = ["association_codes", "drafts", "metadata", "revisions"]

metadata = sa.MetaData()

revisions = sa.Table(
    "revisions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("record_id", sa.String(36), nullable=False),
    sa.Column("revision", sa.Integer, nullable=False),
    sa.Column("kind", sa.String(40), nullable=False),
    sa.Column("region", sa.String(40), nullable=False),
    sa.Column("association", sa.String(200), nullable=False),
    sa.Column("author", sa.String(200), nullable=False),
    sa.Column("saved_at", sa.DateTime, nullable=False),  # UTC
    sa.Column("schema_version", sa.Integer, nullable=False),
    sa.Column("deleted", sa.Boolean, nullable=False, default=False),
    sa.Column("payload", sa.JSON, nullable=False),
    sa.UniqueConstraint("record_id", "revision", name="uq_record_revision"),
    sa.Index("ix_revisions_kind_region_association", "kind", "region", "association"),
)

association_codes = sa.Table(
    "association_codes",
    metadata,
    sa.Column("region", sa.String(40), primary_key=True),
    sa.Column("association_key", sa.String(200), primary_key=True),  # the folded name
    sa.Column("association", sa.String(200), nullable=False),  # as first saved
    sa.Column("code", sa.String(12), nullable=False),
    sa.Column("created_at", sa.DateTime, nullable=False),  # UTC
)

drafts = sa.Table(
    "drafts",
    metadata,
    sa.Column("device", sa.String(200), primary_key=True),
    sa.Column("kind", sa.String(40), primary_key=True),
    sa.Column("region", sa.String(40), primary_key=True),
    sa.Column("association_key", sa.String(200), primary_key=True),  # the folded name
    sa.Column("content", sa.JSON, nullable=False),
    sa.Column("kept_at", sa.DateTime, nullable=False),  # UTC
)
