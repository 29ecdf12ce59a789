"""The REST API under ``/api/v1``: one module per area, each an ``APIRouter`` named
``router`` that ``app.py`` includes.

An endpoint takes typed input (path and query parameters, a pydantic body model: text is
parsed here, at the edge), calls the services through the request's facade, and returns
the services' view model with :func:`respond` (written by ``viewmodel.to_json``, exactly
as ``--json`` prints it), declaring ``response_model=model_of(ViewClass)`` so the OpenAPI
schema documents that JSON, and ``responses=problems(...)`` for the errors it can answer
with (problem details).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse, Response
from pydantic import BeforeValidator

from cairn.services.viewmodel import to_json
from cairn.web.errors import PROBLEM_JSON, Problem
from cairn.web.schema import model_of

PREFIX = "/api/v1"
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _iso_day(value: object) -> object:
    """A day as the schema says (``format: date``), never a number: pydantic reads 0, or a
    query's ``since=0``, as a Unix time (1970-01-01)."""
    if isinstance(value, dt.date) or (isinstance(value, str) and _ISO_DAY.fullmatch(value)):
        return value
    raise ValueError("a date is written as text: YYYY-MM-DD")


IsoDay = Annotated[dt.date, BeforeValidator(_iso_day)]
WHY = {400: "The request could not be read (a body that is not JSON text in UTF-8).",
       403: "The request was refused (a change sent from another site).",
       404: "Something the request names does not exist.",
       409: "The change conflicts with what is stored, or a step it needs is not done yet.",
       422: "The input is not valid (each field in `errors`).",
       503: "The database could not be used; nothing was changed."}


def respond(view: Any, status_code: int = 200) -> JSONResponse:
    """A view model (or a sequence of them) as the endpoint's JSON."""
    return JSONResponse(to_json(view), status_code=status_code)


def encoded(view: Any) -> bytes:
    """A view model as JSON bytes, for a response kept in the view cache."""
    return bytes(JSONResponse(to_json(view)).body)


def respond_bytes(body: bytes, status_code: int = 200) -> Response:
    """JSON bytes (from :func:`encoded`) as the endpoint's response."""
    return Response(body, status_code=status_code, media_type="application/json")


def problems(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The OpenAPI description of the problem details an endpoint answers with (503 always:
    any endpoint needs the database)."""
    return {status: {"model": model_of(Problem), "description": WHY[status]}
            for status in sorted({*statuses, 503})}


def openapi(app: FastAPI) -> dict[str, Any]:
    """The app's OpenAPI schema, with every error response as ``application/problem+json``."""
    if app.openapi_schema is None:
        schema = get_openapi(title=app.title, version=app.version,
                             description=app.description, routes=app.routes)
        for path in schema.get("paths", {}).values():
            for operation in path.values():
                for status, response in operation.get("responses", {}).items():
                    content = response.get("content", {})
                    if status[0] in "45" and "application/json" in content:
                        content[PROBLEM_JSON] = content.pop("application/json")
        app.openapi_schema = schema
    return app.openapi_schema
