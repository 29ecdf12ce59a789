"""The SMART check: a pure function that returns every finding at once."""

from __future__ import annotations

import datetime as dt

from cairn.core.model import Goal, GoalStatus, Horizon, Metric
from cairn.core.smart import smart_check, smart_check_all

TODAY = dt.date(2026, 11, 23)


def goal(**fields: object) -> Goal:
    base: dict[str, object] = {
        "id": 1, "area_id": 1, "horizon": Horizon.SHORT_TERM, "title": "Run a 10k",
        "why": "Health, energy for the family", "metric": Metric("distance", "km", 0, 10),
        "deadline": dt.date(2027, 5, 1),
    }
    base.update(fields)
    return Goal(**base)  # type: ignore[arg-type]


def codes(g: Goal, children: list[Goal] | None = None) -> list[str]:
    return [f.code for f in smart_check(g, children or [], TODAY)]


def test_a_complete_short_term_goal_passes():
    assert codes(goal()) == []


def test_every_finding_is_returned_at_once_with_a_fix():
    bare = goal(why="", metric=None, deadline=None)
    findings = smart_check(bare, [], TODAY)
    assert [f.code for f in findings] == ["no-why", "no-metric", "no-deadline"]
    assert all(f.fix.startswith("cairn goal") for f in findings)


def test_metric_without_target():
    assert codes(goal(metric=Metric("distance", "km"))) == ["no-target"]


def test_deadline_in_the_past_for_an_open_goal_only():
    assert codes(goal(deadline=dt.date(2026, 11, 22))) == ["deadline-past"]
    assert codes(goal(deadline=dt.date(2026, 11, 22), status=GoalStatus.DONE)) == []
    assert codes(goal(deadline=TODAY)) == []


def test_short_term_goal_more_than_a_year_out():
    assert codes(goal(deadline=dt.date(2027, 11, 24))) == []  # 366 days: still a year
    assert codes(goal(deadline=dt.date(2027, 11, 25))) == ["short-term-too-far"]


def test_long_term_goal_needs_an_open_short_term_step():
    long = goal(horizon=Horizon.LONG_TERM, deadline=dt.date(2030, 1, 1))
    assert codes(long) == ["no-short-term-step"]
    step = goal(id=2, parent_id=1)
    assert codes(long, [step]) == []
    assert codes(long, [goal(id=2, parent_id=1, status=GoalStatus.DROPPED)]) == [
        "no-short-term-step"
    ]


def test_a_vision_is_only_checked_for_its_why():
    vision = goal(horizon=Horizon.VISION, metric=None, deadline=None)
    assert codes(vision) == []
    assert codes(goal(horizon=Horizon.VISION, why=" ", metric=None)) == ["no-why"]


def test_bulk_check_reports_every_goal_and_links_children():
    long = goal(id=1, horizon=Horizon.LONG_TERM, deadline=dt.date(2030, 1, 1))
    step = goal(id=2, parent_id=1)
    lonely = goal(id=3, why="")
    result = smart_check_all([long, step, lonely], TODAY)
    assert {k: [f.code for f in v] for k, v in result.items()} == {1: [], 2: [], 3: ["no-why"]}
