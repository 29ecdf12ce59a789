"""Where features meet: the plan's budgets for well-being, reminders for the calendar.

Each feature was built to take the others' facts as inputs given at construction; this
module supplies them, so the facade can wire the features together in one place. It only
fetches: the arithmetic on what it fetches (sums, pairings, gaps, days) is in
:mod:`cairn.core.links`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from cairn.commands import command_line
from cairn.core import links as arithmetic
from cairn.core.actions import Action
from cairn.core.errors import CairnError

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

REMINDER_TIME = dt.time(9, 0)  # reminders sit at 09:00 on their day, where the person is


class OccupationsFromFit:
    """The occupations goal templates aim at, from matching
    (:class:`cairn.services.guidance.Occupations`); ``fit`` is built on first use."""

    def __init__(self, fit: Callable[[], FitService], goals: GoalService) -> None:
        self.fit = fit
        self.goals = goals

    def target_gaps(self, subject: str) -> TargetGaps | None:
        """The occupation a template's subject names (a code or a title in the catalog)
        and the person's top five skill gaps to it; None when the catalog, the ratings or
        a match are missing, and the template then keeps its own steps."""
        return target_gaps(self.fit, subject)

    def link_goal(self, goal_id: int, code: str) -> None:
        """Link a goal to the occupation it aims at (as `explore gap --make-goal` does)."""
        link_goal_to_occupation(self.goals, goal_id, code)


def target_gaps(fit: Callable[[], FitService], subject: str) -> TargetGaps | None:
    """The occupation a template's subject names (a code or a title in the catalog) and the
    person's top five skill gaps to it; None when the catalog, the ratings or a match are
    missing, and the template then keeps its own steps."""
    from cairn.services.guidance import TargetGaps

    try:
        code, title, found, _ = fit().gaps(subject)
    except CairnError:
        return None
    names, shortfalls = arithmetic.top_gaps(found)
    return TargetGaps(code, title, names, shortfalls) if names else None


def link_goal_to_occupation(goals: GoalService, goal_id: int, code: str) -> None:
    """Link a goal to the occupation it aims at (as `explore gap --make-goal` does)."""
    from cairn.store import assess as assess_store

    with goals.scope.write() as s:
        assess_store.link_goal(s, goal_id, code, goals.scope.now())


def budget_pairs(rules: PlanningRules) -> dict[str, tuple[float, float | None]]:
    """Each budgeted area's weekly floor and cap, for the pace of goal templates."""
    return arithmetic.budget_pairs(rules.budgets())


def _rests(scope: Scope) -> list[RestPeriod]:
    from cairn.store import track

    with scope.read() as s:
        return track.list_rests(s)


def followup_reminders(support: SupportService, today: dt.date) -> Iterable[Reminder]:
    """A reminder for each contact due for a follow-up within the next weeks; one that
    would fall in rest mode waits for the day after it (none during open-ended rest)."""
    from cairn.calendars.ics_export import Reminder

    rests = _rests(support.scope)
    for f in support.due_followups(today, within_days=7 * arithmetic.REMINDER_WEEKS):
        day = arithmetic.reminder_day(f.due, today, rests)
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

    rests = _rests(reviews.scope)
    for due in reviews.schedule():
        day = arithmetic.reminder_day(due.due_on, today, rests)
        if day is not None:
            yield Reminder(
                uid=f"review-{due.kind.value}-{due.due_on.isoformat()}",
                title=f"Cairn {due.kind.value} review",
                at=dt.datetime.combine(day, REMINDER_TIME), minutes=45,
                description=f"{due.reason}. Run: "
                            + command_line(Action.to("review", kind=due.kind.value)),
            )


def tracking_facts(track: Tracking, today: dt.date) -> dict[str, object]:
    """What check-ins, life events, reviews and the time plan tell the guidance rules."""
    return arithmetic.tracking_facts(
        today, track.record.events(), track.record.checkins(), track.wellbeing.burnout(),
        track.reviews.schedule(), track.wellbeing.plan.overcommitment())


def report_sections(track: Tracking, planning: PlanningService, start: dt.date,
                    end: dt.date) -> dict[str, object]:
    """The report's sections that tracking and the time plan know about; the burnout
    trend is the risk as of every seventh day back from the period's end, once there are
    check-ins or logged time to judge by."""
    areas = {a.id: a for a in track.record.profile.areas(include_archived=True)}
    sections: dict[str, object] = {
        "reviews": arithmetic.review_items(track.reviews.schedule(), end),
    }
    has_checkins = bool(track.record.checkins())
    if has_checkins:
        sections["balance_wheel"] = arithmetic.wheel_spokes(track.wellbeing.balance())
    entries = [e for e in track.record.time_entries(start) if e.on <= end]
    if entries:
        sections["task_hours"] = arithmetic.logged_hours(
            entries, {a.id: a.name for a in areas.values()})
        sections["hours_basis"] = "time logged"
    if has_checkins or entries:
        sections["burnout"] = arithmetic.burnout_points(track.wellbeing.burnout_trend(start, end))
    sessions = planning.accepted()
    if sessions:
        sections["time_plan"] = arithmetic.plan_lines(
            sessions, {b.area: b.floor or b.cap for b in planning.rules.budgets()},
            {a.key: a.name for a in areas.values()})
    return sections


def rematch_step(fit: Callable[[], FitService]) -> Callable[[], str]:
    """The six-monthly reassessment's matching step; raises (NotReady) while the catalog or
    the assessments are missing, and the review lists it as pending with the reason."""

    def step() -> str:
        return arithmetic.rematch_summary(fit().match(limit=arithmetic.MATCHES_AFTER_REASSESSMENT))

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
    code = arithmetic.newest_open_target(linked, {g.id for g in goals.find() if g.is_open})
    if code is None:
        return None
    try:
        _, title, found, _ = fit().gaps(code)
    except CairnError:
        return None
    return title, found


def report_skill_gaps(fit: FitService, goals: GoalService) -> dict[str, object]:
    """Skill gaps to the occupation behind the newest open goal made from gaps, if any."""
    target = _target_gaps(lambda: fit, goals)
    if target is None:
        return {}
    title, found = target
    return {"skill_gaps": arithmetic.gap_lines(title, found),
            "onet_attribution": fit.catalog.attribution()}


def assessment_facts(fit: Callable[[], FitService], goals: GoalService,
                     assess: Callable[[], AssessmentService]) -> dict[str, object]:
    """What assessments and matching tell the needs and guidance rules: the skill gaps (O*NET
    element ids) to the occupation behind a gap goal, and the passions meant to pay."""
    facts: dict[str, object] = {}
    target = _target_gaps(fit, goals)
    if target is not None:
        facts.update(arithmetic.gap_facts(target[1]))
    service = assess()
    if service.latest("passions") is not None:
        facts["passions_wanting_income"] = arithmetic.passions_wanting_income(service.person())
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
        from cairn.core.resources import RatingOffer

        try:
            inst = self.assess().instrument("skills", knowledge=True)
        except NotReady:
            install = command_line(Action.to("catalog.install"))
            return [RatingOffer(x, x, None, None, "the occupation catalog is not installed "
                                f"({install})") for x in skill_ids]
        latest = self.assess().latest("skills")
        levels = {k: float(v) for k, v in (latest.scores if latest else {}).items()}
        return arithmetic.rating_offers(skill_ids, {sc.id: sc.name for sc in inst.scales},
                                        levels, inst.low, inst.high)

    def rate(self, ratings: Mapping[str, float], note: str) -> None:
        """Keep the ratings as a new skills take."""
        self.assess().rate_skills(ratings, note)

    def raised(self, resource_id: int) -> set[str]:
        """The skills a raise for finishing the resource has changed already (read from the
        notes the skills takes keep)."""
        from cairn.core.resources import raised_for

        return self.assess().noted_items("skills", lambda note: raised_for(resource_id, note))
