"""Plan reports: assembling the ReportData record and writing it as Markdown, HTML or PDF.

Rendering lives in :mod:`cairn.reports`, imported only when a report is written,
because Jinja2 and matplotlib are slow to load. Other features fill their
sections through providers: functions ``(start, end) -> {field: value}``
given to :class:`ReportService` when the facade builds it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from cairn.core.errors import InvalidInput
from cairn.core.report import (
    DatedItem,
    FeedbackLine,
    ReportData,
    goal_lines,
    period_days,
    task_hours_by_week,
)
from cairn.services.goals import GoalService
from cairn.services.guidance import GuidanceService
from cairn.services.resources import ResourceService
from cairn.services.scope import reads
from cairn.services.support import SupportService
from cairn.store import repo

FORMATS = ("md", "html", "pdf")
FOLLOWUP_LOOKAHEAD_DAYS = 30

# (start, end) -> {ReportData field: value}; the names are ReportData's (replace refuses
# any other), the values each provider's promise (links.py wires them)
SectionProvider = Callable[[dt.date, dt.date], Mapping[str, object]]


class ReportService:
    """Builds and writes the plan report."""

    def __init__(self, goals: GoalService, support: SupportService, resources: ResourceService,
                 guide: GuidanceService, providers: Sequence[SectionProvider] = ()) -> None:
        self.scope = goals.scope
        self.goals = goals
        self.support = support
        self.resources = resources
        self.guide = guide
        self.providers: tuple[SectionProvider, ...] = tuple(providers)

    @reads
    def build(self, period: str = "90d", on: dt.date | None = None) -> ReportData:
        """The report's data for the ``period`` ending ``on`` (default today)."""
        end = on or self.scope.today()
        start = end - dt.timedelta(days=period_days(period) - 1)
        profile = self.goals.profile.get()
        areas = {a.id: a.name for a in self.goals.profile.areas(include_archived=True)}
        with self.goals.scope.read() as s:
            goals = repo.list_goals(s)
            tasks = repo.list_tasks(s)
            milestones = repo.list_milestones(s)
        vision, rest = goal_lines(goals, self.goals.progress(), milestones, areas)
        contacts = {c.id: c.name for c in self.support.contacts(include_archived=True)}
        followups = tuple(
            DatedItem(f.due, f"Follow up with {f.contact.name} ({f.contact.kind.value})",
                      f.days_overdue > 0)
            for f in self.support.due_followups(end, FOLLOWUP_LOOKAHEAD_DAYS))
        feedback = tuple(FeedbackLine(r.goal_id, contacts.get(r.contact_id, "?"), r.question,
                                      r.feedback) for r in self.support.requests())
        in_progress = tuple(f"{r.title} ({r.kind.value})" for r in self.resources.find()
                            if r.status.value == "in-progress")
        advice = tuple((a.rule.title, a.command) for a in self.guide.advice())
        data = ReportData(self.scope.now(), start, end, profile.name, profile.life_stage.value,
                          vision, rest,
                          task_hours_by_week(tasks, goals, areas, start, end), followups,
                          feedback, in_progress, advice)
        for provide in self.providers:
            data = dataclasses.replace(data, **provide(start, end))  # type: ignore[arg-type]
        return data

    def render(self, data: ReportData, fmt: str) -> bytes:
        """The report as bytes in ``fmt`` (md, html or pdf)."""
        if fmt not in FORMATS:
            raise InvalidInput(f"'{fmt}' is not a report format.", "Use md, html or pdf.")
        from cairn.reports import render

        return render.render(data, fmt)

    def write(self, data: ReportData, fmt: str, path: Path) -> int:
        """Write the report to ``path`` (whole or not at all, 0600); returns its size."""
        from cairn.files import write_atomic

        return write_atomic(path, self.render(data, fmt))
