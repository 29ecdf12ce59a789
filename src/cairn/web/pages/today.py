"""Today: what is due, today's sessions, burnout risk, the balance wheel, streaks and
career investment. ``/`` sends a person without a profile to onboarding, others here."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from cairn.core.errors import NotReady
from cairn.services.app import Cairn
from cairn.services.pages import today_page
from cairn.web.deps import Person, Views
from cairn.web.templating import render

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
def today(request: Request, c: Person, views: Views) -> Response:
    """The Today page (kept while the person's data and the date are unchanged)."""
    try:
        page = views.view(c, "today", today_page)
    except NotReady:
        if has_profile(c):
            raise
        return RedirectResponse("/onboarding", status_code=303)
    wheel = [{"label": r.name, "satisfaction": r.satisfaction, "hours": r.hours_per_week}
             for r in page.status.balance]
    return render(request, "today.html", {"title": "Today", "page": page, "wheel": wheel})
