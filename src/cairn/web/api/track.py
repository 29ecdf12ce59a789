"""``/api/v1/checkins``, ``/logs``, ``/wins`` and ``/reviews``: recording the week and the
reviews held, as ``cairn checkin list``, ``cairn log list``, ``cairn win list``, ``cairn
review list`` and ``cairn review show ID`` print them with ``--json``."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Path, Query
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from cairn.core.decisions import GOAL_ACTIONS, Decision
from cairn.core.parse import MAX_YEAR, MIN_YEAR
from cairn.core.tracking import MAX_LOG_MINUTES, ReviewKind
from cairn.services.track_pages import (
    CheckInView,
    ReviewDetail,
    ReviewView,
    TimeEntryView,
    WinView,
    checkin_list,
    review_detail,
    review_list,
    time_log,
    win_list,
)
from cairn.web.api import PREFIX, IsoDay, problems, respond
from cairn.web.deps import Person
from cairn.web.schema import model_of

router = APIRouter(prefix=PREFIX, tags=["tracking"])
Id = Annotated[int, Field(ge=1, le=2**31 - 1)]
Text = Annotated[str, Field(max_length=10_000)]
Short = Annotated[str, Field(max_length=200)]
Rating = Annotated[int, Field(ge=0, le=10)]
Day = Annotated[IsoDay, Field(ge=dt.date(MIN_YEAR, 1, 1), le=dt.date(MAX_YEAR, 12, 31))]
LOG_DAYS = 7  # `cairn log list` shows a week unless asked for more


class CheckInIn(BaseModel):
    """A check-in, as `cairn checkin take` takes it: energy and stress 0-10, satisfaction
    per life area (key or name) 0-10, hours worked, a note."""

    model_config = ConfigDict(extra="forbid")

    energy: Rating
    stress: Rating
    hours_worked: Annotated[float, Field(ge=0, le=168, allow_inf_nan=False)] | None = None
    satisfaction: Annotated[dict[Short, Rating], Field(max_length=50)] = {}
    note: Text = ""


class LogIn(BaseModel):
    """Time spent, as `cairn log` takes it: minutes (1 to a day), the area (or the task's or
    habit's), the day (default today), a note, a task, a habit."""

    model_config = ConfigDict(extra="forbid")

    minutes: Annotated[int, Field(ge=1, le=MAX_LOG_MINUTES)]
    area: Short | None = None
    on: Day | None = None
    note: Text = ""
    task_id: Id | None = None
    habit_id: Id | None = None


class WinIn(BaseModel):
    """A win for the journal, and its day (default today)."""

    model_config = ConfigDict(extra="forbid")

    text: Text
    on: Day | None = None


class DecisionIn(BaseModel):
    """One decision of a review: an action on a goal (pause, resume, done, drop, deadline,
    target, priority, with `value` for the last three and a `reason`, needed to drop), or
    `add` (value: the area, reason: the title), or `note` (reason: the text)."""

    model_config = ConfigDict(extra="forbid")

    action: Annotated[str, Field(pattern="^(" + "|".join((*GOAL_ACTIONS, "add", "note"))
                                 + ")$")]
    goal_id: Id | None = None
    value: Short = ""
    reason: Text = ""


class ReviewIn(BaseModel):
    """A review to hold: its kind, its decisions (checked all before anything is kept) and
    notes."""

    model_config = ConfigDict(extra="forbid")

    kind: ReviewKind = ReviewKind.WEEKLY
    decisions: Annotated[list[DecisionIn], Field(max_length=100)] = []
    notes: Text = ""


@router.get("/checkins", response_model=list[model_of(CheckInView)],  # type: ignore[misc]
            responses=problems(), summary="List check-ins", operation_id="listCheckins")
def list_checkins(c: Person) -> JSONResponse:
    """Every check-in, oldest first, with its index: `cairn checkin list --json`."""
    return respond(checkin_list(c))


@router.post("/checkins", status_code=201, response_model=model_of(CheckInView),
             responses=problems(400, 404, 409, 422), summary="Check in", operation_id="addCheckin")
def add_checkin(c: Person, checkin: CheckInIn) -> JSONResponse:
    """Record a check-in; returns it as listed (with its check-in index)."""
    added = c.track.record.checkin(checkin.energy, checkin.stress,
                                   hours_worked=checkin.hours_worked,
                                   satisfaction=checkin.satisfaction, note=checkin.note)
    return respond(next(x for x in checkin_list(c) if x.id == added.id), status_code=201)


@router.get("/logs", response_model=list[model_of(TimeEntryView)],  # type: ignore[misc]
            responses=problems(422), summary="List time logged", operation_id="listLogs")
def list_logs(c: Person, since: Annotated[Day | None, Query(
        description="From this day (default: a week ago, as `cairn log list`).")] = None,
              ) -> JSONResponse:
    """Time logged since a day, oldest first: `cairn log list --since DAY --json`."""
    return respond(time_log(c, since or c.scope.today() - dt.timedelta(days=LOG_DAYS)))


@router.post("/logs", status_code=201, response_model=model_of(TimeEntryView),
             responses=problems(400, 404, 409, 422), summary="Log time", operation_id="addLog")
def add_log(c: Person, entry: LogIn) -> JSONResponse:
    """Record time spent; returns the entry as listed."""
    added = c.track.record.log(entry.minutes, entry.area, task_id=entry.task_id, on=entry.on,
                               note=entry.note, habit_id=entry.habit_id)
    return respond(next(x for x in time_log(c, added.on) if x.id == added.id),
                   status_code=201)


@router.get("/wins", response_model=list[model_of(WinView)],  # type: ignore[misc]
            responses=problems(), summary="List wins", operation_id="listWins")
def list_wins(c: Person) -> JSONResponse:
    """The wins journal, newest first: `cairn win list --json`."""
    return respond(win_list(c))


@router.post("/wins", status_code=201, response_model=model_of(WinView),
             responses=problems(400, 409, 422), summary="Add a win", operation_id="addWin")
def add_win(c: Person, win: WinIn) -> JSONResponse:
    """Add a win to the journal; returns it."""
    return respond(WinView.of(c.track.record.add_win(win.text, win.on)), status_code=201)


@router.get("/reviews", response_model=list[model_of(ReviewView)],  # type: ignore[misc]
            responses=problems(), summary="List reviews", operation_id="listReviews")
def list_reviews(c: Person) -> JSONResponse:
    """Every review held, oldest first: `cairn review list --json`."""
    return respond(review_list(c))


@router.get("/reviews/{review_id}", response_model=model_of(ReviewDetail),
            responses=problems(404, 422), summary="Replay a review", operation_id="getReview")
def get_review(c: Person, review_id: Annotated[int, Path(ge=1, le=2**31 - 1)]) -> JSONResponse:
    """One review with the goal changes its decisions made: `cairn review show ID --json`."""
    return respond(review_detail(c, review_id))


@router.post("/reviews", status_code=201, response_model=model_of(ReviewDetail),
             responses=problems(400, 404, 409, 422), summary="Hold a review",
             operation_id="holdReview")
def hold_review(c: Person, review: ReviewIn) -> JSONResponse:
    """Hold a review with its facts as of today: every decision is checked first, then the
    review, its decisions and their goal changes are kept in one transaction."""
    held = c.track.reviews.hold(review.kind, [Decision(d.action, d.goal_id, d.value, d.reason)
                                              for d in review.decisions], review.notes)
    return respond(review_detail(c, held.review.id), status_code=201)
