"""Joining a workshop from a phone: the laptop's LAN addresses, a short join code and its QR code."""

from __future__ import annotations

import io
import ipaddress
from urllib.parse import urlencode

from saara_kit.codes import CODE_ALPHABET, CODE_LENGTH, WrongCodes, new_code

__all__ = [
    "JOIN_CODE_ALPHABET",
    "JOIN_CODE_LENGTH",
    "WrongCodes",
    "addresses_to_share",
    "is_this_machine_only",
    "join_url",
    "lan_addresses",
    "new_join_code",
    "qr_svg",
    "qr_terminal",
    "short_address",
]

JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH = CODE_ALPHABET, CODE_LENGTH


def lan_addresses() -> list[str]:
    """Return this machine's IPv4 addresses that phones on its networks can reach (no loopback,
    no link-local), read from the interfaces: the machine's name may resolve to 127.0.0.1."""
    import psutil

    found = set()
    for addresses in psutil.net_if_addrs().values():
        for address in addresses:
            try:
                ip = ipaddress.ip_address(address.address)
            except ValueError:
                continue
            if ip.version == 4 and not (ip.is_loopback or ip.is_link_local or ip.is_unspecified):
                found.add(ip)
    return [str(ip) for ip in sorted(found)]


def is_this_machine_only(host: str) -> bool:
    """Tell whether serving on ``host`` reaches only this machine (a loopback address)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:  # a name: it may resolve to a network address
        return False


def addresses_to_share(host: str) -> list[str]:
    """Return the addresses participants open: every LAN address when serving every interface."""
    if host in ("0.0.0.0", "::", ""):
        return lan_addresses() or ["localhost"]
    return ["localhost" if host == "127.0.0.1" else host]


def new_join_code() -> str:
    """Return a fresh 6-character join code."""
    return new_code()


def join_url(address: str, port: int, code: str | None, lang: str) -> str:
    """Return the address a phone opens to join: the code travels in it, so a QR code is enough."""
    if not code:
        return f"http://{address}:{port}/?lang={lang}"
    return f"http://{address}:{port}/login?{urlencode({'code': code, 'next': f'/?lang={lang}'})}"


def qr_terminal(url: str) -> str:
    """Return ``url`` as a QR code drawn with block characters, for the facilitator's terminal."""
    import segno

    drawn = io.StringIO()
    segno.make(url, error="m").terminal(out=drawn, compact=True)
    return drawn.getvalue()


def qr_svg(url: str, scale: int = 8) -> str:
    """Return ``url`` as an inline SVG QR code, for the projector."""
    import segno

    return segno.make(url, error="m").svg_inline(scale=scale, dark="#111", light="#fff")


def short_address(url: str) -> tuple[str, str]:
    """Return what a person types from a join address: the server's address (no ``login``, no query) and the code."""
    from urllib.parse import parse_qs, urlsplit

    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}{parts.path.removesuffix('login')}", parse_qs(parts.query).get(
        "code", [""]
    )[0]
