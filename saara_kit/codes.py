"""Short codes people read off a projector or a card and type on a phone: the join code and the
association codes."""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from collections import defaultdict, deque

__all__ = ["CODE_ALPHABET", "CODE_LENGTH", "WrongCodes", "clean_code", "new_code", "same_code"]

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: nothing to misread
CODE_LENGTH = 6


def new_code(length: int = CODE_LENGTH) -> str:
    """Return a fresh random code of ``length`` characters."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def clean_code(typed: object) -> str:
    """Return a typed code as codes are kept: no spaces or dashes, upper case."""
    return "".join(str(typed or "").split()).replace("-", "").upper()


def same_code(typed: object, code: str | None) -> bool:
    """Tell whether ``typed`` is ``code``, whatever its case and its spaces or dashes (in constant time)."""
    if not code or not isinstance(typed, str):
        return False
    return hmac.compare_digest(clean_code(typed).encode(), code.upper().encode())


class WrongCodes:
    """Count wrong codes per address: after ``limit`` in ``window`` seconds, refuse that address for
    the rest of the window, even with the right code (a 6-character code cannot be guessed then)."""

    def __init__(self, limit: int = 5, window: float = 60.0):
        self.limit, self.window = limit, window
        self._failures: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def _recent(self, client: str) -> deque[float]:
        failures, now = self._failures[client], time.monotonic()
        while failures and now - failures[0] > self.window:
            failures.popleft()
        return failures

    def blocked(self, client: str) -> bool:
        """Tell whether ``client`` has used up its attempts."""
        with self._lock:
            return len(self._recent(client)) >= self.limit

    def failed(self, client: str) -> None:
        """Count a wrong code from ``client``."""
        with self._lock:
            self._recent(client).append(time.monotonic())
