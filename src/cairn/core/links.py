"""The arithmetic where features meet: one feature's facts made into another's inputs.

The pure half of :mod:`cairn.services.links`: that module fetches (the plan's budgets,
the check-ins, the schedule of reviews, the person's gaps) and calls these functions,
which only add up, pair, pick and date. No database, no service, no I/O.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from cairn.core.balance import BalanceRow, week_start
from cairn.core.burnout import BurnoutRisk
from cairn.core.person import Person
from cairn.core.planning.model import Budget, Session
from cairn.core.report import (
    AreaWeek,
    BurnoutPoint,
    DatedItem,
    GapLine,
    PlanLine,
    WheelSpoke,
    monday,
)
from cairn.core.resources import RatingOffer, proposed_rating
from cairn.core.review import DueReview
from cairn.core.tracking import CheckIn, LifeEvent, RestPeriod, ReviewKind, TimeEntry
from cairn.core.waiting import after_rest

if TYPE_CHECKING:  # matching brings numpy, which status and the listings never need
    from cairn.core.gaps import Gap
    from cairn.core.matching import Match

REMINDER_WEEKS = 8  # how far ahead follow-ups and reviews go into the calendar export
RECENT_EVENT_DAYS = 90  # a life event counts as "recent" for guidance this long
TARGET_GAPS = 5  # the gaps to an occupation a goal template plans for
REPORT_GAPS = 10  # the gaps to the goal's occupation a report lists
MATCHES_AFTER_REASSESSMENT = 3  # the best fits a six-monthly review names

# -- the time plan, for well-being and goal templates ----------------------------------


def budget_pairs(budgets: Iterable[Budget]) -> dict[str, tuple[float, float | None]]:
    """Each budgeted area's weekly (floor, cap), as goal templates pace themselves by."""
    return {b.area: (b.floor, b.cap) for b in budgets}


# -- reminders in the calendar export --------------------------------------------------


def reminder_day(due: dt.date, today: dt.date, rests: Sequence[RestPeriod],
                 weeks: int = REMINDER_WEEKS) -> dt.date | None:
    """The day a reminder of something due on ``due`` sits on: the due day (today at the
    earliest), moved to the day after a rest period it falls in. None when it is due
    beyond ``weeks`` from today, or falls in open-ended rest."""
    if due > today + dt.timedelta(weeks=weeks):
        return None
    return after_rest(max(due, today), rests)


# -- what tracking and assessments tell the guidance rules -----------------------------


def tracking_facts(today: dt.date, events: Iterable[LifeEvent], checkins: Sequence[CheckIn],
                   burnout: BurnoutRisk, schedule: Iterable[DueReview],
                   overcommitment: Mapping[dt.date, float]) -> dict[str, object]:
    """The situation's fields that check-ins, life events, reviews and the time plan give:
    recent life events, the latest hours worked, whether stress is rising (None without
    check-ins), whether a reassessment is due, and this week's overcommitted hours."""
    reasons = {r.code for r in burnout.reasons}
    return {
        "recent_life_events": tuple(e.kind.value for e in events
                                    if (today - e.on).days <= RECENT_EVENT_DAYS),
        "weekly_hours_worked": next((c.hours_worked for c in reversed(checkins)
                                     if c.hours_worked is not None), None),
        "stress_rising": ("stress-rising" in reasons or "stress-high" in reasons)
        if checkins else None,
        "reassessment_due": any(d.is_due(today) for d in schedule
                                if d.kind is ReviewKind.SIX_MONTHLY),
        "overcommitted_hours": overcommitment.get(week_start(today)),
    }


def newest_open_target(linked: Mapping[int, str], open_goal_ids: Collection[int]
                       ) -> str | None:
    """The occupation code behind the newest open goal made from gaps (``linked``: goal id
    -> code, oldest first), or None."""
    targets = [code for goal_id, code in linked.items() if goal_id in open_goal_ids]
    return targets[-1] if targets else None


def gap_facts(gaps: Sequence[Gap]) -> dict[str, object]:
    """The skill gaps (O*NET element ids and names) as the needs and guidance rules read
    them."""
    return {"skill_gaps": tuple(g.element_id for g in gaps),
            "skill_gap_names": tuple(g.name for g in gaps)}


def passions_wanting_income(person: Person) -> tuple[str, ...]:
    """The passions the person would like income from."""
    return tuple(p.name for p in person.constraints.passions if p.income)


def top_gaps(gaps: Sequence[Gap], limit: int = TARGET_GAPS
             ) -> tuple[tuple[str, ...], tuple[float, ...]]:
    """The names and shortfalls of the first ``limit`` gaps (they come ranked)."""
    top = gaps[:limit]
    return tuple(g.name for g in top), tuple(g.shortfall for g in top)


# -- the report ------------------------------------------------------------------------


def review_items(schedule: Iterable[DueReview], end: dt.date) -> tuple[DatedItem, ...]:
    """Each review with its due day; one due before the period's end is flagged."""
    return tuple(DatedItem(d.due_on, f"{d.kind.value} review: {d.reason}", d.due_on < end)
                 for d in schedule)


def wheel_spokes(rows: Iterable[BalanceRow]) -> tuple[WheelSpoke, ...]:
    """The balance wheel's spokes: satisfaction (None when unrated, not 0), hours a week,
    and the budget's floor (or its cap when it has no floor)."""
    return tuple(WheelSpoke(r.area.name, None if r.satisfaction is None else float(r.satisfaction),
                            r.hours_per_week,
                            (r.budget.floor or r.budget.cap) if r.budget else None)
                 for r in rows)


def logged_hours(entries: Iterable[TimeEntry], area_names: Mapping[int, str]
                 ) -> tuple[AreaWeek, ...]:
    """Hours logged per area and week (Mondays), rounded to 0.01, sorted by area then week."""
    hours: dict[tuple[str, dt.date], float] = {}
    for e in entries:
        key = (area_names[e.area_id], monday(e.on))
        hours[key] = hours.get(key, 0.0) + e.minutes / 60
    return tuple(AreaWeek(a, w, round(h, 2)) for (a, w), h in sorted(hours.items()))


def burnout_points(trend: Iterable[tuple[dt.date, BurnoutRisk]]) -> tuple[BurnoutPoint, ...]:
    """The burnout trend as the report's points: level, points and reason codes by day."""
    return tuple(BurnoutPoint(day, risk.level, risk.points, tuple(r.code for r in risk.reasons))
                 for day, risk in trend)


def plan_lines(sessions: Sequence[Session], budgets: Mapping[str, float | None],
               area_names: Mapping[str, str]) -> tuple[PlanLine, ...]:
    """Planned hours a week per area, averaged over the weeks the sessions fall in, beside
    the area's budget; areas sorted by key, named by ``area_names`` (the key otherwise).
    Empty without sessions."""
    weeks = {monday(s.start.date()) for s in sessions}
    planned: dict[str, float] = {}
    for s in sessions:
        planned[s.area] = planned.get(s.area, 0.0) + (s.end - s.start).total_seconds() / 3600
    return tuple(PlanLine(area_names.get(area, area), round(h / len(weeks), 2), budgets.get(area))
                 for area, h in sorted(planned.items()))


def gap_lines(title: str, gaps: Sequence[Gap], limit: int = REPORT_GAPS) -> tuple[GapLine, ...]:
    """The first ``limit`` gaps as report lines naming the occupation they are for."""
    return tuple(GapLine(f"{g.name} (for {title})", g.importance, g.shortfall)
                 for g in gaps[:limit])


def rematch_summary(matches: Iterable[Match]) -> str:
    """What re-running matching did, as a review's note."""
    return "matching re-run; best fits now: " + ", ".join(
        f"{m.title} ({m.total:.0%})" for m in matches)


# -- skill self-ratings for the library ------------------------------------------------


def rating_offers(skill_ids: Iterable[str], names: Mapping[str, str],
                  levels: Mapping[str, float], low: float, high: float) -> list[RatingOffer]:
    """For each skill, its rating now and one step up the scale ``low``..``high`` (capped
    at the top); a skill not on the self-rating (``names``), or already at the top, is
    offered no step and says why."""
    found = []
    for x in skill_ids:
        if x not in names:
            found.append(RatingOffer(x, x, None, None, "not on the skills self-rating "
                                     "(only O*NET skills and knowledge are)"))
            continue
        proposed = proposed_rating(levels.get(x), low, high)
        found.append(RatingOffer(x, names[x], levels.get(x), proposed,
                                 "" if proposed is not None
                                 else f"already at the top of the scale ({high:g})"))
    return found
