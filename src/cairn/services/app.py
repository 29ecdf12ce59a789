"""The facade that the CLI and the web both call: one object, one feature per attribute."""

from __future__ import annotations

from cairn import settings
from cairn.services.catalog import CatalogService
from cairn.services.goals import GoalService
from cairn.services.guidance import GuidanceService
from cairn.services.planning import PlanningService
from cairn.services.profile import ProfileService
from cairn.services.reports import ReportService
from cairn.services.resources import ResourceService
from cairn.services.support import SupportService
from cairn.services.tasks import TaskService
from cairn.services.track import Tracking
from cairn.services.transfer import TransferService
from cairn.store.db import Database


class Cairn:
    """Everything a person can do with Cairn, over one database."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.profile = ProfileService(db)
        self.goals = GoalService(db, self.profile)
        self.tasks = TaskService(db, self.goals)
        self.data = TransferService(db)
        self.catalog = CatalogService(db)
        self.planning = PlanningService(db, self.profile, self.goals, self.tasks)
        self.track = Tracking(db, self.profile, self.goals, self.tasks)
        self.support = SupportService(db, self.goals)
        self.resources = ResourceService(db, self.goals)
        self.guide = GuidanceService(self.goals, self.tasks, self.support, self.resources)
        self.reports = ReportService(self.goals, self.support, self.resources, self.guide)

    @classmethod
    def open(cls, url: str | None = None) -> Cairn:
        """Open (and migrate if needed) the database at ``url`` or the configured one."""
        return cls(Database(settings.database_url(url)))

    def close(self) -> None:
        """Release the database connections."""
        self.db.dispose()
