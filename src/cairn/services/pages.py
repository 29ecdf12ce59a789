"""Whole pages read in one transaction, as view models every edge shows the same way.

The command line prints :func:`status_page` as ``cairn status --json``, the web's API
returns it and the Today page renders :func:`today_page`; :func:`goal_list` is ``cairn
goal list --json`` and ``GET /api/v1/goals``. (A feature's own pages may move into its
service as it gets typed view models.)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from cairn.core.model import GoalStatus, Horizon
from cairn.services.planning_views import SessionView
from cairn.services.status_views import (
    StatusPage,
)
from cairn.services.today_views import TodayPage
from cairn.services.views import GoalView

if TYPE_CHECKING:
    from cairn.services.app import Cairn


def status_page(c: Cairn) -> StatusPage:
    """Where the person stands today: reviews, burnout, balance, goals, streaks, investment
    and follow-ups, read in one transaction."""
    with c.scope.read():
        day = c.scope.today()
        st = c.track.status(followups=c.support.due_followups(day))
        keys = {a.id: a.key for a in c.profile.areas(include_archived=True)}
    return StatusPage.of(st, day, keys)


def today_page(c: Cairn) -> TodayPage:
    """The Today page: the status and today's planned sessions; raises ``NotReady`` before
    the person has a profile."""
    with c.scope.read():
        name = c.profile.get().name
        status = status_page(c)
        sessions = tuple(SessionView.of(s) for s in c.planning.accepted()
                         if s.start.date() == status.today)
    return TodayPage(name=name, status=status, sessions=sessions)


def goal_list(c: Cairn, statuses: Sequence[GoalStatus] = (), *, area: str | None = None,
              horizon: Horizon | None = None) -> tuple[GoalView, ...]:
    """Goals with their progress and area key, filtered as ``cairn goal list`` filters."""
    with c.scope.read():
        goals = c.goals.find(statuses, area=area, horizon=horizon)
        progress = c.goals.progress()
        keys = {a.id: a.key for a in c.profile.areas(include_archived=True)}
    return tuple(GoalView.of(g, progress[g.id], keys[g.area_id]) for g in goals)


def goal_view(c: Cairn, goal_id: int) -> GoalView:
    """One goal as :func:`goal_list` shows it."""
    with c.scope.read():
        goal = c.goals.get(goal_id)
        progress = c.goals.progress()[goal_id]
        key = c.profile.resolve_area(str(goal.area_id), include_archived=True).key
    return GoalView.of(goal, progress, key)
