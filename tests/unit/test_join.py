"""Joining a room: addresses phones can reach, a short code, its QR code, limited wrong codes, room sizes."""

from __future__ import annotations

import ipaddress
from urllib.parse import parse_qs, urlsplit

from saara_kit.serve.join import (
    JOIN_CODE_ALPHABET,
    JOIN_CODE_LENGTH,
    WrongCodes,
    addresses_to_share,
    is_this_machine_only,
    join_url,
    lan_addresses,
    new_join_code,
    qr_svg,
    qr_terminal,
)
from saara_kit.serve.server import room_sizes, voila_arguments


def test_the_addresses_to_share_are_the_lan_ones_never_a_name_or_loopback():
    for address in lan_addresses():
        ip = ipaddress.ip_address(address)
        assert ip.version == 4 and not ip.is_loopback and not ip.is_link_local
    assert addresses_to_share("0.0.0.0") == (lan_addresses() or ["localhost"])
    assert addresses_to_share("127.0.0.1") == ["localhost"] and addresses_to_share("10.0.0.5") == ["10.0.0.5"]


def test_join_codes_are_short_unambiguous_and_fresh():
    codes = {new_join_code() for _ in range(200)}
    assert len(codes) == 200
    assert all(len(code) == JOIN_CODE_LENGTH and set(code) <= set(JOIN_CODE_ALPHABET) for code in codes)
    assert not set("0O1IL") & set(JOIN_CODE_ALPHABET)


def test_the_join_address_carries_the_code_and_the_language_and_draws_as_a_qr_code():
    url = join_url("192.168.1.20", 8866, "K7P3XM", "ar")
    parts = urlsplit(url)
    assert (parts.netloc, parts.path) == ("192.168.1.20:8866", "/login")
    assert parse_qs(parts.query) == {"code": ["K7P3XM"], "next": ["/?lang=ar"]}
    assert "█" in qr_terminal(url) and qr_svg(url).startswith("<svg")
    assert join_url("localhost", 8866, "", "fr") == "http://localhost:8866/?lang=fr"  # no code without a token


def test_wrong_codes_block_a_device_for_the_window_only():
    limit = WrongCodes(limit=3, window=0.2)
    for _ in range(3):
        assert not limit.blocked("10.0.0.7")
        limit.failed("10.0.0.7")
    assert limit.blocked("10.0.0.7") and not limit.blocked("10.0.0.8")
    import time

    time.sleep(0.25)
    assert not limit.blocked("10.0.0.7")


def test_a_room_sizes_the_pool_and_the_cap_and_the_trainers_view_is_never_preheated():
    assert room_sizes(0) == (1, 0) and room_sizes(30) == (10, 33) and room_sizes(6) == (2, 8)
    args = voila_arguments("0.0.0.0", 8866, "secret", room=30, join_code="K7P3XM", join_address="http://x/")
    assert "--pool_size=10" in args and "--SaaraVoila.room=30" in args
    assert "--SaaraIdentityProvider.join_code=K7P3XM" in args
    assert "--VoilaKernelManager.preheat_denylist=room.ipynb" in args


def test_serving_the_network_without_a_code_is_refused_unless_the_facilitator_says_so(capsys, tmp_path):
    from saara_kit.cli import main

    for host in ("0.0.0.0", "192.168.1.10", "hub-laptop"):
        assert main(["serve", "--host", host, "--no-token", "--data-dir", str(tmp_path / "data"), "--lang", "fr"]) == 2
        said = capsys.readouterr().err
        assert f"Refusé : --no-token sur {host}" in said and "--open-lan" in said
    assert not (tmp_path / "data").exists()  # refused before anything was made
    assert is_this_machine_only("127.0.0.1") and is_this_machine_only("::1") and is_this_machine_only("localhost")


def test_a_closed_connection_is_kept_20_s_unless_the_hub_sets_another_time():
    """``$SAARA_KERNEL_INFO_TIMEOUT`` (read as the server starts) reaches Voilà's command line."""
    import os
    import subprocess
    import sys

    show = "from saara_kit.serve.server import voila_arguments as a; print(*a('127.0.0.1', 8866, None))"
    for setting, expected in ((None, "20"), ("5", "5")):
        env = {key: value for key, value in os.environ.items() if key != "SAARA_KERNEL_INFO_TIMEOUT"}
        env |= {"SAARA_KERNEL_INFO_TIMEOUT": setting} if setting else {}
        printed = subprocess.run([sys.executable, "-c", show], env=env, capture_output=True, text=True, check=True)
        assert f"--MappingKernelManager.kernel_info_timeout={expected}" in printed.stdout.split()
