"""Errors, translated once: a page for people, RFC 9457 problem details for the API.

A :class:`~cairn.core.errors.CairnError` raised anywhere below a route becomes, under
``/api/``, ``application/problem+json`` (``type``, ``title``, ``status``, ``detail``, and
Cairn's ``hint`` and ``action``), and elsewhere an HTML page with the message and the
hint, its action a link to the page that carries it out. The framework's own validation
errors are problem details with status 422 (each bad field in ``errors``); an unknown
address is a 404 of the same kinds. Anything else is a bug: a 500 that says so and names
no internals.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from cairn.core.actions import Action
from cairn.core.errors import ERROR_KINDS, CairnError, InvalidInput
from cairn.services.viewmodel import to_json

if TYPE_CHECKING:
    from fastapi import FastAPI, Request
    from starlette.responses import Response

PROBLEM_JSON = "application/problem+json"
PROBLEM_BASE = "/api/problems/"
log = logging.getLogger("cairn.web")


@dataclass(frozen=True, slots=True)
class FieldProblem:
    """One input that is not valid: where (``body.title``, ``query.area``, or a form's
    field name) and what is wrong with it."""

    field: str
    message: str


@dataclass(frozen=True, slots=True)
class Problem:
    """RFC 9457 problem details, with Cairn's ``hint`` (how to fix it; a command in
    backticks where one does it) and ``action`` (what to do next, as data) and, for input
    that is not valid, ``errors`` per field."""

    type: str
    title: str
    status: int
    detail: str
    hint: str | None = None
    action: Action | None = None
    errors: tuple[FieldProblem, ...] = ()


def kind_slug(kind: type[CairnError]) -> str:
    """``InvalidInput`` -> ``invalid-input``: the last part of a problem's type."""
    return re.sub(r"(?<!^)(?=[A-Z])", "-", kind.__name__).lower()


def summary(kind: type[Any]) -> str:
    """The first line of a class's docstring: the title of its problems."""
    return (kind.__doc__ or kind.__name__).strip().splitlines()[0]


def problem_of(err: CairnError) -> Problem:
    """The problem details of a Cairn error (the hint's action written as a command)."""
    from cairn.commands import quoted

    kind = type(err)
    fields: tuple[FieldProblem, ...] = ()
    if isinstance(err, InvalidInput) and err.field:
        fields = (FieldProblem(err.field, err.message),)
    return Problem(PROBLEM_BASE + kind_slug(kind), summary(kind), err.http_status, err.message,
                   err.fix(quoted), err.action, fields)


def problem_response(problem: Problem, headers: Mapping[str, str] | None = None) -> Response:
    """The problem as ``application/problem+json``."""
    return JSONResponse(to_json(problem), status_code=problem.status, media_type=PROBLEM_JSON,
                        headers=headers)


def wants_api(request: Request) -> bool:
    """True for the API's addresses (problem details), False for pages (HTML)."""
    return request.url.path.startswith("/api/")


def _page(request: Request, problem: Problem, hint: Any) -> Response:
    from cairn.web.templating import render

    return render(request, "error.html", {"problem": problem, "hint": hint},
                  status_code=problem.status)


async def on_cairn_error(request: Request, exc: Exception) -> Response:
    """A Cairn error: problem details, or a page with the hint's action as a link."""
    from cairn.web.links import hint_html

    assert isinstance(exc, CairnError)
    problem = problem_of(exc)
    if wants_api(request):
        return problem_response(problem)
    return _page(request, problem, hint_html(exc.hint, exc.action))


def _where(loc: tuple[Any, ...]) -> str:
    return ".".join(str(part) for part in loc)


async def on_validation_error(request: Request, exc: Exception) -> Response:
    """The framework found input that does not fit the schema: 422, each field named."""
    assert isinstance(exc, RequestValidationError)
    fields = tuple(FieldProblem(_where(e.get("loc", ())), str(e.get("msg", "not valid")))
                   for e in exc.errors())
    detail = "; ".join(f"{f.field}: {f.message}" for f in fields) or "The request is not valid."
    problem = Problem(PROBLEM_BASE + kind_slug(InvalidInput), summary(InvalidInput), 422,
                      detail, "Correct the fields named and send it again.", None, fields)
    if wants_api(request):
        return problem_response(problem)
    return _page(request, problem, problem.hint)


HTTP_TITLES = {404: "There is nothing at this address.",
               405: "This address does not take that method.",
               400: "The request could not be read.", 403: "The request was refused."}
HTTP_HINTS = {400: "Send the body as JSON text in UTF-8, as the API's documentation shows.",
              405: "See the API's documentation at /api/docs for the methods it takes."}


async def on_http_error(request: Request, exc: Exception) -> Response:
    """An address that does not exist, a method it does not take, a refused request."""
    assert isinstance(exc, HTTPException)
    title = HTTP_TITLES.get(exc.status_code, "The request could not be served.")
    detail = exc.detail if isinstance(exc.detail, str) and exc.detail else title
    problem = Problem("about:blank", title, exc.status_code, detail,
                      HTTP_HINTS.get(exc.status_code,
                                     "Check the address, or start again from Today."))
    if wants_api(request):
        return problem_response(problem, headers=exc.headers)
    return _page(request, problem, problem.hint)


async def on_bug(request: Request, exc: Exception) -> Response:
    """Anything else is a bug in Cairn: logged, and answered without internals."""
    log.error("unexpected error serving %s %s", request.method, request.url.path,
              exc_info=exc)
    problem = Problem("about:blank", "Something went wrong inside Cairn.", 500,
                      "Cairn could not finish this request; nothing you did caused it.",
                      "Try again; if it happens again, report it with what you did.")
    if wants_api(request):
        return problem_response(problem)
    return _page(request, problem, problem.hint)


def install(app: FastAPI) -> None:
    """Translate every error of ``app`` once, here."""
    app.add_exception_handler(CairnError, on_cairn_error)
    app.add_exception_handler(RequestValidationError, on_validation_error)
    app.add_exception_handler(HTTPException, on_http_error)
    app.add_exception_handler(Exception, on_bug)


def problem_types() -> dict[str, tuple[int, str]]:
    """Every problem type Cairn's API answers with: slug -> (status, title)."""
    return {kind_slug(k): (k.http_status, summary(k)) for k in ERROR_KINDS}
