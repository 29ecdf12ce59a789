"""The server's own addresses: a health check, the API's documentation and its problem
types, the favicon."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from cairn.core.errors import NotFound
from cairn.web.errors import problem_types
from cairn.web.templating import render, static

router = APIRouter(include_in_schema=False)


@router.get("/healthz")
def healthz() -> JSONResponse:
    """The server answers (no database work: for load balancers and benchmarks)."""
    return JSONResponse({"status": "ok"})


@router.get("/api/docs")
def api_docs() -> HTMLResponse:
    """The API's documentation (Swagger UI, served from this server: works offline)."""
    return get_swagger_ui_html(openapi_url="/api/openapi.json", title="Cairn API",
                               swagger_js_url=static("vendor/swagger-ui/swagger-ui-bundle.js"),
                               swagger_css_url=static("vendor/swagger-ui/swagger-ui.css"),
                               swagger_favicon_url=static("favicon.svg"))


@router.get("/api/problems/{kind}")
def problem_type(request: Request, kind: str) -> Response:
    """What a problem type means (the ``type`` of the API's problem details)."""
    known = problem_types()
    if kind not in known:
        raise NotFound(f"There is no problem type {kind!r}.",
                       "The API's problem types are listed at /api/problems/.")
    status, title = known[kind]
    return render(request, "problem_type.html", {"title": title, "kind": kind,
                                                 "status": status, "known": known})


@router.get("/api/problems/")
def problem_types_page(request: Request) -> Response:
    """Every problem type of the API."""
    return render(request, "problem_type.html", {"title": "Problem types", "kind": None,
                                                 "status": None, "known": problem_types()})


@router.get("/favicon.ico")
def favicon() -> RedirectResponse:
    """Browsers ask for this address; the icon is a static file."""
    return RedirectResponse(static("favicon.svg"), status_code=301)
