"""Where features meet: the plan's budgets for well-being, reminders for the calendar.

Each feature was built to take the others' facts as optional inputs; this module supplies
them, so the facade can wire the features together in one place.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from cairn.commands import command_line
from cairn.core.actions import Action
from cairn.core.balance import AreaBudget
from cairn.core.errors import CairnError
from cairn.core.planning.model import BoundaryKind, WindowKind

if TYPE_CHECKING:
    from cairn.calendars.ics_export import Reminder
    from cairn.core.gaps import Gap
    from cairn.core.resources import RatingOffer
    from cairn.core.tracking import RestPeriod
    from cairn.services.assess import AssessmentService
    from cairn.services.fit import FitService
    from cairn.services.goals import GoalService
    from cairn.services.guidance import TargetGaps
    from cairn.services.planning import PlanningService
    from cairn.services.planning_rules import PlanningRules
    from cairn.services.reviews import ReviewService
    from cairn.services.scope import Scope
    from cairn.services.support import SupportService
    from cairn.services.track import Tracking

REMINDER_WEEKS = 8  # how far ahead follow-ups and reviews go into the calendar export
REMINDER_TIME = dt.time(9, 0)  # reminders sit at 09:00 on their day, where the person is


class PlanSignalsFromRules:
    """Budgets and the working-hours boundary the person set, for the balance wheel and
    the burnout rules (:class:`cairn.core.balance.PlanSignals`)."""

    def __init__(self, rules: PlanningRules) -> None:
        self.rules = rules

    def budgets(self) -> Mapping[str, AreaBudget] | None:
        """Each area's weekly floor and cap, or None when no budget is set."""
        found = {b.area: AreaBudget(b.floor or None, b.cap) for b in self.rules.budgets()}
        return found or None

    def overcommitment(self) -> Mapping[dt.date, float]:
        """Monday -> hours the latest plan could not fit that week (empty: no plan)."""
        return self.rules.overcommitment()

    def boundary_hours(self) -> float | None:
        """The tightest weekly max-hours boundary on career work, if any."""
        limits = [b.hours for b in self.rules.boundaries()
                  if b.kind is BoundaryKind.MAX_HOURS and b.area == "career"
                  and b.hours is not None]
        return min(limits) if limits else None

    def working_days(self) -> frozenset[int]:
        """Weekdays holding working hours (``cairn availability add ... --work``)."""
        return frozenset(w.weekday for w in self.rules.windows() if w.kind is WindowKind.WORK)


def target_gaps(fit: Callable[[], FitService], subject: str) -> TargetGaps | None:
    """The occupation a template's subject names (a code or a title in the catalog) and the
    person's top five skill gaps to it; None when the catalog, the ratings or a match are
    missing, and the template then keeps its own steps."""
    from cairn.services.guidance import TargetGaps

    try:
        code, title, found, _ = fit().gaps(subject)
    except CairnError:
        return None
    top = found[:5]
    return TargetGaps(code, title, tuple(g.name for g in top),
                      tuple(g.shortfall for g in top)) if top else None


def link_goal_to_occupation(goals: GoalService, goal_id: int, code: str) -> None:
    """Link a goal to the occupation it aims at (as `explore gap --make-goal` does)."""
    from cairn.store import assess as assess_store

    with goals.scope.write() as s:
        assess_store.link_goal(s, goal_id, code, goals.scope.now())


def budget_pairs(rules: PlanningRules) -> dict[str, tuple[float, float | None]]:
    """Each budgeted area's weekly floor and cap, for the pace of goal templates."""
    return {b.area: (b.floor, b.cap) for b in rules.budgets()}


def _rests(scope: Scope) -> list[RestPeriod]:
    from cairn.store import track

    with scope.read() as s:
        return track.list_rests(s)


def followup_reminders(support: SupportService, today: dt.date) -> Iterable[Reminder]:
    """A reminder for each contact due for a follow-up within the next weeks; one that
    would fall in rest mode waits for the day after it (none during open-ended rest)."""
    from cairn.calendars.ics_export import Reminder
    from cairn.core.waiting import after_rest

    rests = _rests(support.scope)
    for f in support.due_followups(today, within_days=7 * REMINDER_WEEKS):
        day = after_rest(max(f.due, today), rests)
        if day is None:
            continue
        yield Reminder(
            uid=f"followup-{f.contact.id}-{f.due.isoformat()}",
            title=f"Follow up with {f.contact.name}",
            at=dt.datetime.combine(day, REMINDER_TIME),
            description="Log it with: " + command_line(
                Action.to("contact.log", contact_id=f.contact.id, note=None)),
        )


def review_reminders(reviews: ReviewService, today: dt.date) -> Iterable[Reminder]:
    """A reminder for each review due within the next weeks; one that would fall in rest
    mode waits for the day after it (none during open-ended rest)."""
    from cairn.calendars.ics_export import Reminder
    from cairn.core.waiting import after_rest

    horizon = today + dt.timedelta(weeks=REMINDER_WEEKS)
    rests = _rests(reviews.scope)
    for due in reviews.schedule():
        day = after_rest(max(due.due_on, today), rests)
        if due.due_on <= horizon and day is not None:
            yield Reminder(
                uid=f"review-{due.kind.value}-{due.due_on.isoformat()}",
                title=f"Cairn {due.kind.value} review",
                at=dt.datetime.combine(day, REMINDER_TIME), minutes=45,
                description=f"{due.reason}. Run: "
                            + command_line(Action.to("review", kind=due.kind.value)),
            )


RECENT_EVENT_DAYS = 90  # a life event counts as "recent" for guidance this long


def tracking_facts(track: Tracking, today: dt.date) -> dict[str, object]:
    """What check-ins, life events, reviews and the time plan tell the guidance rules."""
    from cairn.core.balance import week_start
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
        "overcommitted_hours": track.wellbeing.plan.overcommitment().get(week_start(today)),
    }


def report_sections(track: Tracking, planning: PlanningService, start: dt.date,
                    end: dt.date) -> dict[str, object]:
    """The report's sections that tracking and the time plan know about; the burnout
    trend is the risk as of every seventh day back from the period's end, once there are
    check-ins or logged time to judge by."""
    from cairn.core.report import (
        AreaWeek,
        BurnoutPoint,
        DatedItem,
        PlanLine,
        WheelSpoke,
        monday,
    )

    areas = {a.id: a for a in track.record.profile.areas(include_archived=True)}
    sections: dict[str, object] = {
        "reviews": tuple(DatedItem(d.due_on, f"{d.kind.value} review: {d.reason}",
                                   d.due_on < end) for d in track.reviews.schedule()),
    }
    has_checkins = bool(track.record.checkins())
    if has_checkins:
        sections["balance_wheel"] = tuple(
            WheelSpoke(r.area.name, None if r.satisfaction is None else float(r.satisfaction),
                       r.hours_per_week,
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
        sections["hours_basis"] = "time logged"
    if has_checkins or entries:
        sections["burnout"] = tuple(
            BurnoutPoint(day, risk.level, risk.points, tuple(r.code for r in risk.reasons))
            for day, risk in track.wellbeing.burnout_trend(start, end))
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


def _target_gaps(fit: Callable[[], FitService], goals: GoalService
                 ) -> tuple[str, list[Gap]] | None:
    """(title, gaps) to the occupation behind the newest open goal made from gaps; None
    without such a goal, or while the catalog or the ratings are missing."""
    from cairn.store import assess as assess_store

    with goals.scope.read() as s:
        linked = assess_store.goal_occupations(s)
    if not linked:
        return None
    open_ids = {g.id for g in goals.find() if g.is_open}
    targets = [code for goal_id, code in linked.items() if goal_id in open_ids]
    if not targets:
        return None
    try:
        _, title, found, _ = fit().gaps(targets[-1])
    except CairnError:
        return None
    return title, found


def report_skill_gaps(fit: FitService, goals: GoalService) -> dict[str, object]:
    """Skill gaps to the occupation behind the newest open goal made from gaps, if any."""
    from cairn.core.report import GapLine

    target = _target_gaps(lambda: fit, goals)
    if target is None:
        return {}
    title, found = target
    return {"skill_gaps": tuple(GapLine(f"{g.name} (for {title})", g.importance, g.shortfall)
                                for g in found[:10]),
            "onet_attribution": fit.catalog.attribution()}


def assessment_facts(fit: Callable[[], FitService], goals: GoalService,
                     assess: Callable[[], AssessmentService]) -> dict[str, object]:
    """What assessments and matching tell the needs and guidance rules: the skill gaps (O*NET
    element ids) to the occupation behind a gap goal, and the passions meant to pay."""
    facts: dict[str, object] = {}
    target = _target_gaps(fit, goals)
    if target is not None:
        facts["skill_gaps"] = tuple(g.element_id for g in target[1])
        facts["skill_gap_names"] = tuple(g.name for g in target[1])
    service = assess()
    if service.latest("passions") is not None:
        facts["passions_wanting_income"] = tuple(
            p.name for p in service.person().constraints.passions if p.income)
    return facts


class SkillRatingsFromAssessments:
    """The skill self-ratings of ``cairn assess skills``, for the library: finishing a
    resource can raise them one step, kept as a new skills take (so ``assess history``
    shows the change, and matching and gaps use it)."""

    def __init__(self, assess: Callable[[], AssessmentService]) -> None:
        self.assess = assess

    def offers(self, skill_ids: Sequence[str]) -> list[RatingOffer]:
        """Each skill's rating now and one step up the instrument's scale, capped at its top."""
        from cairn.core.errors import NotReady
        from cairn.core.resources import RatingOffer, proposed_rating

        try:
            inst = self.assess().instrument("skills", knowledge=True)
        except NotReady:
            install = command_line(Action.to("catalog.install"))
            return [RatingOffer(x, x, None, None, "the occupation catalog is not installed "
                                f"({install})") for x in skill_ids]
        latest = self.assess().latest("skills")
        levels = {k: float(v) for k, v in (latest.scores if latest else {}).items()}
        names = {sc.id: sc.name for sc in inst.scales}
        found = []
        for x in skill_ids:
            if x not in names:
                found.append(RatingOffer(x, x, None, None, "not on the skills self-rating "
                                         "(only O*NET skills and knowledge are)"))
                continue
            proposed = proposed_rating(levels.get(x), inst.low, inst.high)
            found.append(RatingOffer(x, names[x], levels.get(x), proposed,
                                     "" if proposed is not None
                                     else f"already at the top of the scale ({inst.high:g})"))
        return found

    def rate(self, ratings: Mapping[str, float], note: str) -> None:
        """Keep the ratings as a new skills take."""
        self.assess().rate_skills(ratings, note)

    def raised(self, resource_id: int) -> set[str]:
        """The skills a raise for finishing the resource has changed already (read from the
        notes the skills takes keep)."""
        from cairn.core.resources import raised_for

        return self.assess().noted_items("skills", lambda note: raised_for(resource_id, note))
