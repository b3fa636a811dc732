"""SQLite settings for many writers: WAL, a busy timeout and ``BEGIN IMMEDIATE`` for writes (the
writers also line up in ``writers_queue`` first, so that few ever wait in SQLite's busy handler)."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.exc import OperationalError

__all__ = ["BUSY_TIMEOUT_MS", "configure_sqlite", "is_locked_error"]

BUSY_TIMEOUT_MS = 10_000


def configure_sqlite(engine: sa.Engine) -> None:
    """Make ``engine`` open WAL connections and take the write lock when a write begins."""

    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # let SQLAlchemy emit BEGIN itself
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _on_begin(conn):
        immediate = conn.get_execution_options().get("saara_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def is_locked_error(error: OperationalError) -> bool:
    """Tell whether ``error`` is SQLite's "database is locked" or "busy"."""
    text = str(error.orig).lower()
    return "locked" in text or "busy" in text
