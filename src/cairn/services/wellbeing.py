"""Well-being: the balance wheel, burnout risk, streaks and career investment.

The time plan's budgets, boundary and overcommitment arrive through a
:class:`~cairn.core.balance.PlanSignals` given to the constructor: the facade gives
:class:`PlanSignalsFromRecords`, which reads what the person set; without one it is
:class:`~cairn.core.balance.NoPlan`. Every read goes through the scope's
records (:mod:`cairn.services.records`), so ``cairn status`` can run it on the quick reader.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from cairn.core.balance import (
    AreaBudget,
    BalanceRow,
    HabitStreak,
    PlanSignals,
    area_budgets,
    balance_wheel,
    career_hour_limit,
    complete_weeks,
    crowding_alerts,
    habit_streak,
    streak,
    week_start,
    working_days,
)
from cairn.core.burnout import (
    TREND_STEP_DAYS,
    BurnoutRisk,
    WellbeingHistory,
    WellbeingRecord,
    assess_burnout,
    burnout_trend,
    history_on,
    hours_limit,
    lookback_start,
    trend_days,
)
from cairn.core.investment import (
    HISTORY_WEEKS,
    Investment,
    career_investment,
    invested_time,
)
from cairn.core.model import Goal
from cairn.core.progress import GoalProgress, area_progress, roll_up
from cairn.services.records import ProfileReads
from cairn.services.scope import ReadScope, reads

WORK_AREAS = ("career",)
RESTORATIVE_AREAS = ("rest", "passion")


class PlanSignalsFromRecords:
    """Budgets and the working-hours boundary the person set, for the balance wheel and
    the burnout rules (:class:`cairn.core.balance.PlanSignals`), read through the scope's
    records (the quick reader's too)."""

    def __init__(self, scope: ReadScope) -> None:
        self.scope = scope

    def budgets(self) -> Mapping[str, AreaBudget] | None:
        """Each area's weekly floor and cap, or None when no budget is set."""
        with self.scope.records() as r:
            return area_budgets(r.list_budgets())

    def overcommitment(self) -> Mapping[dt.date, float]:
        """Monday -> hours the latest plan (the draft just shown, else the accepted one)
        could not fit that week, for each week it covers; empty without a plan."""
        with self.scope.records() as r:
            return r.list_weeks("draft") or r.list_weeks("accepted")

    def boundary_hours(self) -> float | None:
        """The tightest weekly max-hours boundary on career work, if any."""
        with self.scope.records() as r:
            return career_hour_limit(r.list_boundaries())

    def working_days(self) -> frozenset[int]:
        """Weekdays holding working hours (``cairn availability add ... --work``)."""
        with self.scope.records() as r:
            return working_days(r.list_windows())


class WellbeingService:
    """Reading the person's check-ins and time for balance, risk and motivation."""

    def __init__(self, scope: ReadScope, profile: ProfileReads, plan: PlanSignals) -> None:
        self.scope = scope
        self.profile = profile
        self.plan = plan

    @reads
    def goal_progress(self) -> tuple[list[Goal], dict[int, GoalProgress]]:
        """Every goal and its rolled-up progress, read once."""
        with self.scope.records() as r:
            goals = r.goals()
            return goals, roll_up(goals, r.milestones(), r.tasks_for_progress())

    @reads
    def began(self) -> dt.date:
        """The day the person's records begin: the profile, or the first check-in or time
        logged when earlier (time can be logged for days before the profile)."""
        with self.scope.records() as r:
            firsts = [r.first_log_day(), r.first_checkin_day()]
        return min([self.profile.get().created_at.date(), *(d for d in firsts if d)])

    @reads
    def balance(self, goal_progress: tuple[list[Goal], dict[int, GoalProgress]] | None = None
                ) -> list[BalanceRow]:
        """The balance wheel, one row per active area: hours a week over the (up to) four
        complete weeks before this one since records began, and this week so far."""
        areas = self.profile.areas()
        day = self.scope.today()
        span = complete_weeks(day, self.began())
        goals, per_goal = goal_progress or self.goal_progress()
        progress = area_progress(goals, per_goal)
        with self.scope.records() as r:
            minutes = r.minutes_by_area(span.first, span.last) if span.weeks else {}
            this_week = r.minutes_by_area(week_start(day), day)
            satisfaction = r.latest_satisfaction()
        return balance_wheel(areas, satisfaction, {a: m / 60 for a, m in minutes.items()},
                             progress, span, self.plan.budgets(),
                             {a: m / 60 for a, m in this_week.items()})

    @reads
    def alerts(self, rows: list[BalanceRow] | None = None) -> list[str]:
        """Alerts when work crowds out the rest of life."""
        limit = hours_limit(self.profile.get().contract_hours, self.plan.boundary_hours())
        return crowding_alerts(rows if rows is not None else self.balance(), WORK_AREAS, limit)

    @reads
    def record(self, since: dt.date, until: dt.date) -> WellbeingRecord:
        """What the burnout rules read for any day from ``since`` to ``until``, read once:
        check-ins, work and rest time, rest periods, contract hours and boundary."""
        first = lookback_start(since)
        with self.scope.records() as r:
            checkins = r.list_checkins(dt.datetime.combine(first, dt.time()))
            work = r.minutes_by_day(WORK_AREAS, first)
            restorative = r.minutes_by_day(RESTORATIVE_AREAS, first)
            logged = r.minutes_by_day((), first)
            first_log = r.first_log_day()
            rests = r.list_rests()
        return WellbeingRecord(
            checkins=[c for c in checkins if c.at.date() <= until],
            contract_hours=self.profile.get().contract_hours,
            work_hours_by_day={d: m / 60 for d, m in work.items() if d <= until},
            logged_days=sorted(d for d in logged if d <= until),
            restorative_days=sorted(d for d in restorative if d <= until),
            first_log_day=first_log, rests=rests, boundary_hours=self.plan.boundary_hours())

    @reads
    def history(self, on: dt.date | None = None) -> WellbeingHistory:
        """What the burnout rules read as of the end of ``on`` (default today)."""
        day = on or self.scope.today()
        return history_on(self.record(day, day), day,
                          self.plan.overcommitment().get(week_start(day)))

    @reads
    def burnout(self, on: dt.date | None = None) -> BurnoutRisk:
        """The burnout-risk level with its reasons and advice, as of ``on`` (default today)."""
        return assess_burnout(self.history(on))

    @reads
    def burnout_trend(self, since: dt.date, until: dt.date | None = None,
                      step_days: int = TREND_STEP_DAYS) -> list[tuple[dt.date, BurnoutRisk]]:
        """The burnout risk every ``step_days`` (weekly) from ``since`` to ``until`` (default
        today), oldest first, the last one as of ``until``; the data is read once and the
        rules run as of each day. Days before the person's records begin (the profile, or
        the first check-in or time logged, if earlier) are left out: there is nothing to
        judge; the day ``until`` itself is always there."""
        end = until or self.scope.today()
        since = min(end, max(since, self.began()))
        days = trend_days(since, end, step_days)
        weeks = self.plan.overcommitment()
        return burnout_trend(self.record(days[0], end), days,
                             lambda day: weeks.get(week_start(day)))

    @reads
    def streaks(self) -> dict[str, int]:
        """Weekly check-in streak and daily logging streak; rest and holidays never break them."""
        day = self.scope.today()
        with self.scope.records() as r:
            checkin_days = [at.date() for at in r.checkin_days()]
            log_days = list(r.minutes_by_day((), day - dt.timedelta(days=400)))
            rests = r.list_rests()
        return {"checkin_weeks": streak(checkin_days, day, rests, 7),
                "logging_days": streak(log_days, day, rests, 1)}

    @reads
    def habit_streaks(self) -> list[HabitStreak]:
        """Per habit, the run of weeks that had all their sessions; rest never breaks it."""
        day = self.scope.today()
        with self.scope.records() as r:
            habits = r.list_habits()
            if not habits:
                return []
            days = r.habit_session_days(week_start(day) - dt.timedelta(weeks=104))
            rests = r.list_rests()
        return [habit_streak(h.id, h.title, h.per_week, days.get(h.id, []), day, rests)
                for h in habits]

    @reads
    def investment(self, *, count_job_hours: bool = False) -> Investment:
        """Hours a week put into career and learning, its trend and the year to date; the
        job's own hours are left out unless ``count_job_hours`` (see
        :mod:`cairn.core.investment`)."""
        day = self.scope.today()
        since = min(dt.date(day.year, 1, 1), week_start(day) - dt.timedelta(weeks=HISTORY_WEEKS))
        keys = {a.id: a.key for a in self.profile.areas(include_archived=True)}
        with self.scope.records() as r:
            entries = r.list_time(since, day)
            rests = r.list_rests()
        split = invested_time(entries, keys, self.plan.working_days(), rests,
                              count_job_hours=count_job_hours)
        return career_investment(split.invested, day, self.began(), job_hours=split.job,
                                 rule=split.rule)
