"""The writers' queue of a SQLite store: one writer at a time, in the order they came, and a writer
that dies in line or holding its turn does not stop the others."""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time

import pytest

from saara_kit.store import writers_queue as queue_module
from saara_kit.store.writers_queue import writers_queue

pytestmark = pytest.mark.skipif(not queue_module.IN_LINE, reason="open-file-description locks are Linux's")


def test_writers_take_their_turn_one_at_a_time_in_the_order_they_came(tmp_path):
    database = str(tmp_path / "saara.db")
    arrived, served, inside, at_once = [], [], [], []

    def writer(number: int) -> None:
        with writers_queue(database):
            inside.append(number)
            at_once.append(len(inside))
            served.append(number)
            time.sleep(0.02)
            inside.remove(number)

    threads = []
    with writers_queue(database):  # the first writer holds its turn while ten line up behind it
        for number in range(10):
            threads.append(threading.Thread(target=writer, args=(number,)))
            threads[-1].start()
            arrived.append(number)
            time.sleep(0.05)  # each in line before the next comes
    for thread in threads:
        thread.join(10)
    assert served == arrived and max(at_once) == 1, (served, at_once)


def _hold_then_wait(database: str, holding) -> None:
    with writers_queue(database):
        holding.set()
        time.sleep(600)


def _writer(database: str, holding) -> multiprocessing.Process:
    """A kernel that takes its turn (or waits in line for it) and keeps it until killed."""
    process = multiprocessing.get_context("fork").Process(target=_hold_then_wait, args=(database, holding), daemon=True)
    process.start()
    return process


def _kill(*processes: multiprocessing.Process) -> None:
    for process in processes:
        if process.is_alive():
            os.kill(process.pid, signal.SIGKILL)
        process.join()


def test_a_writer_killed_holding_its_turn_lets_the_next_one_in(tmp_path):
    database = str(tmp_path / "saara.db")
    holding = multiprocessing.get_context("fork").Event()
    kernel = _writer(database, holding)
    try:
        assert holding.wait(10)
        served = threading.Event()

        def next_writer() -> None:
            with writers_queue(database):
                served.set()

        threading.Thread(target=next_writer, daemon=True).start()
        assert not served.wait(1), "the next writer went in while the turn was held"
        _kill(kernel)
        assert served.wait(5), "the next writer still waits after the holder died"
    finally:
        _kill(kernel)


def test_a_writer_killed_while_in_line_lets_the_ones_behind_it_in(tmp_path):
    database = str(tmp_path / "saara.db")
    holding, in_line = multiprocessing.get_context("fork").Event(), multiprocessing.get_context("fork").Event()
    first = _writer(database, holding)
    assert holding.wait(10)
    second = _writer(database, in_line)  # waits behind the first
    try:
        time.sleep(0.5)
        served = threading.Event()

        def third_writer() -> None:
            with writers_queue(database):
                served.set()

        threading.Thread(target=third_writer, daemon=True).start()
        _kill(second)  # it dies in line
        assert not served.wait(1), "the third writer went in while the first held its turn"
        _kill(first)
        assert served.wait(5), "the third writer still waits after the first died"
        assert not in_line.is_set()
    finally:
        _kill(first, second)


def test_the_line_starts_again_at_zero_once_nobody_waits(tmp_path, monkeypatch):
    monkeypatch.setattr(queue_module, "SHRINK_AT", 3)
    database = str(tmp_path / "saara.db")
    sizes = []
    for _ in range(6):
        with writers_queue(database):
            pass
        sizes.append(os.path.getsize(f"{database}.writers"))
    assert sizes == [1, 2, 3, 0, 1, 2]
