"""The tests' servers take ports the system never hands out by itself, and never one in use."""

from __future__ import annotations

import socket
from pathlib import Path

from tests import ports


def test_a_test_port_lies_below_the_systems_ephemeral_range():
    lowest_ephemeral = int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    assert all(ports.FIRST_PORT <= ports.free_port() < lowest_ephemeral for _ in range(50))


def test_a_port_in_use_is_passed_over(monkeypatch):
    taken = ports.free_port()
    with socket.socket() as server:
        server.bind(("127.0.0.1", taken))
        server.listen()
        monkeypatch.setattr(
            ports, "_next_offsets", iter([taken - ports._band_start(), taken + 1 - ports._band_start()])
        )
        assert ports.free_port() == taken + 1
