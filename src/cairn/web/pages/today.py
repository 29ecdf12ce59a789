"""Today: what is due, today's sessions, burnout risk, the balance wheel, streaks and
career investment. ``/`` sends a person without a profile to onboarding, others here."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from cairn.core.errors import NotReady
from cairn.services.app import Cairn
from cairn.services.pages import today_page
from cairn.web.cache import MISSING
from cairn.web.deps import Person, Server
from cairn.web.templating import html

router = APIRouter(include_in_schema=False)


def has_profile(c: Cairn) -> bool:
    """True once the person has made their profile (onboarding's first step)."""
    try:
        c.profile.get()
    except NotReady:
        return False
    return True


@router.get("/")
def home(c: Person) -> RedirectResponse:
    """A first-time person starts with onboarding; everyone else with Today."""
    return RedirectResponse("/today" if has_profile(c) else "/onboarding", status_code=303)


@router.get("/today")
async def today(request: Request, w: Server) -> Response:
    """The Today page, kept (as HTML) while the person's data and the date are unchanged.

    A kept page is answered on the event loop (a server for many people knows the data
    version from the session's query); only a page to build goes to a worker thread."""

    def build(c: Cairn) -> str | None:
        if not has_profile(c):
            return None
        page = today_page(c)
        wheel = [{"label": r.name, "satisfaction": r.satisfaction,
                  "hours": r.hours_per_week} for r in page.status.balance]
        return html(request, "today.html", {"title": "Today", "page": page, "wheel": wheel})

    body = w.views.kept(w, "today.html")
    if body is MISSING:
        body = await run_in_threadpool(w.views.view, w, "today.html", build)
    if body is None:
        return RedirectResponse("/onboarding", status_code=303)
    assert isinstance(body, str)
    return HTMLResponse(body)
