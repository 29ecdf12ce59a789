"""The pure planner: the grid's rules, greedy and CP-SAT plans, overcommitment and trade-offs."""

from __future__ import annotations

import datetime as dt

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
    Shortfall,
    Window,
    WindowKind,
    WorkItem,
)
from cairn.core.planning.overcommit import missing_by_week
from cairn.core.planning.planner import make_plan

MONDAY = dt.datetime(2026, 11, 23, 10, 0)
EVENINGS = tuple(Window(d, 18 * 60, 21 * 60) for d in range(5))
WEEKENDS = tuple(Window(d, 9 * 60, 13 * 60) for d in (5, 6))
WORK = tuple(Window(d, 9 * 60, 17 * 60, WindowKind.WORK) for d in range(5))


def problem(**changes: object) -> Problem:
    base: dict[str, object] = {"start": MONDAY, "weeks": 1, "windows": EVENINGS + WEEKENDS,
                               "areas": ("career", "learning", "health", "relationships")}
    base.update(changes)
    return Problem(**base)  # type: ignore[arg-type]


def task(tid: int, hours: float, area: str = "career", **kw: object) -> WorkItem:
    return WorkItem(tid, f"task {tid}", area, hours, **kw)  # type: ignore[arg-type]


def slots_free(grid: Grid, area: str, day: int) -> list[str]:
    mask = grid.allowed[area][day * grid.per_day: (day + 1) * grid.per_day]
    return [grid.time(day * grid.per_day + i).strftime("%H:%M") for i, v in enumerate(mask) if v]


def test_grid_applies_past_work_busy_rest_cutoff_and_reserve():
    p = problem(
        windows=(*EVENINGS, *WEEKENDS, Window(0, 8 * 60, 18 * 60), *WORK),
        busy=(Busy(dt.datetime(2026, 11, 24, 19), dt.datetime(2026, 11, 24, 20, 15)),),
        rest=(RestPeriod(dt.date(2026, 11, 26), dt.date(2026, 11, 26)),),
        boundaries=(Boundary(BoundaryKind.CUTOFF, "career", after=20 * 60),
                    Boundary(BoundaryKind.RESERVE, "relationships", weekday=6)))
    g = Grid(p)
    # Monday: before 10:00 is past, 09-17 is work, so 17:00-21:00 is left
    assert slots_free(g, "learning", 0)[0] == "17:00"
    assert slots_free(g, "career", 0)[-1] == "19:30"  # nothing from 20:00
    assert "19:00" not in slots_free(g, "learning", 1)
    assert "20:00" not in slots_free(g, "learning", 1)  # busy until 20:15 blocks the slot
    assert slots_free(g, "learning", 3) == []  # rest day
    assert slots_free(g, "learning", 6) == []  # Sunday is for relationships
    assert slots_free(g, "relationships", 6)[0] == "09:00"


def test_tasks_have_sessions_of_any_length_between_min_and_max():
    from cairn.core.planning.units import task_units

    g = Grid(problem(settings=Settings(30, 30, 120)))
    assert [g.session_range(task(1, h)) for h in (5, 0.2, 2)] == [(1, 4), (1, 4), (1, 4)]
    # five slots cannot be cut into sessions of exactly an hour: half an hour is allowed then
    assert Grid(problem(settings=Settings(30, 60, 60))).session_range(task(1, 2.5)) == (1, 2)
    assert Grid(problem(settings=Settings(30, 60, 120))).session_range(task(1, 2.5)) == (2, 4)
    assert Grid(problem(settings=Settings(30, 60, 120))).session_range(task(1, 0.5)) == (1, 4)
    # a 5-hour task may use up to ten half-hour sessions; each later one can be shorter
    units = task_units(g, (task(1, 5),))[1]
    assert [(u.min_length, u.length) for u in units] == [(1, 4)] * 7 + [(1, 3), (1, 2), (1, 1)]
    # no more sessions than the time its area has: two evenings of 3 hours before Tuesday
    due = task_units(g, (task(2, 20, due=dt.date(2026, 11, 24)),))[2]
    assert len(due) == 2 * 6


def test_a_task_fits_into_windows_shorter_than_its_longest_session():
    # Evenings of an hour and a half, sessions of up to two hours: a 2-hour task cut into
    # one 2-hour session never fitted; it takes 1.5 h on Monday and the rest on Tuesday.
    windows = tuple(Window(d, 17 * 60 + 30, 19 * 60) for d in range(5))
    p = problem(windows=windows, tasks=(task(1, 2, due=dt.date(2026, 11, 24)),),
                settings=Settings(30, 30, 120))
    for use_solver in (False, True):
        plan = make_plan(p, seconds=5, workers=1, work=1, use_solver=use_solver)
        assert plan_problems(Grid(p), plan) == []
        assert plan.shortfalls == ()
        assert [(s.start, s.hours) for s in plan.sessions] == [
            (dt.datetime(2026, 11, 23, 17, 30), 1.5), (dt.datetime(2026, 11, 24, 17, 30), 0.5)]


def test_plan_respects_dependencies_deadlines_and_earliest_start():
    tasks = (task(1, 2, due=dt.date(2026, 11, 25)), task(2, 2, depends_on=(1,)),
             task(3, 1, earliest=dt.date(2026, 11, 27)))
    p = problem(tasks=tasks)
    for use_solver in (False, True):
        plan = make_plan(p, seconds=1, use_solver=use_solver, workers=1)
        assert plan_problems(Grid(p), plan) == []
        assert not plan.shortfalls
        by_task = {s.ref_id: s for s in plan.sessions}
        assert by_task[1].end <= by_task[2].start
        assert by_task[1].end <= dt.datetime(2026, 11, 26)
        assert by_task[3].start.date() >= dt.date(2026, 11, 27)


def test_greedy_places_work_that_others_wait_for_by_their_deadline():
    # Task 1 has no deadline but task 2, due Tuesday, waits on it. Ranked by its own deadline,
    # task 1 went after task 3 (due Wednesday) and task 2 missed Tuesday.
    hour = tuple(Window(d, 18 * 60, 19 * 60) for d in range(3))
    p = problem(windows=hour, tasks=(task(1, 1), task(2, 1, due=dt.date(2026, 11, 24),
                                                      depends_on=(1,)),
                                     task(3, 1, due=dt.date(2026, 11, 25))))
    plan = make_plan(p, use_solver=False, explain=False)
    assert plan_problems(Grid(p), plan) == []
    assert plan.shortfalls == ()
    assert [(s.ref_id, s.start.day) for s in plan.sessions] == [(1, 23), (2, 24), (3, 25)]


def test_a_habit_takes_time_reserved_for_its_area_before_time_others_could_use():
    # Sunday morning is for relationships only: the call goes there, not on Monday evening
    # (its evenly spread day), which other work can use.
    p = problem(boundaries=(Boundary(BoundaryKind.RESERVE, "relationships", weekday=6,
                                     start=9 * 60, end=13 * 60),),
                habits=(Habit(1, "call", "relationships", 1, 60, 60),),
                tasks=(task(1, 1, "learning"),))
    plan = make_plan(p, use_solver=False, explain=False)
    assert plan_problems(Grid(p), plan) == []
    assert [(s.key, s.start) for s in plan.sessions] == [
        ("task:1:1", dt.datetime(2026, 11, 23, 18)),
        ("habit:1:2026-11-23:1", dt.datetime(2026, 11, 29, 9))]


def test_solver_starts_from_the_most_valuable_tasks_when_not_all_fit():
    # Two hours of room, three one-hour tasks. Earliest-deadline-first places the two
    # low-priority tasks due Tuesday and drops the high-priority one without a deadline; the
    # selection model chooses the high-priority task and one of the others.
    from cairn.core.planning.greedy import place_greedy
    from cairn.core.planning.selection import select_tasks
    from cairn.core.planning.solver import solve
    from cairn.core.planning.units import habit_units, task_units

    tuesday = dt.date(2026, 11, 24)
    p = problem(windows=tuple(Window(d, 18 * 60, 19 * 60) for d in range(2)),
                tasks=(task(1, 1, due=tuesday, weight=2), task(2, 1, due=tuesday, weight=2),
                       task(3, 1, weight=4)))
    grid = Grid(p)
    greedy = place_greedy(grid)
    assert set(greedy) == {"task:1:1", "task:2:1"}
    chosen = select_tasks(grid, task_units(grid, p.tasks), habit_units(grid), greedy,
                          seconds=5, work=1)
    assert chosen is not None and 3 in chosen and len(chosen) == 2
    assert "task:3:1" in place_greedy(grid, first=chosen)
    result = solve(grid, greedy, seconds=5, workers=1, work=1)
    assert (result.status, result.hint) == ("OPTIMAL", "selection")
    assert "task:3:1" in result.placement and len(result.placement) == 2


def test_habits_spread_over_days_and_prefer_their_time():
    habit = Habit(1, "exercise", "health", 3, 45, 60, DayPart.MORNING)
    p = problem(habits=(habit,), windows=(*EVENINGS, *(Window(d, 7 * 60, 8 * 60) for d in
                                                     range(7))))
    plan = make_plan(p, seconds=1, workers=1)
    assert plan_problems(Grid(p), plan) == []
    days = {s.start.date() for s in plan.sessions}
    assert len(days) == 3
    assert all(s.start.hour == 7 for s in plan.sessions)


def test_cap_defers_and_a_floor_nothing_can_fill_is_empty_not_missed():
    p = problem(weeks=2, tasks=(task(1, 6), task(2, 4)),
                budgets=(Budget("career", 0, 3, Overflow.DEFER), Budget("health", 2)),
                settings=Settings(30, 30, 60))
    plan = make_plan(p, seconds=1, workers=1)
    assert plan_problems(Grid(p), plan) == []
    weeks: dict[int, float] = {}
    for s in plan.sessions:
        week = (s.start.date() - dt.date(2026, 11, 23)).days // 7
        weeks[week] = weeks.get(week, 0) + s.hours
    assert weeks == {0: 3, 1: 3}
    missing = {(s.kind, s.ref): s.missing_hours for s in plan.shortfalls}
    # the tasks have no deadline: the 4 h the cap defers go on after these weeks, not missed
    assert [k for k in missing if k[0] == "task"] == []
    assert sum(s.missing_hours for s in plan.later) == 4
    # there is no health work at all: the floor is empty, which is not overcommitment
    assert ("floor", "health") not in missing
    assert [(e.area, e.week, e.unfilled) for e in plan.empty_floors] == [
        ("health", 0, 2), ("health", 1, 2)]


def test_max_hours_boundary_counts_working_hours():
    p = problem(windows=(*EVENINGS, *WORK), tasks=(task(1, 10),),
                boundaries=(Boundary(BoundaryKind.MAX_HOURS, "career", hours=42),))
    plan = make_plan(p, seconds=1, workers=1)
    # 40 working hours this week (Mon-Fri 9-17) leave 2 career hours
    assert sum(s.hours for s in plan.sessions) == 2
    assert plan_problems(Grid(p), plan) == []


def test_overcommitment_is_concrete_and_adds_up():
    tasks = (task(1, 6, due=dt.date(2026, 11, 24), goal_id=1, weight=4),
             task(2, 6, due=dt.date(2026, 11, 24), goal_id=2, weight=2))
    p = problem(weeks=2, tasks=tasks, settings=Settings(30, 30, 60))
    plan = make_plan(p, seconds=1, workers=1)
    # before the deadline there are only Monday's and Tuesday's evenings, 18-21: 6 h
    placed = sum(s.hours for s in plan.sessions)
    missing = sum(s.missing_hours for s in plan.shortfalls if s.kind == "task")
    assert placed + missing == 12
    assert missing == 6
    kinds = {t.kind for t in plan.trade_offs}
    assert "move-deadline" in kinds
    assert all(t.recovers_hours > 0 for t in plan.trade_offs)
    assert [t.cost for t in plan.trade_offs] == sorted(t.cost for t in plan.trade_offs)


def test_replanning_keeps_accepted_sessions():
    tasks = tuple(task(i, 2, due=dt.date(2026, 11, 29)) for i in range(1, 6))
    p = problem(tasks=tasks)
    first = make_plan(p, seconds=1, workers=1)
    changed = (*tasks[:4], task(5, 1, due=dt.date(2026, 11, 29)))
    second = make_plan(problem(tasks=changed, accepted=first.sessions), seconds=1, workers=1)
    kept = {s.key: (s.start, s.end) for s in first.sessions}
    # moved, or made shorter or longer (task 5's session, now that it needs an hour less)
    moved = [s for s in second.sessions if s.key in kept and kept[s.key] != (s.start, s.end)]
    assert second.moved == len(moved) <= 1


def test_plan_problems_finds_every_broken_rule():
    p = problem(tasks=(task(1, 1, due=dt.date(2026, 11, 23)), task(2, 1, depends_on=(1,))))
    grid = Grid(p)
    bad = (Session("task:1:1", SessionKind.TASK, 1, "a", "career", dt.datetime(2026, 11, 24, 18),
                   dt.datetime(2026, 11, 24, 19)),
           Session("task:2:1", SessionKind.TASK, 2, "b", "career", dt.datetime(2026, 11, 24, 18),
                   dt.datetime(2026, 11, 24, 19)),
           Session("task:2:2", SessionKind.TASK, 2, "b", "career", dt.datetime(2026, 11, 24, 3),
                   dt.datetime(2026, 11, 24, 4)))
    plan = make_plan(p, use_solver=False)
    found = plan_problems(grid, type(plan)(bad, (), "test"))
    assert any("overlap" in f for f in found)
    assert any("outside the time allowed" in f for f in found)
    assert any("after its deadline" in f for f in found)
    assert any("starts before task 1 ends" in f for f in found)


def test_plan_problems_finds_sessions_that_re_planning_would_not_keep():
    # re-planning keeps accepted sessions by number: a task's sessions 1, 2, ... in order,
    # each within the session range, a habit's sessions of a week numbered in time order
    p = problem(tasks=(task(1, 2),), habits=(Habit(1, "run", "health", 2, 30, 60),),
                settings=Settings(30, 30, 60))
    hour = dt.timedelta(hours=1)
    mon, tue, wed, thu = (dt.datetime(2026, 11, d, 18) for d in (23, 24, 25, 26))

    def sessions(t1: str, t2: str, h1: str, h2: str, first: dt.timedelta) -> tuple[Session, ...]:
        return (Session(t1, SessionKind.TASK, 1, "a", "career", mon, mon + first),
                Session(t2, SessionKind.TASK, 1, "a", "career", tue, tue + hour),
                Session(h1, SessionKind.HABIT, 1, "run", "health", wed, wed + hour),
                Session(h2, SessionKind.HABIT, 1, "run", "health", thu, thu + hour))

    week = "habit:1:2026-11-23"
    good = sessions("task:1:1", "task:1:2", f"{week}:1", f"{week}:2", hour)
    assert plan_problems(Grid(p), Plan(good, (), "test")) == []
    swapped = sessions("task:1:2", "task:1:1", f"{week}:2", f"{week}:1", hour)
    found = plan_problems(Grid(p), Plan(swapped, (), "test"))
    assert any("Task 1 has sessions that are not its first ones" in f for f in found)
    assert any(f"{week} sessions are not numbered" in f for f in found)
    long = sessions("task:1:1", "task:1:3", f"{week}:1", f"{week}:3", hour * 1.5)
    found = plan_problems(Grid(p), Plan(long, (), "test"))
    assert any("Task 1 has sessions that are not its first ones" in f for f in found)
    assert any("Task 1 has a session shorter or longer" in f for f in found)
    assert any("Task 1 has more time than its estimate" in f for f in found)
    assert any(f"{week} sessions are not numbered" in f for f in found)


def test_habit_sessions_shrink_to_fit_but_not_below_minimum():
    habit = Habit(1, "guitar", "passion", 2, 60, 90)
    p = problem(habits=(habit,), windows=tuple(Window(d, 18 * 60, 19 * 60) for d in range(5)))
    plan = make_plan(p, seconds=1, workers=1)
    assert [s.hours for s in plan.sessions] == [1, 1]
    tight = problem(habits=(habit,), windows=tuple(Window(d, 18 * 60, 18 * 60 + 30)
                                                   for d in range(5)))
    missed = make_plan(tight, seconds=1, workers=1)
    assert missed.sessions == ()
    assert [(s.kind, s.missing_hours) for s in missed.shortfalls] == [("habit", 3)]


def test_overflow_allowed_passes_the_cap_and_shows_it():
    from cairn.core.planning.overcommit import area_weeks

    p = problem(tasks=(task(1, 4, "learning"),),
                budgets=(Budget("learning", 0, 2, Overflow.ALLOW),))
    plan = make_plan(p, seconds=1, workers=1)
    assert sum(s.hours for s in plan.sessions) == 4
    assert plan_problems(Grid(p), plan) == []
    grid = Grid(p)
    placement = {s.key: (grid.slot(s.start), grid.slot(s.end) - grid.slot(s.start))
                 for s in plan.sessions}
    learning = next(a for a in area_weeks(grid, placement) if a.area == "learning")
    assert (learning.planned, learning.cap) == (4, 2)


def test_solver_model_is_valid_when_several_sessions_have_nowhere_to_go():
    # Units with no possible start used to share CP-SAT's cached constant 0, which was then
    # hinted twice: the model was invalid and every such plan silently fell back to greedy.
    from cairn.core.planning.greedy import place_greedy
    from cairn.core.planning.solver import solve

    past = dt.date(2026, 11, 20)
    p = problem(tasks=(task(1, 1, due=past), task(2, 1, due=past), task(3, 1)))
    grid = Grid(p)
    result = solve(grid, place_greedy(grid), seconds=5, workers=1, work=1)
    assert result.status == "OPTIMAL"
    assert set(result.placement) == {"task:3:1"}
    plan = make_plan(p, seconds=5, workers=1, work=1)
    assert (plan.method, plan.status) == ("cp-sat", "OPTIMAL")


def test_missing_hours_fall_in_the_week_they_belong_to():
    monday = dt.date(2026, 11, 23)
    found = [Shortfall("task", "1", "late", "career", 5, 2, due=dt.date(2026, 12, 3)),
             Shortfall("task", "2", "overdue", "career", 1, 0, due=dt.date(2026, 11, 1)),
             Shortfall("task", "3", "no deadline", "career", 9, 0),
             Shortfall("task", "4", "due after the plan", "career", 9, 0,
                       due=dt.date(2027, 1, 4)),
             Shortfall("habit", "1", "exercise", "health", 2.25, 1.5, week=0),
             Shortfall("floor", "health", "health", "health", 2, 0.5, week=1)]
    assert missing_by_week(found, monday, 3) == {
        monday: 1.75, monday + dt.timedelta(weeks=1): 4.5, monday + dt.timedelta(weeks=2): 0.0}


def test_solver_shortens_a_habit_session_so_that_a_task_fits():
    # Monday evening holds either the whole 60-minute walk or the task due that day; Tuesday
    # has half an hour. Greedy places habits first, at full length, and misses the task; the
    # solver chooses the habit's length and puts a 30-minute walk on Tuesday.
    windows = (Window(0, 18 * 60, 19 * 60), Window(1, 18 * 60, 18 * 60 + 30))
    p = problem(windows=windows, tasks=(task(1, 1, due=dt.date(2026, 11, 23), weight=4),),
                habits=(Habit(1, "walk", "health", 1, 30, 60),))
    greedy = make_plan(p, use_solver=False, explain=False)
    assert [(s.key, s.hours) for s in greedy.sessions] == [("habit:1:2026-11-23:1", 1)]
    plan = make_plan(p, seconds=5, workers=1, work=1, explain=False)
    assert plan_problems(Grid(p), plan) == []
    assert (plan.method, plan.status, plan.shortfalls) == ("cp-sat", "OPTIMAL", ())
    assert [(s.key, s.start, s.hours) for s in plan.sessions] == [
        ("task:1:1", dt.datetime(2026, 11, 23, 18), 1),
        ("habit:1:2026-11-23:1", dt.datetime(2026, 11, 24, 18), 0.5)]


def test_solver_gives_a_habit_session_its_full_length_when_it_fits():
    # Started from a plan with a 30-minute session of a 30-90 minute habit, the solver makes it
    # 90 minutes: an hour of habit time is worth more than where the task sits.
    from cairn.core.planning.solver import solve

    p = problem(windows=(Window(0, 18 * 60, 21 * 60),), tasks=(task(1, 1, weight=4),),
                habits=(Habit(1, "guitar", "passion", 1, 30, 90),))
    grid = Grid(p)
    evening = grid.slot(dt.datetime(2026, 11, 23, 18))
    short = {"habit:1:2026-11-23:1": (evening, 1), "task:1:1": (evening + 1, 2)}
    result = solve(grid, short, seconds=5, workers=1, work=1, select=False)
    assert result.status == "OPTIMAL"
    assert result.placement == {"task:1:1": (evening, 2), "habit:1:2026-11-23:1": (evening + 2, 3)}


def test_work_due_in_the_planned_weeks_comes_before_work_that_can_wait():
    # One evening of 3 hours and sessions that are not split: either the 3-hour task with no
    # deadline, or the 2.5-hour one due this week. Both are as important; by hours alone the
    # first is worth more, but it only waits, while the second would be missed.
    p = problem(windows=(Window(0, 18 * 60, 21 * 60),), settings=Settings(30, 180, 180),
                tasks=(task(1, 3, weight=3), task(2, 2.5, due=dt.date(2026, 11, 29), weight=3)))
    for plan in (make_plan(p, use_solver=False, explain=False),
                 make_plan(p, seconds=5, workers=1, work=1, explain=False)):
        assert {s.ref_id for s in plan.sessions} == {2}, plan.method
        assert plan.shortfalls == ()
        assert [(s.ref, s.missing_hours) for s in plan.later] == [("1", 3)]
