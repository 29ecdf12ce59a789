"""The server's guard: only its own addresses, no cross-site writes, safe response headers.

There is no login in single-person mode, so the server on loopback must not do what
another web site asks a browser to do: a request whose ``Host`` is not one of the
server's own names is refused (a rebound DNS name), and so is a write (POST, PUT, PATCH,
DELETE) whose ``Origin`` is another site. Every response says how it may be used
(content security policy: this site's scripts only; no framing; no sniffing; pages and
data not stored by caches, static files excepted).

A plain ASGI middleware: it costs microseconds per request, not a task per request.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import urlsplit

from starlette.datastructures import Headers

from cairn.web.errors import Problem, problem_response

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
POLICY = ("default-src 'self'; img-src 'self' data:; font-src 'self' data:; "
          "style-src 'self' 'unsafe-inline'; "
          "script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
          "frame-ancestors 'none'")
# Swagger UI starts from an inline script that FastAPI writes.
DOCS_POLICY = POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
HEADERS = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"same-origin"),
           (b"x-frame-options", b"DENY")]
HSTS = (b"strict-transport-security", b"max-age=31536000")
NO_STORE = (b"cache-control", b"no-store")  # a person's pages and data stay out of caches


class Guard:
    """Refuses foreign hosts and cross-site writes; adds the security headers."""

    def __init__(self, app: ASGIApp, allowed_hosts: tuple[str, ...] = ()) -> None:
        self.app = app
        self.allowed_hosts = frozenset(h.lower() for h in allowed_hosts)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Check the request, then pass it on with the headers added to the response."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        host = headers.get("host", "").lower()
        refused = None
        if self.allowed_hosts and host not in self.allowed_hosts:
            refused = Problem("about:blank", "The request was refused.", 400,
                              f"This server does not answer to the host {host!r}.",
                              "Open Cairn at the address `cairn serve` printed.")
        elif scope["method"] not in SAFE_METHODS and not _same_origin(headers, host):
            refused = Problem("about:blank", "The request was refused.", 403,
                              "A change sent from another site is refused.",
                              "Make the change from Cairn's own pages.")
        if refused is not None:
            await problem_response(refused)(scope, receive, send)
            return
        policy = DOCS_POLICY if scope["path"] == "/api/docs" else POLICY

        tls = [HSTS] if scope.get("scheme") == "https" else []  # behind TLS (a proxy's)
        public = scope["path"].startswith("/static/")  # the same for everyone: cacheable

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                given = message.get("headers", [])
                store = [] if public or any(k.lower() == b"cache-control" for k, _ in given) \
                    else [NO_STORE]
                message["headers"] = [*given, *HEADERS, *tls, *store,
                                      (b"content-security-policy", policy.encode())]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _same_origin(headers: Headers, host: str) -> bool:
    """True when the request names no other site as its origin (no Origin header: not a
    browser's cross-site form, which always sends one)."""
    origin = headers.get("origin")
    if origin is None:
        return True
    if origin == "null":
        return False
    return urlsplit(origin).netloc.lower() == host
