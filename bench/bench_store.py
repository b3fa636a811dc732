"""SQLite store: one writer vs four writer processes, contended read-then-write, and the p99 latency
of a save with 60 writers at once (a room of phones saving)."""

from __future__ import annotations

import multiprocessing
import time

from bench import scratch_dir
from saara_kit.store import Revision, new_record_id, open_store
from tests.unit.test_store import bump_shared_record

SAVES = 400
WRITERS = 4
ROOM_WRITERS, ROOM_SAVES = 60, 10  # 60 phones saving at the same moment, 10 times
TARGET_P99_MS = 100


def _revision(record_id: str, number: int, note: str) -> Revision:
    return Revision(record_id, number, "stakeholder", "ouest", "Bench", "bench", {"name": note})


def _save_new(url: str, count: int) -> None:
    store = open_store(db_url=url)
    for index in range(count):
        store.save(_revision(new_record_id(), 1, f"n{index}"))


def _save_timed(url: str, count: int, together: bool, latencies, spans, ready) -> None:
    """Open the store and read the hub's records, wait until every writer has (phones whose forms are
    open and show their records), then save ``count`` new records one by one, noting each save's
    seconds in ``latencies`` and when it began and ended in ``spans``. ``together``: every writer
    waits for the others before each save (a room pressing "save" at the same moment, ``count`` times);
    else each saves again as soon as it has saved (a stress no room makes: the line never empties)."""
    store = open_store(db_url=url)
    store.current("stakeholder", hub_id="ouest")
    ready.wait()
    began, mine = time.monotonic(), []
    for index in range(count):
        if together and index:
            ready.wait()
        started = time.perf_counter()
        store.save(_revision(new_record_id(), 1, f"room{index}"))
        mine.append(time.perf_counter() - started)
    ended = time.monotonic()
    if together:  # a room's kernels stay: none hands in its figures and exits while others still save
        ready.wait()
    latencies.extend(mine)
    spans.append((began, ended))


def room_latency(url: str, writers: int, saves: int, together: bool) -> tuple[float, float, float, float]:
    """``writers`` processes save ``saves`` records each, all at once (``together``: in ``saves``
    bursts; else back to back); return p50, p99 and the longest wait in ms (the longest: a writer
    passed over again and again), and saves/s."""
    import statistics

    manager = multiprocessing.Manager()
    latencies, spans, ready = manager.list(), manager.list(), manager.Barrier(writers)
    _timed_processes([(_save_timed, (url, saves, together, latencies, spans, ready))] * writers)
    spent = max(end for _, end in spans) - min(began for began, _ in spans)  # from the barrier on
    cuts = statistics.quantiles(list(latencies), n=100, method="inclusive")
    return cuts[49] * 1000, cuts[98] * 1000, max(latencies) * 1000, writers * saves / spent


def _timed_processes(targets) -> float:
    started = time.perf_counter()
    processes = [multiprocessing.Process(target=target, args=args) for target, args in targets]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    return time.perf_counter() - started


def main(smoke: bool = False) -> float:
    """Print the figures, the p99 save latency of a room of writers last; return it (ms)."""
    folder = scratch_dir()
    if smoke:
        url = f"sqlite:///{folder / 'smoke.db'}"
        open_store(db_url=url).close()
        p50, p99, _, rate = room_latency(url, 6, 3, together=True)
        print(
            f"p99 save latency with 6 writers at once = {p99:.0f} ms (p50 {p50:.0f} ms, {rate:.0f} saves/s); "
            f"target < {TARGET_P99_MS} ms"
        )
        return p99
    url = f"sqlite:///{folder / 'bench.db'}"
    open_store(db_url=url).close()
    one = _timed_processes([(_save_new, (url, SAVES))])
    many = _timed_processes([(_save_new, (url, SAVES // WRITERS))] * WRITERS)
    print(
        f"{SAVES} saves: 1 process {one:.2f} s ({SAVES / one:.0f}/s), "
        f"{WRITERS} processes {many:.2f} s ({SAVES / many:.0f}/s); ratio 4 writers/1 writer = {one / many:.2f}"
    )

    manager = multiprocessing.Manager()
    errors, conflicts = manager.list(), manager.list()
    record_id = new_record_id()
    bumps = 25
    contended = _timed_processes(
        [(bump_shared_record, (url, record_id, w, bumps, errors, conflicts)) for w in range(WRITERS)]
    )
    history = open_store(db_url=url).history(record_id)
    print(
        f"read-then-write on one record, {WRITERS}×{bumps}: {contended:.2f} s, "
        f"{len(history)} revisions, {len(conflicts)} conflicts retried "
        f"({len(conflicts) / len(history):.2f} per save), {len(errors)} 'database is locked' reached the caller"
    )

    store = open_store(db_url=url)
    started = time.perf_counter()
    rows = store.current("stakeholder")
    read = time.perf_counter() - started
    print(f"current(): {len(rows)} live records in {read * 1000:.1f} ms")

    room_url = f"sqlite:///{folder / 'room.db'}"
    open_store(db_url=room_url).close()
    p50, p99, longest, rate = room_latency(room_url, ROOM_WRITERS, ROOM_SAVES, together=False)
    print(
        f"stress, {ROOM_WRITERS} writers saving back to back ({ROOM_SAVES} each, the line never empty): "
        f"p99 {p99:.0f} ms (p50 {p50:.0f} ms, longest {longest:.0f} ms, {rate:.0f} saves/s)"
    )
    p50, p99, longest, rate = room_latency(room_url, ROOM_WRITERS, ROOM_SAVES, together=True)
    print(
        f"p99 save latency with {ROOM_WRITERS} writers at once ({ROOM_SAVES} times) = {p99:.0f} ms (p50 {p50:.0f} ms, "
        f"longest {longest:.0f} ms, {rate:.0f} saves/s; one writer alone {SAVES / one:.0f} saves/s); "
        f"target < {TARGET_P99_MS} ms"
    )
    return p99


if __name__ == "__main__":  # python -m bench.bench_store
    main()
