"""The server's codes are kept with the workshop's data across restarts, and a busy port is said in
the facilitator's language before anything is printed or made."""

from __future__ import annotations

import socket
import stat

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
