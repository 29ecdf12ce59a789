"""Stable JSON shapes for tracking, well-being and reviews (``--json``); add, never rename."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from cairn.core.assessment import Take
from cairn.core.balance import BalanceRow, HabitStreak
from cairn.core.burnout import BurnoutRisk
from cairn.core.investment import Investment
from cairn.core.model import GoalChange
from cairn.core.review import DueReview
from cairn.core.tracking import CheckIn, LifeEvent, RestPeriod, Review, TimeEntry, Win


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def time_entry(e: TimeEntry, areas: dict[int, str]) -> dict[str, Any]:
    """id, area, on, minutes, task_id, habit_id, note."""
    return {"id": e.id, "area": areas.get(e.area_id), "on": _iso(e.on), "minutes": e.minutes,
            "task_id": e.task_id, "habit_id": e.habit_id, "note": e.note}


def habit_streak(h: HabitStreak) -> dict[str, Any]:
    """habit_id, title, per_week, this_week, weeks."""
    return {"habit_id": h.habit_id, "title": h.title, "per_week": h.per_week,
            "this_week": h.this_week, "weeks": h.weeks}


def win(w: Win) -> dict[str, Any]:
    """id, on, text."""
    return {"id": w.id, "on": _iso(w.on), "text": w.text}


def questionnaire_results(legacy: Sequence[tuple[int, str, dt.datetime, float]],
                          takes: Sequence[Take]) -> list[dict[str, Any]]:
    """id, source, instrument, taken_at, score, scores; oldest first.

    ``source`` is ``assessment`` for a take of an instrument loaded from a file (``id``
    is the take's, as in ``cairn assess history``) and ``legacy`` for a result kept
    before questionnaires ran on the assessment engine. ``score`` is the single
    score of a one-scale instrument (null when it reports several); ``scores`` maps
    each scale to its score.
    """
    rows = [{"id": i, "source": "legacy", "instrument": name, "taken_at": _iso(at),
             "score": value, "scores": {"score": value}} for i, name, at, value in legacy]
    for t in takes:
        scores = {k: v for k, v in t.scores.items() if isinstance(v, int | float)}
        rows.append({"id": t.id, "source": "assessment", "instrument": t.instrument,
                     "taken_at": _iso(t.finished_at),
                     "score": next(iter(scores.values())) if len(scores) == 1 else None,
                     "scores": scores})
    return sorted(rows, key=lambda r: (r["taken_at"] or "", r["source"] != "legacy", r["id"]))


def checkin(c: CheckIn, areas: dict[int, str], index: float | None = None) -> dict[str, Any]:
    """id, at, energy, stress, hours_worked, satisfaction {area: 0-10}, note, index (0-100)."""
    return {"id": c.id, "at": _iso(c.at), "energy": c.energy, "stress": c.stress,
            "hours_worked": c.hours_worked,
            "satisfaction": {areas.get(a, str(a)): v for a, v in sorted(c.satisfaction.items())},
            "note": c.note, "index": index}


def event(e: LifeEvent) -> dict[str, Any]:
    """id, kind, description, on, review_id."""
    return {"id": e.id, "kind": e.kind.value, "description": e.description, "on": _iso(e.on),
            "review_id": e.review_id}


def rest(r: RestPeriod) -> dict[str, Any]:
    """id, start, end (null while on), reason."""
    return {"id": r.id, "start": _iso(r.start), "end": _iso(r.end), "reason": r.reason}


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def _span(first: dt.date, weeks: int) -> dict[str, Any]:
    return {"weeks": weeks, "from": _iso(first) if weeks else None,
            "to": _iso(first + dt.timedelta(weeks=weeks, days=-1)) if weeks else None}


def balance_row(r: BalanceRow) -> dict[str, Any]:
    """area, name, satisfaction (null: never rated), hours_per_week (null before the first
    complete week), this_week, weeks {weeks, from, to}, floor, cap, budget_state, progress."""
    return {"area": r.area.key, "name": r.area.name, "satisfaction": r.satisfaction,
            "hours_per_week": _round(r.hours_per_week), "this_week": round(r.this_week, 2),
            "weeks": _span(r.span.first, r.span.weeks),
            "floor": r.budget.floor if r.budget else None,
            "cap": r.budget.cap if r.budget else None,
            "budget_state": r.budget_state, "progress": r.progress}


def burnout(b: BurnoutRisk) -> dict[str, Any]:
    """level, points, reasons [{code, message, advice, points}], offer_rest, resting."""
    return {"level": b.level, "points": b.points,
            "reasons": [{"code": r.code, "message": r.message, "advice": r.advice,
                         "points": r.points} for r in b.reasons],
            "offer_rest": b.offer_rest, "resting": b.resting}


def due_review(d: DueReview, today: dt.date, *, waiting: bool = False) -> dict[str, Any]:
    """kind, due_on, reason, due (bool), waiting (bool: due, but rest mode is on)."""
    return {"kind": d.kind.value, "due_on": _iso(d.due_on), "reason": d.reason,
            "due": d.is_due(today), "waiting": waiting}


def investment(i: Investment) -> dict[str, Any]:
    """recent_per_week, previous_per_week (null without a complete week), trend,
    year_to_date, weekly [{week, hours}], this_week, recent_weeks and previous_weeks
    {weeks, from, to}, job_hours (left out, counted or unknown), job_per_week."""
    return {"recent_per_week": _round(i.recent_per_week),
            "previous_per_week": _round(i.previous_per_week), "trend": i.trend,
            "year_to_date": round(i.year_to_date, 2),
            "weekly": [{"week": _iso(w), "hours": round(h, 2)} for w, h in i.weekly],
            "this_week": round(i.this_week, 2),
            "recent_weeks": _span(i.recent.first, i.recent.weeks),
            "previous_weeks": _span(i.previous.first, i.previous.weeks),
            "job_hours": i.job_hours.value, "job_per_week": _round(i.job_per_week)}


def review(r: Review, changes: list[GoalChange] | None = None) -> dict[str, Any]:
    """id, kind, at, facts, decisions, notes, pending, changes."""
    doc: dict[str, Any] = {"id": r.id, "kind": r.kind.value, "at": _iso(r.at),
                           "facts": r.facts, "decisions": r.decisions, "notes": r.notes,
                           "pending": r.pending}
    if changes is not None:
        doc["changes"] = [{"goal_id": c.goal_id, "field": c.field, "old": c.old, "new": c.new,
                           "reason": c.reason} for c in changes]
    return doc
