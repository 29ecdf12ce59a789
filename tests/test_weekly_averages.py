"""Weekly averages say what they cover: complete weeks since records began, the open week
apart, in the balance wheel and in career investment alike; the job is not investment."""

from __future__ import annotations

import datetime as dt
import json

from cairn.core.balance import complete_weeks
from cairn.core.investment import JobHours, career_investment, invested_time
from cairn.core.tracking import RestPeriod, TimeEntry

MON = dt.date(2026, 11, 23)  # the frozen Monday of the fixtures


def test_complete_weeks_never_reach_before_records_began():
    day_one = complete_weeks(MON, MON)
    assert (day_one.weeks, day_one.describe()) == (0, "no complete week yet")
    assert day_one.mean(14.0) is None
    three = complete_weeks(MON + dt.timedelta(days=3), dt.date(2026, 11, 4))  # a Wednesday
    assert (three.first, three.weeks, three.last) == (dt.date(2026, 11, 2), 3,
                                                      dt.date(2026, 11, 22))
    assert three.describe() == "the 3 complete weeks 2026-11-02 to 2026-11-22"
    assert three.mean(18.0) == 6.0
    four = complete_weeks(MON, dt.date(2025, 1, 1))
    assert (four.first, four.weeks) == (dt.date(2026, 10, 26), 4)
    before = complete_weeks(MON, dt.date(2025, 1, 1), skip=4)
    assert (before.first, before.last) == (dt.date(2026, 9, 28), dt.date(2026, 10, 25))
    assert complete_weeks(MON, dt.date(2026, 11, 16), skip=4).weeks == 0


def test_investment_in_the_first_week_is_this_week_so_far_not_a_zero_average():
    inv = career_investment({MON: 14.0}, MON, MON)
    assert inv.recent_per_week is None and inv.previous_per_week is None
    assert (inv.this_week, inv.year_to_date, inv.trend) == (14.0, 14.0, "not enough weeks yet")
    assert inv.weekly[-1] == (MON, 14.0)


def test_the_jobs_own_hours_are_not_investment_unless_chosen():
    areas = {1: "career", 2: "learning", 3: "health"}
    week = [MON - dt.timedelta(days=7 - d) for d in range(7)]  # Mon 16 .. Sun 22
    entries = [TimeEntry(i, 1, day, 480) for i, day in enumerate(week[:5])]  # the shifts
    entries += [TimeEntry(10, 1, week[1], 90, task_id=4),  # career work on a task
                TimeEntry(11, 2, week[2], 180),  # learning
                TimeEntry(12, 1, week[5], 120),  # Saturday: no working hours
                TimeEntry(13, 3, week[5], 600)]  # health is never investment
    rest = [RestPeriod(1, week[3], week[3])]  # Thursday off: no shift that day
    split = invested_time(entries, areas, {0, 1, 2, 3, 4}, rest)
    assert split.rule is JobHours.LEFT_OUT
    assert sum(split.job.values()) == 32.0  # Mon, Tue, Wed, Fri
    assert sum(split.invested.values()) == 8 + 1.5 + 3 + 2  # Thursday's 8 h count
    chosen = invested_time(entries, areas, {0, 1, 2, 3, 4}, rest, count_job_hours=True)
    assert (chosen.rule, sum(chosen.invested.values()), chosen.job) == (
        JobHours.COUNTED, 46.5, {})
    unknown = invested_time(entries, areas, set())
    assert (unknown.rule, sum(unknown.invested.values())) == (JobHours.UNKNOWN, 46.5)
    inv = career_investment(split.invested, MON, week[0], job_hours=split.job,
                            rule=split.rule)
    assert (inv.recent_per_week, inv.job_per_week) == (14.5, 32.0)


def _init(cli) -> None:
    assert cli("init", "--name", "Ada", "--stage", "mid-career", "--hours", "38").exit_code == 0


def test_day_one_is_not_below_every_floor(cli):
    _init(cli)
    assert cli("budget", "set", "learning", "--floor", "3").exit_code == 0
    assert cli("log", "2h", "learning").exit_code == 0
    [row] = [r for r in json.loads(cli("balance", "--json").stdout)["areas"]
             if r["area"] == "learning"]
    assert row["hours_per_week"] is None and row["this_week"] == 2.0
    assert row["budget_state"] == "no complete week yet"
    assert row["weeks"] == {"weeks": 0, "from": None, "to": None}
    shown = cli("balance").stdout
    assert "below floor" not in shown and "No complete week yet" in shown
    assert cli("log", "12h", "learning").exit_code == 0
    invest = cli("invest").stdout
    assert ("Career investment: no complete week yet; this week so far 14.0 h, 14.0 h this "
            "year.") in invest
    assert "0.0 h/week over" not in invest


def test_balance_and_investment_average_the_same_weeks(cli):
    _init(cli)
    for week in range(3):  # records begin 2026-11-02: three complete weeks by now
        on = dt.date(2026, 11, 3) + dt.timedelta(weeks=week)
        assert cli("log", "6h", "learning", "--date", on.isoformat()).exit_code == 0
    assert cli("log", "5h", "learning").exit_code == 0  # today: the open week
    doc = json.loads(cli("status", "--json").stdout)
    [row] = [r for r in doc["balance"] if r["area"] == "learning"]
    assert (row["hours_per_week"], row["this_week"]) == (6.0, 5.0)
    span = {"weeks": 3, "from": "2026-11-02", "to": "2026-11-22"}
    assert row["weeks"] == span
    inv = doc["investment"]
    assert (inv["recent_per_week"], inv["this_week"], inv["recent_weeks"]) == (6.0, 5.0, span)
    assert inv["previous_per_week"] is None and inv["trend"] == "not enough weeks yet"
    text = cli("status").stdout
    assert "h/week over the 3 complete weeks 2026-11-02 to 2026-11-22" in text
    assert ("Career investment: 6.0 h/week over the 3 complete weeks 2026-11-02 to "
            "2026-11-22 (not enough weeks yet); this week so far 5.0 h") in text


def test_invest_leaves_out_career_time_in_working_hours(cli):
    _init(cli)
    assert cli("availability", "add", "mon-fri", "09:00-17:00", "--work").exit_code == 0
    for day in range(5):
        on = dt.date(2026, 11, 16) + dt.timedelta(days=day)
        assert cli("log", "8h", "career", "--date", on.isoformat()).exit_code == 0
    assert cli("task", "add", "Build a portfolio piece", "--estimate", "3").exit_code == 0
    assert cli("log", "1h30", "career", "--task", "1", "--date", "2026-11-17").exit_code == 0
    assert cli("log", "3h", "learning", "--date", "2026-11-18").exit_code == 0
    assert cli("log", "2h", "career", "--date", "2026-11-21").exit_code == 0  # Saturday
    inv = json.loads(cli("invest", "--json").stdout)
    assert (inv["recent_per_week"], inv["job_per_week"], inv["job_hours"]) == (
        6.5, 40.0, "left out")
    text = cli("invest").stdout
    assert "6.5 h/week over the complete week 2026-11-16 to 2026-11-22" in text
    assert "Left out: 40.0 h/week of career time logged without a task" in text
    counted = json.loads(cli("invest", "--count-job-hours", "--json").stdout)
    assert (counted["recent_per_week"], counted["job_hours"]) == (46.5, "counted")
    # the balance wheel still shows all the career time: it is time, not investment
    [career] = [r for r in json.loads(cli("balance", "--json").stdout)["areas"]
                if r["area"] == "career"]
    assert career["hours_per_week"] == 43.5
