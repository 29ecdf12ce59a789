"""What changed between takes (core/reassessment.py), from written-out takes."""

from __future__ import annotations

import datetime as dt

from cairn.core.assessment import Take
from cairn.core.reassessment import baseline, changes, compare_takes


def take(n: int, day: str, scores: dict[str, float], code: str = "") -> Take:
    at = dt.datetime.fromisoformat(day)
    return Take(n, "x", "1", at, at, scores, code)


JAN, MAR, JUN, SEP = "2026-01-10", "2026-03-10", "2026-06-10", "2026-09-10"
RIASEC = {"R": "Realistic", "I": "Investigative", "A": "Artistic", "S": "Social",
          "E": "Enterprising", "C": "Conventional"}


def test_the_baseline_is_the_take_standing_at_the_previous_reassessment():
    takes = [take(1, JAN, {}), take(2, MAR, {}), take(3, SEP, {})]
    assert baseline(takes, dt.datetime(2026, 4, 1)).id == 2
    assert baseline(takes, dt.datetime(2026, 3, 10)).id == 2  # finished that very moment
    assert baseline(takes, dt.datetime(2025, 12, 1)).id == 1  # none by then: the first
    assert baseline(takes, None).id == 1
    assert baseline([], None) is None


def test_interests_show_the_code_and_every_score():
    takes = [take(1, JAN, {"R": 2, "I": 4, "A": 3, "S": 5, "E": 1, "C": 1}, "SIA"),
             take(2, JUN, {"R": 2, "I": 5, "A": 3.5, "S": 4, "E": 1, "C": 1}, "ISA")]
    found = compare_takes("interests", takes, None, RIASEC)
    assert found.retaken
    assert found.lines() == [
        "Interests: take #1 of 2026-01-10 -> take #2 of 2026-06-10.",
        "code SIA -> ISA",
        "Realistic 2 -> 2", "Investigative 4 -> 5 (+1)", "Artistic 3 -> 3.5 (+0.5)",
        "Social 5 -> 4 (-1)", "Enterprising 1 -> 1", "Conventional 1 -> 1"]
    assert [(c.scale, c.rank_before, c.rank_after) for c in found.scales][:4] == [
        ("R", 4, 4), ("I", 2, 1), ("A", 3, 3), ("S", 1, 2)]


def test_values_show_the_ranking_and_ties_keep_the_instrument_order():
    names = {"a": "Achievement", "b": "Support", "c": "Independence"}
    same = [take(1, JAN, {"a": 4, "b": 4, "c": 2}), take(2, JUN, {"a": 5, "b": 3, "c": 1})]
    assert compare_takes("values", same, None, names).lines()[1:] == [
        "ranking unchanged: Achievement > Support > Independence"]
    moved = [take(1, JAN, {"a": 4, "b": 4, "c": 2}), take(2, JUN, {"a": 3, "b": 4, "c": 5})]
    assert compare_takes("values", moved, None, names).lines()[1:] == [
        "Independence: 3rd -> 1st (2 -> 5)", "Achievement: 1st -> 3rd (4 -> 3)",
        "ranking now: Independence > Support > Achievement"]


def test_skills_show_ratings_up_and_down_new_and_dropped():
    names = {"s1": "Writing", "s2": "Speaking", "s3": "Programming", "s4": "Mathematics"}
    takes = [take(1, JAN, {"s1": 3, "s2": 4, "s4": 2}), take(2, JUN, {"s1": 5, "s2": 3, "s3": 4})]
    assert compare_takes("skills", takes, None, names).lines()[1:] == [
        "up: Writing 3 -> 5", "down: Speaking 4 -> 3", "newly rated: Programming 4",
        "not rated this time: Mathematics (was 2)"]
    unchanged = [take(1, JAN, {"s1": 3}), take(2, JUN, {"s1": 3})]
    assert compare_takes("skills", unchanged, None, names).lines()[1:] == ["no score changed"]


def test_not_retaken_and_never_taken_say_so():
    since = dt.datetime(2026, 7, 1)
    old = [take(1, JAN, {"S": 5}), take(2, MAR, {"S": 4})]
    found = compare_takes("interests", old, since, RIASEC)
    assert not found.retaken and found.before is found.after
    assert found.lines() == ["Interests: not retaken since 2026-07-01; take #2 of 2026-03-10 "
                             "still stands (retake: `cairn assess interests`)."]
    never = compare_takes("values", [], since, {})
    assert never.lines() == ["Work values: never taken; take it with `cairn assess values`."]
    assert never.to_json()["before"] is None and never.to_json()["scales"] == []


def test_history_changes_biggest_moves_first():
    assert changes({"a": 1, "b": 3, "c": 2}, {"a": 4, "b": 3, "d": 1},
                   {"a": "Ay", "c": "Sea"}) == [
        "Sea: not rated this time (was 2)", "d: new, 1", "Ay: 1 -> 4 (+3)"]
