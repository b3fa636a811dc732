"""The queue of writers of one SQLite file: first come, first served, one woken at a time.

SQLite's busy handler polls with sleeps that grow to 100 ms, and ``flock`` wakes *every* waiter when
the lock is released (60 phones saving at once: 59 wake, lose and sleep again). Here each writer takes
a ticket (a byte appended to a ``.writers`` file beside the database) and holds a lock on its byte while
it waits and writes; it waits on the byte of the writer before it, so a release wakes exactly one.

Locks are Linux's open-file-description locks: a process that dies (a kernel killed mid-save) drops
them. A writer that is done marks its byte; one let go by a byte left unmarked (its writer died in
line, or while writing) waits on the byte before that, so the line holds when a phone's kernel dies
anywhere in it. Elsewhere ``flock``; on Windows, SQLite's busy handler alone."""

from __future__ import annotations

import contextlib
import os
import struct

try:
    import fcntl
except ImportError:  # Windows: SQLite's busy handler alone queues the writers
    fcntl = None  # type: ignore[assignment]

__all__ = ["writers_queue"]

IN_LINE = fcntl is not None and hasattr(fcntl, "F_OFD_SETLKW")  # Linux 3.15 and later
WAITING, DONE = b"\0", b"\1"
SHRINK_AT = 65_536  # tickets (bytes) after which the file starts again at 0 once nobody is in line


def _byte_lock(fd: int, command: int, kind: int, offset: int) -> None:
    """Lock (``kind`` F_WRLCK) or unlock (F_UNLCK) byte ``offset`` of ``fd`` (an open-file-description
    lock); ``command`` F_OFD_SETLKW waits for it."""
    fcntl.fcntl(fd, command, struct.pack("hhqqi4x", kind, os.SEEK_SET, offset, 1, 0))


@contextlib.contextmanager
def _guard(fd: int):
    """Hold the ticket desk: a few microseconds, to take a ticket and lock its byte as one step."""
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)


def _wait_behind(fd: int, before: int) -> None:
    """Wait until the writer of ticket ``before`` is done; if it died, until the one before it is."""
    while before >= 0:
        _byte_lock(fd, fcntl.F_OFD_SETLKW, fcntl.F_WRLCK, before)
        done = os.pread(fd, 1, before) == DONE
        _byte_lock(fd, fcntl.F_OFD_SETLK, fcntl.F_UNLCK, before)
        if done:
            return
        before -= 1


@contextlib.contextmanager
def _in_line(fd: int):
    with _guard(fd):
        ticket = os.lseek(fd, 0, os.SEEK_END)
        os.pwrite(fd, WAITING, ticket)
        _byte_lock(fd, fcntl.F_OFD_SETLK, fcntl.F_WRLCK, ticket)  # nobody else has this ticket
    _wait_behind(fd, ticket - 1)
    try:
        yield
    finally:
        os.pwrite(fd, DONE, ticket)
        if ticket >= SHRINK_AT:
            with _guard(fd):
                if os.fstat(fd).st_size == ticket + 1:  # nobody in line behind: start again at 0
                    os.ftruncate(fd, 0)
        _byte_lock(fd, fcntl.F_OFD_SETLK, fcntl.F_UNLCK, ticket)  # the next writer goes


@contextlib.contextmanager
def writers_queue(database: str):
    """Hold the write turn of the SQLite file ``database`` while the block writes."""
    try:  # open as long as the turn is held: closing it drops the locks (not O_APPEND: pwrite marks)
        fd = os.open(f"{database}.writers", os.O_RDWR | os.O_CREAT, 0o666) if fcntl is not None else None
    except OSError:  # a read-only folder: SQLite itself then says why nothing can be saved
        fd = None
    if fd is None:
        yield
        return
    try:
        with _in_line(fd) if IN_LINE else _guard(fd):
            yield
    finally:
        os.close(fd)
