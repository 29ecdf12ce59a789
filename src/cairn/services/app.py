"""The facade that the CLI and the web both call: one object per person, one feature per
attribute.

A facade acts for one person (its :class:`~cairn.services.scope.Scope`: the person, their
clock, time zone and settings, and the transaction of the use case running). The command
line opens the database's one local person (:meth:`Cairn.open`); a server opens the same
database for any person (:meth:`Cairn.for_person`). Feature services are built on first
use, so that a command imports only what it needs.

The facade is where features are wired together, each when it is built: a service takes
the other features it needs in its constructor (typed protocols or small typed callables
defined next to it, supplied by :mod:`cairn.services.links`); none is changed once built.
A collaborator that is itself built later (matching, the assessments) is passed as a
provider (a function returning it), so building one feature never builds another early.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from cairn import settings
from cairn.services.goals import GoalService
from cairn.services.people import local_person, person_zone
from cairn.services.profile import ProfileService
from cairn.services.scope import Clock, PersonSettings, Scope
from cairn.services.tasks import TaskService
from cairn.store.db import Database

if TYPE_CHECKING:
    from cairn.services.assess import AssessmentService
    from cairn.services.catalog import CatalogService
    from cairn.services.fit import FitService
    from cairn.services.guidance import GuidanceService
    from cairn.services.planning import PlanningService
    from cairn.services.reports import ReportService
    from cairn.services.resources import ResourceService
    from cairn.services.support import SupportService
    from cairn.services.track import Tracking
    from cairn.services.transfer import TransferService


class Cairn:
    """Everything one person can do with Cairn."""

    def __init__(self, scope: Scope) -> None:
        self.scope = scope
        self.db = scope.db
        self.profile = ProfileService(scope)
        self.goals = GoalService(scope, self.profile)
        self.tasks = TaskService(scope, self.goals)

    @cached_property
    def data(self) -> TransferService:
        """Export, import and deletion of the person's data (built on first use: a listing
        does not import it)."""
        from cairn.services.transfer import TransferService

        return TransferService(self.scope)

    @cached_property
    def catalog(self) -> CatalogService:
        """The O*NET occupation catalog."""
        from cairn.services.catalog import CatalogService

        return CatalogService(self.db)

    @cached_property
    def assess(self) -> AssessmentService:
        """Self-assessments: interests, work values, skills, passions and constraints."""
        from cairn.services.assess import AssessmentService

        return AssessmentService(self.scope, self.profile)

    @cached_property
    def fit(self) -> FitService:
        """Matching occupations to the person, skill gaps and career paths."""
        from cairn.services.fit import FitService

        return FitService(self.scope, self.assess, self.catalog)

    @cached_property
    def planning(self) -> PlanningService:
        """Availability, boundaries, budgets, habits, calendars and the weekly plan; an
        exported plan carries the follow-ups' and reviews' reminders."""
        from cairn.services import links
        from cairn.services.planning import PlanningService

        return PlanningService(self.scope, self.profile, self.goals, self.tasks, reminder_sources=(
            lambda: links.followup_reminders(self.support, self.scope.today()),
            lambda: links.review_reminders(self.track.reviews, self.scope.today()),
        ))

    @cached_property
    def track(self) -> Tracking:
        """Time logs, check-ins, well-being, reviews and life events; the plan's budgets
        and boundary feed well-being, and a six-monthly review compares the assessments
        and re-runs matching (both built on first use)."""
        from cairn.services.links import rematch_step
        from cairn.services.reviews import MATCHING_STEP
        from cairn.services.track import Tracking
        from cairn.services.wellbeing import PlanSignalsFromRecords

        return Tracking(self.scope, self.profile, self.goals, self.tasks,
                        plan=PlanSignalsFromRecords(self.scope),
                        assessments=lambda: self.assess,
                        reassessment_steps={MATCHING_STEP: rematch_step(lambda: self.fit)})

    @cached_property
    def support(self) -> SupportService:
        """Contacts, interactions, follow-ups and feedback."""
        from cairn.services.support import SupportService

        return SupportService(self.scope, self.goals)

    @cached_property
    def resources(self) -> ResourceService:
        """The personal library of books, courses and tools; finishing one can raise skill
        self-ratings (through the assessments, built on first use)."""
        from cairn.services.links import SkillRatingsFromAssessments
        from cairn.services.resources import ResourceService

        return ResourceService(self.scope, self.goals,
                               ratings=SkillRatingsFromAssessments(lambda: self.assess))

    @cached_property
    def guide(self) -> GuidanceService:
        """Guidance by life stage and obstacles, and goal templates; tracking, assessments
        and matching add what they know, templates run at the plan's budgets and aim at
        occupations through matching (each built on first use)."""
        from cairn.services import links
        from cairn.services.guidance import GuidanceService

        return GuidanceService(
            self.goals, self.tasks, self.support, self.resources,
            providers=(
                lambda today: links.tracking_facts(self.track, today),
                lambda _today: links.assessment_facts(lambda: self.fit, self.goals,
                                                      lambda: self.assess),
            ),
            budgets=lambda: links.budget_pairs(self.planning.rules),
            occupations=links.OccupationsFromFit(lambda: self.fit, self.goals))

    @cached_property
    def reports(self) -> ReportService:
        """The plan-on-a-page report, with tracking's, the plan's and matching's sections."""
        from cairn.services import links
        from cairn.services.reports import ReportService

        return ReportService(self.goals, self.support, self.resources, self.guide, providers=(
            lambda start, end: links.report_sections(self.track, self.planning, start, end),
            lambda _start, _end: links.report_skill_gaps(self.fit, self.goals),
        ))

    @classmethod
    def open(cls, url: str | None = None, *, person_id: int | None = None,
             zone: str | None = None, person_settings: PersonSettings | None = None,
             clock: Clock | None = None) -> Cairn:
        """Open (and migrate if needed) the database at ``url`` or the configured one, for its
        one local person (created on first use, in the time zone ``zone``, the machine's)."""
        db = Database(settings.database_url(url))
        try:
            person = local_person(db, person_id, zone)
        except BaseException:
            db.close()
            raise
        return cls(Scope(db, person.id, person_zone(person, zone), settings=person_settings,
                         clock=clock))

    @classmethod
    def for_person(cls, db: Database, person_id: int, *,
                   person_settings: PersonSettings | None = None,
                   clock: Clock | None = None) -> Cairn:
        """A facade acting for one person of a shared database (a server's request)."""
        from cairn.core.errors import NotFound
        from cairn.store import people

        with db.session() as s:
            person = people.get_person(s, person_id)
        if person is None:
            raise NotFound(f"There is no person {person_id}.", "Check the person's id.")
        return cls(Scope(db, person.id, person_zone(person, None), settings=person_settings,
                         clock=clock))

    def close(self) -> None:
        """Release the database (its connections close once no one else in the process uses
        it)."""
        self.db.close()
