"""Every rule a plan breaks, listed at once: the tests' oracle and the solver's guard."""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict

from cairn.core.planning.grid import Grid
from cairn.core.planning.model import BoundaryKind, Plan, Session, SessionKind, WorkItem


def plan_problems(grid: Grid, plan: Plan) -> list[str]:
    """Windows, boundaries, caps, dependencies, task windows, habit weeks, double bookings,
    and sessions numbered as re-planning keeps them."""
    problems: list[str] = []
    sessions = sorted(plan.sessions, key=lambda s: s.start)
    for a, b in itertools.pairwise(sessions):
        if b.start < a.end:
            problems.append(f"{a.key} and {b.key} overlap.")
    spans = {s.key: (grid.slot(s.start), grid.slot(s.end)) for s in sessions}
    for s in sessions:
        lo, hi = spans[s.key]
        mask = grid.allowed.get(s.area)
        if grid.time(lo) != s.start or grid.time(hi) != s.end or hi <= lo:
            problems.append(f"{s.key} is off the grid.")
        elif mask is None or mask.find(0, lo, hi) != -1:
            problems.append(f"{s.key} is outside the time allowed for {s.area}.")
        elif (hi - 1) // grid.per_day != lo // grid.per_day:
            problems.append(f"{s.key} crosses midnight.")
    problems += _task_rules(grid, sessions, spans)
    problems += _weekly_rules(grid, sessions, spans)
    problems += _habit_numbers(grid, sessions)
    return problems


def _task_rules(grid: Grid, sessions: list[Session], spans: dict[str, tuple[int, int]]
                ) -> list[str]:
    problems = []
    by_task: dict[int, list[Session]] = defaultdict(list)
    for s in sessions:
        if s.kind is SessionKind.TASK:
            by_task[s.ref_id].append(s)
    tasks = {t.id: t for t in grid.problem.tasks}
    for tid, ss in by_task.items():
        task = tasks.get(tid)
        if task is None:
            problems.append(f"Task {tid} is not open but has sessions.")
            continue
        problems += _task_sessions(grid, task, ss, spans)
        if task.earliest and min(s.start for s in ss).date() < task.earliest:
            problems.append(f"Task {tid} starts before its earliest start.")
        if task.due and max(s.end for s in ss) > dt.datetime.combine(
                task.due + dt.timedelta(days=1), dt.time()):
            problems.append(f"Task {tid} ends after its deadline.")
        for dep in task.depends_on:
            if dep not in tasks:
                continue
            before = by_task.get(dep, [])
            done = sum(spans[s.key][1] - spans[s.key][0] for s in before)
            if done < grid.task_slots(tasks[dep]):
                problems.append(f"Task {tid} is planned but task {dep}, which it needs, is not.")
            elif max(s.end for s in before) > min(s.start for s in ss):
                problems.append(f"Task {tid} starts before task {dep} ends.")
    return problems


def _task_sessions(grid: Grid, task: WorkItem, ss: list[Session],
                   spans: dict[str, tuple[int, int]]) -> list[str]:
    """A task's sessions: numbered in time order, each within the session range, together
    no more than the task's work."""
    problems = []
    lengths = [spans[s.key][1] - spans[s.key][0] for s in ss]
    if sum(lengths) > grid.task_slots(task):
        problems.append(f"Task {task.id} has more time than its estimate.")
    if not _in_order(ss, len(ss)):
        problems.append(f"Task {task.id} has sessions that are not its first ones, in order.")
    shortest, longest = grid.session_range(task)
    if any(not shortest <= n <= longest for n in lengths):
        problems.append(f"Task {task.id} has a session shorter or longer than sessions may be.")
    return problems


def _weekly_rules(grid: Grid, sessions: list[Session], spans: dict[str, tuple[int, int]]
                  ) -> list[str]:
    problems = []
    load: dict[tuple[str, int], int] = defaultdict(int)
    habit_days: dict[tuple[int, int], set[int]] = defaultdict(set)
    habits = {h.id: h for h in grid.problem.habits}
    for s in sessions:
        lo, hi = spans[s.key]
        week = grid.week_of(lo)
        load[s.area, week] += hi - lo
        if s.kind is SessionKind.HABIT:
            habit = habits[s.ref_id]
            if s.key.split(":")[2] != grid.week_start(week).isoformat():
                problems.append(f"{s.key} is not in its week.")
            if not grid.slots_of(habit.min_minutes) <= hi - lo <= grid.slots_of(
                    habit.max_minutes):
                problems.append(f"{s.key} is shorter or longer than the habit allows.")
            day = lo // grid.per_day
            if day in habit_days[s.ref_id, week]:
                problems.append(f"{s.key} repeats the habit on one day.")
            habit_days[s.ref_id, week].add(day)
    for (area, week), used in sorted(load.items()):
        cap, hard = grid.cap_slots(area)
        if cap is not None and hard and used > cap:
            problems.append(f"{area} has {used} slots in week {week}, over its cap of {cap}.")
        for b in grid.problem.boundaries:
            if b.kind is BoundaryKind.MAX_HOURS and b.area == area and (
                    used > grid.max_hours_slots(b, week)):
                problems.append(f"{area} breaks its max-hours boundary in week {week}.")
    return problems


def _habit_numbers(grid: Grid, sessions: list[Session]) -> list[str]:
    habits = {h.id: h for h in grid.problem.habits}
    by_week: dict[str, list[Session]] = defaultdict(list)
    for s in sessions:
        if s.kind is SessionKind.HABIT:
            by_week[s.key.rsplit(":", 1)[0]].append(s)
    return [f"{prefix} sessions are not numbered from 1 in time order, or more than the "
            "habit asks for." for prefix, ss in sorted(by_week.items())
            if not _in_order(ss, habits[ss[0].ref_id].per_week)]


def _in_order(ss: list[Session], most: int) -> bool:
    """True when ``ss`` (in time order) are sessions 1, 2, ... of their task or habit week,
    and no more than ``most``. Re-planning keeps accepted sessions by number, so sessions
    numbered out of time order or too many would not be kept as they are."""
    numbers = [int(s.key.rsplit(":", 1)[1]) for s in ss]
    return numbers == list(range(1, len(ss) + 1)) and len(ss) <= most
