"""The read-only use cases' reads (:class:`cairn.services.records.Records`) over an open
SQLAlchemy session: each method is the store function of the same name."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy.orm import Session

from cairn.core.model import Goal, GoalStatus, LifeArea, Milestone, Profile, Task
from cairn.core.planning.model import Boundary, Budget, Habit, Window
from cairn.core.support import Contact, Interaction
from cairn.core.tracking import CheckIn, LifeEvent, RestPeriod, Review, ReviewKind, TimeEntry
from cairn.store import planning, repo, support, track


class SessionRecords:
    """A person's records read in an open session."""

    def __init__(self, s: Session) -> None:
        self.s = s

    def profile(self) -> Profile | None:
        return repo.get_profile(self.s)

    def areas(self, *, include_archived: bool = True) -> list[LifeArea]:
        return repo.list_areas(self.s, include_archived=include_archived)

    def goals(self, statuses: Sequence[GoalStatus] = ()) -> list[Goal]:
        return repo.list_goals(self.s, statuses)

    def milestones(self) -> list[Milestone]:
        return repo.list_milestones(self.s)

    def tasks_for_progress(self) -> list[Task]:
        return track.tasks_for_progress(self.s)

    def first_log_day(self) -> dt.date | None:
        return track.first_log_day(self.s)

    def first_checkin_day(self) -> dt.date | None:
        return track.first_checkin_day(self.s)

    def minutes_by_area(self, since: dt.date, until: dt.date) -> dict[int, int]:
        return track.minutes_by_area(self.s, since, until)

    def minutes_by_day(self, area_keys: Sequence[str], since: dt.date) -> dict[dt.date, int]:
        return track.minutes_by_day(self.s, area_keys, since)

    def latest_satisfaction(self) -> dict[int, int]:
        return track.latest_satisfaction(self.s)

    def list_checkins(self, since: dt.datetime | None = None) -> list[CheckIn]:
        return track.list_checkins(self.s, since)

    def checkin_days(self) -> list[dt.datetime]:
        return track.checkin_days(self.s)

    def checkin_scores(self) -> dict[int, float | None]:
        return track.checkin_scores(self.s)

    def list_rests(self) -> list[RestPeriod]:
        return track.list_rests(self.s)

    def list_habits(self) -> list[Habit]:
        return planning.list_habits(self.s)

    def habit_session_days(self, since: dt.date) -> dict[int, list[dt.date]]:
        return track.habit_session_days(self.s, since)

    def list_time(self, since: dt.date | None = None, until: dt.date | None = None
                  ) -> list[TimeEntry]:
        return track.list_time(self.s, since, until)

    def last_review_dates(self) -> dict[ReviewKind, dt.datetime]:
        return track.last_review_dates(self.s)

    def list_reviews(self) -> list[Review]:
        return track.list_reviews(self.s)

    def list_events(self) -> list[LifeEvent]:
        return track.list_events(self.s)

    def last_goal_activity(self) -> dict[int, dt.datetime]:
        return track.last_goal_activity(self.s)

    def list_budgets(self) -> list[Budget]:
        return planning.list_budgets(self.s)

    def list_boundaries(self) -> list[Boundary]:
        return planning.list_boundaries(self.s)

    def list_windows(self) -> list[Window]:
        return planning.list_windows(self.s)

    def list_weeks(self, state: str) -> dict[dt.date, float]:
        return planning.list_weeks(self.s, state)

    def list_contacts(self) -> list[Contact]:
        return support.list_contacts(self.s)

    def list_interactions(self) -> list[Interaction]:
        return support.list_interactions(self.s)
