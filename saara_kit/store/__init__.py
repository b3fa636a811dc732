"""Append-only, UUID-keyed revisions in SQLite (default) or any SQLAlchemy database."""

from saara_kit.store.codes import AssociationTaken
from saara_kit.store.records import Revision, RevisionConflict, new_record_id
from saara_kit.store.store import Store, open_store

__all__ = ["AssociationTaken", "Revision", "RevisionConflict", "Store", "new_record_id", "open_store"]
