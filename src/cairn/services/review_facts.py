"""The facts a review starts from, and their stable JSON shape (stored with each review)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import NotRequired, TypedDict

from cairn.core.burnout import BurnoutRisk
from cairn.core.model import Goal, Milestone
from cairn.core.review import Drift, StaleGoal
from cairn.core.tracking import CheckIn, LifeEvent, ReviewKind


@dataclass(frozen=True, slots=True)
class CheckinTrend:
    """Mean energy, stress and check-in index since the last review and in the span before."""

    count_now: int
    count_before: int
    energy: tuple[float | None, float | None]  # (before, now)
    stress: tuple[float | None, float | None]
    index: tuple[float | None, float | None]
    satisfaction: tuple[float | None, float | None]  # mean over every rated area


@dataclass(frozen=True, slots=True)
class ReviewFacts:
    """Everything a review shows before it asks anything."""

    kind: ReviewKind
    today: dt.date
    since: dt.date
    last_review: dt.datetime | None
    progress: list[tuple[Goal, float | None]]
    stale: list[StaleGoal]
    overdue: list[Milestone]
    drift: list[Drift]
    hours_by_area: dict[int, float]
    trend: CheckinTrend
    burnout: BurnoutRisk
    events: list[LifeEvent]
    areas: dict[int, str]
    burnout_before: str | None = None  # the level the previous review saw
    # the risk every seventh day back from today to the last review (8 weeks without one),
    # oldest first; the last entry is today's, the same as ``burnout``
    burnout_trend: list[tuple[dt.date, BurnoutRisk]] = field(default_factory=list)


def _mean(values: Sequence[float]) -> float | None:
    return round(sum(values) / len(values), 2) if values else None


def checkin_trend(checkins: Sequence[CheckIn], scores: Mapping[int, float | None],
                  since: dt.date) -> CheckinTrend:
    """Compare check-ins since ``since`` with those before it (the caller bounds the span)."""
    start = dt.datetime.combine(since, dt.time())
    now = [c for c in checkins if c.at >= start]
    before = [c for c in checkins if c.at < start]

    def pair(get: Callable[[CheckIn], float | None]) -> tuple[float | None, float | None]:
        return (_mean([v for c in before if (v := get(c)) is not None]),
                _mean([v for c in now if (v := get(c)) is not None]))

    def satisfaction(c: CheckIn) -> float | None:
        return _mean(list(c.satisfaction.values()))

    return CheckinTrend(len(now), len(before), pair(lambda c: c.energy),
                        pair(lambda c: c.stress), pair(lambda c: scores.get(c.id)),
                        pair(satisfaction))


class GoalFactJson(TypedDict):
    """An open goal and its progress (``goals``)."""

    id: int
    title: str
    area: str | None
    priority: str
    status: str
    progress: float | None


class StaleFactJson(TypedDict):
    """A goal without activity (``stale``)."""

    id: int
    title: str
    last_activity: str
    days: int


class OverdueFactJson(TypedDict):
    """An overdue milestone (``overdue``)."""

    id: int
    goal_id: int
    title: str
    due: str | None


class DriftFactJson(TypedDict):
    """An area whose share of time drifted (``drift``)."""

    area: str | None
    kind: str
    expected_share: float
    actual_share: float
    hours: float


class CheckinsFactJson(TypedDict):
    """Check-ins since the last review and before (``checkins``); each pair is
    [before, now]."""

    count: int
    count_before: int
    energy: list[float | None]
    stress: list[float | None]
    index: list[float | None]
    satisfaction: list[float | None]


class BurnoutPointJson(TypedDict):
    """The burnout risk on one day (``burnout.trend``)."""

    on: str
    level: str
    points: int
    reasons: list[str]


class BurnoutFactJson(TypedDict):
    """The burnout risk now, the level the previous review saw, and its weekly trend."""

    level: str
    points: int
    reasons: list[str]
    level_before: str | None
    trend: list[BurnoutPointJson]


class EventFactJson(TypedDict):
    """A life event (``events``)."""

    id: int
    kind: str
    description: str
    on: str


class ReviewFactsJson(TypedDict):
    """:func:`to_json`; a review adds ``assessments`` (each reassessment's comparison,
    ``core.reassessment``) when it compared any."""

    kind: str
    today: str
    since: str
    last_review: str | None
    goals: list[GoalFactJson]
    stale: list[StaleFactJson]
    overdue: list[OverdueFactJson]
    drift: list[DriftFactJson]
    hours_by_area: dict[str, float]
    checkins: CheckinsFactJson
    burnout: BurnoutFactJson
    events: list[EventFactJson]
    assessments: NotRequired[list[dict[str, object]]]


def to_json(f: ReviewFacts) -> ReviewFactsJson:
    """kind, today, since, last_review, goals, stale, overdue, drift, hours_by_area,
    checkins, burnout (with its weekly trend), events. Field names are a promise, like
    services/views.py (documented in README.md)."""
    key = f.areas.get
    return {
        "kind": f.kind.value, "today": f.today.isoformat(), "since": f.since.isoformat(),
        "last_review": f.last_review.isoformat() if f.last_review else None,
        "goals": [{"id": g.id, "title": g.title, "area": key(g.area_id),
                   "priority": g.priority.value, "status": g.status.value,
                   "progress": None if p is None else round(p, 4)} for g, p in f.progress],
        "stale": [{"id": st.goal.id, "title": st.goal.title,
                   "last_activity": st.last_activity.isoformat(), "days": st.days}
                  for st in f.stale],
        "overdue": [{"id": m.id, "goal_id": m.goal_id, "title": m.title,
                     "due": m.due.isoformat() if m.due else None} for m in f.overdue],
        "drift": [{"area": key(d.area_id), "kind": d.kind,
                   "expected_share": round(d.expected_share, 4),
                   "actual_share": round(d.actual_share, 4), "hours": round(d.hours, 2)}
                  for d in f.drift],
        "hours_by_area": {str(key(a)): round(h, 2) for a, h in sorted(f.hours_by_area.items())},
        "checkins": {"count": f.trend.count_now, "count_before": f.trend.count_before,
                     "energy": list(f.trend.energy), "stress": list(f.trend.stress),
                     "index": list(f.trend.index),
                     "satisfaction": list(f.trend.satisfaction)},
        "burnout": {"level": f.burnout.level, "points": f.burnout.points,
                    "reasons": [r.code for r in f.burnout.reasons],
                    "level_before": f.burnout_before,
                    "trend": [{"on": day.isoformat(), "level": risk.level,
                               "points": risk.points,
                               "reasons": [r.code for r in risk.reasons]}
                              for day, risk in f.burnout_trend]},
        "events": [{"id": e.id, "kind": e.kind.value, "description": e.description,
                    "on": e.on.isoformat()} for e in f.events],
    }
