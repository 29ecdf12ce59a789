"""Units of placement: the sessions that tasks and habits are cut into, and their limits.

The greedy planner and the solver place the same units, so that the greedy plan
is a valid hint for the solver and either can be checked by the same rules.
"""

from __future__ import annotations

from dataclasses import dataclass

from cairn.core.planning.grid import Grid, cuttable
from cairn.core.planning.model import BoundaryKind, DayPart, SessionKind, WorkItem

HABIT_WEIGHT = 6  # habits protect life outside work: worth more per hour than any task
# A task due inside the planned weeks is missed if it does not fit; one due later (or never)
# only waits. An hour of the first is worth a weight point more than its priority says.
DEADLINE_BONUS = 1
MAX_URGENCY = 366  # days: a deadline long past is as urgent as a year ago


@dataclass(frozen=True, slots=True)
class Unit:
    """One session to place: length in slots, allowed range, and what it belongs to."""

    key: str
    kind: SessionKind
    ref_id: int
    title: str
    area: str
    length: int
    min_length: int
    lo: int
    hi: int
    weight: int
    index: int = 0  # session number within its task, or within its habit's week
    week: int | None = None  # habits: the week the session belongs to
    prefer: DayPart = DayPart.ANY
    total: int = 0  # tasks: the slots of the whole task, which its sessions share
    # tasks due inside the planned weeks: days from the deadline to the plan's last day. Of
    # two plans that place work of the same worth, the one that keeps the earlier deadlines
    # is better: earliest-deadline-first, as the greedy planner does
    urgency: int = 0

    def value(self, scale: int, tie: int) -> int:
        """What a slot of this unit is worth: its weight times ``scale``, and ``tie`` per day
        of urgency, which only decides between work of equal weight."""
        return self.weight * scale + self.urgency * tie


def task_units(grid: Grid, tasks: tuple[WorkItem, ...]) -> dict[int, list[Unit]]:
    """task id -> the sessions it may have, in order. Each lasts from the shortest to the
    longest session length; a plan uses the first few, together no longer than the task.
    There are as many as the task could ever use: each at least the shortest length, within
    the task's work and the time its area has between its earliest start and its deadline."""
    out: dict[int, list[Unit]] = {}
    for task in tasks:
        lo, hi = grid.task_range(task)
        total = grid.task_slots(task)
        shortest, longest = grid.session_range(task)
        room = grid.allowed[task.area].count(1, lo, hi) if hi > lo else 0
        last = grid.date(grid.days - 1)
        urgency = (last - task.due).days if task.due is not None and task.due <= last else 0
        weight = task.weight + (DEADLINE_BONUS if task.due is not None and task.due <= last
                                else 0)
        out[task.id] = [
            Unit(f"task:{task.id}:{k + 1}", SessionKind.TASK, task.id, task.title, task.area,
                 min(longest, total - k * shortest), shortest, lo, hi, weight, k, total=total,
                 urgency=min(urgency, MAX_URGENCY))
            for k in range(max(1, min(total, room) // shortest))
        ]
    return out


def task_lengths(left: int, shortest: int, longest: int) -> list[int]:
    """Lengths the next session of a task may have, shortest first, when ``left`` slots of it
    are still to place: within the range, and leaving work that sessions of the range can
    still take (or none)."""
    return [n for n in range(min(shortest, left), min(longest, left) + 1)
            if n == left or (left - n >= shortest and cuttable(left - n, shortest, longest))]


def habit_units(grid: Grid) -> list[Unit]:
    """Every habit session, week by week, limited to its week and the plan's future."""
    out = []
    for hs in grid.habit_slots():
        lo, hi = grid.week_slots(hs.week)
        out.append(Unit(hs.key, SessionKind.HABIT, hs.habit.id, hs.habit.title, hs.habit.area,
                        hs.length, hs.min_length, max(lo, grid.first_slot), hi, HABIT_WEIGHT,
                        hs.index, hs.week, hs.habit.prefer))
    return out


class Limits:
    """Weekly caps and max-hours boundaries, with the slots used so far."""

    def __init__(self, grid: Grid) -> None:
        self.grid = grid
        self.used: dict[tuple[str, int], int] = {}
        self.caps: dict[str, int] = {}
        for area in grid.areas:
            cap, hard = grid.cap_slots(area)
            if cap is not None and hard:
                self.caps[area] = cap
        self.max_hours = [b for b in grid.problem.boundaries
                          if b.kind is BoundaryKind.MAX_HOURS]
        self.boundary_used: dict[tuple[int, int], int] = {}

    def fits(self, area: str, week: int, length: int) -> bool:
        """True when ``length`` more slots of ``area`` in ``week`` break no cap or boundary."""
        cap = self.caps.get(area)
        if cap is not None and self.used.get((area, week), 0) + length > cap:
            return False
        for i, b in enumerate(self.max_hours):
            if b.area == area and (self.boundary_used.get((i, week), 0) + length
                                   > self.grid.max_hours_slots(b, week)):
                return False
        return True

    def add(self, area: str, week: int, length: int) -> None:
        """Count ``length`` slots of ``area`` in ``week``."""
        self.used[area, week] = self.used.get((area, week), 0) + length
        for i, b in enumerate(self.max_hours):
            if b.area == area:
                self.boundary_used[i, week] = self.boundary_used.get((i, week), 0) + length


class Board:
    """The slots taken so far and a search for the earliest place that fits."""

    def __init__(self, grid: Grid) -> None:
        self.grid = grid
        self.taken = bytearray(grid.size)
        self.reserved = bytearray(grid.size)
        self.limits = Limits(grid)

    def free(self, area: str, start: int, length: int) -> bool:
        """True when the unit could go exactly at ``start``."""
        g = self.grid
        end = start + length
        if start < 0 or end > g.size or (end - 1) // g.per_day != start // g.per_day:
            return False
        if g.allowed[area].find(0, start, end) != -1 or self.taken.find(1, start, end) != -1:
            return False
        return self.limits.fits(area, g.week_of(start), length)

    def reserve(self, start: int, length: int, value: int = 1) -> None:
        """Mark (or with 0 unmark) time an accepted session still hopes to keep."""
        self.reserved[start: start + length] = bytes([value]) * length

    def earliest(self, area: str, length: int, lo: int, hi: int, *, own: bool = False
                 ) -> int | None:
        """The first start in [lo, hi - length] where the unit fits, around reserved time if
        at all possible (only in time reserved for the area, with ``own``)."""
        found = self._search(area, length, lo, hi, polite=True, own=own)
        return found if found is not None else self._search(area, length, lo, hi,
                                                            polite=False, own=own)

    def fit(self, area: str, lengths: list[int], lo: int, hi: int) -> tuple[int, int] | None:
        """The earliest start in [lo, hi) where a session of one of ``lengths`` (shortest
        first) fits, and the longest of them that fits there; around reserved time if at all
        possible. Earliest first, as preemptive earliest-deadline-first scheduling does, is
        what meets the most deadlines; the longest there keeps sessions few."""
        for polite in (True, False):
            start = self._search(area, lengths[0], lo, hi, polite=polite, own=False)
            if start is None:
                continue
            for n in reversed(lengths[1:]):
                if start + n <= hi and self.free(area, start, n) and not (
                        polite and self.reserved.find(1, start, start + n) != -1):
                    return start, n
            return start, lengths[0]
        return None

    def _search(self, area: str, length: int, lo: int, hi: int, *, polite: bool, own: bool
                ) -> int | None:
        for a, b in self.grid.starts(area, length, lo, hi, own=own):
            s = a
            while s <= b:
                clash = self.taken.find(1, s, s + length)
                if clash == -1 and polite:
                    clash = self.reserved.find(1, s, s + length)
                if clash != -1:
                    s = clash + 1
                    continue
                week = self.grid.week_of(s)
                if self.limits.fits(area, week, length):
                    return s
                s = max(s + 1, self.grid.week_slots(week + 1)[0])  # this week is full
        return None

    def take(self, area: str, start: int, length: int) -> None:
        """Mark the slots as used."""
        self.taken[start: start + length] = b"\x01" * length
        self.limits.add(area, self.grid.week_of(start), length)
