"""Stable JSON shapes for tracking, well-being and reviews (``--json``); add, never rename."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import NotRequired, TypedDict

from cairn.core.assessment import Take
from cairn.core.balance import BalanceRow, HabitStreak
from cairn.core.burnout import BurnoutRisk
from cairn.core.investment import Investment
from cairn.core.model import GoalChange
from cairn.core.review import DueReview
from cairn.core.tracking import (
    CheckIn,
    LifeEvent,
    RestPeriod,
    Review,
    TimeEntry,
    Win,
)
from cairn.services.status_views import two_places as _round


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


# -- the shapes (TypedDicts: mypy checks every key a builder writes and a caller reads) ---


class TimeEntryJson(TypedDict):
    """:func:`time_entry`."""

    id: int
    area: str | None
    on: str
    minutes: int
    task_id: int | None
    habit_id: int | None
    note: str


class HabitStreakJson(TypedDict):
    """:func:`habit_streak`."""

    habit_id: int
    title: str
    per_week: int
    this_week: int
    weeks: int


class WinJson(TypedDict):
    """:func:`win`."""

    id: int
    on: str
    text: str


class QuestionnaireResultJson(TypedDict):
    """One row of :func:`questionnaire_results`."""

    id: int
    source: str
    instrument: str
    taken_at: str | None
    score: float | None
    scores: dict[str, float]


class CheckinJson(TypedDict):
    """:func:`checkin`."""

    id: int
    at: str
    energy: int
    stress: int
    hours_worked: float | None
    satisfaction: dict[str, int]
    note: str
    index: float | None


class EventJson(TypedDict):
    """:func:`event`."""

    id: int
    kind: str
    description: str
    on: str
    review_id: int | None


class RestJson(TypedDict):
    """:func:`rest`."""

    id: int
    start: str
    end: str | None
    reason: str


# ``from`` is a Python keyword: this shape is written the functional way
WeeksJson = TypedDict("WeeksJson", {"weeks": int, "from": str | None, "to": str | None})


class BalanceRowJson(TypedDict):
    """:func:`balance_row`."""

    area: str
    name: str
    satisfaction: int | None
    hours_per_week: float | None
    this_week: float
    weeks: WeeksJson
    floor: float | None
    cap: float | None
    budget_state: str
    progress: float | None


class ReasonJson(TypedDict):
    """One reason of :func:`burnout`."""

    code: str
    message: str
    advice: str
    points: int


class BurnoutJson(TypedDict):
    """:func:`burnout`."""

    level: str
    points: int
    reasons: list[ReasonJson]
    offer_rest: bool
    resting: bool


class DueReviewJson(TypedDict):
    """:func:`due_review`."""

    kind: str
    due_on: str
    reason: str
    due: bool
    waiting: bool


class WeekHoursJson(TypedDict):
    """One week of :func:`investment`'s ``weekly``."""

    week: str
    hours: float


class InvestmentJson(TypedDict):
    """:func:`investment`."""

    recent_per_week: float | None
    previous_per_week: float | None
    trend: str
    year_to_date: float
    weekly: list[WeekHoursJson]
    this_week: float
    recent_weeks: WeeksJson
    previous_weeks: WeeksJson
    job_hours: str
    job_per_week: float | None


class ReviewChangeJson(TypedDict):
    """A goal change a review made (in :func:`review`'s ``changes``)."""

    goal_id: int
    field: str
    old: str | None
    new: str | None
    reason: str


class ReviewJson(TypedDict):
    """:func:`review`: ``changes`` only when the review is shown with them."""

    id: int
    kind: str
    at: str
    facts: dict[str, object]
    decisions: list[str]
    notes: str
    pending: list[str]
    changes: NotRequired[list[ReviewChangeJson]]


def time_entry(e: TimeEntry, areas: dict[int, str]) -> TimeEntryJson:
    """id, area, on, minutes, task_id, habit_id, note."""
    return {"id": e.id, "area": areas.get(e.area_id), "on": e.on.isoformat(), "minutes": e.minutes,
            "task_id": e.task_id, "habit_id": e.habit_id, "note": e.note}


def habit_streak(h: HabitStreak) -> HabitStreakJson:
    """habit_id, title, per_week, this_week, weeks."""
    return {"habit_id": h.habit_id, "title": h.title, "per_week": h.per_week,
            "this_week": h.this_week, "weeks": h.weeks}


def win(w: Win) -> WinJson:
    """id, on, text."""
    return {"id": w.id, "on": w.on.isoformat(), "text": w.text}


def questionnaire_results(legacy: Sequence[tuple[int, str, dt.datetime, float]],
                          takes: Sequence[Take]) -> list[QuestionnaireResultJson]:
    """id, source, instrument, taken_at, score, scores; oldest first.

    ``source`` is ``assessment`` for a take of an instrument loaded from a file (``id``
    is the take's, as in ``cairn assess history``) and ``legacy`` for a result kept
    before questionnaires ran on the assessment engine. ``score`` is the single
    score of a one-scale instrument (null when it reports several); ``scores`` maps
    each scale to its score.
    """
    rows: list[QuestionnaireResultJson] = [
        {"id": i, "source": "legacy", "instrument": name, "taken_at": _iso(at), "score": value,
         "scores": {"score": value}} for i, name, at, value in legacy]
    for t in takes:
        scores = {k: v for k, v in t.scores.items() if isinstance(v, int | float)}
        rows.append({"id": t.id, "source": "assessment", "instrument": t.instrument,
                     "taken_at": _iso(t.finished_at),
                     "score": next(iter(scores.values())) if len(scores) == 1 else None,
                     "scores": scores})
    return sorted(rows, key=lambda r: (r["taken_at"] or "", r["source"] != "legacy", r["id"]))


def checkin(c: CheckIn, areas: dict[int, str], index: float | None = None) -> CheckinJson:
    """id, at, energy, stress, hours_worked, satisfaction {area: 0-10}, note, index (0-100)."""
    return {"id": c.id, "at": c.at.isoformat(), "energy": c.energy, "stress": c.stress,
            "hours_worked": c.hours_worked,
            "satisfaction": {areas.get(a, str(a)): v for a, v in sorted(c.satisfaction.items())},
            "note": c.note, "index": index}


def event(e: LifeEvent) -> EventJson:
    """id, kind, description, on, review_id."""
    return {"id": e.id, "kind": e.kind.value, "description": e.description, "on": e.on.isoformat(),
            "review_id": e.review_id}


def rest(r: RestPeriod) -> RestJson:
    """id, start, end (null while on), reason."""
    return {"id": r.id, "start": r.start.isoformat(), "end": _iso(r.end), "reason": r.reason}


def _span(first: dt.date, weeks: int) -> WeeksJson:
    return {"weeks": weeks, "from": _iso(first) if weeks else None,
            "to": _iso(first + dt.timedelta(weeks=weeks, days=-1)) if weeks else None}


def balance_row(r: BalanceRow) -> BalanceRowJson:
    """area, name, satisfaction (null: never rated), hours_per_week (null before the first
    complete week), this_week, weeks {weeks, from, to}, floor, cap, budget_state, progress."""
    return {"area": r.area.key, "name": r.area.name, "satisfaction": r.satisfaction,
            "hours_per_week": _round(r.hours_per_week), "this_week": round(r.this_week, 2),
            "weeks": _span(r.span.first, r.span.weeks),
            "floor": r.budget.floor if r.budget else None,
            "cap": r.budget.cap if r.budget else None,
            "budget_state": r.budget_state, "progress": r.progress}


def burnout(b: BurnoutRisk) -> BurnoutJson:
    """level, points, reasons [{code, message, advice, points}], offer_rest, resting."""
    return {"level": b.level, "points": b.points,
            "reasons": [{"code": r.code, "message": r.message, "advice": r.advice,
                         "points": r.points} for r in b.reasons],
            "offer_rest": b.offer_rest, "resting": b.resting}


def due_review(d: DueReview, today: dt.date, *, waiting: bool = False) -> DueReviewJson:
    """kind, due_on, reason, due (bool), waiting (bool: due, but rest mode is on)."""
    return {"kind": d.kind.value, "due_on": d.due_on.isoformat(), "reason": d.reason,
            "due": d.is_due(today), "waiting": waiting}


def investment(i: Investment) -> InvestmentJson:
    """recent_per_week, previous_per_week (null without a complete week), trend,
    year_to_date, weekly [{week, hours}], this_week, recent_weeks and previous_weeks
    {weeks, from, to}, job_hours (left out, counted or unknown), job_per_week."""
    return {"recent_per_week": _round(i.recent_per_week),
            "previous_per_week": _round(i.previous_per_week), "trend": i.trend,
            "year_to_date": round(i.year_to_date, 2),
            "weekly": [{"week": w.isoformat(), "hours": round(h, 2)} for w, h in i.weekly],
            "this_week": round(i.this_week, 2),
            "recent_weeks": _span(i.recent.first, i.recent.weeks),
            "previous_weeks": _span(i.previous.first, i.previous.weeks),
            "job_hours": i.job_hours.value, "job_per_week": _round(i.job_per_week)}


def review(r: Review, changes: list[GoalChange] | None = None) -> ReviewJson:
    """id, kind, at, facts, decisions, notes, pending, changes."""
    doc: ReviewJson = {"id": r.id, "kind": r.kind.value, "at": r.at.isoformat(),
                           "facts": r.facts, "decisions": r.decisions, "notes": r.notes,
                           "pending": r.pending}
    if changes is not None:
        doc["changes"] = [{"goal_id": c.goal_id, "field": c.field, "old": c.old, "new": c.new,
                           "reason": c.reason} for c in changes]
    return doc
