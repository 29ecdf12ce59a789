"""Queries and writes for time logs, wins, check-ins, instruments, events, reviews and rest."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from cairn.core.model import GoalChange, Task, TaskStatus
from cairn.core.review import PROGRESS_FIELDS
from cairn.core.tracking import (
    CheckIn,
    EventKind,
    LifeEvent,
    RestPeriod,
    Review,
    ReviewKind,
    TimeEntry,
    Win,
)
from cairn.store.people import person_of
from cairn.store.planning_tables import RestPeriodRow
from cairn.store.tables import AreaRow, GoalChangeRow, GoalRow, MilestoneRow, TaskRow
from cairn.store.track_tables import (
    CheckInRatingRow,
    CheckInRow,
    InstrumentResultRow,
    LifeEventRow,
    ReviewRow,
    TimeEntryRow,
    WinRow,
)


def canonical(value: Any) -> str:
    """JSON that is the same bytes for the same value, for text columns."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


# -- time ------------------------------------------------------------------------


def _entry(r: TimeEntryRow) -> TimeEntry:
    return TimeEntry(r.id, r.area_id, r.on, r.minutes, r.task_id, r.note, r.habit_id)


def add_time(s: Session, e: TimeEntry, at: dt.datetime) -> TimeEntry:
    """Record time spent."""
    row = TimeEntryRow(area_id=e.area_id, task_id=e.task_id, on=e.on, minutes=e.minutes,
                       note=e.note, created_at=at, habit_id=e.habit_id)
    s.add(row)
    s.flush()
    return _entry(row)


def list_time(s: Session, since: dt.date | None = None, until: dt.date | None = None
              ) -> list[TimeEntry]:
    """Time entries between two dates (inclusive), oldest first."""
    q = select(TimeEntryRow).where(TimeEntryRow.person_id == person_of(s)).order_by(
        TimeEntryRow.on, TimeEntryRow.id)
    if since is not None:
        q = q.where(TimeEntryRow.on >= since)
    if until is not None:
        q = q.where(TimeEntryRow.on <= until)
    return [_entry(r) for r in s.scalars(q)]


def minutes_by_area(s: Session, since: dt.date, until: dt.date) -> dict[int, int]:
    """Area id -> minutes logged between two dates (inclusive)."""
    q = (select(TimeEntryRow.area_id, func.sum(TimeEntryRow.minutes))
         .where(TimeEntryRow.person_id == person_of(s), TimeEntryRow.on >= since,
                TimeEntryRow.on <= until)
         .group_by(TimeEntryRow.area_id))
    return {a: int(m or 0) for a, m in s.execute(q)}


def minutes_by_day(s: Session, area_keys: Sequence[str], since: dt.date) -> dict[dt.date, int]:
    """Day -> minutes logged in the given areas since a date (all areas when none given)."""
    q = (select(TimeEntryRow.on, func.sum(TimeEntryRow.minutes))
         .where(TimeEntryRow.person_id == person_of(s), TimeEntryRow.on >= since)
         .group_by(TimeEntryRow.on))
    if area_keys:
        q = q.join(AreaRow, (AreaRow.person_id == TimeEntryRow.person_id)
                   & (AreaRow.id == TimeEntryRow.area_id)).where(AreaRow.key.in_(area_keys))
    return {d: int(m or 0) for d, m in s.execute(q)}


def habit_session_days(s: Session, since: dt.date) -> dict[int, list[dt.date]]:
    """Habit id -> the day of each session logged for it since a day, oldest first."""
    q = (select(TimeEntryRow.habit_id, TimeEntryRow.on)
         .where(TimeEntryRow.person_id == person_of(s), TimeEntryRow.habit_id.is_not(None),
                TimeEntryRow.on >= since)
         .order_by(TimeEntryRow.on, TimeEntryRow.id))
    days: dict[int, list[dt.date]] = {}
    for habit_id, on in s.execute(q):
        days.setdefault(habit_id, []).append(on)
    return days


def detach_habit_sessions(s: Session, habit_id: int) -> int:
    """Keep a habit's logged time but no longer as its sessions (before the habit goes)."""
    done = s.execute(update(TimeEntryRow).where(TimeEntryRow.person_id == person_of(s),
                                                TimeEntryRow.habit_id == habit_id)
                     .values(habit_id=None))
    return int(getattr(done, "rowcount", 0) or 0)


def first_log_day(s: Session) -> dt.date | None:
    """The day of the earliest time entry."""
    return s.scalar(select(func.min(TimeEntryRow.on)).where(
        TimeEntryRow.person_id == person_of(s)))


def first_checkin_day(s: Session) -> dt.date | None:
    """The day of the earliest check-in."""
    at = s.scalar(select(func.min(CheckInRow.at)).where(CheckInRow.person_id == person_of(s)))
    return at.date() if at is not None else None


# -- wins -------------------------------------------------------------------------


def add_win(s: Session, on: dt.date, text: str, at: dt.datetime) -> Win:
    """Add a win to the journal."""
    row = WinRow(on=on, text=text, created_at=at)
    s.add(row)
    s.flush()
    return Win(row.id, row.on, row.text)


def list_wins(s: Session) -> list[Win]:
    """Every win, newest first."""
    q = select(WinRow).where(WinRow.person_id == person_of(s)).order_by(
        WinRow.on.desc(), WinRow.id.desc())
    return [Win(r.id, r.on, r.text) for r in s.scalars(q)]


# -- check-ins --------------------------------------------------------------------


def add_checkin(s: Session, c: CheckIn, score: float | None) -> CheckIn:
    """Record a check-in with its satisfaction ratings."""
    row = CheckInRow(at=c.at, energy=c.energy, stress=c.stress, hours_worked=c.hours_worked,
                     note=c.note, score=score)
    s.add(row)
    s.flush()
    s.add_all(CheckInRatingRow(checkin_id=row.id, area_id=a, satisfaction=v)
              for a, v in sorted(c.satisfaction.items()))
    s.flush()
    return CheckIn(row.id, c.at, c.energy, c.stress, c.hours_worked, dict(c.satisfaction),
                   c.note)


def list_checkins(s: Session, since: dt.datetime | None = None) -> list[CheckIn]:
    """Check-ins (oldest first) with their ratings, optionally only those since a time."""
    me = person_of(s)
    q = select(CheckInRow).where(CheckInRow.person_id == me).order_by(CheckInRow.at,
                                                                      CheckInRow.id)
    rq = select(CheckInRatingRow).where(CheckInRatingRow.person_id == me).order_by(
        CheckInRatingRow.id)
    if since is not None:
        q = q.where(CheckInRow.at >= since)
        rq = rq.join(CheckInRow, (CheckInRow.person_id == CheckInRatingRow.person_id)
                     & (CheckInRow.id == CheckInRatingRow.checkin_id)).where(
            CheckInRow.at >= since)
    ratings: dict[int, dict[int, int]] = {}
    for r in s.scalars(rq):
        ratings.setdefault(r.checkin_id, {})[r.area_id] = r.satisfaction
    return [CheckIn(r.id, r.at, r.energy, r.stress, r.hours_worked, ratings.get(r.id, {}),
                    r.note) for r in s.scalars(q)]


def checkin_days(s: Session) -> list[dt.datetime]:
    """When every check-in was made, for streaks."""
    return list(s.scalars(select(CheckInRow.at).where(CheckInRow.person_id == person_of(s))
                          .order_by(CheckInRow.at)))


def checkin_scores(s: Session) -> dict[int, float | None]:
    """Check-in id -> its index score."""
    q = select(CheckInRow.id, CheckInRow.score).where(CheckInRow.person_id == person_of(s))
    return dict(s.execute(q).tuples().all())


def latest_satisfaction(s: Session) -> dict[int, int]:
    """Area id -> the satisfaction given at the latest check-in that rated the area."""
    me = person_of(s)
    latest = (select(CheckInRatingRow.area_id, func.max(CheckInRatingRow.id).label("rid"))
              .where(CheckInRatingRow.person_id == me)
              .group_by(CheckInRatingRow.area_id).subquery())
    q = select(CheckInRatingRow.area_id, CheckInRatingRow.satisfaction).join(
        latest, latest.c.rid == CheckInRatingRow.id).where(CheckInRatingRow.person_id == me)
    return dict(s.execute(q).tuples().all())


def instrument_results(s: Session) -> list[tuple[int, str, dt.datetime, float]]:
    """(id, instrument, taken_at, score) of every questionnaire result kept in the older
    ``instrument_result`` table (results are now assessment takes), oldest first."""
    q = select(InstrumentResultRow.id, InstrumentResultRow.instrument,
               InstrumentResultRow.taken_at, InstrumentResultRow.score).where(
                   InstrumentResultRow.person_id == person_of(s)).order_by(
                   InstrumentResultRow.taken_at, InstrumentResultRow.id)
    return [(i, name, at, sc) for i, name, at, sc in s.execute(q)]


# -- life events, rest, reviews ---------------------------------------------------


def _event(r: LifeEventRow) -> LifeEvent:
    return LifeEvent(r.id, EventKind(r.kind), r.description, r.on, r.review_id)


def add_event(s: Session, e: LifeEvent, at: dt.datetime) -> LifeEvent:
    """Record a life event."""
    row = LifeEventRow(kind=e.kind.value, description=e.description, on=e.on, created_at=at)
    s.add(row)
    s.flush()
    return _event(row)


def list_events(s: Session) -> list[LifeEvent]:
    """Every life event, newest first."""
    q = select(LifeEventRow).where(LifeEventRow.person_id == person_of(s)).order_by(
        LifeEventRow.on.desc(), LifeEventRow.id.desc())
    return [_event(r) for r in s.scalars(q)]


def mark_events_reviewed(s: Session, review_id: int) -> int:
    """Attach every unreviewed event to a review; returns how many."""
    result = s.execute(update(LifeEventRow).where(LifeEventRow.person_id == person_of(s),
                                                  LifeEventRow.review_id.is_(None))
                       .values(review_id=review_id))
    return int(getattr(result, "rowcount", 0) or 0)


def _rest(r: RestPeriodRow) -> RestPeriod:
    return RestPeriod(r.id, r.first_day, r.last_day, r.note)


def list_rests(s: Session) -> list[RestPeriod]:
    """Every rest period, oldest first."""
    q = select(RestPeriodRow).where(RestPeriodRow.person_id == person_of(s)).order_by(
        RestPeriodRow.first_day, RestPeriodRow.id)
    return [_rest(r) for r in s.scalars(q)]


def add_rest(s: Session, start: dt.date, end: dt.date | None, reason: str) -> RestPeriod:
    """Start (or record) a rest period."""
    row = RestPeriodRow(first_day=start, last_day=end, note=reason)
    s.add(row)
    s.flush()
    return _rest(row)


def end_rest(s: Session, rest_id: int, end: dt.date) -> None:
    """Close a rest period."""
    row = s.get(RestPeriodRow, (person_of(s), rest_id))
    assert row is not None
    row.last_day = end


def delete_rest(s: Session, rest_id: int) -> None:
    """Withdraw a rest period (one started and stopped on the same day)."""
    row = s.get(RestPeriodRow, (person_of(s), rest_id))
    if row is not None:
        s.delete(row)


def _review(r: ReviewRow) -> Review:
    return Review(r.id, ReviewKind(r.kind), r.at, json.loads(r.facts), json.loads(r.decisions),
                  r.notes, json.loads(r.pending))


def add_review(s: Session, kind: ReviewKind, at: dt.datetime) -> int:
    """Open a review row (filled in by :func:`finish_review`); returns its id."""
    row = ReviewRow(kind=kind.value, at=at, facts="{}", decisions="[]", notes="", pending="[]")
    s.add(row)
    s.flush()
    return row.id


def finish_review(s: Session, review: Review) -> None:
    """Write a review's facts, decisions, notes and pending steps."""
    row = s.get(ReviewRow, (person_of(s), review.id))
    assert row is not None
    row.facts, row.decisions = canonical(review.facts), canonical(review.decisions)
    row.notes, row.pending = review.notes, canonical(review.pending)


def list_reviews(s: Session) -> list[Review]:
    """Every review, oldest first."""
    q = select(ReviewRow).where(ReviewRow.person_id == person_of(s)).order_by(ReviewRow.at,
                                                                              ReviewRow.id)
    return [_review(r) for r in s.scalars(q)]


def get_review(s: Session, review_id: int) -> Review | None:
    """One review by id."""
    row = s.get(ReviewRow, (person_of(s), review_id))
    return _review(row) if row else None


def last_review_dates(s: Session) -> dict[ReviewKind, dt.datetime]:
    """The time of the latest review of each kind."""
    q = select(ReviewRow.kind, func.max(ReviewRow.at)).where(
        ReviewRow.person_id == person_of(s)).group_by(ReviewRow.kind)
    return {ReviewKind(k): at for k, at in s.execute(q)}


def link_review_changes(s: Session, review_id: int, since_id: int) -> None:
    """Tie goal changes made by a review (those after ``since_id``) to the review."""
    s.execute(update(GoalChangeRow).where(GoalChangeRow.person_id == person_of(s),
                                          GoalChangeRow.id > since_id,
                                          GoalChangeRow.reason.like(f"review #{review_id}:%"))
              .values(review_id=review_id))


def max_change_id(s: Session) -> int:
    """The largest goal-change id so far (0 when none)."""
    return int(s.scalar(select(func.max(GoalChangeRow.id)).where(
        GoalChangeRow.person_id == person_of(s))) or 0)


def review_changes(s: Session, review_id: int) -> list[GoalChange]:
    """The goal changes a review made."""
    q = select(GoalChangeRow).where(GoalChangeRow.person_id == person_of(s),
                                    GoalChangeRow.review_id == review_id).order_by(
        GoalChangeRow.id)
    return [GoalChange(r.goal_id, r.field, r.old, r.new, r.at, r.reason) for r in s.scalars(q)]


# -- progress evidence and achievements --------------------------------------------


def tasks_for_progress(s: Session) -> list[Task]:
    """Every task as a record without its dependencies, read without the ORM.

    The roll-up needs only goal, milestone, estimate and status; skipping the ORM
    and the dependency query keeps `cairn status` quick with thousands of tasks.
    """
    q = select(TaskRow.id, TaskRow.title, TaskRow.estimate_hours, TaskRow.goal_id,
               TaskRow.milestone_id, TaskRow.status, TaskRow.done_at).where(
                   TaskRow.person_id == person_of(s)).order_by(TaskRow.id)
    return [Task(id=i, title=title, estimate_hours=hours, goal_id=goal, milestone_id=ms,
                 status=TaskStatus(status), done_at=done)
            for i, title, hours, goal, ms, status, done in s.execute(q)]



def last_goal_activity(s: Session) -> dict[int, dt.datetime]:
    """Goal id -> the latest sign of progress: metric update, milestone, task done, time."""
    found: dict[int, dt.datetime] = {}
    me = person_of(s)

    def keep(goal_id: int | None, at: dt.datetime | None) -> None:
        if goal_id is not None and at is not None and (goal_id not in found
                                                       or at > found[goal_id]):
            found[goal_id] = at

    q1 = (select(GoalChangeRow.goal_id, func.max(GoalChangeRow.at))
          .where(GoalChangeRow.person_id == me, GoalChangeRow.field.in_(PROGRESS_FIELDS))
          .group_by(GoalChangeRow.goal_id))
    q2 = (select(TaskRow.goal_id, func.max(TaskRow.done_at))
          .where(TaskRow.person_id == me, TaskRow.done_at.is_not(None))
          .group_by(TaskRow.goal_id))
    q3 = (select(TaskRow.goal_id, func.max(TimeEntryRow.on))
          .join(TaskRow, (TaskRow.person_id == TimeEntryRow.person_id)
                & (TaskRow.id == TimeEntryRow.task_id))
          .where(TimeEntryRow.person_id == me).group_by(TaskRow.goal_id))
    for goal_id, at in [*s.execute(q1), *s.execute(q2)]:
        keep(goal_id, at)
    for goal_id, day in s.execute(q3):
        keep(goal_id, dt.datetime.combine(day, dt.time()) if day else None)
    return found


def achievements(s: Session) -> list[tuple[dt.datetime, str, int, str]]:
    """(when, 'goal'|'milestone', goal id, title) for every completion, newest first."""
    q = (select(GoalChangeRow.at, GoalChangeRow.field, GoalChangeRow.goal_id,
                GoalChangeRow.new, GoalRow.title)
         .join(GoalRow, (GoalRow.person_id == GoalChangeRow.person_id)
               & (GoalRow.id == GoalChangeRow.goal_id))
         .where(GoalChangeRow.person_id == person_of(s))
         .where((GoalChangeRow.field == "milestone.done")
                | ((GoalChangeRow.field == "status") & (GoalChangeRow.new == "done")))
         .order_by(GoalChangeRow.at.desc(), GoalChangeRow.id.desc()))
    return [(at, "milestone" if field == "milestone.done" else "goal", gid,
             (new or "") if field == "milestone.done" else title)
            for at, field, gid, new, title in s.execute(q)]


def milestone_count(s: Session) -> int:
    """How many milestones exist."""
    return s.scalar(select(func.count()).select_from(MilestoneRow).where(
        MilestoneRow.person_id == person_of(s))) or 0
