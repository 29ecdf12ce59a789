"""What a person allows the planner: settings, availability, rest, boundaries, budgets, habits."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from cairn.core.actions import Action, Example
from cairn.core.errors import InvalidInput, NotFound
from cairn.core.parse import parse_choice, parse_days, parse_span
from cairn.core.planning.model import (
    Boundary,
    BoundaryKind,
    Budget,
    DayPart,
    Habit,
    Overflow,
    RestPeriod,
    Window,
    WindowKind,
)
from cairn.core.rules import check_title
from cairn.services.profile import ProfileService
from cairn.services.scope import Scope, writes
from cairn.store import people, track
from cairn.store import planning as store
from cairn.store.planning_tables import AvailabilityWindowRow, BoundaryRow, HabitRow, RestPeriodRow

MAX_WEEK_HOURS = 7 * 24
DEFAULT_SETTINGS = store.PlanSettings(slot_minutes=30, session_min=30, session_max=120)


class PlanningRules:
    """CRUD for the rules the planner follows."""

    def __init__(self, scope: Scope, profile: ProfileService) -> None:
        self.scope = scope
        self.profile = profile

    # -- settings ----------------------------------------------------------------------

    def settings(self) -> store.PlanSettings:
        """The stored settings, or the defaults until the person changes them."""
        with self.scope.read() as s:
            return store.get_settings(s) or DEFAULT_SETTINGS

    @writes
    def configure(self, *, timezone: str | None = None, session_min: int | None = None,
                  session_max: int | None = None) -> store.PlanSettings:
        """Change the person's time zone or the shortest and longest task session (minutes);
        everything is checked before anything is stored."""
        zone = None
        if timezone is not None:
            try:
                zone = zoneinfo.ZoneInfo(timezone.strip())
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                raise InvalidInput(f"{timezone.strip()!r} is not a time zone.",
                                   "Use an IANA name such as Europe/Paris or America/New_York."
                                   ) from None
        old = self.settings()
        low = old.session_min if session_min is None else session_min
        high = old.session_max if session_max is None else session_max
        if not 0 < low <= high <= 8 * 60 or low % old.slot_minutes or high % old.slot_minutes:
            raise InvalidInput(
                f"Sessions of {low}-{high} minutes do not fit the {old.slot_minutes}-minute grid.",
                f"Use multiples of {old.slot_minutes} minutes, at most 480, minimum <= maximum.")
        new = store.PlanSettings(old.slot_minutes, low, high)
        with self.scope.write() as s:
            if new != old:
                store.save_settings(s, new)
            if zone is not None:
                people.set_timezone(s, self.scope.person_id, zone.key)
        if zone is not None:
            self.scope.zone = zone
        return new

    # -- availability ------------------------------------------------------------------

    @writes
    def add_windows(self, days: str, span: str, kind: WindowKind = WindowKind.FREE
                    ) -> list[Window]:
        """Add the same window on several weekdays."""
        start, end = parse_span(span)
        with self.scope.write() as s:
            return store.add_windows(s, [Window(d, start, end, kind) for d in parse_days(days)])

    def windows(self) -> list[Window]:
        """Every weekly window."""
        with self.scope.read() as s:
            return store.list_windows(s)

    def remove_window(self, window_id: int) -> None:
        """Delete a window."""
        self._delete(AvailabilityWindowRow, window_id, "window",
                     Action.to("availability.list"))

    @writes
    def add_rest(self, first: dt.date, last: dt.date, note: str = "") -> RestPeriod:
        """Put days in rest mode."""
        if last < first:
            raise InvalidInput(f"The rest period ends ({last}) before it starts ({first}).",
                               "Give the first day, then the last day.")
        with self.scope.write() as s:
            return store.add_rest(s, RestPeriod(first, last, note.strip()))

    def rest_periods(self) -> list[RestPeriod]:
        """Every rest period."""
        with self.scope.read() as s:
            return store.list_rest(s)

    def remove_rest(self, rest_id: int) -> None:
        """End rest mode for a period."""
        self._delete(RestPeriodRow, rest_id, "rest period", Action.to("availability.list"))

    # -- boundaries --------------------------------------------------------------------

    @writes
    def add_boundary(self, kind: BoundaryKind, area: str, **fields: object) -> Boundary:
        """Add a boundary for one area (fields as in :class:`Boundary`)."""
        a = self.profile.resolve_area(area)
        hours = fields.get("hours")
        if kind is BoundaryKind.MAX_HOURS and not (
                isinstance(hours, int | float) and 0 <= hours <= MAX_WEEK_HOURS):
            raise InvalidInput("A max-hours boundary needs hours between 0 and 168.",
                               "For example: {action}.",
                               Action.to("boundary.max-hours", hours=Example("45"),
                                         area=Example("career")))
        boundary = Boundary(kind, a.key, **fields)  # type: ignore[arg-type]
        with self.scope.write() as s:
            return store.add_boundary(s, boundary, a.id)

    def boundaries(self) -> list[Boundary]:
        """Every boundary."""
        with self.scope.read() as s:
            return store.list_boundaries(s)

    def remove_boundary(self, boundary_id: int) -> None:
        """Delete a boundary."""
        self._delete(BoundaryRow, boundary_id, "boundary", Action.to("boundary.list"))

    # -- budgets -------------------------------------------------------------------------

    @writes
    def set_budget(self, area: str, floor: float = 0.0, cap: float | None = None,
                   overflow: str = "defer") -> Budget:
        """Set an area's weekly floor and cap, and what happens to overflow."""
        a = self.profile.resolve_area(area)
        if not 0 <= floor <= MAX_WEEK_HOURS or (cap is not None and not floor <= cap
                                                <= MAX_WEEK_HOURS):
            raise InvalidInput(f"A floor of {floor:g} h and a cap of {cap} h do not make sense.",
                               "Give 0 <= floor <= cap <= 168 hours a week.")
        mode = parse_choice(Overflow, overflow, "overflow rule")
        with self.scope.write() as s:
            store.set_budget(s, a.id, floor, cap, mode)
        return Budget(a.key, floor, cap, mode)

    def budgets(self) -> list[Budget]:
        """Every area budget."""
        with self.scope.read() as s:
            return store.list_budgets(s)

    @writes
    def remove_budget(self, area: str) -> None:
        """Remove an area's budget."""
        a = self.profile.resolve_area(area, include_archived=True)
        with self.scope.write() as s:
            if not store.delete_budget(s, a.id):
                raise NotFound(f"The area '{a.key}' has no budget.", "See {action}.",
                               Action.to("budget.list"))

    # -- habits --------------------------------------------------------------------------

    @writes
    def add_habit(self, title: str, area: str, per_week: int, minutes: int,
                  max_minutes: int | None = None, prefer: str = "any") -> Habit:
        """Add a habit: ``per_week`` sessions of ``minutes`` (up to ``max_minutes``)."""
        a = self.profile.resolve_area(area)
        longest = max_minutes or minutes
        if not 1 <= per_week <= 7 or not 0 < minutes <= longest <= 8 * 60:
            raise InvalidInput(f"{per_week} x {minutes}-{longest} min is not a habit Cairn plans.",
                               "Use 1-7 times a week of 1-480 minutes, minimum <= maximum.")
        habit = Habit(0, check_title(title), a.key, per_week, minutes, longest,
                      parse_choice(DayPart, prefer, "part of the day"))
        with self.scope.write() as s:
            return store.add_habit(s, habit, a.id)

    def habits(self) -> list[Habit]:
        """Every habit."""
        with self.scope.read() as s:
            return store.list_habits(s)

    @writes
    def remove_habit(self, habit_id: int) -> None:
        """Delete a habit; time logged for it stays logged, no longer as its sessions."""
        with self.scope.write() as s:
            track.detach_habit_sessions(s, habit_id)
        self._delete(HabitRow, habit_id, "habit", Action.to("habit.list"))

    @writes
    def _delete(self, table: type[object], row_id: int, what: str, listing: Action) -> None:
        with self.scope.write() as s:
            if not store.delete_row(s, table, row_id):
                raise NotFound(f"There is no {what} #{row_id}.", "See the ids with {action}.",
                               listing)
