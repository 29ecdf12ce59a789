"""The reads of one person's records that the read-only use cases make, as core objects.

``cairn status``, the balance wheel, burnout risk, streaks, career investment, the review
schedule and a review's facts read through :class:`Records`, which a scope gives
(``scope.records()``): :class:`cairn.store.session_records.SessionRecords` over the open SQLAlchemy
session, or the quick SQLite reader (:class:`cairn.store.quick.Reader`), which answers the
same questions with the same objects without importing SQLAlchemy. ``tests/test_listings.py``
holds the two equal, question by question.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from cairn.core.model import Goal, GoalStatus, LifeArea, Milestone, Profile, Task
    from cairn.core.planning.model import Boundary, Budget, Habit, Window
    from cairn.core.support import Contact, Interaction
    from cairn.core.tracking import (
        CheckIn,
        LifeEvent,
        RestPeriod,
        Review,
        ReviewKind,
        TimeEntry,
    )
    from cairn.services.scope import ReadScope


class Records(Protocol):
    """One consistent read of one person's records; each method as the store function of
    the same name (``store/repo.py``, ``track.py``, ``planning.py``, ``support.py``)."""

    def profile(self) -> Profile | None:
        """The profile, or None before ``cairn init``."""
        ...

    def areas(self, *, include_archived: bool = True) -> list[LifeArea]:
        """Life areas in the order they were made."""
        ...

    def goals(self, statuses: Sequence[GoalStatus] = ()) -> list[Goal]:
        """Goals in id order, optionally only those with the given statuses."""
        ...

    def milestones(self) -> list[Milestone]:
        """Every milestone in id order."""
        ...

    def tasks_for_progress(self) -> list[Task]:
        """Every task without its dependencies, in id order."""
        ...

    def first_log_day(self) -> dt.date | None:
        """The day of the earliest time entry."""
        ...

    def first_checkin_day(self) -> dt.date | None:
        """The day of the earliest check-in."""
        ...

    def minutes_by_area(self, since: dt.date, until: dt.date) -> dict[int, int]:
        """Area id -> minutes logged between two dates (inclusive)."""
        ...

    def minutes_by_day(self, area_keys: Sequence[str], since: dt.date) -> dict[dt.date, int]:
        """Day -> minutes logged in the given areas since a date (all areas when none)."""
        ...

    def latest_satisfaction(self) -> dict[int, int]:
        """Area id -> the satisfaction given at the latest check-in that rated the area."""
        ...

    def list_checkins(self, since: dt.datetime | None = None) -> list[CheckIn]:
        """Check-ins (oldest first) with their ratings, optionally only those since a time."""
        ...

    def checkin_days(self) -> list[dt.datetime]:
        """When every check-in was made, oldest first."""
        ...

    def checkin_scores(self) -> dict[int, float | None]:
        """Check-in id -> its index score."""
        ...

    def list_rests(self) -> list[RestPeriod]:
        """Every rest period, oldest first."""
        ...

    def list_habits(self) -> list[Habit]:
        """Habits in the order made."""
        ...

    def habit_session_days(self, since: dt.date) -> dict[int, list[dt.date]]:
        """Habit id -> the day of each session logged for it since a day, oldest first."""
        ...

    def list_time(self, since: dt.date | None = None, until: dt.date | None = None
                  ) -> list[TimeEntry]:
        """Time entries between two dates (inclusive), oldest first."""
        ...

    def last_review_dates(self) -> dict[ReviewKind, dt.datetime]:
        """The time of the latest review of each kind."""
        ...

    def list_reviews(self) -> list[Review]:
        """Every review, oldest first."""
        ...

    def list_events(self) -> list[LifeEvent]:
        """Every life event, newest first."""
        ...

    def last_goal_activity(self) -> dict[int, dt.datetime]:
        """Goal id -> the latest sign of progress."""
        ...

    def list_budgets(self) -> list[Budget]:
        """Area budgets in area order."""
        ...

    def list_boundaries(self) -> list[Boundary]:
        """Every boundary in the order made."""
        ...

    def list_windows(self) -> list[Window]:
        """Weekly windows by weekday and time."""
        ...

    def list_weeks(self, state: str) -> dict[dt.date, float]:
        """Monday -> hours that did not fit, for each week of the draft or accepted plan."""
        ...

    def list_contacts(self) -> list[Contact]:
        """Every contact in id order."""
        ...

    def list_interactions(self) -> list[Interaction]:
        """Every interaction, oldest first."""
        ...


class ProfileReads(Protocol):
    """The profile and the life areas, as the read-only use cases read them."""

    def get(self) -> Profile:
        """The profile; raises :class:`~cairn.core.errors.NotReady` before ``cairn init``."""
        ...

    def areas(self, *, include_archived: bool = False) -> list[LifeArea]:
        """The life areas, archived ones only when asked."""
        ...


class RecordsProfile:
    """The profile and life areas read through a scope's records (``ProfileService`` reads
    them this way too)."""

    def __init__(self, scope: ReadScope) -> None:
        self.scope = scope

    def get(self) -> Profile:
        """The profile; raises :class:`~cairn.core.errors.NotReady` before ``cairn init``."""
        from cairn.core.actions import Action
        from cairn.core.errors import NotReady

        with self.scope.records() as r:
            profile = r.profile()
        if profile is None:
            raise NotReady("There is no profile yet.", "Run {action} first.", Action.to("init"))
        return profile

    def areas(self, *, include_archived: bool = False) -> list[LifeArea]:
        """The life areas, archived ones only when asked."""
        with self.scope.records() as r:
            return r.areas(include_archived=include_archived)
