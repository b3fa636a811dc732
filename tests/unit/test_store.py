"""The store: append-only revisions, idempotent saves, SQLite under concurrent writers."""

from __future__ import annotations

import multiprocessing

import pytest
import sqlalchemy as sa
from sqlalchemy.engine.interfaces import CacheStats

from saara_kit.store import Revision, RevisionConflict, new_record_id, open_store
from saara_kit.store.drafts import keep_draft, read_draft


def _revision(record_id: str, number: int, name: str = "APC", deleted: bool = False) -> Revision:
    return Revision(
        record_id=record_id,
        revision=number,
        kind="stakeholder",
        region="ouest",
        association="Asso",
        author="test",
        payload={"name": name},
        deleted=deleted,
    )


def test_saving_a_revision_makes_it_current(any_store):
    record_id = new_record_id()
    assert any_store.save(_revision(record_id, 1))
    [current] = any_store.current("stakeholder", hub_id="ouest")
    assert (current.record_id, current.revision, current.payload) == (record_id, 1, {"name": "APC"})
    assert current.saved_at.tzinfo is not None


def test_new_revision_replaces_the_current_one_and_history_keeps_both(any_store):
    record_id = new_record_id()
    any_store.save(_revision(record_id, 1, "APC"))
    any_store.save(_revision(record_id, 2, "APC d'Oran"))
    assert [r.payload["name"] for r in any_store.current("stakeholder")] == ["APC d'Oran"]
    assert [r.revision for r in any_store.history(record_id)] == [1, 2]


def test_records_keep_the_order_they_were_first_saved_in(any_store):
    first, second = new_record_id(), new_record_id()
    any_store.save(_revision(first, 1, "A"))
    any_store.save(_revision(second, 1, "B"))
    any_store.save(_revision(first, 2, "A, edited"))
    assert [r.payload["name"] for r in any_store.current("stakeholder")] == ["A, edited", "B"]


def test_writes_take_the_lock_up_front_and_reads_do_not(store):
    statements = []
    sa.event.listen(store.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    store.save(_revision(new_record_id(), 1))
    assert statements[0] == "BEGIN IMMEDIATE"
    statements.clear()
    store.current("stakeholder")
    assert statements[0] == "BEGIN"


def _compiled(store) -> list[str]:
    """The statements ``store`` compiles from now on (SQLAlchemy's cache missed them), as it runs them."""
    compiled = []

    def note_a_compile(_conn, _cursor, statement, _parameters, context, _executemany):
        if context.cache_hit is CacheStats.CACHE_MISS:
            compiled.append(statement)

    sa.event.listen(store.engine, "after_cursor_execute", note_a_compile)
    return compiled


def test_a_first_save_compiles_nothing_while_it_holds_the_write_turn(any_store):
    """Opening the store rehearsed a save and undid it: the statements of a phone's first save are
    compiled already, and the rehearsal left no row."""
    compiled_in_the_turn = _compiled(any_store)
    assert any_store.save(_revision(new_record_id(), 1))
    assert compiled_in_the_turn == []
    assert any_store.count_rows() == 1
    assert any_store.history("rehearsal") == []


def test_a_first_draft_compiles_nothing_while_it_holds_the_write_turn(any_store):
    """The rehearsal kept a draft too: a phone's first draft compiles nothing in its write turn,
    and no placeholder draft is left to offer anyone."""
    compiled_in_the_turn = _compiled(any_store)
    keep_draft(any_store, "phone-1", "stakeholder", "ouest", "APC", {"name": "Wilaya"})
    assert compiled_in_the_turn == []
    assert read_draft(any_store, "phone-1", "stakeholder", "ouest", "APC").content == {"name": "Wilaya"}
    assert read_draft(any_store, "rehearsal", "rehearsal", "", "") is None


def test_saving_the_same_revision_twice_keeps_one_row(any_store):
    revision = _revision(new_record_id(), 1)
    assert any_store.save(revision) is True
    assert any_store.save(revision) is False
    assert any_store.count_rows() == 1


def test_same_revision_number_with_other_content_is_a_conflict(any_store):
    record_id = new_record_id()
    any_store.save(_revision(record_id, 1, "APC"))
    with pytest.raises(RevisionConflict):
        any_store.save(_revision(record_id, 1, "Autre"))
    with pytest.raises(RevisionConflict):
        any_store.save(_revision(record_id, 3, "Saute une révision"))
    assert any_store.count_rows() == 1


def test_withdrawn_record_leaves_current_but_stays_in_history(any_store):
    record_id = new_record_id()
    any_store.save(_revision(record_id, 1))
    any_store.save(_revision(record_id, 2, deleted=True))
    assert any_store.current("stakeholder") == []
    assert [r.deleted for r in any_store.history(record_id)] == [False, True]


def test_save_many_is_all_or_nothing(any_store):
    taken = new_record_id()
    any_store.save(_revision(taken, 1, "APC"))
    with pytest.raises(RevisionConflict):
        any_store.save_many([_revision(new_record_id(), 1), _revision(taken, 1, "Autre")])
    assert any_store.count_rows() == 1


def test_filters_by_region_and_association(any_store):
    any_store.save(_revision(new_record_id(), 1))
    other = Revision(new_record_id(), 1, "stakeholder", "est", "Autre asso", "t", {"name": "X"})
    any_store.save(other)
    assert len(any_store.current("stakeholder", hub_id="est")) == 1
    assert len(any_store.current("stakeholder", association="Asso")) == 1
    assert any_store.associations("stakeholder") == ["Asso", "Autre asso"]
    assert any_store.associations("stakeholder", hub_id="est") == ["Autre asso"]


def test_sqlite_file_uses_write_ahead_logging(tmp_path):
    store = open_store(tmp_path)
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
    assert (tmp_path / "saara.db").exists()


def _save_one(folder) -> None:
    open_store(folder).save(_revision(new_record_id(), 1, "queued"))


def test_a_writer_waits_in_the_writers_queue_not_in_sqlites_busy_handler(tmp_path):
    """SQLite's busy handler polls with sleeps of up to 100 ms; the queue hands the lock on at once."""
    from saara_kit.store.writers_queue import writers_queue

    store = open_store(tmp_path)
    writer = multiprocessing.get_context("fork").Process(target=_save_one, args=(tmp_path,))
    with writers_queue(str(tmp_path / "saara.db")):
        writer.start()
        writer.join(timeout=3)
        assert writer.is_alive(), "the second writer saved while the queue was held"
        assert store.current("stakeholder") == []
    writer.join(timeout=30)
    assert writer.exitcode == 0
    assert [r.payload["name"] for r in store.current("stakeholder")] == ["queued"]


def test_db_url_from_the_environment_wins_over_the_data_dir(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'elsewhere.db'}"
    monkeypatch.setenv("SAARA_DB_URL", url)
    store = open_store(tmp_path / "ignored")
    assert store.url == url
    store.save(_revision(new_record_id(), 1))
    assert (tmp_path / "elsewhere.db").exists()


def bump_shared_record(url: str, record_id: str, worker: int, times: int, errors, conflicts=None) -> None:
    """Read the latest revision, then write the next one: the racy read-then-write pattern.

    "database is locked" errors go to ``errors``; each lost race (retried) to ``conflicts``.
    """
    store = open_store(db_url=url)
    done = 0
    while done < times:
        latest = max((r.revision for r in store.history(record_id)), default=0)
        try:
            store.save(_revision(record_id, latest + 1, f"worker {worker}, change {done}"))
            done += 1
        except RevisionConflict:  # someone else took that number: read again
            if conflicts is not None:
                conflicts.append(worker)
        except sa.exc.OperationalError as error:  # "database is locked" must never reach a user
            errors.append(str(error))
            return
    store.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    """The URL of a fresh database of each kind."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'saara.db'}"
    return request.getfixturevalue("postgres_url")


def test_concurrent_writer_processes_never_lose_a_change(database_url):
    url = database_url
    open_store(db_url=url).close()
    record_id = new_record_id()
    errors = multiprocessing.Manager().list()
    workers = [
        multiprocessing.Process(target=bump_shared_record, args=(url, record_id, worker, 15, errors))
        for worker in range(4)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    assert list(errors) == []
    history = open_store(db_url=url).history(record_id)
    assert [r.revision for r in history] == list(range(1, 61))
    assert len({r.payload["name"] for r in history}) == 60  # no change lost
