"""What keeps the server safe from other sites and other hosts.

- Host: a request whose `Host` header is not one of the trusted names is 400,
  read-only server included (DNS rebinding lets a page on an attacker's name
  read a server bound to 127.0.0.1 otherwise). `letopis serve` trusts the
  loopback names, the `--host` it binds and any `--allow-host`.
- Writes need the server's token (`Authorization: Bearer TOKEN`); a page on
  another site can send a form to the server but cannot set that header.
- Writes from a browser must come from the server's own origin: an `Origin`
  (or `Sec-Fetch-Site: cross-site`) naming another site is 403.
- Every response carries a Content-Security-Policy (own files only), and
  X-Frame-Options, nosniff and Referrer-Policy headers.
"""
from __future__ import annotations

import hmac
import ipaddress
import secrets
from urllib.parse import urlsplit

from fastapi import Request
from fastapi.responses import JSONResponse

from .errors import error_body

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")
TOKEN_ENV = "LETOPIS_WRITE_TOKEN"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}

CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
# /api/docs is Swagger UI from the app's own files (web/docs.py), started by one inline script.
DOCS_CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self' 'unsafe-inline'; "
            "object-src 'none'; base-uri 'none'; frame-ancestors 'none'")
HEADERS = {"X-Frame-Options": "DENY", "X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin",
           "Cross-Origin-Opener-Policy": "same-origin"}


def new_token() -> str:
    return secrets.token_urlsafe(24)


def is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return host == "localhost"


def trusted_hosts(bind: str, extra: list[str] | tuple[str, ...] = ()) -> set[str]:
    """The Host names a server bound to `bind` answers: loopback names, the bound name, `extra`.
    A wildcard bind (0.0.0.0, ::) adds this machine's name and addresses."""
    names = set(LOOPBACK_NAMES) | {h.lower().strip("[]") for h in extra}
    if bind in ("0.0.0.0", "::", ""):
        import socket
        host = socket.gethostname()
        names |= {host.lower(), socket.getfqdn().lower()}
        try:
            names |= set(socket.gethostbyname_ex(host)[2])
        except OSError:
            pass
    else:
        names.add(bind.lower().strip("[]"))
    return names


def host_name(value: str) -> str:
    """`Host` header -> its name without the port (`[::1]:8000` -> `::1`)."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[1:].split("]", 1)[0]
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


def _refuse(request: Request, status: int, message: str):
    from . import pages
    body = error_body(status, message)
    if request.url.path.startswith("/api") or request.method not in SAFE_METHODS:
        return JSONResponse(body, status_code=status)
    return pages.render_error(request, body)


def check_write(request: Request) -> str | None:
    """Why a write request is refused (403/401 message), or None: same origin and the token."""
    app = request.app
    origin = request.headers.get("origin")
    if origin and origin != "null":
        if host_name(urlsplit(origin).netloc) != host_name(request.headers.get("host", "")):
            return f"cross-origin write refused: Origin {origin[:100]} is not this server"
    elif origin == "null" or request.headers.get("sec-fetch-site") == "cross-site":
        return "cross-origin write refused"
    given = request.headers.get("authorization", "")
    scheme, _, token = given.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(token.strip().encode(), app.state.write_token.encode()):
        return "unauthorized: writes need the server's token (Authorization: Bearer TOKEN)"
    return None


def install(app, trusted: set[str] | None) -> None:
    """Host check and security headers on every response (`trusted` None: any Host, for embedding)."""
    app.state.trusted_hosts = trusted

    @app.middleware("http")
    async def guard(request: Request, call_next):
        if trusted is not None and host_name(request.headers.get("host", "")) not in trusted:
            response = _refuse(request, 400, "unknown Host header: this server answers "
                                             + ", ".join(sorted(trusted)))
        elif request.method not in SAFE_METHODS and not app.state.read_only:
            problem = check_write(request)
            response = _refuse(request, 401 if problem.startswith("unauthorized") else 403, problem) \
                if problem else await call_next(request)
        else:
            response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy",
                                    DOCS_CSP if request.url.path == "/api/docs" else CSP)
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        if problem_is_auth(response):
            response.headers.setdefault("WWW-Authenticate", "Bearer")
        return response


def problem_is_auth(response) -> bool:
    return response.status_code == 401
