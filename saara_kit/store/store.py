"""Save and read revisions through SQLAlchemy Core."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import random
import time
from collections.abc import Iterable
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError, OperationalError

from saara_kit.settings import default_db_url
from saara_kit.store.drafts import replace_draft
from saara_kit.store.records import SHARED_RECORDS, Revision, RevisionConflict
from saara_kit.store.schema import metadata, revisions
from saara_kit.store.sqlite import configure_sqlite, is_locked_error
from saara_kit.store.writers_queue import writers_queue

__all__ = ["Store", "open_store"]

RETRIES = 12
# a save's statements, built once: their values are bound at each save (a third of a save's time was
# spent building them, and a writer holds the room's write lock while it does)
LATEST = (
    sa.select(revisions)
    .where(revisions.c.record_id == sa.bindparam("record_id"))
    .order_by(revisions.c.revision.desc())
    .limit(1)
)
ONE_REVISION = sa.select(revisions).where(
    revisions.c.record_id == sa.bindparam("record_id"), revisions.c.revision == sa.bindparam("revision")
)
INSERT = revisions.insert()
REHEARSAL = Revision("rehearsal", 1, "rehearsal", "", "", "", {})  # saved and undone as a store opens


def open_store(data_dir: str | Path | None = None, db_url: str | None = None) -> Store:
    """Open the workshop store: ``db_url``, else ``$SAARA_DB_URL``, else ``<data_dir>/saara.db``."""
    return Store(db_url or default_db_url(data_dir))


class Store:
    """Append-only store of record revisions; ``with open_store() as store:`` closes it after use."""

    def __init__(self, url: str):
        self.url = url
        parts = sa.engine.make_url(url)
        # a SQLite file named by its path (a file: URI names an existing file; :memory: is no file)
        sqlite_file = (
            parts.database
            if parts.get_backend_name() == "sqlite"
            and parts.database not in (None, "", ":memory:")
            and "uri" not in parts.query
            else None
        )
        if sqlite_file:
            Path(sqlite_file).parent.mkdir(parents=True, exist_ok=True)
        self.engine = sa.create_engine(url)
        if self.engine.dialect.name == "sqlite":
            configure_sqlite(self.engine)
        self._writers_queue = functools.partial(writers_queue, sqlite_file) if sqlite_file else contextlib.nullcontext
        self.write(self._create_tables_and_rehearse_first_writes)
        self._tables = set(metadata.tables)  # what this store has created (a domain's tables may come later)

    def _create_tables_and_rehearse_first_writes(self, conn: sa.Connection) -> None:
        """Create the tables, then save a placeholder revision and keep a placeholder draft, and undo
        both: SQLAlchemy compiles a statement on its first use, and a phone's first save or draft that
        compiled its statements did so while it held the room's write turn (1.2 ms a phone's first save:
        the last of 60 phones saving at once waited 70 ms more). A read-only store still opens: its
        first save says why nothing can be saved."""
        metadata.create_all(conn)
        rehearsal = conn.begin_nested()
        with contextlib.suppress(OperationalError):  # a store that refuses writes opens to be read
            self.insert_revision(conn, REHEARSAL)
            replace_draft(conn, "rehearsal", REHEARSAL.kind, "", "", {})
        rehearsal.rollback()

    def ensure_tables(self, *tables: sa.Table) -> None:
        """Create tables a domain declares on ``schema.metadata`` (the support fund's reviewers) when
        this store was opened before they were declared; a no-op once they are there."""
        missing = [table for table in tables if table.name not in self._tables]
        if missing:
            self.write(lambda conn: metadata.create_all(conn, tables=missing))
            self._tables.update(table.name for table in missing)

    # -- writing -------------------------------------------------------------------------
    def save(self, revision: Revision) -> bool:
        """Save one revision; return False when the very same revision was already saved."""
        return self.save_many([revision]) == 1

    def save_many(self, items: Iterable[Revision]) -> int:
        """Save revisions all-or-nothing; return how many rows were new.

        Raises ``RevisionConflict`` when a revision number is taken by other content, or when
        a revision skips ahead of the record's latest one (someone else saved in between).
        """
        items = list(items)
        return self.write(lambda conn: sum(self.insert_revision(conn, item) for item in items))

    def insert_revision(self, conn: sa.Connection, item: Revision) -> int:
        """In a write transaction: insert one revision; return 1, or 0 when the very same was saved
        (``RevisionConflict`` as for ``save_many``)."""
        latest = conn.execute(LATEST, {"record_id": item.record_id}).first()
        latest_number = latest.revision if latest else 0
        if item.revision <= latest_number:
            existing = conn.execute(ONE_REVISION, {"record_id": item.record_id, "revision": item.revision}).first()
            if existing is not None and _to_revision(existing).same_content(item):
                return 0
            raise RevisionConflict(f"{item.record_id} revision {item.revision} is already taken")
        if item.revision != latest_number + 1:
            raise RevisionConflict(f"{item.record_id}: revision {item.revision} follows {latest_number}")
        conn.execute(INSERT, _to_row(item))
        return 1

    def write(self, work):
        """Run ``work(conn)`` in one write transaction, retrying while the database is busy."""
        for attempt in range(RETRIES):
            try:
                with (
                    self.engine.connect().execution_options(saara_write=True) as conn,  # ready before the turn
                    self._writers_queue(),
                    conn.begin(),
                ):
                    return work(conn)
            except OperationalError as error:
                if not is_locked_error(error) or attempt == RETRIES - 1:
                    raise
            except IntegrityError:
                if attempt == RETRIES - 1:
                    raise  # a concurrent twin inserted first; re-check on the next attempt
            time.sleep(min(2.0, 0.02 * 2**attempt) * (0.5 + random.random()))
        raise AssertionError("unreachable")

    # -- reading -------------------------------------------------------------------------
    def history(self, record_id: str) -> list[Revision]:
        """Return every revision of one record, oldest first."""
        query = sa.select(revisions).where(revisions.c.record_id == record_id)
        return self._read(query.order_by(revisions.c.revision))

    def revisions_of(
        self, kind: str | None, hub_id: str | None = None, association: str | None = None
    ) -> list[Revision]:
        """Return every revision of ``kind`` (of every kind: ``None``; of one hub, of one association),
        oldest first: a timeline."""
        query = sa.select(revisions)
        if kind is not None:
            query = query.where(revisions.c.kind == kind)
        if hub_id is not None:
            query = query.where(revisions.c.region == hub_id)
        if association is not None:
            query = query.where(revisions.c.association == association)
        return self._read(query.order_by(revisions.c.id))

    def current(
        self,
        kind: str,
        hub_id: str | None = None,
        association: str | None = None,
        withdrawn: bool = False,
    ) -> list[Revision]:
        """Return the latest revision of each live record of ``kind``, in the order first saved; with
        ``withdrawn``, that of each withdrawn record instead."""
        latest = (
            sa.select(
                revisions.c.record_id,
                sa.func.max(revisions.c.revision).label("top"),
                sa.func.min(revisions.c.id).label("first"),
            )
            .where(revisions.c.kind == kind)
            .group_by(revisions.c.record_id)
            .subquery()
        )
        query = sa.select(revisions).join(
            latest,
            sa.and_(revisions.c.record_id == latest.c.record_id, revisions.c.revision == latest.c.top),
        )
        query = query.where(revisions.c.deleted.is_(withdrawn))
        if hub_id is not None:
            query = query.where(revisions.c.region == hub_id)
        if association is not None:
            query = query.where(revisions.c.association == association)
        return self._read(query.order_by(latest.c.first))

    def associations(self, kind: str | None, hub_id: str | None = None) -> list[str]:
        """Return the associations that have records of ``kind`` (of any kind: ``None``), sorted; the
        hub's shared records (``SHARED_RECORDS``) are no association's."""
        query = sa.select(revisions.c.association).distinct().where(revisions.c.association != SHARED_RECORDS)
        if kind is not None:
            query = query.where(revisions.c.kind == kind)
        if hub_id is not None:
            query = query.where(revisions.c.region == hub_id)
        with self.engine.connect() as conn:
            return sorted(conn.execute(query).scalars())

    @staticmethod
    def histories(conn: sa.Connection, record_ids: Iterable[str]) -> dict[str, list[Revision]]:
        """Return, inside ``conn``'s transaction, every revision of each record, oldest first."""
        found: dict[str, list[Revision]] = {}
        ids = list(record_ids)
        for start in range(0, len(ids), 500):  # a bounded IN (...) list
            query = sa.select(revisions).where(revisions.c.record_id.in_(ids[start : start + 500]))
            for row in conn.execute(query.order_by(revisions.c.record_id, revisions.c.revision)):
                found.setdefault(row.record_id, []).append(_to_revision(row))
        return found

    @staticmethod
    def has_records(conn: sa.Connection, hub_id: str, association: str) -> bool:
        """Tell, inside ``conn``'s transaction, whether ``association`` saved anything in ``hub_id``."""
        query = sa.select(revisions.c.id).where(revisions.c.region == hub_id, revisions.c.association == association)
        return conn.execute(query.limit(1)).first() is not None

    def last_saves(self, kinds: Iterable[str], hub_id: str) -> dict[str, dt.datetime]:
        """Return each association's latest save of any of ``kinds`` in ``hub_id`` (UTC), withdrawals included."""
        query = (
            sa.select(revisions.c.association, sa.func.max(revisions.c.saved_at))
            .where(
                revisions.c.region == hub_id,
                revisions.c.kind.in_(list(kinds)),
                revisions.c.association != SHARED_RECORDS,
            )
            .group_by(revisions.c.association)
        )
        with self.engine.connect() as conn:
            return {name: when.replace(tzinfo=dt.UTC) for name, when in conn.execute(query)}

    def count_rows(self) -> int:
        """Return how many revision rows the store holds."""
        with self.engine.connect() as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(revisions)).scalar_one()

    def _read(self, query) -> list[Revision]:
        with self.engine.connect() as conn:
            return [_to_revision(row) for row in conn.execute(query)]

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()


def _to_row(item: Revision) -> dict:
    return {
        "record_id": item.record_id,
        "revision": item.revision,
        "kind": item.kind,
        "region": item.region,
        "association": item.association,
        "author": item.author,
        "saved_at": item.saved_at.astimezone(dt.UTC).replace(tzinfo=None),
        "schema_version": item.schema_version,
        "deleted": item.deleted,
        "payload": item.payload,
    }


def _to_revision(row) -> Revision:
    return Revision(
        record_id=row.record_id,
        revision=row.revision,
        kind=row.kind,
        region=row.region,
        association=row.association,
        author=row.author,
        payload=row.payload,
        schema_version=row.schema_version,
        deleted=row.deleted,
        saved_at=row.saved_at.replace(tzinfo=dt.UTC),
    )
