"""SQLite store: one writer vs four writer processes, and contended read-then-write."""
from __future__ import annotations

import multiprocessing
import tempfile
import time
from pathlib import Path

from saara_kit.store import Revision, new_record_id, open_store
from tests.unit.test_store import bump_shared_record

SAVES = 400
WRITERS = 4


def _revision(record_id: str, number: int, note: str) -> Revision:
    return Revision(record_id, number, "stakeholder", "ouest", "Bench", "bench", {"name": note})


def _save_new(url: str, count: int) -> None:
    store = open_store(db_url=url)
    for index in range(count):
        store.save(_revision(new_record_id(), 1, f"n{index}"))


def _timed_processes(targets) -> float:
    started = time.perf_counter()
    processes = [multiprocessing.Process(target=target, args=args) for target, args in targets]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    return time.perf_counter() - started


def main() -> None:
    folder = Path(tempfile.mkdtemp())
    url = f"sqlite:///{folder / 'bench.db'}"
    open_store(db_url=url).close()
    one = _timed_processes([(_save_new, (url, SAVES))])
    many = _timed_processes([(_save_new, (url, SAVES // WRITERS))] * WRITERS)
    print(f"{SAVES} saves: 1 process {one:.2f} s ({SAVES / one:.0f}/s), "
          f"{WRITERS} processes {many:.2f} s ({SAVES / many:.0f}/s); ratio 4 writers/1 writer = {one / many:.2f}")

    manager = multiprocessing.Manager()
    errors, conflicts = manager.list(), manager.list()
    record_id = new_record_id()
    bumps = 25
    contended = _timed_processes(
        [(bump_shared_record, (url, record_id, w, bumps, errors, conflicts)) for w in range(WRITERS)]
    )
    history = open_store(db_url=url).history(record_id)
    print(f"read-then-write on one record, {WRITERS}×{bumps}: {contended:.2f} s, "
          f"{len(history)} revisions, {len(conflicts)} conflicts retried "
          f"({len(conflicts) / len(history):.2f} per save), {len(errors)} 'database is locked' reached the caller")

    store = open_store(db_url=url)
    started = time.perf_counter()
    rows = store.current("stakeholder")
    read = time.perf_counter() - started
    print(f"current(): {len(rows)} live records in {read * 1000:.1f} ms")
