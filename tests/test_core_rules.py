"""Pure rules: titles, estimates, windows, horizons, cycles, progress roll-up."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cairn.core.errors import Conflict, InvalidInput
from cairn.core.model import Goal, GoalStatus, Horizon, Metric, Milestone, Task, TaskStatus
from cairn.core.progress import area_progress, roll_up
from cairn.core.rules import (
    check_estimate,
    check_no_cycle,
    check_parent_horizon,
    check_title,
    check_window,
    find_cycle,
)


def test_titles_are_cleaned_and_empty_ones_refused():
    assert check_title("  Learn   SQL ") == "Learn SQL"
    with pytest.raises(InvalidInput, match="empty"):
        check_title("   ")
    with pytest.raises(InvalidInput, match="at most"):
        check_title("x" * 201)


@pytest.mark.parametrize("hours", [0, -1, float("nan"), 2000.5])
def test_estimates_must_be_positive_and_plausible(hours):
    with pytest.raises(InvalidInput):
        check_estimate(hours)


def test_due_before_start_is_refused():
    check_window(dt.date(2027, 1, 1), dt.date(2027, 1, 1))
    with pytest.raises(InvalidInput, match="before the earliest start"):
        check_window(dt.date(2027, 1, 2), dt.date(2027, 1, 1))


def test_parent_must_look_at_least_as_far_ahead():
    check_parent_horizon(Horizon.SHORT_TERM, Horizon.LONG_TERM)
    check_parent_horizon(Horizon.SHORT_TERM, Horizon.SHORT_TERM)
    with pytest.raises(InvalidInput, match="cannot sit under"):
        check_parent_horizon(Horizon.VISION, Horizon.SHORT_TERM)


def test_cycle_is_named_in_the_error():
    edges = {1: [2], 2: [3], 3: [1]}
    assert find_cycle(edges, 1) == [1, 2, 3, 1]
    with pytest.raises(Conflict, match="#1 -> #2 -> #3 -> #1"):
        check_no_cycle(edges, 1, "tasks")
    assert find_cycle({1: [2], 2: [3]}, 1) is None


@given(st.dictionaries(st.integers(0, 8), st.lists(st.integers(0, 8), max_size=3), max_size=9))
def test_find_cycle_returns_a_real_closed_path(edges):
    for start in edges:
        path = find_cycle(edges, start)
        if path is not None:
            assert path[0] == path[-1] == start
            assert all(b in edges.get(a, []) for a, b in itertools.pairwise(path))


def _goal(gid: int, parent: int | None = None, **kw: object) -> Goal:
    return Goal(id=gid, area_id=kw.pop("area", 1), horizon=Horizon.SHORT_TERM,  # type: ignore[arg-type]
                title=f"g{gid}", parent_id=parent, **kw)  # type: ignore[arg-type]


def test_progress_rolls_up_tasks_milestones_and_children():
    goals = [_goal(1), _goal(2, 1), _goal(3, 1)]
    tasks = [
        Task(1, "a", 3, goal_id=2, status=TaskStatus.DONE),
        Task(2, "b", 1, goal_id=2),
        Task(3, "c", 5, goal_id=2, status=TaskStatus.DROPPED),
    ]
    milestones = [Milestone(1, 3, "m1", done_at=dt.datetime(2026, 1, 1)), Milestone(2, 3, "m2")]
    result = roll_up(goals, milestones, tasks)
    assert result[2].fraction == pytest.approx(0.75)  # 3 of 4 live hours
    assert result[3].fraction == pytest.approx(0.5)  # one of two milestones
    assert result[1].fraction == pytest.approx(0.625)  # mean of its two children
    assert result[1].basis == "work"


def test_metric_and_done_status_take_precedence():
    goals = [
        _goal(1, metric=Metric("km", "km", 0, 10, 4)),
        _goal(2, status=GoalStatus.DONE),
        _goal(3),
    ]
    result = roll_up(goals, [], [Task(1, "x", 1, goal_id=1)])
    assert result[1].fraction == pytest.approx(0.4)
    assert result[2].fraction == 1.0
    assert result[3].fraction is None
    assert area_progress(goals, result) == {1: pytest.approx(0.7)}


def test_metric_progress_clamps_and_handles_decreasing_targets():
    assert Metric("weight", "kg", 90, 80, 85).progress() == pytest.approx(0.5)
    assert Metric("x", "", 0, 10, 15).progress() == 1.0
    assert Metric("x", "", 0, 10, -3).progress() == 0.0
    assert Metric("x").progress() is None
