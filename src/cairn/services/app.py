"""The facade that the CLI and the web both call: one object, one feature per attribute."""

from __future__ import annotations

from cairn import settings
from cairn.services.assess import AssessmentService
from cairn.services.catalog import CatalogService
from cairn.services.fit import FitService
from cairn.services.goals import GoalService
from cairn.services.profile import ProfileService
from cairn.services.tasks import TaskService
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
        self.assess = AssessmentService(db)
        self.fit = FitService(db, self.assess, self.catalog)

    @classmethod
    def open(cls, url: str | None = None) -> Cairn:
        """Open (and migrate if needed) the database at ``url`` or the configured one."""
        return cls(Database(settings.database_url(url)))

    def close(self) -> None:
        """Release the database connections."""
        self.db.dispose()
