"""What Letopis may connect to: http(s) URLs on public addresses only (unless allowed).

A page must not be able to make Letopis read internal services (SSRF): a
link or a redirect to `http://127.0.0.1:5432/`, `http://169.254.169.254/` or
a name that resolves to a private address is refused. The check runs in the
connection itself (`GuardedBackend.connect_tcp`): the name is resolved once,
every address is checked, and the socket goes to a checked address, so a DNS
answer that changes between a check and the connect (rebinding) cannot slip
through, and every redirect hop passes the same gate. `allow_private=True`
(the `--allow-private` flag) lifts the address rule, e.g. for a feed on an
intranet or the tests' server on 127.0.0.1; the scheme rule always holds.
"""
from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

import httpcore

from .errors import FetchError

SCHEMES = ("http", "https")
ALLOW_FLAG = "--allow-private"


class BlockedAddress(Exception):
    """Raised inside the connection: the host resolves to an address we may not reach."""


class NameNotResolved(Exception):
    """Raised inside the connection: DNS gave no address for the host."""


def check_url(url: str) -> str:
    """The URL if it is an absolute http(s) URL with a host, else a (final) `FetchError`."""
    try:
        parts = urlsplit(url)
        host = parts.hostname
        parts.port  # raises on a malformed port
    except ValueError as exc:
        raise FetchError(url, f"not a valid URL ({exc})") from None
    if parts.scheme.lower() not in SCHEMES:
        raise FetchError(url, f"not an http(s) URL (scheme {parts.scheme or 'missing'!r})")
    if not host:
        raise FetchError(url, "not a valid URL (no host)")
    return url


def address_problem(address: str) -> str | None:
    """Why an IP address is off limits (loopback, private, link-local...), or None when public."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    for label, flag in (("a loopback", ip.is_loopback), ("a link-local", ip.is_link_local),
                        ("a private", ip.is_private), ("a multicast", ip.is_multicast),
                        ("an unspecified", ip.is_unspecified), ("a reserved", ip.is_reserved),
                        ("a non-public", not ip.is_global)):
        if flag:
            return f"{ip} is {label} address"
    return None


def resolve(host: str, port: int) -> list[str]:
    """Every address a host name resolves to (an IP literal is itself)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise NameNotResolved(f"cannot resolve host {host} ({exc})") from None
    addresses = list(dict.fromkeys(info[4][0] for info in infos))
    if not addresses:
        raise NameNotResolved(f"cannot resolve host {host}")
    return addresses


class GuardedBackend(httpcore.SyncBackend):
    """httpcore's socket backend, connecting only to addresses the rules allow."""

    def __init__(self, allow_private: bool = False):
        self.allow_private = allow_private

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        addresses = resolve(host, port)
        if not self.allow_private:
            for address in addresses:
                problem = address_problem(address)
                if problem:
                    raise BlockedAddress(f"blocked: {host} -> {problem} (use {ALLOW_FLAG} to allow it)")
        last = None
        for address in addresses:  # the socket goes to a checked address, never to a new DNS answer
            try:
                return super().connect_tcp(address, port, timeout=timeout, local_address=local_address,
                                           socket_options=socket_options)
            except httpcore.ConnectError as exc:
                last = exc
        raise last
