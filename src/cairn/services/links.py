"""Where features meet: the plan's budgets for well-being, reminders for the calendar.

Each feature was built to take the others' facts as optional inputs; this module supplies
them, so the facade can wire the features together in one place.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING

from cairn.core.balance import AreaBudget
from cairn.core.errors import CairnError
from cairn.core.planning.model import BoundaryKind

if TYPE_CHECKING:
    from cairn.calendars.ics_export import Reminder
    from cairn.services.fit import FitService
    from cairn.services.goals import GoalService
    from cairn.services.planning import PlanningService
    from cairn.services.planning_rules import PlanningRules
    from cairn.services.reviews import ReviewService
    from cairn.services.support import SupportService
    from cairn.services.track import Tracking

REMINDER_WEEKS = 8  # how far ahead follow-ups and reviews go into the calendar export
REMINDER_TIME = dt.time(9, 0)  # reminders sit at 09:00 UTC on their day


class PlanSignalsFromRules:
    """Budgets and the working-hours boundary the person set, for the balance wheel and
    the burnout rules (:class:`cairn.core.balance.PlanSignals`)."""

    def __init__(self, rules: PlanningRules) -> None:
        self.rules = rules

    def budgets(self) -> Mapping[str, AreaBudget] | None:
        """Each area's weekly floor and cap, or None when no budget is set."""
        found = {b.area: AreaBudget(b.floor or None, b.cap) for b in self.rules.budgets()}
        return found or None

    def overcommitted_hours(self, week_start: dt.date) -> float | None:  # noqa: ARG002
        """Unknown here: plans are computed on demand, not stored with their shortfalls."""
        return None

    def boundary_hours(self) -> float | None:
        """The tightest weekly max-hours boundary on career work, if any."""
        limits = [b.hours for b in self.rules.boundaries()
                  if b.kind is BoundaryKind.MAX_HOURS and b.area == "career"
                  and b.hours is not None]
        return min(limits) if limits else None


def followup_reminders(support: SupportService, today: dt.date) -> Iterable[Reminder]:
    """A reminder for each contact due for a follow-up within the next weeks."""
    from cairn.calendars.ics_export import Reminder

    for f in support.due_followups(today, within_days=7 * REMINDER_WEEKS):
        day = max(f.due, today)
        yield Reminder(
            uid=f"followup-{f.contact.id}-{f.due.isoformat()}",
            title=f"Follow up with {f.contact.name}",
            at=dt.datetime.combine(day, REMINDER_TIME),
            description=f'Log it with: cairn contact log {f.contact.id} "note"',
        )


def review_reminders(reviews: ReviewService, today: dt.date) -> Iterable[Reminder]:
    """A reminder for each review due within the next weeks."""
    from cairn.calendars.ics_export import Reminder

    horizon = today + dt.timedelta(weeks=REMINDER_WEEKS)
    for due in reviews.schedule():
        if due.due_on <= horizon:
            day = max(due.due_on, today)
            yield Reminder(
                uid=f"review-{due.kind.value}-{due.due_on.isoformat()}",
                title=f"Cairn {due.kind.value} review",
                at=dt.datetime.combine(day, REMINDER_TIME), minutes=45,
                description=f"{due.reason}. Run: cairn review --kind {due.kind.value}",
            )


RECENT_EVENT_DAYS = 90  # a life event counts as "recent" for guidance this long


def tracking_facts(track: Tracking, today: dt.date) -> dict[str, object]:
    """What check-ins, life events and reviews tell the guidance rules."""
    from cairn.core.tracking import ReviewKind

    events = tuple(e.kind.value for e in track.record.events()
                   if (today - e.on).days <= RECENT_EVENT_DAYS)
    checkins = track.record.checkins()
    hours = next((c.hours_worked for c in reversed(checkins) if c.hours_worked is not None),
                 None)
    reasons = {r.code for r in track.wellbeing.burnout().reasons}
    six_monthly = [d for d in track.reviews.schedule() if d.kind is ReviewKind.SIX_MONTHLY]
    return {
        "recent_life_events": events,
        "weekly_hours_worked": hours,
        "stress_rising": ("stress-rising" in reasons or "stress-high" in reasons)
        if checkins else None,
        "reassessment_due": any(d.is_due(today) for d in six_monthly),
    }


def report_sections(track: Tracking, planning: PlanningService, start: dt.date,
                    end: dt.date) -> dict[str, object]:
    """The report's sections that tracking and the time plan know about."""
    from cairn.core.report import AreaWeek, DatedItem, PlanLine, WheelSpoke, monday

    areas = {a.id: a for a in track.record.profile.areas(include_archived=True)}
    sections: dict[str, object] = {
        "reviews": tuple(DatedItem(d.due_on, f"{d.kind.value} review: {d.reason}",
                                   d.due_on < end) for d in track.reviews.schedule()),
    }
    if track.record.checkins():
        sections["balance_wheel"] = tuple(
            WheelSpoke(r.area.name, float(r.satisfaction or 0), r.hours_per_week,
                       (r.budget.floor or r.budget.cap) if r.budget else None)
            for r in track.wellbeing.balance())
    entries = [e for e in track.record.time_entries(start) if e.on <= end]
    if entries:
        hours: dict[tuple[str, dt.date], float] = {}
        for e in entries:
            key = (areas[e.area_id].name, monday(e.on))
            hours[key] = hours.get(key, 0.0) + e.minutes / 60
        sections["task_hours"] = tuple(AreaWeek(a, w, round(h, 2))
                                       for (a, w), h in sorted(hours.items()))
    sessions = planning.accepted()
    if sessions:
        weeks = {monday(s.start.date()) for s in sessions}
        planned: dict[str, float] = {}
        for s in sessions:
            planned[s.area] = planned.get(s.area, 0.0) + (s.end - s.start).total_seconds() / 3600
        budgets = {b.area: b.floor or b.cap for b in planning.rules.budgets()}
        names = {a.key: a.name for a in areas.values()}
        sections["time_plan"] = tuple(
            PlanLine(names.get(area, area), round(h / len(weeks), 2), budgets.get(area))
            for area, h in sorted(planned.items()))
    return sections


def rematch_step(fit: Callable[[], FitService]) -> Callable[[], str]:
    """The six-monthly reassessment's matching step; raises (NotReady) while the catalog or
    the assessments are missing, and the review lists it as pending with the reason."""

    def step() -> str:
        top = fit().match(limit=3)
        return "matching re-run; best fits now: " + ", ".join(
            f"{m.title} ({m.total:.0%})" for m in top)

    return step


def report_skill_gaps(fit: FitService, goals: GoalService) -> dict[str, object]:
    """Skill gaps to the occupation behind the newest open goal made from gaps, if any."""
    from cairn.core.report import GapLine
    from cairn.store import assess as assess_store

    with goals.db.read() as s:
        linked = assess_store.goal_occupations(s)
    open_ids = {g.id for g in goals.find() if g.is_open}
    targets = [code for goal_id, code in linked.items() if goal_id in open_ids]
    if not targets:
        return {}
    try:
        _, title, found, _ = fit.gaps(targets[-1])
    except CairnError:
        return {}
    return {"skill_gaps": tuple(GapLine(f"{g.name} (for {title})", g.importance, g.shortfall)
                                for g in found[:10])}
