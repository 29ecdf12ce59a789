"""Listings for the command line, read the quickest way there is.

A listing is most of what people run, and a command's time is mostly its start-up: on a
SQLite file, :func:`open_listings` reads through ``store/quick.py`` (the standard library's
``sqlite3``), so the command imports neither SQLAlchemy nor the services behind the facade.
Where that reader declines (PostgreSQL, a database to migrate or back up first, a person to
create or choose), the same questions go to the facade, opened the usual way by ``full``:
the answers are the same either way.

``cairn status`` and ``cairn review --summary`` read this way too: their use cases
(:mod:`cairn.services.status_reads`, :mod:`cairn.services.review_reads`) read through a
scope's records, and here the scope is a :class:`~cairn.services.scope.ReaderScope` over
the quick reader.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from cairn.core.model import (
    Goal,
    GoalStatus,
    Horizon,
    LifeArea,
    Milestone,
    Task,
    TaskStatus,
)
from cairn.core.tracking import CheckIn, Review, TimeEntry, Win

if TYPE_CHECKING:
    from cairn.core.progress import GoalProgress
    from cairn.core.review import DueReview
    from cairn.core.tracking import ReviewKind
    from cairn.services.app import Cairn
    from cairn.services.goal_tree import GoalNode
    from cairn.services.review_facts import ReviewFacts
    from cairn.services.review_reads import ReviewReader
    from cairn.services.scope import PersonSettings
    from cairn.services.status_reads import Status
    from cairn.store.quick import Reader


class Listings:
    """Read-only listings of one person's data."""

    def __init__(self, reader: Reader | None, full: Callable[[], Cairn],
                 settings: PersonSettings | None = None) -> None:
        self.reader = reader
        self.full = full
        self.settings = settings
        self._zone = None if reader is None else zoneinfo.ZoneInfo(reader.timezone)
        self._reviews: ReviewReader | None = None

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        """The person's time zone (as the facade's scope has it)."""
        return self.full().scope.zone if self._zone is None else self._zone

    def today(self) -> dt.date:
        """Today where the person is (as :meth:`cairn.services.scope.Scope.today`)."""
        if self._zone is None:
            return self.full().scope.today()
        return dt.datetime.now(dt.UTC).astimezone(self._zone).date()

    def tasks(self, statuses: Sequence[TaskStatus] = (TaskStatus.OPEN,),
              goal_id: int | None = None) -> list[Task]:
        """As :meth:`cairn.services.tasks.TaskService.find`."""
        if self.reader is None:
            return self.full().tasks.find(statuses, goal_id=goal_id)
        return [t for t in self.reader.tasks(statuses)
                if goal_id is None or t.goal_id == goal_id]

    def areas(self, *, include_archived: bool = False) -> list[LifeArea]:
        """As :meth:`cairn.services.profile.ProfileService.areas`."""
        if self.reader is None:
            return self.full().profile.areas(include_archived=include_archived)
        return self.reader.areas(include_archived=include_archived)

    def goals(self, statuses: Sequence[GoalStatus] = (), area: str | None = None,
              horizon: Horizon | None = None) -> list[Goal]:
        """As :meth:`cairn.services.goals.GoalService.find` (an area is looked up by the
        facade, which says what is wrong with one)."""
        if self.reader is None or area is not None:
            return self.full().goals.find(statuses, area=area, horizon=horizon)
        return [g for g in self.reader.goals(statuses) if horizon is None or g.horizon is horizon]

    def progress(self) -> dict[int, GoalProgress]:
        """As :meth:`cairn.services.goals.GoalService.progress`."""
        if self.reader is None:
            return self.full().goals.progress()
        from cairn.core.progress import roll_up

        r = self.reader
        return roll_up(r.goals(), r.milestones(), r.tasks())

    def milestones(self, goal_id: int | None = None) -> list[Milestone]:
        """As :meth:`cairn.services.goals.GoalService.milestones`."""
        if self.reader is None:
            return self.full().goals.milestones(goal_id)
        return [m for m in self.reader.milestones() if goal_id is None or m.goal_id == goal_id]

    def tree(self, include_closed: bool = False) -> list[GoalNode]:
        """As :meth:`cairn.services.goals.GoalService.tree`."""
        if self.reader is None:
            return self.full().goals.tree(include_closed=include_closed)
        from cairn.services.goal_tree import goal_forest

        r = self.reader
        return goal_forest(r.goals(), r.milestones(), r.tasks(), include_closed)

    def time_entries(self, since: dt.date | None = None) -> list[TimeEntry]:
        """As :meth:`cairn.services.tracking.TrackingService.time_entries`."""
        if self.reader is None:
            return self.full().track.record.time_entries(since)
        return self.reader.list_time(since)

    def wins(self) -> list[Win]:
        """As :meth:`cairn.services.tracking.TrackingService.wins`."""
        if self.reader is None:
            return self.full().track.record.wins()
        return self.reader.list_wins()

    def checkins(self) -> list[CheckIn]:
        """As :meth:`cairn.services.tracking.TrackingService.checkins` (all of them)."""
        if self.reader is None:
            return self.full().track.record.checkins()
        return self.reader.list_checkins()

    def checkin_scores(self) -> dict[int, float | None]:
        """As :meth:`cairn.services.tracking.TrackingService.checkin_scores`."""
        if self.reader is None:
            return self.full().track.record.checkin_scores()
        return self.reader.checkin_scores()

    def reviews(self) -> list[Review]:
        """As :meth:`cairn.services.reviews.ReviewService.past`."""
        if self.reader is None:
            return self.full().track.reviews.past()
        return self.reader.list_reviews()

    def status(self) -> Status:
        """As :meth:`cairn.services.track.Tracking.status`, with the follow-ups due today."""
        reviews = self._review_reader()
        if reviews is None:
            c = self.full()
            return c.track.status(followups=c.support.due_followups(c.scope.today()))
        from cairn.services.status_reads import followups_due, read_status

        return read_status(reviews.wellbeing, reviews,
                           followups_due(reviews.scope, reviews.scope.today()))

    def due_reviews(self) -> list[DueReview]:
        """As :meth:`cairn.services.reviews.ReviewService.due`."""
        reviews = self._review_reader()
        return self.full().track.reviews.due() if reviews is None else reviews.due()

    def review_facts(self, kind: ReviewKind) -> ReviewFacts:
        """As :meth:`cairn.services.reviews.ReviewService.facts`."""
        reviews = self._review_reader()
        return self.full().track.reviews.facts(kind) if reviews is None else reviews.facts(kind)

    def _review_reader(self) -> ReviewReader | None:
        """Well-being and reviews over the quick reader; None when the facade must answer
        (no quick reader, or no profile yet: the facade says what to do)."""
        if self._reviews is None and self.reader is not None and self._zone is not None:
            if self.reader.profile() is None:
                return None
            from cairn.services.records import RecordsProfile
            from cairn.services.review_reads import ReviewReader
            from cairn.services.scope import ReaderScope
            from cairn.services.wellbeing import PlanSignalsFromRecords, WellbeingService

            scope = ReaderScope(self.reader, self.reader.person_id, self._zone,
                                settings=self.settings)
            profile = RecordsProfile(scope)
            self._reviews = ReviewReader(
                scope, profile, WellbeingService(scope, profile, PlanSignalsFromRecords(scope)))
        return self._reviews

    def close(self) -> None:
        """Close the quick reader, if one was opened (the facade closes itself)."""
        if self.reader is not None:
            self.reader.close()


def open_listings(url: str, person_id: int | None, full: Callable[[], Cairn],
                  settings: PersonSettings | None = None) -> Listings:
    """Listings of the database at ``url`` (a resolved URL) for ``person_id`` (None: the only
    person); ``full`` opens the facade when the quick reader cannot be used; ``settings`` are
    the person's (as the facade gets them)."""
    from cairn.store.quick import open_reader

    reader = open_reader(url, person_id)
    if reader is not None and not _known_zone(reader.timezone):
        reader.close()  # the facade picks the zone that stands in for it
        reader = None
    return Listings(reader, full, settings)


def _known_zone(name: str) -> bool:
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return False
    return True
