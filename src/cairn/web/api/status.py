"""``GET /api/v1/status``: where the person stands today (as ``cairn status --json``)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response

from cairn.services.pages import status_page
from cairn.services.status_views import StatusPage
from cairn.web.api import PREFIX, encoded, problems, respond_bytes
from cairn.web.deps import Server
from cairn.web.schema import model_of

router = APIRouter(prefix=PREFIX, tags=["status"])


@router.get("/status", response_model=model_of(StatusPage), responses=problems(409),
            summary="Where you stand today", operation_id="getStatus")
def get_status(w: Server) -> Response:
    """Reviews due, burnout risk with its reasons, the balance wheel, open goals, streaks,
    career investment and follow-ups: the fields of `cairn status --json`."""
    return respond_bytes(w.views.view(w, "status.json", lambda c: encoded(status_page(c))))
