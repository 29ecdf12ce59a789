"""Rest mode: what falls due waits (reviews, follow-ups, alerts, burnout advice), and streaks."""

from __future__ import annotations

import datetime as dt
import json

from cairn.core.balance import streak
from cairn.core.review import DueReview
from cairn.core.support import Contact, ContactKind, FollowUp
from cairn.core.tracking import RestPeriod, ReviewKind
from cairn.core.waiting import after_rest, nudges

MON = dt.date(2026, 12, 7)
UTC = dt.UTC


def _reviews() -> list[DueReview]:
    return [DueReview(ReviewKind.WEEKLY, dt.date(2026, 11, 30), "a week"),
            DueReview(ReviewKind.MONTHLY, dt.date(2026, 12, 23), "a month")]


def _followup(due: dt.date) -> FollowUp:
    return FollowUp(Contact(1, "Sam", ContactKind.MENTOR, cadence_weeks=1), None, due,
                    (MON - due).days)


def test_in_rest_mode_what_is_due_waits_and_nothing_is_lost():
    follow = _followup(dt.date(2026, 11, 30))
    plain = nudges(MON, [], _reviews(), [follow], ["Work took 45.0 h a week"])
    assert [d.kind for d in plain.reviews_due] == [ReviewKind.WEEKLY]
    assert (plain.reviews_waiting, plain.followups_waiting, plain.alerts_waiting) == ((), (), ())
    assert plain.followups_due == (follow,)
    assert not plain.burnout_waits

    rest = RestPeriod(1, dt.date(2026, 12, 5))  # open-ended, since Saturday
    resting = nudges(MON, [rest], _reviews(), [follow], ["Work took 45.0 h a week"])
    assert resting.rest == rest
    assert (resting.reviews_due, resting.followups_due, resting.alerts) == ((), (), ())
    assert [d.due_on for d in resting.reviews_waiting] == [dt.date(2026, 11, 30)]
    assert resting.followups_waiting == (follow,)
    assert resting.alerts_waiting == ("Work took 45.0 h a week",)
    assert [d.kind for d in resting.reviews_upcoming] == [ReviewKind.MONTHLY]
    assert resting.burnout_waits

    # the rest ended yesterday: everything is due again, as it was
    ended = RestPeriod(1, dt.date(2026, 12, 1), dt.date(2026, 12, 6))
    again = nudges(MON, [ended], _reviews(), [follow])
    assert [d.kind for d in again.reviews_due] == [ReviewKind.WEEKLY]
    assert again.followups_due == (follow,)


def test_a_reminder_in_rest_mode_moves_to_the_day_after_it():
    holiday = RestPeriod(1, dt.date(2026, 12, 24), dt.date(2027, 1, 1))
    sick = RestPeriod(2, dt.date(2027, 1, 2), dt.date(2027, 1, 3))  # right after it
    assert after_rest(dt.date(2026, 12, 23), [holiday, sick]) == dt.date(2026, 12, 23)
    assert after_rest(dt.date(2026, 12, 28), [holiday, sick]) == dt.date(2027, 1, 4)
    assert after_rest(dt.date(2026, 12, 28), [RestPeriod(3, dt.date(2026, 12, 20))]) is None


def test_the_streak_rule_as_documented_a_rested_week_with_activity_counts():
    weeks = [MON - dt.timedelta(weeks=n) for n in (1, 2, 3)]
    # week 2 was spent resting, and the person checked in anyway: it counts
    rest = RestPeriod(1, weeks[1], weeks[1] + dt.timedelta(days=6))
    assert streak(weeks, MON, [rest]) == 3
    # a rested week without activity is passed over: neither counts nor breaks
    assert streak([weeks[0], weeks[2]], MON, [rest]) == 2
    # the same gap without rest ends the streak
    assert streak([weeks[0], weeks[2]], MON) == 1


def _long_weeks(cli) -> None:
    """Four weeks of 45 h in career, nothing for the rest of life (before 2026-12-07)."""
    for week in range(4):
        for day in range(5):
            on = dt.date(2026, 11, 9) + dt.timedelta(weeks=week, days=day)
            assert cli("log", "9h", "career", "--date", on.isoformat()).exit_code == 0


def test_status_in_rest_mode_shows_what_waits_not_what_is_due(cli, frozen):
    cli("init", "--name", "Ada", "--stage", "mid-career", "--hours", "38")  # 2026-11-23
    assert cli("contact", "add", "Sam", "--kind", "mentor", "--every", "1").exit_code == 0
    frozen.move_to(dt.datetime(2026, 12, 7, 10, tzinfo=UTC))
    _long_weeks(cli)

    busy = cli("status").stdout
    assert "Review due: weekly (your first week, since 2026-11-30)" in busy
    assert "Follow up: Sam (due 2026-11-30)" in busy
    assert "Alert: Work took 45.0 h a week (limit 41.8 h)" in busy
    assert "3 of the last 4 weeks went beyond 41.8 h" in busy

    started = cli("rest", "start", "--reason", "recovering")
    assert "streaks and reviews wait for you" in started.stdout
    resting = cli("status").stdout
    for nag in ("Review due", "Follow up:", "Alert:", "went beyond"):
        assert nag not in resting
    assert "Waiting: weekly review (your first week, due since 2026-11-30)." in resting
    assert "Waiting: follow up with Sam (due 2026-11-30)." in resting
    assert "Waiting: 1 alert(s) that work crowds out the rest of life" in resting
    assert "Burnout risk: elevated (rest mode is on: reasons and advice wait" in resting

    doc = json.loads(cli("status", "--json").stdout)
    weekly = next(r for r in doc["reviews"] if r["kind"] == "weekly")
    assert (weekly["due"], weekly["waiting"]) == (True, True)
    assert [(f["name"], f["waiting"]) for f in doc["followups"]] == [("Sam", True)]
    assert doc["alerts"] == [] and len(doc["alerts_waiting"]) == 1
    assert doc["burnout"]["waiting"] is True and doc["burnout"]["resting"] is True
    # asked for, the burnout reasons are there
    assert "went beyond 41.8 h" in cli("burnout").stdout

    # back from rest the next day: due again, nothing lost
    frozen.move_to(dt.datetime(2026, 12, 8, 10, tzinfo=UTC))
    assert cli("rest", "stop").exit_code == 0
    back = cli("status").stdout
    assert "Review due: weekly" in back and "Follow up: Sam" in back
    assert "Waiting:" not in back


def test_calendar_reminders_wait_for_the_end_of_a_holiday(person):
    from cairn.services import links

    person.support.add("Sam", ContactKind.MENTOR, cadence_weeks=2)  # due 2026-12-07
    person.track.record.start_rest("holiday", until=dt.date(2026, 12, 13),
                                   start=dt.date(2026, 11, 28))
    [follow] = links.followup_reminders(person.support, dt.date(2026, 11, 23))
    assert follow.at.date() == dt.date(2026, 12, 14)
    days = {r.title: r.at.date() for r in links.review_reminders(person.track.reviews,
                                                                 dt.date(2026, 11, 23))}
    assert days["Cairn weekly review"] == dt.date(2026, 12, 14)  # due 2026-11-30
    assert days["Cairn monthly review"] == dt.date(2026, 12, 23)  # after the holiday
