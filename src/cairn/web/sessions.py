"""Signed-in sessions of a server for many people: the cookie, the anti-forgery token,
and what a request without a session gets.

The session cookie (``cairn_session``) is HttpOnly, SameSite=Lax, and Secure when the
request came over TLS (behind a proxy: ``X-Forwarded-Proto`` from a trusted address).
Every unsafe request (POST, PUT, PATCH, DELETE) of a signed-in session must carry the
session's anti-forgery token: in the form's hidden field ``csrf_token`` (every form has
``{{ csrf_field() }}``) or in the header ``X-CSRF-Token`` (htmx sends it: ``base.html``
puts it in ``hx-headers`` on ``<body>``; scripts read it from there).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from fastapi import Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from cairn.core.errors import NotAllowed, NotSignedIn
from cairn.services.accounts import csrf_matches, csrf_token
from cairn.web.guard import SAFE_METHODS

if TYPE_CHECKING:
    from fastapi import FastAPI

    from cairn.services.accounts import Accounts, Visit

COOKIE = "cairn_session"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


async def signed_in(request: Request, accounts: Accounts) -> tuple[Visit, str]:
    """The request's session (its account, and the person with their data version) and
    the session's anti-forgery token; an unsafe request must carry that token."""
    token = request.cookies.get(COOKIE)
    if not token:
        raise NotSignedIn("Sign in first.", "Sign in with your email and password.")
    visit = await run_in_threadpool(accounts.visit, token)
    if request.method not in SAFE_METHODS:
        given = request.headers.get(CSRF_HEADER)
        if given is None and request.headers.get("content-type", "").startswith(FORM_TYPES):
            value = (await request.form()).get(CSRF_FIELD)
            given = value if isinstance(value, str) else None
        if not csrf_matches(token, given):
            raise NotAllowed("The request was refused: it did not come from Cairn's own page.",
                          "Reload the page and try again.")
    request.state.account = visit.account
    request.state.csrf = csrf_token(token)
    return visit, request.state.csrf


def start(response: Response, request: Request, token: str, max_age: int) -> Response:
    """Set the session cookie on ``response``."""
    response.set_cookie(COOKIE, token, max_age=max_age, path="/", httponly=True,
                        samesite="lax", secure=request.url.scheme == "https")
    return response


def end(response: Response, request: Request) -> Response:
    """Remove the session cookie."""
    response.delete_cookie(COOKIE, path="/", httponly=True, samesite="lax",
                           secure=request.url.scheme == "https")
    return response


def install(app: FastAPI) -> None:
    """A page asked for without a session sends the browser to sign in (the API answers
    401 problem details, as for any error)."""
    from cairn.web.errors import on_cairn_error

    async def not_signed_in(request: Request, exc: Exception) -> Response:
        many = request.app.state.web.accounts is not None
        if many and request.method == "GET" and not request.url.path.startswith("/api/"):
            from urllib.parse import quote

            target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            return end(RedirectResponse(f"/sign-in?next={quote(target)}", status_code=303),
                       request)
        return await on_cairn_error(request, exc)

    app.add_exception_handler(NotSignedIn, not_signed_in)
