"""The server's codes are kept with the workshop's data across restarts, and a busy port is said in
the facilitator's language before anything is printed or made."""

from __future__ import annotations

import socket
import stat

import pytest

from saara_kit.serve.access import ACCESS_FILE, access_codes


def test_codes_are_kept_across_restarts_until_new_ones_are_asked(tmp_path):
    first = access_codes(tmp_path)
    assert access_codes(tmp_path) == first  # a restart: the cards, the QR code and the phones' cookies stay right
    assert stat.S_IMODE((tmp_path / ACCESS_FILE).stat().st_mode) == 0o600  # the trainer's code is a secret
    renewed = access_codes(tmp_path, renew=True)
    assert (renewed.trainer, renewed.join, renewed.cookie_secret) != (first.trainer, first.join, first.cookie_secret)
    assert access_codes(tmp_path) == renewed


def test_a_damaged_codes_file_gives_new_codes(tmp_path):
    (tmp_path / ACCESS_FILE).write_text('{"trainer": "", "join": "ABC"}', encoding="utf-8")
    codes = access_codes(tmp_path)
    assert codes.trainer and len(codes.join) == 6 and bytes.fromhex(codes.cookie_secret)


def test_a_busy_port_is_refused_in_the_facilitators_language(capsys, tmp_path):
    from saara_kit.cli import main

    with socket.socket() as other_server:
        other_server.bind(("127.0.0.1", 0))
        other_server.listen()
        port = other_server.getsockname()[1]
        for lang, said in (("fr", f"Le port {port} est déjà occupé"), ("ar", f"المنفذ {port} مشغول")):
            assert main(["serve", "--port", str(port), "--data-dir", str(tmp_path / "data"), "--lang", lang]) == 2
            assert said in capsys.readouterr().err
    assert not (tmp_path / "data").exists()  # refused before any code was made or printed


@pytest.mark.parametrize("setting", ["abc", "0", "-5", "2.5", "²"])
def test_a_kernel_info_timeout_that_is_no_whole_number_of_seconds_is_refused_before_serving(
    capsys, tmp_path, monkeypatch, setting
):
    from saara_kit.cli import main

    monkeypatch.setenv("SAARA_KERNEL_INFO_TIMEOUT", setting)
    for lang, said in (("fr", f"SAARA_KERNEL_INFO_TIMEOUT vaut « {setting} »"), ("en", f"is “{setting}”")):
        assert main(["serve", "--port", "0", "--data-dir", str(tmp_path / "data"), "--lang", lang]) == 2
        assert said in capsys.readouterr().err
    assert not (tmp_path / "data").exists()  # refused before any code was made or printed


@pytest.mark.parametrize(("setting", "seconds"), [("", 20), ("1", 1), (" 45 ", 45), ("٥", 5)])
def test_a_kernel_info_timeout_of_a_whole_number_of_seconds_is_taken(monkeypatch, setting, seconds):
    from saara_kit.settings import kernel_info_timeout

    monkeypatch.setenv("SAARA_KERNEL_INFO_TIMEOUT", setting)
    assert kernel_info_timeout() == seconds
