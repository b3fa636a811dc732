"""SQLite settings for many writers: WAL, a busy timeout and ``BEGIN IMMEDIATE`` for writes, and a
queue of writers: SQLite's busy handler polls with sleeps that grow to 100 ms, so with 60 phones saving
at once some saves waited seconds; writers waiting on a lock file are woken as soon as it is released."""

from __future__ import annotations

import contextlib

import sqlalchemy as sa
from sqlalchemy.exc import OperationalError

try:
    import fcntl
except ImportError:  # not on Windows: the busy timeout alone queues the writers
    fcntl = None  # type: ignore[assignment]

__all__ = ["BUSY_TIMEOUT_MS", "configure_sqlite", "is_locked_error", "writers_queue"]

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


@contextlib.contextmanager
def writers_queue(database: str):
    """Hold the write lock of the SQLite file ``database`` (a ``.writers`` file beside it) while writing;
    the waiting writers are woken as soon as it is released (not fairly: the first to run takes it)."""
    try:
        # held open as long as the lock, which the caller's block holds
        handle = open(f"{database}.writers", "a+b") if fcntl is not None else None  # noqa: SIM115
    except OSError:  # a read-only folder: SQLite itself then says why nothing can be saved
        handle = None
    if handle is None:
        yield
        return
    with handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
