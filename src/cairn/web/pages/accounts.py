"""Accounts on a server for many people (``cairn serve --multi-user``): sign in, sign up,
sign out, ask for a reset code by e-mail (where a mail server is set), reset a password
with a code, and the account page (change the password, sign out everywhere, delete the
account with all its data).

In single-person mode there are no accounts: these addresses answer 404. Forms follow
the onboarding pattern (422 with the form again, 303 on success); a password is never
shown again in a form.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from cairn.core.errors import CairnError, MailError, NotFound
from cairn.services.accounts import NO_MAIL, Accounts, SignUp
from cairn.web import sessions
from cairn.web.deps import Server, _web
from cairn.web.forms import Form, Posted
from cairn.web.templating import render

router = APIRouter(include_in_schema=False)
log = logging.getLogger("cairn.web")
SECRET = ("password", "new_password", "confirm_password", "code", "invitation",
          "csrf_token")


def accounts_of(request: Request) -> Accounts:
    """The server's accounts; 404 in single-person mode."""
    found = _web(request).accounts
    if found is None:
        raise NotFound("This Cairn serves one person, without accounts.",
                       "Go to Today.")
    return found


def local(target: str | None) -> str:
    """Where to go after signing in: a path of this site only (never another site)."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return "/"
    return target


def _show(request: Request, name: str, title: str, form: Form, status_code: int = 200,
          **extra: Any) -> Response:
    form.values = {k: v for k, v in form.values.items() if k not in SECRET}
    return render(request, f"accounts/{name}.html", {"title": title, "form": form, **extra},
                  status_code=status_code)


def _signed_in_response(request: Request, accounts: Accounts, token: str,
                        target: str) -> Response:
    old = request.cookies.get(sessions.COOKIE)
    if old:  # a session id the browser had before is never reused (no fixation)
        accounts.sign_out(old)
    response = RedirectResponse(target, status_code=303)
    return sessions.start(response, request, token,
                          int(accounts.policy.lifetime.total_seconds()))


# -- signing in ----------------------------------------------------------------------


@router.get("/sign-in")
def sign_in_form(request: Request, next: str = "/") -> Response:  # noqa: A002
    """The sign-in form."""
    accounts = accounts_of(request)
    return _show(request, "sign_in", "Sign in", Form({"next": local(next)}),
                 open_sign_up=accounts.policy.sign_up is not SignUp.CLOSED)


@router.post("/sign-in")
async def sign_in(request: Request, fields: Posted) -> Response:
    """Sign in, or show the form again with what is wrong (429 after too many tries)."""
    accounts = accounts_of(request)
    form = Form(fields)
    client = request.client.host if request.client else "unknown"
    try:
        signed = await run_in_threadpool(accounts.sign_in, form.text("email"),
                                         form.text("password"), client)
    except CairnError as err:
        form.fail(err)
        return _show(request, "sign_in", "Sign in", form,
                     status_code=err.http_status if err.http_status != 500 else 422,
                     open_sign_up=accounts.policy.sign_up is not SignUp.CLOSED)
    return await run_in_threadpool(_signed_in_response, request, accounts, signed.token,
                                   local(form.text("next")))


# -- signing up ----------------------------------------------------------------------


@router.get("/sign-up")
def sign_up_form(request: Request) -> Response:
    """The sign-up form (with the invitation code in invite mode)."""
    accounts = accounts_of(request)
    return _show(request, "sign_up", "Make an account", Form(),
                 mode=accounts.policy.sign_up.value)


@router.post("/sign-up")
async def sign_up(request: Request, fields: Posted) -> Response:
    """Make the account and sign in, then on to onboarding."""
    accounts = accounts_of(request)
    form = Form({"email": "", "password": "", "invitation": ""} | fields)
    client = request.client.host if request.client else "unknown"

    def make() -> Response:
        accounts.sign_up(form.text("email"), form.text("password"),
                         invitation=form.text("invitation") or None)
        signed = accounts.sign_in(form.text("email"), form.text("password"), client)
        return _signed_in_response(request, accounts, signed.token, "/onboarding")

    try:
        return await run_in_threadpool(make)
    except CairnError as err:
        form.fail(err)
        return _show(request, "sign_up", "Make an account", form,
                     status_code=422 if err.http_status == 500 else err.http_status,
                     mode=accounts.policy.sign_up.value)


# -- a reset code --------------------------------------------------------------------


@router.get("/reset")
def reset_form(request: Request, sent: str = "") -> Response:
    """Set a new password with a code from an e-mail or from an administrator."""
    return _reset_page(request, accounts_of(request), Form(), sent=sent == "1")


def _reset_page(request: Request, accounts: Accounts, form: Form, status_code: int = 200,
                *, sent: bool = False) -> Response:
    return _show(request, "reset", "Set a new password", form, status_code, sent=sent,
                 valid=accounts.policy.reset_valid_words)


def _request_page(request: Request, accounts: Accounts, form: Form,
                  status_code: int = 200) -> Response:
    return _show(request, "reset_request", "Forgot your password?", form, status_code,
                 mail=accounts.mailer is not None, valid=accounts.policy.reset_valid_words)


@router.get("/reset/request")
def reset_request_form(request: Request) -> Response:
    """Ask for a reset code by e-mail (or, without a mail server, whom to ask)."""
    accounts = accounts_of(request)
    return _request_page(request, accounts, Form())


@router.post("/reset/request")
async def reset_request(request: Request, fields: Posted) -> Response:
    """Mail a reset code when there is an account for the address; the same answer either
    way (a mail server that fails: 502, and nothing kept)."""
    accounts = accounts_of(request)
    form = Form({"email": ""} | fields)
    if accounts.mailer is None:
        return _request_page(request, accounts, form, status_code=NO_MAIL.http_status)
    client = request.client.host if request.client else "unknown"
    reset_url = str(request.base_url).rstrip("/") + "/reset"  # CAIRN_PUBLIC_URL wins
    try:
        await run_in_threadpool(accounts.request_reset, form.text("email"), client, reset_url)
    except MailError as err:  # the details are the administrator's: logged, not shown
        log.warning("a reset code could not be mailed: %s", err)
        form.fail(MailError("The e-mail with your reset code could not be sent just now; "
                            "nothing was changed.", "Try again later, or ask your "
                            "administrator for a reset code."))
        return _request_page(request, accounts, form, status_code=err.http_status)
    except CairnError as err:
        form.fail(err)
        return _request_page(request, accounts, form,
                             status_code=422 if err.http_status == 500 else err.http_status)
    return RedirectResponse("/reset?sent=1", status_code=303)


@router.post("/reset")
async def reset(request: Request, fields: Posted) -> Response:
    """Set the password, then sign in with it."""
    accounts = accounts_of(request)
    form = Form(fields)
    try:
        await run_in_threadpool(accounts.reset_password, form.text("email"),
                                form.text("code"), form.text("password"))
    except CairnError as err:
        form.fail(err)
        return _reset_page(request, accounts, form, status_code=422)
    return RedirectResponse("/sign-in", status_code=303)


# -- signed in -----------------------------------------------------------------------


@router.get("/sign-out")
def sign_out_form(request: Request, w: Server) -> Response:  # noqa: ARG001 - signs in
    """Ask before signing out (a link must not sign anyone out)."""
    accounts_of(request)
    return render(request, "accounts/sign_out.html", {"title": "Sign out"})


@router.post("/sign-out")
def sign_out(request: Request, w: Server) -> Response:  # noqa: ARG001 - checks the token
    """End this session."""
    accounts = accounts_of(request)
    accounts.sign_out(request.cookies.get(sessions.COOKIE, ""))
    return sessions.end(RedirectResponse("/sign-in", status_code=303), request)


def _account_page(request: Request, form: Form | None = None, status_code: int = 200,
                  **extra: Any) -> Response:
    return _show(request, "account", "Your account", form or Form(), status_code,
                 account=request.state.account, **extra)


@router.get("/account")
def account(request: Request, w: Server) -> Response:  # noqa: ARG001 - signs in
    """The account: its email, the password, sessions, deleting it."""
    accounts_of(request)
    return _account_page(request, done=request.query_params.get("done", ""))


@router.post("/account/password")
def change_password(request: Request, w: Server, fields: Posted) -> Response:  # noqa: ARG001
    """A new password; every other session ends."""
    accounts = accounts_of(request)
    form = Form(fields)
    try:
        accounts.change_password(request.state.account.id, form.text("password"),
                                 form.text("new_password"),
                                 keep_session=request.cookies.get(sessions.COOKIE))
    except CairnError as err:
        form.fail(err)
        return _account_page(request, form, 422, done="")
    return RedirectResponse("/account?done=password", status_code=303)


@router.post("/account/sign-out-everywhere")
def sign_out_everywhere(request: Request, w: Server) -> Response:  # noqa: ARG001
    """End every session of the account, this one too."""
    accounts_of(request).sign_out_everywhere(request.state.account.id)
    return sessions.end(RedirectResponse("/sign-in", status_code=303), request)


@router.post("/account/delete")
def delete_account(request: Request, w: Server, fields: Posted) -> Response:  # noqa: ARG001
    """Delete the account and every row of its person's data (asks for the password)."""
    accounts = accounts_of(request)
    form = Form(fields)
    try:
        accounts.delete(request.state.account.id, form.text("confirm_password"))
    except CairnError as err:
        form.fail(err)
        return _account_page(request, form, 422, done="")
    return sessions.end(RedirectResponse("/sign-in", status_code=303), request)
