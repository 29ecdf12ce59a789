"""Planning use cases: build the problem, plan, accept, export, and import calendars."""

from __future__ import annotations

import dataclasses
import datetime as dt
import zoneinfo
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from cairn.core.actions import Action, Example
from cairn.core.errors import InvalidInput, NotFound, NotReady
from cairn.core.model import GoalStatus, Priority, TaskStatus
from cairn.core.planning.model import (
    DEFAULT_TASK_AREA,
    AreaWeek,
    Busy,
    Plan,
    Problem,
    RestPeriod,
    Session,
    Settings,
    WorkItem,
)
from cairn.core.rules import check_range
from cairn.services.busy_times import import_window, local_busy
from cairn.services.goals import GoalService
from cairn.services.planning_rules import PlanningRules
from cairn.services.profile import ProfileService
from cairn.services.scope import Scope, reads, writes
from cairn.services.tasks import TaskService
from cairn.store import busy as busy_store
from cairn.store import planning as store
from cairn.store import track as track_store
from cairn.store.busy import BusyTime

if TYPE_CHECKING:
    from cairn.calendars.ics_export import Reminder

MAX_WEEKS = 52
MAX_SECONDS = 600.0  # the optimiser's time: ten minutes is more than a plan needs
WEIGHTS = {Priority.HIGH: 4, Priority.MEDIUM: 3, Priority.LOW: 2}
DRAFT, ACCEPTED = "draft", "accepted"
ReminderSource = Callable[[], Iterable["Reminder"]]  # a feature's reminders for the calendar


@dataclasses.dataclass(frozen=True, slots=True)
class PlanResult:
    """A plan with what is needed to show it: its problem, budgets and time zone."""

    plan: Plan
    problem: Problem
    areas: tuple[AreaWeek, ...]
    timezone: str


@dataclasses.dataclass(frozen=True, slots=True)
class CalendarImport:
    """What an import did: the calendar's name, its busy times before and after, how many
    occurrences of Cairn's own events (an exported plan) it left out, and every other
    event left out (uid, summary, reason)."""

    name: str
    before: int
    after: int
    own: int = 0
    left_out: tuple[tuple[str, str, str], ...] = ()


class PlanningService:
    """Availability, boundaries, budgets and habits (``rules``), plans and calendars."""

    def __init__(self, scope: Scope, profile: ProfileService, goals: GoalService,
                 tasks: TaskService, reminder_sources: Sequence[ReminderSource] = ()) -> None:
        """``reminder_sources`` are other features' reminders (reviews, follow-ups), which
        an exported plan carries next to its sessions."""
        self.scope = scope
        self.profile = profile
        self.goals = goals
        self.tasks = tasks
        self.rules = PlanningRules(scope, profile)
        self.reminder_sources: tuple[ReminderSource, ...] = tuple(reminder_sources)

    def reminders(self) -> list[Reminder]:
        """Every reminder the other features give for the calendar, now."""
        return [r for source in self.reminder_sources for r in source()]

    def zone(self) -> zoneinfo.ZoneInfo:
        """The person's time zone."""
        return self.scope.zone

    def today(self) -> dt.date:
        """Today's date where the person is."""
        return self.scope.today()

    def _local(self, when: dt.datetime, zone: zoneinfo.ZoneInfo) -> dt.datetime:
        return when.replace(tzinfo=dt.UTC).astimezone(zone).replace(tzinfo=None)

    def _utc(self, when: dt.datetime, zone: zoneinfo.ZoneInfo) -> dt.datetime:
        return when.replace(tzinfo=zone).astimezone(dt.UTC).replace(tzinfo=None)

    @reads
    def work_items(self) -> list[WorkItem]:
        """Open tasks as the planner sees them. A task takes its goal's area; a task with
        no goal counts as career work. Tasks of paused, done or dropped goals wait. A task
        with no deadline of its own is due when its milestone is, else when its goal is."""
        areas = {a.id: a.key for a in self.profile.areas(include_archived=True)}
        goals = {g.id: g for g in self.goals.find()}
        milestones = {m.id: m for m in self.goals.milestones()}
        items = []
        for t in self.tasks.find((TaskStatus.OPEN,)):
            milestone = milestones.get(t.milestone_id) if t.milestone_id is not None else None
            goal_id = t.goal_id if t.goal_id is not None else (
                milestone.goal_id if milestone is not None else None)
            goal = goals.get(goal_id) if goal_id is not None else None
            if goal is not None and goal.status is not GoalStatus.ACTIVE:
                continue
            area = areas[goal.area_id] if goal is not None else DEFAULT_TASK_AREA
            weight = WEIGHTS[goal.priority] if goal is not None else WEIGHTS[Priority.MEDIUM]
            due = t.due or (milestone.due if milestone is not None else None) or (
                goal.deadline if goal is not None else None)
            items.append(WorkItem(t.id, t.title, area, t.estimate_hours, t.earliest_start,
                                  due, t.depends_on, goal_id, weight))
        return _ready(items, {t.id for t in self.tasks.find((TaskStatus.OPEN,))})

    @reads
    def problem(self, weeks: int = 2) -> Problem:
        """Everything the planner needs, in the person's local time."""
        if not 1 <= weeks <= MAX_WEEKS:
            raise InvalidInput(f"{weeks} weeks is outside 1-{MAX_WEEKS}.",
                               "Plan between 1 and 52 weeks ahead.")
        settings = self.rules.settings()
        zone = self.zone()
        start = self._local(self.scope.now(), zone).replace(second=0, microsecond=0)
        horizon_end = start.date() + dt.timedelta(weeks=weeks + 1)
        with self.scope.read() as s:
            windows, rest = store.list_windows(s), store.list_rest(s)
            # rest mode (`cairn rest start`) pauses plans too: one concept, one command family
            rest += [RestPeriod(r.start, r.end or horizon_end, r.reason)
                     for r in track_store.list_rests(s) if (r.end or horizon_end) >= r.start]
            boundaries, budgets = store.list_boundaries(s), store.list_budgets(s)
            habits = store.list_habits(s)
            rows = busy_store.busy_times(s, self.scope.now() - dt.timedelta(days=2),
                                         self.scope.now() + dt.timedelta(weeks=weeks + 1,
                                                                         days=1))
            accepted = store.list_sessions(s, ACCEPTED)
        busy = local_busy(rows, zone, start - dt.timedelta(days=1),
                          start + dt.timedelta(weeks=weeks + 1))
        if not any(w.kind.value == "free" for w in windows):
            raise NotReady("There is no free time to plan in.",
                           "Add some with {action}.",
                           Action.to("availability.add", days=Example("mon-fri"),
                                     span=Example("18:00-21:00")))
        return Problem(
            start=start, weeks=weeks, windows=tuple(windows),
            tasks=tuple(self.work_items()), habits=tuple(habits), budgets=tuple(budgets),
            boundaries=tuple(boundaries), rest=tuple(rest),
            busy=tuple(b for _, b in busy),
            areas=tuple(a.key for a in self.profile.areas()),
            accepted=tuple(dataclasses.replace(x, start=self._local(x.start, zone),
                                               end=self._local(x.end, zone)) for x in accepted),
            settings=Settings(settings.slot_minutes, settings.session_min, settings.session_max),
        )

    def plan(self, weeks: int = 2, *, seconds: float = 2.0, use_solver: bool = True
             ) -> PlanResult:
        """Plan the coming weeks and keep the result as the draft that `accept` takes."""
        from cairn.core.planning.grid import Grid
        from cairn.core.planning.overcommit import area_weeks, missing_by_week
        from cairn.core.planning.planner import make_plan

        check_range(seconds, "The time the optimiser may take (--seconds)", 0, MAX_SECONDS)
        problem = self.problem(weeks)
        plan = make_plan(problem, seconds=seconds, use_solver=use_solver)
        zone = self.zone()
        grid = Grid(problem)
        with self.scope.write() as s:
            store.replace_sessions(s, DRAFT, [
                dataclasses.replace(x, start=self._utc(x.start, zone), end=self._utc(x.end, zone))
                for x in plan.sessions])
            store.replace_weeks(s, DRAFT, missing_by_week(plan.shortfalls, grid.monday, weeks))
        placement = {x.key: (grid.slot(x.start), grid.slot(x.end) - grid.slot(x.start))
                     for x in plan.sessions}
        return PlanResult(plan, problem, tuple(area_weeks(grid, placement)), zone.key)

    @writes
    def accept(self) -> int:
        """Make the draft the current plan; returns how many sessions it holds."""
        with self.scope.write() as s:
            draft = store.list_sessions(s, DRAFT)
            if not draft:
                raise NotReady("There is no new plan to accept.", "Run {action} first.",
                               Action.to("plan"))
            store.replace_sessions(s, ACCEPTED, draft)
            store.replace_sessions(s, DRAFT, [])
            store.replace_weeks(s, ACCEPTED, store.list_weeks(s, DRAFT))
            store.replace_weeks(s, DRAFT, {})
        return len(draft)

    @reads
    def accepted(self) -> list[Session]:
        """The accepted plan, in local time."""
        zone = self.zone()
        with self.scope.read() as s:
            sessions = store.list_sessions(s, ACCEPTED)
        return [dataclasses.replace(x, start=self._local(x.start, zone),
                                    end=self._local(x.end, zone)) for x in sessions]

    def calendar_bytes(self) -> tuple[bytes, int]:
        """The accepted plan (or the draft, if nothing is accepted) and reminders as an .ics
        file's bytes, and the number of events."""
        from cairn.calendars.ics_export import write_plan

        sessions = self.accepted()
        if not sessions:
            zone = self.zone()
            with self.scope.read() as s:
                sessions = [dataclasses.replace(x, start=self._local(x.start, zone),
                                                end=self._local(x.end, zone))
                            for x in store.list_sessions(s, DRAFT)]
        if not sessions:
            raise NotReady("There is no plan to export.", "Run {action} (and accept it).",
                           Action.to("plan"))
        reminders = self.reminders()
        return (write_plan(sessions, reminders, self.zone(), self.scope.now()),
                len(sessions) + len(reminders))

    # -- calendars ------------------------------------------------------------------------

    @writes
    def import_calendar(self, data: bytes, name: str | None = None, source: str = ""
                        ) -> CalendarImport:
        """Read busy times from an .ics file's bytes; re-importing a calendar of the same
        name replaces its busy times. Cairn's own events (an exported plan) are left out and
        counted; events beyond the bounds of :mod:`cairn.calendars.bounds` are left out and
        listed. ``source`` says where the file came from (its path), for `calendar list`."""
        from cairn.calendars.ics_import import calendar_name, read_busy

        fallback = source.rsplit("/", 1)[-1].removesuffix(".ics") if source else "calendar"
        label = (name or calendar_name(data) or fallback).strip()
        zone = self.zone()
        found = read_busy(data, zone, *import_window(self.scope.now(), zone))
        with self.scope.write() as s:
            before, after = store.replace_calendar(
                s, label, source, self.scope.now(),
                [(e.uid, e.busy, e.all_day) for e in found.events])
        return CalendarImport(label, before, after, found.own,
                              tuple((x.uid, x.summary, x.reason) for x in found.left_out))

    @reads
    def busy(self, first: dt.date, last: dt.date) -> list[tuple[BusyTime, Busy]]:
        """Imported busy times on the days ``first`` to ``last`` (local), in time order, each
        with its local times (an all-day one from midnight to midnight)."""
        start = dt.datetime.combine(first, dt.time())
        end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time())
        with self.scope.read() as s:  # a day either side: rows are UTC, or dates in no zone
            rows = busy_store.busy_times(s, start - dt.timedelta(days=1),
                                         end + dt.timedelta(days=1))
        found = local_busy(rows, self.zone(), start, end)
        return sorted(found, key=lambda rb: (rb[1].start, not rb[0].all_day, rb[1].end))

    def calendars(self) -> list[store.CalendarInfo]:
        """Imported calendars."""
        with self.scope.read() as s:
            return store.list_calendars(s)

    @writes
    def remove_calendar(self, name: str) -> None:
        """Forget an imported calendar."""
        with self.scope.write() as s:
            if not store.delete_calendar(s, name):
                raise NotFound(f"No calendar named {name!r}.", "See {action}.",
                               Action.to("calendar.list"))


def _ready(items: list[WorkItem], open_ids: set[int]) -> list[WorkItem]:
    """Leave out tasks that wait for an open task which is not planned (its goal is paused),
    and the tasks that wait for those in turn."""
    planned = {t.id for t in items}
    while True:
        blocked = {t.id for t in items
                   if any(d in open_ids and d not in planned for d in t.depends_on)}
        if not blocked:
            return items
        items = [t for t in items if t.id not in blocked]
        planned -= blocked
