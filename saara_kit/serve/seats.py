"""Seats follow connections, not pages: a form's kernel lives while its page is connected, and a
little longer (the grace period) so that a phone whose Wi-Fi dropped comes back to its form.

A phone that vanishes (its battery died, its browser was killed, it left the hub's Wi-Fi) never
sends Voilà's page-close request. Jupyter Server's culler would keep its kernel for its idle timeout
(the kit's is 20 minutes), holding a seat of the room. Here the culler's look, every ``cull_interval``,
shuts down a kernel that has had no open connection for ``grace_seconds``; a kernel with a live
connection is never culled, however long its participant reads. Voilà's waiting kernels (its pools)
never reach this check: Voilà's kernel manager, built on this one, keeps them out.

A connection that died without a word (a Wi-Fi drop leaves the server's socket open) is closed by
the websocket's pings (``PING_INTERVAL_MS``, ``PING_TIMEOUT_MS``): the grace period starts then.
"""
from __future__ import annotations

import time

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from jupyter_server.utils import ensure_async
from traitlets import Integer

from saara_kit.settings import GRACE_SECONDS

__all__ = ["GRACE_SECONDS", "PING_INTERVAL_MS", "PING_TIMEOUT_MS", "SEAT_CHECK_SECONDS", "SeatKernelManager"]

SEAT_CHECK_SECONDS = 15  # how often the culler looks: a ghost's seat is free within grace + this
PING_INTERVAL_MS = 15_000
PING_TIMEOUT_MS = 30_000  # no answer to pings for this long: the phone is gone, its socket is closed


class SeatKernelManager(AsyncMappingKernelManager):
    """Jupyter Server's kernel manager, culling the kernels that lost their page for the grace period."""

    grace_seconds = Integer(GRACE_SECONDS, config=True,
                            help="Seconds a form's kernel outlives its page's last connection.")

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._alone_since: dict[str, float] = {}  # kernel id -> when its last connection closed

    def notify_connect(self, kernel_id: str) -> None:
        """A page connected: its kernel holds its seat."""
        super().notify_connect(kernel_id)
        self._alone_since.pop(kernel_id, None)

    def notify_disconnect(self, kernel_id: str) -> None:
        """A page's connection closed: the grace period starts when none is left."""
        super().notify_disconnect(kernel_id)
        if kernel_id in self and not self.connections(kernel_id):
            self._alone_since[kernel_id] = time.monotonic()

    def connections(self, kernel_id: str) -> int:
        """Return how many pages are connected to the kernel now."""
        return self.kernel_model(kernel_id)["connections"]

    async def cull_kernel_if_idle(self, kernel_id: str) -> None:
        """Shut the kernel down when it has been alone for the grace period (or is dead); keep it
        while it is connected or busy (a page being made: its phone connects once it is sent)."""
        kernel = self.get_kernel(kernel_id)
        state = getattr(kernel, "execution_state", None)
        if state == "dead":
            await ensure_async(self.shutdown_kernel(kernel_id))
            return
        if state == "busy" or self.connections(kernel_id):
            self._alone_since.pop(kernel_id, None)
            return
        alone = time.monotonic() - self._alone_since.setdefault(kernel_id, time.monotonic())
        if alone >= self.grace_seconds:
            self.log.info("Seat freed: kernel %s had no page for %d s", kernel_id, alone)
            await ensure_async(self.shutdown_kernel(kernel_id))

    async def shutdown_kernel(self, kernel_id: str, *args, **kwargs) -> None:
        """Shut the kernel down and forget when it was left alone."""
        self._alone_since.pop(kernel_id, None)
        await super().shutdown_kernel(kernel_id, *args, **kwargs)

    def seat_free_in(self) -> int | None:
        """Return about how many seconds until a seat frees (the soonest ghost's end), None when
        every seat is held by a connected page."""
        if not self._alone_since:
            return None
        now = time.monotonic()
        soonest = min(self.grace_seconds - (now - alone) for alone in self._alone_since.values())
        return max(0, round(soonest)) + self.cull_interval
