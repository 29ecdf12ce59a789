"""Property tests: every plan, for random people and workloads, keeps every rule, and the
overcommitment report's arithmetic adds up."""

from __future__ import annotations

import dataclasses
import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cairn.core.planning.check import plan_problems
from cairn.core.planning.grid import Grid
from cairn.core.planning.model import (
    Boundary,
    BoundaryKind,
    Budget,
    Busy,
    DayPart,
    Habit,
    Overflow,
    Plan,
    Problem,
    RestPeriod,
    Session,
    SessionKind,
    Settings,
    Window,
    WindowKind,
    WorkItem,
)
from cairn.core.planning.planner import make_plan, to_plan, top_up

AREAS = ("career", "learning", "health", "passion")
START = dt.datetime(2026, 11, 25, 13, 10)  # a Wednesday afternoon, off the grid
FIRST = START.date()
# CP-SAT stops after a fixed amount of deterministic work rather than wall-clock time, so an
# example gives the same plan however loaded the machine is (and hypothesis can replay it);
# the wall-clock limit is only a backstop.
WORK, BACKSTOP = 0.3, 10.0


@st.composite
def windows(draw: st.DrawFn) -> tuple[Window, ...]:
    out = []
    for day in range(7):
        for kind in (WindowKind.FREE, WindowKind.FREE, WindowKind.WORK):
            if draw(st.booleans()):
                start = draw(st.integers(6, 20)) * 60
                out.append(Window(day, start, start + draw(st.integers(1, 6)) * 60, kind))
    return tuple(out)


@st.composite
def tasks(draw: st.DrawFn) -> tuple[WorkItem, ...]:
    out: list[WorkItem] = []
    for tid in range(1, draw(st.integers(0, 8)) + 1):
        earliest = draw(st.none() | st.integers(-2, 10).map(lambda d: FIRST + dt.timedelta(d)))
        due = draw(st.none() | st.integers(0, 16).map(lambda d: FIRST + dt.timedelta(d)))
        if earliest and due and due < earliest:
            earliest, due = due, earliest
        deps = tuple(draw(st.sets(st.integers(1, tid - 1), max_size=2))) if tid > 1 else ()
        out.append(WorkItem(tid, f"t{tid}", draw(st.sampled_from(AREAS)),
                            draw(st.sampled_from([0.5, 1, 1.5, 2, 3, 5])), earliest, due, deps,
                            draw(st.none() | st.integers(1, 3)), draw(st.sampled_from([2, 3, 4]))))
    return tuple(out)


@st.composite
def problems(draw: st.DrawFn) -> Problem:
    habits = tuple(
        Habit(i, f"h{i}", draw(st.sampled_from(AREAS)), draw(st.integers(1, 3)),
              low, max(low, draw(st.sampled_from([30, 45, 60, 90]))),
              draw(st.sampled_from(list(DayPart))))
        for i, low in enumerate(draw(st.lists(st.sampled_from([30, 60]), max_size=3)), 1))
    budgets = tuple(
        Budget(area, draw(st.sampled_from([0, 1, 3])), draw(st.none() | st.sampled_from([2, 4, 8])),
               draw(st.sampled_from(list(Overflow))))
        for area in draw(st.sets(st.sampled_from(AREAS), max_size=3)))
    boundaries = tuple(draw(st.lists(st.one_of(
        st.builds(Boundary, st.just(BoundaryKind.CUTOFF), st.sampled_from(AREAS),
                  after=st.integers(16, 22).map(lambda h: h * 60)),
        st.builds(Boundary, st.just(BoundaryKind.RESERVE), st.sampled_from(AREAS),
                  weekday=st.integers(0, 6)),
        st.builds(Boundary, st.just(BoundaryKind.MAX_HOURS), st.sampled_from(AREAS),
                  hours=st.sampled_from([3, 10, 45]))), max_size=3)))
    rest = tuple(RestPeriod(FIRST + dt.timedelta(d), FIRST + dt.timedelta(d + n))
                 for d, n in draw(st.lists(st.tuples(st.integers(0, 12), st.integers(0, 3)),
                                           max_size=1)))
    busy = tuple(Busy(START + dt.timedelta(minutes=m), START + dt.timedelta(minutes=m + n))
                 for m, n in draw(st.lists(st.tuples(st.integers(0, 20000), st.integers(15, 300)),
                                           max_size=4)))
    return Problem(START, draw(st.integers(1, 2)), draw(windows()), draw(tasks()), habits,
                   budgets, boundaries, rest, busy, AREAS,
                   settings=Settings(30, 30, draw(st.sampled_from([60, 120]))))


def _check(problem: Problem, use_solver: bool) -> None:
    plan = make_plan(problem, seconds=BACKSTOP, work=WORK, use_solver=use_solver, workers=1,
                     explain=False)
    grid = Grid(problem)
    assert plan_problems(grid, plan) == []
    assert all(s.start >= problem.start for s in plan.sessions)
    placed: dict[int, float] = {}
    for s in plan.sessions:
        if s.kind is SessionKind.TASK:
            placed[s.ref_id] = placed.get(s.ref_id, 0) + s.hours
    short = {int(s.ref): s for s in plan.shortfalls if s.kind == "task"}
    later = {int(s.ref): s for s in plan.later}
    last_day = grid.date(grid.days - 1)
    assert not set(short) & set(later)
    assert all(s.due is not None and s.due <= last_day for s in short.values())
    assert all(s.due is None or s.due > last_day for s in later.values())
    short |= later  # either way, what the plan did not place is said, never dropped
    for t in problem.tasks:
        wanted = grid.task_slots(t) * 0.5
        got = placed.get(t.id, 0.0)
        if t.id in short:
            s = short[t.id]
            assert (s.wanted_hours, s.placed_hours) == (wanted, got)
            assert s.missing_hours == wanted - got > 0
        else:
            assert got == wanted  # fully placed, so it meets its deadline (checked above)
    for s in plan.shortfalls:
        assert s.missing_hours == round(s.wanted_hours - s.placed_hours, 4) > 0


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_greedy_plans_keep_every_rule(problem: Problem) -> None:
    _check(problem, use_solver=False)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_solver_plans_keep_every_rule(problem: Problem) -> None:
    _check(problem, use_solver=True)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_trade_offs_recover_hours(problem: Problem) -> None:
    plan = make_plan(problem, use_solver=False)
    missing = {s.ref: s.missing_hours for s in plan.shortfalls if s.kind == "task"}
    for t in plan.trade_offs:
        # measured against the plan shown: never more than it misses, nor than its target does
        assert 0 < t.recovers_hours <= sum(missing.values())
        if t.target.startswith("task "):
            assert t.recovers_hours <= missing[t.target.split()[1]]
    assert [t.cost for t in plan.trade_offs] == sorted(t.cost for t in plan.trade_offs)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems(), st.booleans())
def test_replanning_an_accepted_plan_moves_nothing(problem: Problem, use_solver: bool) -> None:
    first = make_plan(problem, seconds=BACKSTOP, work=WORK, use_solver=use_solver, workers=1,
                      explain=False)
    again = dataclasses.replace(problem, accepted=first.sessions)
    second = make_plan(again, seconds=BACKSTOP, work=WORK, use_solver=False, workers=1,
                       explain=False)
    assert plan_problems(Grid(again), second) == []
    assert second.moved == 0
    assert second.sessions == first.sessions


def test_replanning_keeps_a_habit_session_accepted_shorter_than_its_maximum() -> None:
    # The example hypothesis found: a 90-minute habit that only fit as 60 minutes into a
    # one-hour window was dropped by re-planning (kept only if 90 minutes fit) and moved.
    problem = Problem(
        START, 1, (Window(3, 360, 420), Window(5, 360, 420), Window(6, 420, 780)),
        habits=(Habit(1, "h1", "career", 1, 30, 30, DayPart.AFTERNOON),
                Habit(2, "h2", "career", 2, 30, 90)),
        areas=AREAS, settings=Settings(30, 30, 60))
    saturday, sunday = dt.datetime(2026, 11, 28), dt.datetime(2026, 11, 29)
    accepted = (
        Session("habit:2:2026-11-23:1", SessionKind.HABIT, 2, "h2", "career",
                saturday.replace(hour=6), saturday.replace(hour=7)),
        Session("habit:2:2026-11-23:2", SessionKind.HABIT, 2, "h2", "career",
                sunday.replace(hour=7), sunday.replace(hour=8, minute=30)),
        Session("habit:1:2026-11-23:1", SessionKind.HABIT, 1, "h1", "career",
                sunday.replace(hour=12), sunday.replace(hour=12, minute=30)),
    )
    again = dataclasses.replace(problem, accepted=accepted)
    assert plan_problems(Grid(again), Plan(accepted, (), "accepted")) == []
    for use_solver in (False, True):
        plan = make_plan(again, seconds=2, use_solver=use_solver, workers=1, explain=False)
        assert plan_problems(Grid(again), plan) == []
        assert plan.moved == 0
        assert plan.sessions == accepted


def test_a_solver_plan_that_leaves_room_is_topped_up() -> None:
    # The second example hypothesis found: CP-SAT gives a habit session one fixed length (the
    # greedy hint's 90 minutes), so after a 2-hour task took Saturday 06-08 it left the habit
    # out, and re-planning then added it as 60 minutes at 08:00. A plan the solver stops early
    # on (FEASIBLE under CPU load) can leave such room too; `top_up` fills it.
    problem = Problem(
        START, 1, (Window(4, 360, 420), Window(5, 360, 540)),
        (WorkItem(1, "t1", "career", 2, weight=4), WorkItem(2, "t2", "career", 0.5, weight=2),
         WorkItem(3, "t3", "career", 0.5, weight=2)),
        (Habit(1, "h1", "career", 1, 30, 90),), areas=AREAS)
    grid = Grid(problem)
    friday, saturday = grid.slot(dt.datetime(2026, 11, 27, 6)), grid.slot(
        dt.datetime(2026, 11, 28, 6))
    solved = {"task:3:1": (friday, 1), "task:2:1": (friday + 1, 1), "task:1:1": (saturday, 4)}
    assert plan_problems(grid, to_plan(grid, solved, "cp-sat")) == []
    assert top_up(grid, solved) == {**solved, "habit:1:2026-11-23:1": (saturday + 4, 2)}
    for use_solver in (False, True):
        first = make_plan(problem, seconds=2, use_solver=use_solver, workers=1, explain=False)
        again = dataclasses.replace(problem, accepted=first.sessions)
        second = make_plan(again, seconds=2, use_solver=False, workers=1, explain=False)
        assert (second.moved, second.sessions) == (0, first.sessions)
    assert first.shortfalls == ()  # the solver's plan, topped up, holds all the work
