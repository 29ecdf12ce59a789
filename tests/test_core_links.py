"""The arithmetic where features meet (core/links.py): pure functions, no database."""

from __future__ import annotations

import datetime as dt

from cairn.core import balance, links
from cairn.core.balance import AreaBudget, BalanceRow, WeekSpan
from cairn.core.burnout import BurnoutRisk, Reason
from cairn.core.gaps import Gap
from cairn.core.matching import Match
from cairn.core.model import LifeArea
from cairn.core.person import Constraints, Passion, Person
from cairn.core.planning.model import (
    Boundary,
    BoundaryKind,
    Budget,
    Session,
    SessionKind,
    Window,
    WindowKind,
)
from cairn.core.report import AreaWeek, BurnoutPoint, DatedItem, GapLine, PlanLine, WheelSpoke
from cairn.core.resources import RatingOffer
from cairn.core.review import DueReview
from cairn.core.tracking import (
    CheckIn,
    EventKind,
    LifeEvent,
    RestPeriod,
    ReviewKind,
    TimeEntry,
)

TODAY = dt.date(2026, 11, 25)  # a Wednesday
MONDAY = dt.date(2026, 11, 23)


def _gap(element: str, name: str, shortfall: float, importance: float = 4.0) -> Gap:
    return Gap(element, name, "skill", importance, 5.0, 5.0 - shortfall, shortfall,
               importance * shortfall, "")


def _risk(*codes: str) -> BurnoutRisk:
    return BurnoutRisk("moderate", 3, tuple(Reason(c, c, "") for c in codes), False, False)


def test_budgets_become_area_budgets_and_pairs():
    budgets = [Budget("learning", 3.0, 6.0), Budget("health", 0.0, 4.0), Budget("rest", 2.0)]
    assert balance.area_budgets(budgets) == {"learning": AreaBudget(3.0, 6.0),
                                           "health": AreaBudget(None, 4.0),  # a floor of 0
                                           "rest": AreaBudget(2.0, None)}
    assert balance.area_budgets([]) is None  # no budget set: no plan to judge by
    assert links.budget_pairs(budgets) == {"learning": (3.0, 6.0), "health": (0.0, 4.0),
                                           "rest": (2.0, None)}


def test_the_tightest_career_max_hours_boundary_counts():
    boundaries = [Boundary(BoundaryKind.MAX_HOURS, "career", hours=45),
                  Boundary(BoundaryKind.MAX_HOURS, "career", hours=40),
                  Boundary(BoundaryKind.MAX_HOURS, "learning", hours=5),
                  Boundary(BoundaryKind.CUTOFF, "career", after=19 * 60)]
    assert balance.career_hour_limit(boundaries) == 40
    assert balance.career_hour_limit(boundaries[2:]) is None


def test_working_days_are_the_weekdays_with_work_windows():
    windows = [Window(0, 540, 1020, WindowKind.WORK), Window(2, 540, 1020, WindowKind.WORK),
               Window(5, 600, 720, WindowKind.FREE), Window(0, 1080, 1260)]
    assert balance.working_days(windows) == frozenset({0, 2})
    assert balance.working_days([]) == frozenset()


def test_a_reminder_sits_on_its_due_day_after_rest_and_within_the_horizon():
    assert links.reminder_day(TODAY + dt.timedelta(days=3), TODAY, []) == TODAY + dt.timedelta(3)
    assert links.reminder_day(TODAY - dt.timedelta(days=3), TODAY, []) == TODAY  # overdue
    holiday = [RestPeriod(1, TODAY, TODAY + dt.timedelta(days=6))]
    assert links.reminder_day(TODAY + dt.timedelta(days=2), TODAY, holiday) == (
        TODAY + dt.timedelta(days=7))
    assert links.reminder_day(TODAY, TODAY, [RestPeriod(1, TODAY)]) is None  # open-ended
    horizon = TODAY + dt.timedelta(weeks=links.REMINDER_WEEKS)
    assert links.reminder_day(horizon, TODAY, []) == horizon
    assert links.reminder_day(horizon + dt.timedelta(days=1), TODAY, []) is None


def test_tracking_facts_for_the_guidance_rules():
    events = [LifeEvent(1, EventKind.JOB_CHANGE, "", TODAY - dt.timedelta(days=90)),
              LifeEvent(2, EventKind.MOVE, "", TODAY - dt.timedelta(days=91))]
    checkins = [CheckIn(1, dt.datetime(2026, 11, 9, 9), 6, 4, 44.0),
                CheckIn(2, dt.datetime(2026, 11, 16, 9), 6, 5, None)]
    schedule = [DueReview(ReviewKind.WEEKLY, TODAY - dt.timedelta(days=2), "weekly"),
                DueReview(ReviewKind.SIX_MONTHLY, TODAY + dt.timedelta(days=1), "six")]
    facts = links.tracking_facts(TODAY, events, checkins, _risk("stress-rising"), schedule,
                                 {MONDAY: 4.5, MONDAY - dt.timedelta(weeks=1): 9.0})
    assert facts == {"recent_life_events": ("job-change",),  # 90 days: still recent
                     "weekly_hours_worked": 44.0,  # the latest check-in that gave hours
                     "stress_rising": True,
                     "reassessment_due": False,  # the weekly one is due, not six-monthly
                     "overcommitted_hours": 4.5}  # this week's
    quiet = links.tracking_facts(TODAY, [], [], _risk("stress-high"), schedule[1:], {})
    assert quiet["stress_rising"] is None  # no check-ins: unknown, not False
    assert quiet["weekly_hours_worked"] is None and quiet["overcommitted_hours"] is None
    due = links.tracking_facts(TODAY + dt.timedelta(days=1), [], checkins, _risk(), schedule, {})
    assert due["reassessment_due"] is True and due["stress_rising"] is False


def test_the_newest_open_goal_names_the_target_occupation():
    linked = {1: "15-1252.00", 2: "29-1141.00", 3: "11-3021.00"}
    assert links.newest_open_target(linked, {1, 2}) == "29-1141.00"
    assert links.newest_open_target(linked, {9}) is None
    assert links.newest_open_target({}, {1}) is None


def test_gaps_become_facts_top_gaps_and_report_lines():
    gaps = [_gap(f"2.A.1.{c}", f"Skill {c}", 3 - i * 0.5) for i, c in enumerate("abcdef")]
    assert links.gap_facts(gaps[:2]) == {"skill_gaps": ("2.A.1.a", "2.A.1.b"),
                                         "skill_gap_names": ("Skill a", "Skill b")}
    names, shortfalls = links.top_gaps(gaps)
    assert names == ("Skill a", "Skill b", "Skill c", "Skill d", "Skill e")  # five of six
    assert shortfalls == (3.0, 2.5, 2.0, 1.5, 1.0)
    assert links.top_gaps([]) == ((), ())
    assert links.gap_lines("Nurse", gaps, limit=2) == (GapLine("Skill a (for Nurse)", 4.0, 3.0),
                                                       GapLine("Skill b (for Nurse)", 4.0, 2.5))


def test_passions_meant_to_pay():
    person = Person(constraints=Constraints(passions=(Passion("pottery", 4, income=True),
                                                      Passion("chess", 2))))
    assert links.passions_wanting_income(person) == ("pottery",)
    assert links.passions_wanting_income(Person()) == ()


def test_report_sections_add_up():
    schedule = [DueReview(ReviewKind.WEEKLY, MONDAY, "a week since the last"),
                DueReview(ReviewKind.MONTHLY, TODAY + dt.timedelta(days=9), "monthly")]
    assert links.review_items(schedule, TODAY) == (
        DatedItem(MONDAY, "weekly review: a week since the last", True),
        DatedItem(TODAY + dt.timedelta(days=9), "monthly review: monthly", False))
    span = WeekSpan(MONDAY, 1)
    rows = [BalanceRow(LifeArea(1, "health", "Health"), 3, 2.5, AreaBudget(None, 4.0), None, span),
            BalanceRow(LifeArea(2, "rest", "Rest"), None, None, None, None, span),
            BalanceRow(LifeArea(3, "career", "Career"), 0, 40.0, AreaBudget(30.0, 45.0), None,
                       span)]
    assert links.wheel_spokes(rows) == (WheelSpoke("Health", 3.0, 2.5, 4.0),
                                        WheelSpoke("Rest", None, None, None),  # unrated
                                        WheelSpoke("Career", 0.0, 40.0, 30.0))
    entries = [TimeEntry(1, 1, MONDAY, 90), TimeEntry(2, 1, TODAY, 20),
               TimeEntry(3, 2, MONDAY - dt.timedelta(days=1), 60)]
    assert links.logged_hours(entries, {1: "Health", 2: "Rest"}) == (
        AreaWeek("Health", MONDAY, 1.83),  # 110 minutes, rounded to 0.01
        AreaWeek("Rest", MONDAY - dt.timedelta(weeks=1), 1.0))
    assert links.burnout_points([(MONDAY, _risk("no-rest", "long-hours"))]) == (
        BurnoutPoint(MONDAY, "moderate", 3, ("no-rest", "long-hours")),)


def test_planned_hours_are_a_weekly_average_beside_the_budget():
    def session(day: dt.date, area: str, hours: float) -> Session:
        start = dt.datetime.combine(day, dt.time(18))
        return Session(f"k{day}{area}", SessionKind.TASK, 1, "t", area, start,
                       start + dt.timedelta(hours=hours))

    sessions = [session(MONDAY, "learning", 2), session(TODAY, "learning", 1),
                session(MONDAY + dt.timedelta(weeks=1), "learning", 3),
                session(TODAY, "health", 1.5)]
    assert links.plan_lines(sessions, {"learning": 3.0}, {"learning": "Learning"}) == (
        PlanLine("health", 0.75, None),  # no name known: the key; two weeks planned
        PlanLine("Learning", 3.0, 3.0))
    assert links.plan_lines([], {}, {}) == ()


def test_rematch_summary_names_the_best_fits():
    matches = [Match("15-1252.00", "Software Developers", 0.8123, {}, {}, 4, None),
               Match("29-1141.00", "Registered Nurses", 0.5, {}, {}, 3, None)]
    assert links.rematch_summary(matches) == (
        "matching re-run; best fits now: Software Developers (81%), Registered Nurses (50%)")


def test_rating_offers_go_one_step_up_and_say_why_not():
    names = {"2.A.1.a": "Reading", "2.A.1.b": "Listening", "2.A.1.c": "Writing"}
    offers = links.rating_offers(["2.A.1.a", "2.A.1.b", "2.A.1.c", "9.Z"], names,
                                 {"2.A.1.a": 3.0, "2.A.1.b": 7.0}, 1.0, 7.0)
    assert offers == [
        RatingOffer("2.A.1.a", "Reading", 3.0, 4.0),
        RatingOffer("2.A.1.b", "Listening", 7.0, None, "already at the top of the scale (7)"),
        RatingOffer("2.A.1.c", "Writing", None, 2.0),  # unrated: one above the bottom
        RatingOffer("9.Z", "9.Z", None, None,
                    "not on the skills self-rating (only O*NET skills and knowledge are)"),
    ]
