"""Pure rules of tracking and well-being: durations, questionnaires, burnout, drift, reviews."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest

from cairn.core.assessment import check_answers, score
from cairn.core.balance import (
    AreaBudget,
    WeekSpan,
    balance_wheel,
    crowding_alerts,
    habit_streak,
    streak,
)
from cairn.core.burnout import (
    WellbeingHistory,
    WellbeingRecord,
    assess_burnout,
    burnout_trend,
    history_on,
    hours_limit,
    trend_days,
)
from cairn.core.decisions import parse_decision, parse_decisions
from cairn.core.errors import InvalidInput
from cairn.core.instruments import read_instrument
from cairn.core.investment import career_investment
from cairn.core.model import Goal, GoalStatus, Horizon, LifeArea, Milestone, Priority
from cairn.core.review import (
    add_months,
    detect_drift,
    overdue_milestones,
    review_schedule,
    stale_goals,
)
from cairn.core.tracking import CheckIn, RestPeriod, ReviewKind, parse_duration

TODAY = dt.date(2026, 11, 23)  # a Monday, as in the frozen fixtures
MON = TODAY
FOUR_WEEKS = WeekSpan(MON - dt.timedelta(weeks=4), 4)  # the complete weeks before TODAY's


def days_ago(n: int) -> dt.date:
    return TODAY - dt.timedelta(days=n)


def checkin(days: int, energy: int, stress: int, hours: float | None = None) -> CheckIn:
    at = dt.datetime.combine(days_ago(days), dt.time(9))
    return CheckIn(0, at, energy, stress, hours)


def history(**kw) -> WellbeingHistory:
    base = {"today": TODAY, "checkins": [], "contract_hours": 38.0, "work_hours_by_week": {},
            "logged_days": [], "restorative_days": []}
    return WellbeingHistory(**(base | kw))


def codes(h: WellbeingHistory) -> set[str]:
    return {r.code for r in assess_burnout(h).reasons}


# -- durations ---------------------------------------------------------------------


@pytest.mark.parametrize(("text", "minutes"), [
    ("90m", 90), ("1h30", 90), ("1h 30m", 90), ("1.5h", 90), ("2h", 120), ("45", 45),
    ("1 hour", 60), ("3hrs", 180),
])
def test_durations_people_write(text, minutes):
    assert parse_duration(text) == minutes


@pytest.mark.parametrize("text", ["", "abc", "0m", "25h", "1h30x", "-1h"])
def test_durations_refused(text):
    with pytest.raises(InvalidInput):
        parse_duration(text)


# -- questionnaires (on the assessment engine) ----------------------------------------

WEEK5 = Path(__file__).parent / "fixtures" / "instruments" / "week5.toml"


def week5():
    return read_instrument(tomllib.loads(WEEK5.read_text(encoding="utf-8")))


def checkin_form():
    from importlib import resources

    return read_instrument(tomllib.loads(resources.files("cairn.instruments")
                                         .joinpath("checkin.toml").read_text("utf-8")))


def test_a_scale_scored_0_to_25_and_multiplied_by_4():
    form = week5()
    result = score(form, {"w1": 5, "w2": 4, "w3": 3, "w4": 5, "w5": 3})  # 20 of 25
    [scale] = result.scores
    assert (scale.score, scale.band) == (80, "good")
    assert form.score_range("wellbeing") == (0, 100)
    assert form.licence.startswith("Written for Cairn's tests")


def test_every_answer_problem_is_reported_at_once():
    with pytest.raises(InvalidInput) as err:
        score(week5(), {"w1": 9, "w2": "often", "w3": 3, "zz": 1})
    msg = err.value.message
    assert "w1: 9 is outside 0-5" in msg
    assert "w2: 'often' is not a number" in msg
    assert "'zz' is not an item" in msg
    assert "2 item(s) are unanswered: w4, w5" in msg


def test_malformed_instrument_lists_every_problem():
    doc = {
        "instrument": {"key": "x", "scoring": "median"},
        "response": {"min": 0, "max": 10},
        "scales": [{"id": "s", "name": "S"}],
        "items": [
            {"id": "a", "scale": "s", "text": "A", "kind": "slider"},
            {"id": "b", "scale": "s", "text": "B", "min": 1},
            {"id": "h", "kind": "number", "scale": "s", "text": "Hours", "min": 9, "max": 2},
            {"id": "n", "kind": "text", "text": "Note", "per_area": True, "reverse": True},
            {"id": "o", "scale": "s", "text": "O", "optional": "sometimes"},
        ],
    }
    with pytest.raises(InvalidInput) as err:
        read_instrument(doc)
    msg = err.value.message
    for says in ("`title` is missing", "`scoring` must be one of", "not 'slider'",
                 "`min` belongs to number items", "takes no `scale`",
                 "`min` (9) must be below `max` (2)", "cannot be asked per life area",
                 "only rating items can be reverse-keyed", "`optional` must be true or false"):
        assert says in msg, says
    assert msg.startswith("The instrument has 9 problem(s)")


def test_cairn_checkin_index_reverses_stress_and_averages_areas():
    form = checkin_form()
    # energy 8, calm 10-4=6, mean satisfaction (6+10)/2=8 -> (8+6+8)/3 x 10
    answers = {"energy": 8, "stress": 4, "satisfaction.career": 6, "satisfaction.health": 10,
               "hours": 41.5, "note": "a long week"}
    assert score(form, answers).by_scale()["index"] == pytest.approx(73.3333, abs=1e-3)
    # hours and the note are recorded, not scored; areas are optional
    assert score(form, {"energy": 8, "stress": 4}).by_scale()["index"] == 70


def test_checkin_items_are_checked_by_kind():
    form = checkin_form()
    problems = check_answers(form, {"energy": 11, "satisfaction": 5, "satisfaction.moon": 3,
                                    "hours": 200, "note": 4}, areas={"career", "health"})
    assert problems == [
        "energy: 11 is outside 0-10.",
        "satisfaction is asked per life area: answer satisfaction.AREA, e.g. "
        "satisfaction.career.",
        "satisfaction.moon: there is no life area 'moon'.",
        "hours: 200 is above 168.",
        "note: must be text, not 4.",
        "1 item(s) are unanswered: stress.",
    ]


# -- burnout rules -------------------------------------------------------------------


def test_no_history_is_low_risk():
    risk = assess_burnout(history())
    assert (risk.level, risk.points, risk.reasons) == ("low", 0, ())


def test_long_hours_from_checkins_over_three_of_four_weeks():
    h = history(checkins=[checkin(21, 6, 4, 46), checkin(14, 6, 4, 47), checkin(7, 6, 4, 39),
                          checkin(0, 6, 4, 45)])
    assert codes(h) == {"long-hours"}
    assert assess_burnout(h).level == "elevated"


def test_two_long_weeks_are_not_sustained():
    h = history(checkins=[checkin(21, 6, 4, 46), checkin(14, 6, 4, 38), checkin(7, 6, 4, 39),
                          checkin(0, 6, 4, 45)])
    assert "long-hours" not in codes(h)


def test_long_hours_from_logged_work_when_no_checkin_says():
    weeks = {MON - dt.timedelta(weeks=n): 44.0 for n in range(3)}
    assert codes(history(work_hours_by_week=weeks)) == {"long-hours"}


def test_a_boundary_from_the_plan_replaces_the_contract_limit():
    weeks = {MON - dt.timedelta(weeks=n): 36.0 for n in range(4)}
    assert codes(history(work_hours_by_week=weeks)) == set()
    assert codes(history(work_hours_by_week=weeks, boundary_hours=35)) == {"long-hours"}
    assert hours_limit(38, None) == pytest.approx(41.8)
    assert hours_limit(10, None) == 12


def test_stress_rising_over_several_checkins():
    h = history(checkins=[checkin(14, 6, 3), checkin(7, 6, 4), checkin(0, 6, 6)])
    assert codes(h) == {"stress-rising"}


def test_stress_that_dips_is_not_rising():
    h = history(checkins=[checkin(14, 6, 3), checkin(7, 6, 2), checkin(0, 6, 6)])
    assert codes(h) == set()


def test_high_stress_outweighs_rising():
    h = history(checkins=[checkin(14, 6, 7), checkin(7, 6, 8), checkin(0, 6, 9)])
    assert codes(h) == {"stress-high"}


def test_energy_falling_and_low():
    assert codes(history(checkins=[checkin(14, 7, 3), checkin(7, 6, 3), checkin(0, 4, 3)])) \
        == {"energy-falling"}
    assert codes(history(checkins=[checkin(14, 3, 3), checkin(7, 2, 3), checkin(0, 3, 3)])) \
        == {"energy-low"}


def test_old_checkins_do_not_count_for_trends():
    h = history(checkins=[checkin(70, 8, 1), checkin(63, 6, 4), checkin(56, 3, 8)])
    assert codes(h) == set()


def test_no_rest_or_passion_time_for_three_weeks():
    logged = [days_ago(n) for n in range(40)]
    assert codes(history(logged_days=logged, restorative_days=[days_ago(30)])) == {"no-rest"}
    assert codes(history(logged_days=logged, restorative_days=[days_ago(3)])) == set()


def test_no_rest_needs_enough_history():
    assert codes(history(logged_days=[days_ago(n) for n in range(10)])) == set()


def test_rest_mode_excuses_missing_rest_time():
    logged = [days_ago(n) for n in range(40)]
    rest = RestPeriod(1, days_ago(10), days_ago(5), "holiday")
    assert codes(history(logged_days=logged, rests=[rest])) == set()


def test_overcommitment_reported_by_the_plan():
    assert codes(history(overcommitted_hours=6)) == {"overcommitted"}
    assert codes(history(overcommitted_hours=0)) == set()


def test_high_level_offers_rest_mode_unless_resting():
    hard = {"checkins": [checkin(21, 6, 8, 50), checkin(14, 5, 8, 50), checkin(7, 4, 9, 50),
                         checkin(0, 3, 9, 52)]}
    risk = assess_burnout(history(**hard))
    assert risk.level == "high"
    assert {"long-hours", "stress-high", "energy-falling"} <= {r.code for r in risk.reasons}
    assert risk.offer_rest
    assert all(r.advice for r in risk.reasons)
    resting = assess_burnout(history(**hard, rests=[RestPeriod(1, TODAY, None, "")]))
    assert resting.resting
    assert not resting.offer_rest


# -- burnout as of past days: the trend ----------------------------------------------

# Ten weekly check-ins, Mondays at 09:00, the last one today: stress climbs from week 4,
# and from week 6 the weeks run to 46 h (limit 41.8 h for a 38 h contract).
RISING_STRESS = (3, 3, 3, 3, 4, 5, 6, 8, 9, 9)
RISING_HOURS = (38, 38, 38, 38, 38, 38, 46, 46, 46, 46)


def rising_record() -> WellbeingRecord:
    checkins = [checkin(7 * (9 - k), 6, stress, hours)
                for k, (stress, hours) in enumerate(zip(RISING_STRESS, RISING_HOURS,
                                                        strict=True))]
    return WellbeingRecord(checkins=checkins, contract_hours=38.0, work_hours_by_day={},
                           logged_days=[], restorative_days=[])


def test_trend_days_are_weekly_back_from_the_last_day():
    assert trend_days(days_ago(20), TODAY) == [days_ago(14), days_ago(7), TODAY]
    assert trend_days(TODAY, TODAY) == [TODAY]
    assert trend_days(days_ago(3), TODAY, step_days=1) == [days_ago(n) for n in (3, 2, 1, 0)]
    with pytest.raises(InvalidInput):
        trend_days(days_ago(7), TODAY, step_days=0)


def test_rising_stress_shows_a_trend_from_low_to_elevated_to_high_on_the_right_weeks():
    trend = burnout_trend(rising_record(), trend_days(days_ago(63), TODAY))
    assert [d for d, _ in trend] == [days_ago(7 * (9 - k)) for k in range(10)]
    assert [r.level for _, r in trend] == ["low"] * 5 + ["elevated"] * 3 + ["high"] * 2
    reasons = [{x.code for x in r.reasons} for _, r in trend]
    assert reasons[4] == set()  # 3, 3, 3, 4: up by one only
    assert reasons[5] == {"stress-rising"}  # 3, 3, 4, 5
    assert reasons[7] == {"stress-rising"}  # two long weeks of four are not sustained yet
    assert reasons[8] == {"stress-rising", "long-hours"}  # the third long week
    assert reasons[9] == {"stress-high", "long-hours"}  # 8, 9, 9 average 8.7
    # the last point is exactly what the rules say today
    assert trend[-1][1] == assess_burnout(history_on(rising_record(), TODAY))


def test_a_past_day_sees_nothing_that_came_after_it():
    record = rising_record()
    early = history_on(record, days_ago(35))
    assert [c.stress for c in early.checkins] == [3, 3, 3, 3, 4]
    assert early.today == days_ago(35)
    assert assess_burnout(early).level == "low"  # the stress of later weeks is not known yet


def test_work_hours_of_a_past_day_count_only_up_to_that_day():
    monday = days_ago(14)
    daily = {monday + dt.timedelta(days=n): 10.0 for n in range(14)}
    record = WellbeingRecord(checkins=[], contract_hours=38.0, work_hours_by_day=daily,
                             logged_days=sorted(daily), restorative_days=[],
                             first_log_day=days_ago(60))
    wednesday = monday + dt.timedelta(days=2)
    assert history_on(record, wednesday).work_hours_by_week == {monday: 30.0}
    assert history_on(record, days_ago(1)).work_hours_by_week == {monday: 70.0,
                                                                  days_ago(7): 70.0}
    assert history_on(record, wednesday).logged_days[0] == days_ago(60)  # history is long
    assert history_on(record, days_ago(61)).logged_days == []  # before the first log


def test_no_rest_and_overcommitment_as_of_a_past_week():
    logged = [days_ago(n) for n in range(60)]
    record = WellbeingRecord(checkins=[], contract_hours=38.0, work_hours_by_day={},
                             logged_days=logged, restorative_days=[days_ago(40), days_ago(2)],
                             first_log_day=days_ago(59))
    trend = burnout_trend(record, [days_ago(30), days_ago(7), TODAY],
                          overcommitted=lambda d: 5.0 if d == TODAY else None)
    assert [{x.code for x in r.reasons} for _, r in trend] == [
        set(), {"no-rest"}, {"overcommitted"}]


# -- drift, stale goals, overdue milestones -------------------------------------------


def goal(gid: int, area: int, priority: Priority, status=GoalStatus.ACTIVE,
         created: dt.date = days_ago(60)) -> Goal:
    return Goal(gid, area, Horizon.SHORT_TERM, f"goal {gid}", priority=priority, status=status,
                created_at=dt.datetime.combine(created, dt.time(8)))


def test_high_priority_area_neglected_and_low_priority_area_crowding():
    goals = [goal(1, 1, Priority.HIGH), goal(2, 2, Priority.LOW)]
    found = detect_drift(goals, {1: 2.0, 2: 18.0, 7: 30.0})  # area 7 (rest) has no goal
    assert [(d.area_id, d.kind) for d in found] == [(1, "neglected"), (2, "crowding")]
    assert found[0].expected_share == pytest.approx(0.75)
    assert found[0].actual_share == pytest.approx(0.1)


def test_time_in_line_with_priorities_is_no_drift():
    goals = [goal(1, 1, Priority.HIGH), goal(2, 2, Priority.LOW)]
    assert detect_drift(goals, {1: 15.0, 2: 5.0}) == []


def test_too_little_time_logged_is_no_drift():
    goals = [goal(1, 1, Priority.HIGH), goal(2, 2, Priority.LOW)]
    assert detect_drift(goals, {2: 1.0}) == []


def test_stale_goals_after_four_weeks_without_progress():
    goals = [goal(1, 1, Priority.HIGH), goal(2, 1, Priority.LOW),
             goal(3, 1, Priority.LOW, created=days_ago(5)),
             goal(4, 1, Priority.LOW, status=GoalStatus.PAUSED)]
    activity = {1: dt.datetime.combine(days_ago(40), dt.time()),
                2: dt.datetime.combine(days_ago(3), dt.time())}
    stale = stale_goals(goals, activity, TODAY)
    assert [(s.goal.id, s.days) for s in stale] == [(1, 40)]


def test_overdue_milestones_of_open_goals_only():
    ms = [Milestone(1, 1, "late", due=days_ago(3)), Milestone(2, 1, "future", due=days_ago(-3)),
          Milestone(3, 1, "done", due=days_ago(9), done_at=dt.datetime(2026, 11, 1)),
          Milestone(4, 2, "closed goal", due=days_ago(9))]
    assert [m.id for m in overdue_milestones(ms, {1}, TODAY)] == [1]


# -- cadence -----------------------------------------------------------------------------


def test_cadence_counts_from_the_start_then_from_the_last_review():
    started = dt.date(2026, 5, 1)
    first = {d.kind: d.due_on for d in review_schedule(TODAY, started, {})}
    assert first == {ReviewKind.WEEKLY: dt.date(2026, 5, 8),
                     ReviewKind.MONTHLY: dt.date(2026, 6, 1),
                     ReviewKind.SIX_MONTHLY: dt.date(2026, 11, 1)}
    last = {ReviewKind.MONTHLY: dt.date(2026, 11, 20)}
    later = {d.kind: d.due_on for d in review_schedule(TODAY, started, last, 12)}
    assert later[ReviewKind.WEEKLY] == dt.date(2026, 11, 27)  # a monthly covers the weekly
    assert later[ReviewKind.SIX_MONTHLY] == dt.date(2027, 5, 1)  # configurable months


def test_a_life_event_makes_a_review_due_now():
    sched = review_schedule(TODAY, TODAY, {}, open_events=1)
    assert sched[0].is_due(TODAY)
    assert "life event" in sched[0].reason


def test_add_months_clamps_to_the_month_end():
    assert add_months(dt.date(2026, 8, 31), 6) == dt.date(2027, 2, 28)


# -- streaks, investment, balance ----------------------------------------------------------


def test_weekly_streak_survives_a_holiday_and_an_unfinished_week():
    weeks = [MON - dt.timedelta(weeks=n) for n in (1, 2, 4, 5)]
    assert streak(weeks, TODAY) == 2  # week 3 missing breaks it; this week still open
    holiday = RestPeriod(1, MON - dt.timedelta(weeks=3), MON - dt.timedelta(weeks=3, days=-6))
    assert streak(weeks, TODAY, [holiday]) == 4


def test_a_habit_streak_needs_every_session_of_a_week_and_rest_never_breaks_it():
    def week(n: int, sessions: int) -> list[dt.date]:
        return [MON - dt.timedelta(weeks=n, days=-d) for d in range(sessions)]

    # three a week: last week and the two before had three; three weeks ago only two
    days = week(1, 3) + week(2, 4) + week(3, 3) + week(4, 2) + week(5, 3)
    days += [TODAY]  # one so far this week: open, so it neither counts nor breaks
    s = habit_streak(7, "exercise", 3, days, TODAY)
    assert (s.habit_id, s.title, s.this_week, s.weeks) == (7, "exercise", 1, 3)
    sick = RestPeriod(1, MON - dt.timedelta(weeks=4, days=-2), MON - dt.timedelta(weeks=4, days=-3))
    assert habit_streak(7, "exercise", 3, days, TODAY, [sick]).weeks == 4
    assert habit_streak(7, "exercise", 2, days, TODAY).weeks == 5  # twice a week: all met
    assert habit_streak(7, "exercise", 3, [], TODAY).weeks == 0


def test_daily_streak():
    assert streak([days_ago(n) for n in range(5)], TODAY, period_days=1) == 5
    assert streak([days_ago(n) for n in (1, 2, 4)], TODAY, period_days=1) == 2


def test_career_investment_like_a_savings_rate():
    daily = {MON - dt.timedelta(weeks=n, days=-2): 5.0 for n in range(1, 5)}
    daily |= {MON - dt.timedelta(weeks=n, days=-2): 2.0 for n in range(5, 9)}
    daily[dt.date(2025, 12, 30)] = 100.0  # last year: not in the year-to-date
    inv = career_investment(daily, TODAY, dt.date(2025, 1, 1))
    assert (inv.recent_per_week, inv.previous_per_week, inv.trend) == (5.0, 2.0, "rising")
    assert inv.year_to_date == 28.0
    assert len(inv.weekly) == 12


def test_balance_wheel_against_optional_budgets():
    areas = [LifeArea(1, "career", "Career"), LifeArea(2, "health", "Health"),
             LifeArea(3, "rest", "Rest")]
    rows = balance_wheel(areas, {1: 6}, {1: 200.0, 2: 8.0}, {1: 0.5}, FOUR_WEEKS,
                         {"career": AreaBudget(30, 40), "health": AreaBudget(floor=4)})
    assert [r.budget_state for r in rows] == ["above cap", "below floor", "no budget"]
    assert rows[0].hours_per_week == 50.0
    assert (rows[0].satisfaction, rows[1].satisfaction) == (6, None)
    assert crowding_alerts(rows) == ["Work is over its cap while Health fall below their floor."]
    assert [r.budget_state for r in balance_wheel(areas, {}, {}, {}, FOUR_WEEKS, None)] == [
        "no budget"] * 3


# -- decisions -----------------------------------------------------------------------------


def test_decision_lines():
    assert parse_decision("drop 4 no longer matters").reason == "no longer matters"
    d = parse_decision("deadline #5 2027-03-01 needs more time")
    assert (d.goal_id, d.value, d.reason) == (5, "2027-03-01", "needs more time")
    assert parse_decision("add learning Learn SQL").describe() == "add learning Learn SQL"


def test_bad_decisions_are_reported_together():
    with pytest.raises(InvalidInput) as err:
        parse_decisions(["pause x", "drop 3", "# a comment", "", "fly 2"])
    msg = err.value.message
    assert "needs a goal id" in msg
    assert "needs a reason" in msg
    assert "'fly 2'" in msg


def test_work_crowding_out_personal_time_without_budgets():
    areas = [LifeArea(1, "career", "Career"), LifeArea(2, "rest", "Rest"),
             LifeArea(3, "passion", "Passion")]
    crowded = balance_wheel(areas, {}, {1: 4 * 48.0, 2: 4 * 1.0}, {}, FOUR_WEEKS)
    [alert] = crowding_alerts(crowded, work_limit=41.8)
    assert "48.0 h a week" in alert
    assert "1.0 h together" in alert
    balanced = balance_wheel(areas, {}, {1: 4 * 48.0, 2: 4 * 1.5, 3: 4 * 1.5}, {}, FOUR_WEEKS)
    assert crowding_alerts(balanced, work_limit=41.8) == []
    assert crowding_alerts(crowded) == []  # no limit known: no alert
