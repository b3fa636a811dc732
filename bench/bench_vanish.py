"""Phones that vanish: how soon their seats come back, against the grace period, and a room where a third vanish.

1. ``--room 4`` (6 forms in use at most): six connected phones vanish at once (their connections
   drop without a word, no page-close request); a seventh asks for a form every second. Its wait,
   against the grace period, says how much the culler's look adds (at most one ``SEAT_CHECK_SECONDS``).
2. ``--room 30``: thirty phones arrive within 30 s and hold their form; ten vanish mid-form; ten more
   arrive and wait for a place. The p95 time to a form, all forty phones, against one preheated visit.

The phones are plain HTTP clients holding the kernel's websocket (``HttpPhone``), as in ``bench_room``.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import random
import signal
import statistics
import sys
import time

from bench.bench_room import SEED, _percentile, _TempDirs, _wait_for_idle_pool
from saara_kit.serve.seats import SEAT_CHECK_SECONDS
from saara_kit.serve.server import room_sizes
from saara_kit.settings import GRACE_SECONDS
from tests.browser.conftest import serving
from tests.browser.http_phone import HttpPhone

SEAT_ROOM = 4
CROWD, VANISHING, LATECOMERS, ARRIVALS_S = 30, 10, 10, 30


def _arrive_and_hold(phone: HttpPhone, offset: float = 0.0) -> None:
    phone.arrive(offset, wait_for_a_seat=True)
    if phone.kernel_id:
        phone.connect()


def seat_return(grace: int, size: int = SEAT_ROOM) -> float:
    """Fill every seat of ``--room size``, let them all vanish; return the next phone's wait / grace."""
    pool, cap = room_sizes(size)
    with contextlib.contextmanager(serving)(_TempDirs(), "--room", str(size), "--grace", str(grace)) as server:
        _wait_for_idle_pool(server, pool)
        phones = [HttpPhone(server) for _ in range(cap)]
        for phone in phones:
            _arrive_and_hold(phone)
        for phone in phones:
            phone.vanish()
        vanished = time.monotonic()
        latecomer = HttpPhone(server)
        latecomer.arrive(wait_for_a_seat=True)
        waited = time.monotonic() - vanished
    print(
        f"--room {size}: {cap} phones vanished; the next had its form after {waited:.0f} s "
        f"(grace {grace} s, the culler looks every {SEAT_CHECK_SECONDS} s){'; it saw: ' + latecomer.error if latecomer.error else ''}"
    )
    return waited / grace


def crowd(
    grace: int, size: int = CROWD, vanishing: int = VANISHING, latecomers: int = LATECOMERS, spread: float = ARRIVALS_S
) -> tuple[float, float]:
    """Fill ``--room size``; ``vanishing`` phones vanish mid-form, ``latecomers`` more arrive; return
    the p95 time to a form and one preheated visit's."""
    pool, cap = room_sizes(size)
    shuffle = random.Random(SEED)
    with contextlib.contextmanager(serving)(_TempDirs(), "--room", str(size), "--grace", str(grace)) as server:
        _wait_for_idle_pool(server, pool)
        alone = HttpPhone(server)
        alone.arrive()
        alone.leave()
        _wait_for_idle_pool(server, pool)
        room = [HttpPhone(server) for _ in range(size)]
        late = [HttpPhone(server) for _ in range(latecomers)]
        started = time.monotonic()
        with concurrent.futures.ThreadPoolExecutor(size + latecomers) as threads:
            offsets = sorted(shuffle.uniform(0, spread) for _ in room)
            list(threads.map(_arrive_and_hold, room, offsets))
            for phone in shuffle.sample([phone for phone in room if phone.kernel_id], vanishing):
                phone.vanish()
            list(threads.map(_arrive_and_hold, late, [shuffle.uniform(0, spread / 3) for _ in late]))
        took = time.monotonic() - started
    times = [phone.form_s for phone in room + late if phone.form_s is not None]
    p50, p95 = statistics.median(times), _percentile(times, 0.95)
    late_times = [phone.form_s for phone in late if phone.form_s is not None]
    print(
        f"--room {size} (pool {pool}, cap {cap}, grace {grace} s): {size} phones, {vanishing} vanished, "
        f"{latecomers} more came; {len(times)}/{size + latecomers} had their form within {took:.0f} s"
    )
    print(
        f"  form: p50 {p50:.2f} s, p95 {p95:.2f} s; latecomers' median wait {statistics.median(late_times):.1f} s; "
        f"one preheated visit {alone.form_s:.2f} s"
    )
    for phone in room + late:
        if phone.error:
            print(f"    a phone saw: {phone.error}")
    return p95, alone.form_s


def main(smoke: bool = False) -> float:
    """Print both figures; the crowd's p95 against one preheated visit last; return it."""
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    grace = 5 if smoke else GRACE_SECONDS
    seat_ratio = seat_return(grace, *((1,) if smoke else ()))  # smoke: three seats, not six
    print(
        f"ratio seat back / grace period = {seat_ratio:.2f}; target ≤ {1 + SEAT_CHECK_SECONDS / grace:.2f} "
        "(the grace, plus one look of the culler)"
    )
    p95, alone = crowd(grace, *((3, 1, 1, 2.0) if smoke else ()))
    ratio = p95 / alone
    print(
        f"ratio p95/one preheated visit = {ratio:.1f} (a third of the room vanished, as many came after and "
        f"waited for their places); target ≤ {(grace + SEAT_CHECK_SECONDS + alone) / alone:.0f} "
        "(a grace period and one look of the culler, over a preheated visit)"
    )
    return ratio


if __name__ == "__main__":  # python -m bench.bench_vanish
    main()
