"""Tracking as the web reads it: check-ins, time logs, wins and reviews as view models (the
JSON of ``cairn checkin list --json``, ``cairn log list --json``, ``cairn win list --json``,
``cairn review list --json`` and ``cairn review show ID --json``), and the pages' readers
(the check-in page, the review page), each in one read."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cairn.core.model import GoalStatus, Priority
from cairn.core.tracking import CheckIn, Review, ReviewKind, TimeEntry, Win
from cairn.services.review_facts import ReviewFacts
from cairn.services.status_views import BurnoutStatus, DueReviewView, RestView

if TYPE_CHECKING:
    from cairn.core.model import GoalChange
    from cairn.services.app import Cairn

RECENT_DAYS = 14  # the check-in page lists time logged over the last two weeks
RECENT_ITEMS = 8  # and the last few check-ins and wins


# -- view models: the fields of the command line's --json -------------------------------


@dataclass(frozen=True, slots=True)
class TimeEntryView:
    """id, area, on, minutes, task_id, habit_id, note: one entry of ``cairn log list``."""

    id: int
    area: str | None
    on: dt.date
    minutes: int
    task_id: int | None
    habit_id: int | None
    note: str

    @classmethod
    def of(cls, e: TimeEntry, areas: dict[int, str]) -> TimeEntryView:
        """The entry, its area named by its key."""
        return cls(e.id, areas.get(e.area_id), e.on, e.minutes, e.task_id, e.habit_id, e.note)


@dataclass(frozen=True, slots=True)
class WinView:
    """id, on, text: one win of the journal."""

    id: int
    on: dt.date
    text: str

    @classmethod
    def of(cls, w: Win) -> WinView:
        """The win."""
        return cls(w.id, w.on, w.text)


@dataclass(frozen=True, slots=True)
class CheckInView:
    """id, at, energy, stress, hours_worked, satisfaction {area: 0-10}, note, index (the
    check-in index, 0-100)."""

    id: int
    at: dt.datetime
    energy: int
    stress: int
    hours_worked: float | None
    satisfaction: dict[str, int]
    note: str
    index: float | None

    @classmethod
    def of(cls, c: CheckIn, areas: dict[int, str], index: float | None) -> CheckInView:
        """The check-in, its areas named by their keys."""
        return cls(c.id, c.at, c.energy, c.stress, c.hours_worked,
                   {areas.get(a, str(a)): v for a, v in sorted(c.satisfaction.items())},
                   c.note, index)


@dataclass(frozen=True, slots=True)
class GoalChangeView:
    """goal_id, field, old, new, reason: a change a review's decision made."""

    goal_id: int
    field: str
    old: str | None
    new: str | None
    reason: str


@dataclass(frozen=True, slots=True)
class ReviewView:
    """id, kind, at, facts (as the review saw them), decisions, notes, pending."""

    id: int
    kind: ReviewKind
    at: dt.datetime
    facts: dict[str, object]
    decisions: list[str]
    notes: str
    pending: list[str]

    @classmethod
    def of(cls, r: Review) -> ReviewView:
        """The review as listed."""
        return cls(r.id, r.kind, r.at, dict(r.facts), list(r.decisions), r.notes,
                   list(r.pending))


@dataclass(frozen=True, slots=True)
class ReviewDetail:
    """A review replayed: the fields of :class:`ReviewView` and the goal changes it made."""

    id: int
    kind: ReviewKind
    at: dt.datetime
    facts: dict[str, object]
    decisions: list[str]
    notes: str
    pending: list[str]
    changes: list[GoalChangeView]

    @classmethod
    def of(cls, r: Review, changes: list[GoalChange]) -> ReviewDetail:
        """The review and its changes."""
        return cls(r.id, r.kind, r.at, dict(r.facts), list(r.decisions), r.notes,
                   list(r.pending),
                   [GoalChangeView(c.goal_id, c.field, c.old, c.new, c.reason) for c in changes])


def _areas(c: Cairn) -> dict[int, str]:
    return {a.id: a.key for a in c.profile.areas(include_archived=True)}


def time_log(c: Cairn, since: dt.date) -> list[TimeEntryView]:
    """Time logged since a day, oldest first (``cairn log list --since DAY --json``)."""
    entries = c.track.record.time_entries(since)
    areas = _areas(c)
    return [TimeEntryView.of(e, areas) for e in entries]


def win_list(c: Cairn) -> list[WinView]:
    """The wins journal, newest first (``cairn win list --json``)."""
    return [WinView.of(w) for w in c.track.record.wins()]


def checkin_list(c: Cairn) -> list[CheckInView]:
    """Every check-in, oldest first, with its index (``cairn checkin list --json``)."""
    found, scores, areas = c.track.record.checkins(), c.track.record.checkin_scores(), _areas(c)
    return [CheckInView.of(x, areas, scores.get(x.id)) for x in found]


def review_list(c: Cairn) -> list[ReviewView]:
    """Every review held, oldest first (``cairn review list --json``)."""
    return [ReviewView.of(r) for r in c.track.reviews.past()]


def review_detail(c: Cairn, review_id: int) -> ReviewDetail:
    """One review replayed (``cairn review show ID --json``)."""
    review, changes = c.track.reviews.get(review_id)
    return ReviewDetail.of(review, changes)


# -- the pages ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Choice:
    """Something to pick in a form: the value posted and the words shown."""

    value: str
    label: str


@dataclass(frozen=True, slots=True)
class CheckinPage:
    """The check-in page: what its forms offer (areas, habits), whether to offer rest
    mode, and what was recorded lately."""

    areas: list[Choice]
    habits: list[Choice]
    burnout: BurnoutStatus
    rest: RestView | None
    checkin_weeks: int
    logs: list[TimeEntryView]
    logs_since: dt.date
    checkins: list[CheckInView]
    wins: list[WinView]

    @property
    def offer_rest(self) -> bool:
        """True when the services advise rest mode and it is not on."""
        return self.burnout.offer_rest and self.rest is None


def checkin_page(c: Cairn) -> CheckinPage:
    """What the check-in page shows, in one read."""
    with c.scope.read():
        since = c.scope.today() - dt.timedelta(days=RECENT_DAYS - 1)
        rest = c.track.record.active_rest()
        return CheckinPage(
            areas=[Choice(a.key, a.name) for a in c.profile.areas()],
            habits=[Choice(str(h.id), f"{h.title} ({h.area})")
                    for h in c.planning.rules.habits()],
            burnout=BurnoutStatus.of(c.track.wellbeing.burnout(), waiting=rest is not None),
            rest=RestView.of(rest) if rest else None,
            checkin_weeks=c.track.wellbeing.streaks()["checkin_weeks"],
            logs=list(reversed(time_log(c, since))), logs_since=since,
            checkins=list(reversed(checkin_list(c)))[:RECENT_ITEMS],
            wins=win_list(c)[:RECENT_ITEMS])


@dataclass(frozen=True, slots=True)
class DecisionGoal:
    """An open goal a review can decide on: its id, title, area, status and priority."""

    id: int
    title: str
    area: str
    status: GoalStatus
    priority: Priority
    deadline: dt.date | None
    progress: float | None


@dataclass(frozen=True, slots=True)
class ReviewPage:
    """The review page: the reviews due, the kind shown, its facts, the goals to decide
    on, and the reviews held before."""

    due: list[DueReviewView]
    kind: ReviewKind
    facts: ReviewFacts
    goals: list[DecisionGoal]
    past: list[ReviewView]


def review_page(c: Cairn, kind: ReviewKind | None = None) -> ReviewPage:
    """The review to hold (``kind``, else the longest one due, else weekly, as ``cairn
    review`` chooses) with its facts, in one read."""
    with c.scope.read():
        today = c.scope.today()
        due = c.track.reviews.due()
        if kind is None:
            kind = max(due, key=lambda d: d.kind.rank).kind if due else ReviewKind.WEEKLY
        facts = c.track.reviews.facts(kind)
        return ReviewPage(
            due=[DueReviewView.of(d, today) for d in due], kind=facts.kind, facts=facts,
            goals=[DecisionGoal(g.id, g.title, facts.areas.get(g.area_id, ""), g.status,
                                g.priority, g.deadline, p) for g, p in facts.progress],
            past=list(reversed(review_list(c))))
