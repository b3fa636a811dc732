"""Ports for the servers the tests start, out of the way of every port the system hands out."""

from __future__ import annotations

import itertools
import os
import socket

# The kernel gives ports from its ephemeral range (32768-60999 here) to whoever binds port 0 or
# connects: Jupyter kernels' ZMQ sockets, Chromium's connections, other workers' probes. A port
# drawn from that range and free at the probe could be taken before our server binds it (CI failed
# so: "port 42507 is already in use"). Below the range, only the tests choose ports, and each
# xdist worker draws from its own band.
FIRST_PORT = 20_000
BAND = 1_000  # ports for each worker; gw0 gets 21000-21999, the controller or a lone run 20000-20999


def _band_start() -> int:
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    index = int(worker[2:]) + 1 if worker.startswith("gw") else 0
    return FIRST_PORT + index * BAND


# A bench run by a test shares its worker's band: starting from the process id keeps them apart.
_next_offsets = itertools.count(os.getpid() % BAND)


def free_port() -> int:
    """Return a TCP port free on the loopback interface, from this worker's band."""
    start = _band_start()
    for _ in range(BAND):
        port = start + next(_next_offsets) % BAND
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:  # a server of this worker's, or one just stopped
                continue
            return port
    raise RuntimeError(f"no free port in {start}-{start + BAND - 1}")
