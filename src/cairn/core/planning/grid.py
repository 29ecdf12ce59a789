"""The time grid: slots of local time and which of them each life area may use.

Slot 0 starts at midnight of the plan's first day. A slot is usable by an area
when a free window covers it and no working hours, calendar commitment, rest
day, boundary of that area or reservation for another area takes it, and it is
not in the past. Runs of usable slots never cross midnight, so a session always
lies within one day and one week.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from cairn.core.planning.model import (
    Boundary,
    BoundaryKind,
    Habit,
    Overflow,
    Problem,
    WindowKind,
    WorkItem,
)

Run = tuple[int, int]  # [first slot, end slot)


@dataclass(frozen=True, slots=True)
class HabitSlot:
    """One wanted session of a habit in one week."""

    habit: Habit
    week: int
    index: int
    length: int
    min_length: int
    key: str


class Grid:
    """Slots of the plan's horizon and the rules that apply to them."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        self.step = problem.settings.slot_minutes
        self.per_day = 1440 // self.step
        self.first_day = problem.start.date()
        self.origin = dt.datetime.combine(self.first_day, dt.time())
        monday = self.first_day - dt.timedelta(days=self.first_day.weekday())
        self.monday = monday
        self.days = (monday + dt.timedelta(weeks=problem.weeks) - self.first_day).days
        self.size = self.days * self.per_day
        elapsed = (problem.start - self.origin).total_seconds() / 60
        self.first_slot = min(self.size, math.ceil(elapsed / self.step - 1e-9))
        self.rest_days = {
            d for d in range(self.days)
            if any(r.first <= self.date(d) <= r.last for r in problem.rest)
        }
        self.base = self._base()
        self.work_per_week = self._work_per_week()
        self.areas = tuple(dict.fromkeys(
            [*problem.areas, *(t.area for t in problem.tasks), *(h.area for h in problem.habits)]
        ))
        self.allowed = {area: self._allowed(area) for area in self.areas}
        self.runs = {area: _runs(mask, self.per_day) for area, mask in self.allowed.items()}
        self._own_runs: dict[str, list[Run]] = {}

    # -- conversions ------------------------------------------------------------------

    def date(self, day: int) -> dt.date:
        """The date of day index ``day``."""
        return self.first_day + dt.timedelta(days=day)

    def time(self, slot: int) -> dt.datetime:
        """The local datetime at which ``slot`` starts."""
        return self.origin + dt.timedelta(minutes=slot * self.step)

    def slot(self, when: dt.datetime, *, up: bool = False) -> int:
        """The slot containing ``when`` (or the next boundary with ``up``), clamped."""
        minutes = (when - self.origin).total_seconds() / 60
        value = math.ceil(minutes / self.step - 1e-9) if up else math.floor(minutes / self.step)
        return max(0, min(self.size, value))

    def day_slot(self, day: dt.date) -> int:
        """The first slot of a date, clamped to the horizon."""
        return self.slot(dt.datetime.combine(day, dt.time()))

    def week_of(self, slot: int) -> int:
        """Index of the Monday-based week that ``slot`` is in (0 is the current week)."""
        return (self.first_day.weekday() + slot // self.per_day) // 7

    def week_start(self, week: int) -> dt.date:
        """The Monday of week ``week``."""
        return self.monday + dt.timedelta(weeks=week)

    def week_slots(self, week: int) -> Run:
        """The slots of a week that lie inside the horizon."""
        first = (self.week_start(week) - self.first_day).days * self.per_day
        return max(0, first), min(self.size, first + 7 * self.per_day)

    def slots_of(self, minutes: float) -> int:
        """Minutes as a whole number of slots, at least one."""
        return max(1, round(minutes / self.step))

    # -- masks ----------------------------------------------------------------------------

    def _mark(self, mask: bytearray, weekday: int | None, start: int, end: int, value: int,
              *, skip_rest: bool = False) -> None:
        lo, hi = max(0, start // self.step), min(self.per_day, math.ceil(end / self.step))
        if hi <= lo:
            return
        for day in range(self.days):
            if weekday is not None and self.date(day).weekday() != weekday:
                continue
            if skip_rest and day in self.rest_days:
                continue
            base = day * self.per_day
            mask[base + lo: base + hi] = bytes([value]) * (hi - lo)

    def _base(self) -> bytearray:
        mask = bytearray(self.size)
        windows = self.problem.windows
        for w in windows:
            if w.kind is WindowKind.FREE:
                self._mark(mask, w.weekday, w.start, w.end, 1)
        for w in windows:
            if w.kind is WindowKind.WORK:
                self._mark(mask, w.weekday, w.start, w.end, 0)
        for busy in self.problem.busy:
            lo, hi = self.slot(busy.start), self.slot(busy.end, up=True)
            mask[lo:hi] = bytes(hi - lo)
        for day in self.rest_days:
            mask[day * self.per_day: (day + 1) * self.per_day] = bytes(self.per_day)
        mask[: self.first_slot] = bytes(self.first_slot)
        return mask

    def _work_per_week(self) -> list[int]:
        mask = bytearray(self.size)
        for w in self.problem.windows:
            if w.kind is WindowKind.WORK:
                self._mark(mask, w.weekday, w.start, w.end, 1, skip_rest=True)
        return [sum(mask[a:b]) for a, b in map(self.week_slots, range(self.problem.weeks))]

    def _allowed(self, area: str) -> bytearray:
        mask = bytearray(self.base)
        for b in self.problem.boundaries:
            if b.kind is BoundaryKind.CUTOFF and b.area == area:
                if b.after is not None:
                    self._mark(mask, None, b.after, 1440, 0)
                if b.before is not None:
                    self._mark(mask, None, 0, b.before, 0)
            elif b.kind is BoundaryKind.RESERVE and b.area != area:
                self._mark(mask, b.weekday, b.start, b.end, 0)
        return mask

    # -- limits ---------------------------------------------------------------------------

    def floor_slots(self, area: str, week: int) -> int:
        """An area's weekly floor in slots, prorated by the week's days in the plan and not
        resting: rest mode and days already gone never count against the person."""
        budget = next((b for b in self.problem.budgets if b.area == area), None)
        if budget is None or budget.floor <= 0:
            return 0
        first, last = self.week_slots(week)
        days = [d for d in range(first // self.per_day, last // self.per_day)
                if d not in self.rest_days]
        return int(budget.floor * 60 / self.step * len(days) / 7)

    def cap_slots(self, area: str) -> tuple[int | None, bool]:
        """An area's weekly cap in slots (None: no cap) and whether it is hard."""
        budget = next((b for b in self.problem.budgets if b.area == area), None)
        if budget is None or budget.cap is None:
            return None, True
        return int(budget.cap * 60 // self.step), budget.overflow is Overflow.DEFER

    def max_hours_slots(self, boundary: Boundary, week: int) -> int:
        """Slots a MAX_HOURS boundary leaves in a week; working hours count as career."""
        total = int((boundary.hours or 0) * 60 // self.step)
        if boundary.area == "career":
            total -= self.work_per_week[week]
        return max(0, total)

    def task_range(self, task: WorkItem) -> Run:
        """Slots a task's sessions must lie in: after its earliest start, before its due date."""
        lo = self.first_slot
        if task.earliest is not None:
            lo = max(lo, self.day_slot(task.earliest))
        hi = self.size
        if task.due is not None:
            hi = min(hi, self.day_slot(task.due + dt.timedelta(days=1)))
        return lo, hi

    def task_slots(self, task: WorkItem) -> int:
        """A task's work in slots, at least one."""
        return max(1, math.ceil(task.hours * 60 / self.step - 1e-9))

    def session_range(self, task: WorkItem) -> tuple[int, int]:
        """The shortest and longest session of a task in slots: the settings' range, the
        shortest no longer than the task itself, and shorter still when the task's work cannot
        be cut into sessions of the range (5 slots into sessions of exactly 2)."""
        total = self.task_slots(task)
        settings = self.problem.settings
        longest = max(1, settings.session_max // self.step)
        shortest = min(total, longest, max(1, settings.session_min // self.step))
        while shortest > 1 and not cuttable(total, shortest, longest):
            shortest -= 1
        return shortest, longest

    def habit_slots(self) -> list[HabitSlot]:
        """Every habit session the plan should hold, week by week."""
        out: list[HabitSlot] = []
        for habit in self.problem.habits:
            length, shortest = self.slots_of(habit.max_minutes), self.slots_of(habit.min_minutes)
            for week in range(self.problem.weeks):
                monday = self.week_start(week).isoformat()
                out.extend(
                    HabitSlot(habit, week, k, length, min(shortest, length),
                              f"habit:{habit.id}:{monday}:{k + 1}")
                    for k in range(habit.per_week)
                )
        return out

    def own_runs(self, area: str) -> list[Run]:
        """Runs of the slots that ``area`` may use and no other area with work to place may:
        time a boundary reserves for it. Spent on the area first, it leaves the rest for all."""
        if area not in self._own_runs:
            busy = {t.area for t in self.problem.tasks} | {h.area for h in self.problem.habits}
            others = 0  # masks are bytes of 0 or 1: as big integers, | and & work slot by slot
            for other in busy - {area}:
                others |= int.from_bytes(self.allowed[other], "big")
            mine = int.from_bytes(self.allowed.get(area, bytes(self.size)), "big")
            own = bytearray((mine & ~others).to_bytes(self.size, "big"))
            self._own_runs[area] = _runs(own, self.per_day)
        return self._own_runs[area]

    def starts(self, area: str, length: int, lo: int, hi: int, *, own: bool = False
               ) -> list[Run]:
        """Ranges of start slots [a, b] (inclusive) where ``length`` slots fit for ``area``
        between ``lo`` and ``hi`` (only in time reserved for the area, with ``own``)."""
        out = []
        for a, b in self.own_runs(area) if own else self.runs.get(area, ()):
            first, last = max(a, lo), min(b, hi) - length
            if first <= last:
                out.append((first, last))
        return out


def cuttable(total: int, shortest: int, longest: int) -> bool:
    """True when ``total`` slots can be cut into sessions of ``shortest`` to ``longest`` slots
    (some number of sessions k with k * shortest <= total <= k * longest)."""
    return -(-total // longest) <= total // shortest


def _runs(mask: bytearray, per_day: int) -> list[Run]:
    runs: list[Run] = []
    start = None
    for i, v in enumerate(mask):
        if v and start is not None and i % per_day == 0:
            runs.append((start, i))
            start = i
        elif v and start is None:
            start = i
        elif not v and start is not None:
            runs.append((start, i))
            start = None
    if start is not None:
        runs.append((start, len(mask)))
    return runs
