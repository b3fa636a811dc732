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

Seats are booked, not counted after the fact: a form's request books one (``take_seat``) before
Voilà gives it a kernel, so that twelve requests at once cannot all pass a cap of twelve minus one.
A device holds at most ``SEATS_PER_DEVICE``: opening another form frees its oldest (its page was
left for the new one), and a device with that many requests still in flight is asked to wait.
A kernel whose memory passes ``memory_limit_mb`` (a page sending what a form never sends) is shut
down before the laptop swaps; its page then says that the form is no longer connected.
"""

from __future__ import annotations

import time
from collections import Counter

import psutil
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from jupyter_server.utils import ensure_async
from traitlets import Integer

from saara_kit.settings import GRACE_SECONDS

__all__ = [
    "GRACE_SECONDS",
    "PING_INTERVAL_MS",
    "PING_TIMEOUT_MS",
    "SEAT_CHECK_SECONDS",
    "SeatKernelManager",
]

SEAT_CHECK_SECONDS = 15  # how often the culler looks: a ghost's seat is free within grace + this
PING_INTERVAL_MS = 15_000
PING_TIMEOUT_MS = 30_000  # no answer to pings for this long: the phone is gone, its socket is closed
SEATS_PER_DEVICE = 2  # a phone may keep two forms open (two tabs); a third frees the oldest
MEMORY_LIMIT_MB = 700  # a form's kernel: about 80 MB with its register's grid, 155 MB once a step draws with matplotlib


class SeatKernelManager(AsyncMappingKernelManager):
    """Jupyter Server's kernel manager, culling the kernels that lost their page for the grace period."""

    grace_seconds = Integer(
        GRACE_SECONDS, config=True, help="Seconds a form's kernel outlives its page's last connection."
    )

    memory_limit_mb = Integer(
        MEMORY_LIMIT_MB, config=True, help="A form's kernel using more memory than this (MB) is shut down."
    )

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._alone_since: dict[str, float] = {}  # kernel id -> when its last connection closed
        self._seats: dict[str, str] = {}  # kernel id -> the device whose page it serves, oldest first
        self._booked: Counter[str] = Counter()  # device -> its form requests not yet answered

    # -- seats --------------------------------------------------------------------------
    def seats_in_use(self) -> int:
        """Return the seats held: kernels serving a page, and requests about to get one."""
        return len(self._seats) + sum(self._booked.values())

    def take_seat(self, device: str, cap: int, per_device: int = SEATS_PER_DEVICE) -> tuple[str, list[str]]:
        """Book a seat for a form ``device`` asks for; return ``("ok", kernels to free first)``,
        ``("full", [])`` at the ``cap`` (0: none), or ``("busy", [])`` when the device has
        ``per_device`` requests in flight (0: no limit per device). Nothing awaits in between:
        the check and the booking are one step of the server's loop."""
        mine = [kernel for kernel, holder in self._seats.items() if holder == device]
        excess = len(mine) + self._booked[device] + 1 - per_device if per_device else 0
        if per_device and self._booked[device] >= per_device:
            return "busy", []
        freed = mine[: max(0, excess)]
        if cap and self.seats_in_use() - len(freed) >= cap:
            return "full", []
        for kernel in freed:
            del self._seats[kernel]
        self._booked[device] += 1
        return "ok", freed

    def seat_given(self, device: str, kernel_id: str | None) -> None:
        """The request booked by ``device`` was answered, with ``kernel_id`` (None: it failed)."""
        self._booked[device] = max(0, self._booked[device] - 1)
        if kernel_id and kernel_id in self:
            self._seats[kernel_id] = device

    def seat_holder(self, kernel_id: str) -> str | None:
        """Return the device whose page the kernel serves, None when it serves none (yet)."""
        return self._seats.get(kernel_id)

    # -- culling ------------------------------------------------------------------------

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
        used_mb = self._memory_mb(kernel)
        if used_mb > self.memory_limit_mb:
            self.log.warning(
                "Kernel %s shut down: %d MB, over the %d MB a form may use", kernel_id, used_mb, self.memory_limit_mb
            )
            await ensure_async(self.shutdown_kernel(kernel_id))
            return
        if state == "busy" or self.connections(kernel_id):
            self._alone_since.pop(kernel_id, None)
            return
        alone = time.monotonic() - self._alone_since.setdefault(kernel_id, time.monotonic())
        if alone >= self.grace_seconds:
            self.log.info("Seat freed: kernel %s had no page for %d s", kernel_id, alone)
            await ensure_async(self.shutdown_kernel(kernel_id))

    @staticmethod
    def _memory_mb(kernel) -> float:
        """Return the memory the kernel's process uses (resident), 0 when it cannot be read."""
        try:
            return psutil.Process(kernel.provisioner.pid).memory_info().rss / 2**20
        except (AttributeError, TypeError, ValueError, psutil.Error):
            return 0.0

    async def shutdown_kernel(self, kernel_id: str, *args, **kwargs) -> None:
        """Shut the kernel down: its seat is free, and when it was left alone forgotten."""
        self._alone_since.pop(kernel_id, None)
        self._seats.pop(kernel_id, None)
        await super().shutdown_kernel(kernel_id, *args, **kwargs)

    def seat_free_in(self) -> int | None:
        """Return about how many seconds until a seat frees (the soonest ghost's end), None when
        every seat is held by a connected page."""
        if not self._alone_since:
            return None
        now = time.monotonic()
        soonest = min(self.grace_seconds - (now - alone) for alone in self._alone_since.values())
        return max(0, round(soonest)) + self.cull_interval
