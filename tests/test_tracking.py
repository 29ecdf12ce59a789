"""Tracking, well-being and reviews through the services and the CLI, on both backends."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from cairn.core.errors import InvalidInput
from cairn.core.model import GoalStatus, Horizon, Metric, Priority, TaskStatus
from cairn.core.tracking import EventKind, ReviewKind
from cairn.services.app import Cairn
from cairn.services.reviews import MATCHING_STEP, ReviewService
from cairn.store.assess_tables import AnswerRow, InstrumentRow, TakeRow
from cairn.store.planning_tables import RestPeriodRow
from cairn.store.track_tables import (
    CheckInRatingRow,
    CheckInRow,
    InstrumentResultRow,
    LifeEventRow,
    ReviewRow,
    TimeEntryRow,
    WinRow,
)
from cairn.store.transfer import personal_tables

WEEK5 = Path(__file__).parent / "fixtures" / "instruments" / "week5.toml"
PER_AREA = """
[instrument]
key = "areas"
title = "Area check"
scoring = "mean"
licence = "written for this test"
transform = { multiply = 10, add = 0 }
[response]
min = 0
max = 10
[[scales]]
id = "fit"
name = "Fit"
[[items]]
id = "calm"
scale = "fit"
text = "How calm was the week?"
[[items]]
id = "fit"
scale = "fit"
text = "How well does {area} fit your week?"
per_area = true
[[items]]
id = "why"
kind = "text"
text = "Why?"
"""


def init(cli) -> None:
    assert cli("init", "--name", "Ada", "--stage", "mid-career", "--hours", "38").exit_code == 0


# -- tracking -------------------------------------------------------------------------


def test_log_win_and_checkin_from_flags(cli):
    init(cli)
    assert cli("task", "add", "Read chapter 2", "--estimate", "2").exit_code == 0
    out = cli("log", "1h30", "learning", "--task", "1", "read", "chapter", "2")
    assert out.exit_code == 0, out.stderr
    assert "Logged 1h30 in learning" in out.stdout
    assert cli("log", "45m", "rest", "--date", "2026-11-21").exit_code == 0
    logged = json.loads(cli("log", "list", "--json").stdout)
    assert [(e["area"], e["minutes"], e["task_id"], e["note"]) for e in logged] == [
        ("rest", 45, None, ""), ("learning", 90, 1, "read chapter 2")]
    assert "learning 1h30, rest 45m" in cli("log", "list").stdout
    assert cli("win", "Gave the talk").exit_code == 0
    wins = json.loads(cli("win", "list", "--json").stdout)
    assert wins == [{"id": 1, "on": "2026-11-23", "text": "Gave the talk"}]
    out = cli("checkin", "--energy", "6", "--stress", "4", "--hours", "42",
              "--satisfaction", "career=7", "--satisfaction", "health=5", "--note", "ok")
    assert out.exit_code == 0, out.stderr
    assert "index 60" in out.stdout
    [c] = json.loads(cli("checkin", "list", "--json").stdout)
    assert (c["energy"], c["stress"], c["hours_worked"], c["note"]) == (6, 4, 42, "ok")
    assert c["satisfaction"] == {"career": 7, "health": 5}


def test_checkin_asks_when_given_no_flags(cli):
    init(cli)
    # energy, stress, eight areas (career rated, the rest skipped), hours, note
    answers = "7\n3\n8\n" + "\n" * 7 + "40\nquiet week\n"
    out = cli("checkin", input=answers)
    assert out.exit_code == 0, out.stderr
    [c] = json.loads(cli("checkin", "list", "--json").stdout)
    assert (c["energy"], c["stress"], c["hours_worked"], c["satisfaction"], c["note"]) == (
        7, 3, 40, {"career": 8}, "quiet week")


def test_an_interactive_checkin_offers_rest_mode_when_risk_is_high(cli, frozen):
    init(cli)
    for week, hours in enumerate((50, 52, 55)):
        frozen.move_to(dt.datetime(2026, 11, 2 + 7 * week, 9, tzinfo=dt.UTC))
        cli("checkin", "--energy", "3", "--stress", "9", "--hours", str(hours))
    frozen.move_to(dt.datetime(2026, 11, 23, 9, tzinfo=dt.UTC))
    out = cli("checkin", input="2\n9\n" + "\n" * 8 + "56\n\ny\n")
    assert out.exit_code == 0, out.stderr
    assert "Burnout risk high" in out.stdout
    assert "Rest mode is on" in out.stdout
    assert json.loads(cli("rest", "list", "--json").stdout)[0]["end"] is None


def test_checkin_reports_every_bad_rating(cli):
    init(cli)
    out = cli("checkin", "--energy", "11", "--stress", "-1", "--satisfaction", "nowhere=3")
    assert out.exit_code == 3
    assert "energy: 11 is outside 0-10" in out.stderr
    assert "stress: -1 is outside 0-10" in out.stderr
    assert "nowhere" in out.stderr
    out = cli("checkin", "--energy", "5", "--stress", "5", "--hours", "170")
    assert out.exit_code == 3 and "hours: 170 is above 168" in out.stderr
    assert json.loads(cli("checkin", "list", "--json").stdout) == []


def test_log_refuses_unreadable_duration_and_future(person: Cairn):
    with pytest.raises(InvalidInput):
        person.track.record.log(30, "career", on=dt.date(2026, 12, 1))


def test_a_questionnaire_from_a_file(cli):
    """A scale scored 0-25 and multiplied by 4, taken from its file through the engine."""
    init(cli)
    args = [f"--answer=w{n}={v}" for n, v in zip(range(1, 6), (5, 4, 3, 5, 3), strict=True)]
    out = cli("checkin", "--instrument", str(WEEK5), *args)
    assert out.exit_code == 0, out.stderr
    assert "Well-being" in out.stdout and " 80 " in out.stdout and "good" in out.stdout
    assert "Licence: Written for Cairn's tests" in out.stdout
    assert "cairn checkin --instrument week5" in out.stdout
    # once loaded, its key takes it again, interactively, through the assessment flow
    out = cli("checkin", "--instrument", "week5", input="2\n2\n9\n2\n2\n2\n")
    assert out.exit_code == 0, out.stderr
    assert "question 5 of 5" in out.stdout and "outside 0-5" in out.stdout
    found = json.loads(cli("checkin", "scores", "--json").stdout)
    assert [(r["source"], r["instrument"], r["score"], r["scores"]) for r in found] == [
        ("assessment", "week5", 80, {"wellbeing": 80}),
        ("assessment", "week5", 40, {"wellbeing": 40})]
    history = json.loads(cli("assess", "history", "week5", "--json").stdout)
    assert history[1]["changes"] == ["Well-being: 80 -> 40 (-40)"]


def test_a_bad_questionnaire_file_gives_every_problem_at_once(cli, tmp_path):
    init(cli)
    bad = tmp_path / "bad.toml"
    bad.write_text(WEEK5.read_text(encoding="utf-8")
                   .replace('scoring = "sum"', 'scoring = "total"')
                   .replace('text = "I made time for something I enjoy."', 'kind = "slider"')
                   .replace("high = 76", "high = 80"), encoding="utf-8")
    out = cli("checkin", "--instrument", str(bad), "--answer", "w1=1")
    assert out.exit_code == InvalidInput.exit_code
    for says in ("4 problem(s)", "`scoring` must be one of sum, mean, not 'total'",
                 "item 2 (w2): `kind` must be one of", "item 2 (w2): `text` is missing",
                 "overlap"):
        assert says in out.stderr, says
    assert json.loads(cli("checkin", "scores", "--json").stdout) == []


def test_per_area_and_text_items_in_a_file_instrument(person: Cairn, tmp_path):
    path = tmp_path / "areas.toml"
    path.write_text(PER_AREA, encoding="utf-8")
    inst = person.assess.load(path)
    take = person.assess.take(inst, {"calm": 6, "fit": {"career": 4, "health": 8},
                                     "why": "moved house"})
    assert take.scores == {"fit": 60.0}  # calm 6 and the areas' mean 6, x 10
    with pytest.raises(InvalidInput) as err:
        person.assess.take(inst, {"calm": "6", "fit": {"moon": 3}, "why": 7})
    assert "fit.moon: there is no life area 'moon'" in err.value.message
    assert "why: must be text, not 7" in err.value.message


def test_a_per_area_instrument_is_asked_area_by_area_and_resumes(cli, tmp_path):
    init(cli)
    path = tmp_path / "areas.toml"
    path.write_text(PER_AREA, encoding="utf-8")
    out = cli("checkin", "--instrument", str(path), input="6\n4\nq\n")
    assert out.exit_code == 0, out.stderr
    assert "How well does Career fit your week?" in out.stdout
    assert "Stopped at question 3 of 10" in out.stdout  # calm, then one of eight areas
    # resumes with the areas not answered yet; the text item may be skipped
    out = cli("checkin", "--instrument", "areas", input="8\n" * 7 + "moved house\n")
    assert out.exit_code == 0, out.stderr
    assert "Resuming: 2 of 10 questions" in out.stdout
    assert "How well does Career fit" not in out.stdout
    assert "How well does Community fit your week?" in out.stdout
    [result] = json.loads(cli("checkin", "scores", "--json").stdout)
    assert result["scores"] == {"fit": 67.5}  # calm 6, areas (4 + 7 x 8) / 8: mean x 10


def test_questionnaire_results_kept_before_the_engine_stay_readable(cli, db_url):
    init(cli)
    app_ = Cairn.open(db_url)
    with app_.scope.write() as s:
        s.add(InstrumentResultRow(instrument="five", version=1, raw=20, score=80,
                                  taken_at=dt.datetime(2026, 10, 1, 9), answers="{}"))
    app_.close()
    cli("checkin", "--instrument", str(WEEK5),
        *[f"--answer=w{n}=1" for n in range(1, 6)])
    found = json.loads(cli("checkin", "scores", "--json").stdout)
    assert [(r["source"], r["instrument"], r["score"]) for r in found] == [
        ("legacy", "five", 80), ("assessment", "week5", 20)]
    table = cli("checkin", "scores").stdout
    assert "five" in table and "week5" in table


# -- well-being ------------------------------------------------------------------------


def test_sustained_long_hours_raise_the_risk_and_rest_mode_excuses(person: Cairn, frozen):
    start = dt.datetime(2026, 11, 2, 9, tzinfo=dt.UTC)
    for week, (energy, hours) in enumerate([(7, 48), (5, 50), (3, 52)]):
        frozen.move_to(start + dt.timedelta(weeks=week))
        person.track.record.checkin(energy, 5, hours_worked=hours)
    frozen.move_to(start + dt.timedelta(weeks=3))
    risk = person.track.wellbeing.burnout()
    assert {r.code for r in risk.reasons} == {"long-hours", "energy-falling"}
    assert risk.offer_rest
    person.track.record.start_rest("recovering")
    assert not person.track.wellbeing.burnout().offer_rest
    assert person.track.status().rest is not None


def test_rest_mode_keeps_the_checkin_streak(person: Cairn, frozen):
    start = dt.datetime(2026, 10, 26, 9, tzinfo=dt.UTC)  # a Monday
    frozen.move_to(start)
    person.track.record.checkin(6, 4)
    person.track.record.start_rest("holiday", until=dt.date(2026, 11, 8),
                                   start=dt.date(2026, 11, 2))
    frozen.move_to(start + dt.timedelta(weeks=2))
    person.track.record.checkin(6, 4)
    assert person.track.wellbeing.streaks()["checkin_weeks"] == 2
    frozen.move_to(start + dt.timedelta(weeks=4))
    assert person.track.wellbeing.streaks()["checkin_weeks"] == 0  # a missed week breaks it


def test_habit_sessions_are_logged_and_make_a_streak(cli):
    init(cli)
    assert cli("habit", "add", "exercise", "-a", "health", "-n", "2", "-m", "45").exit_code == 0
    for day in ("2026-11-10", "2026-11-12", "2026-11-16", "2026-11-19"):
        out = cli("log", "45m", "-", "--habit", "1", "--date", day)
        assert out.exit_code == 0, out.stderr
    out = cli("log", "50m", "-", "--habit", "1", "stretching")
    assert "Logged 50m in health" in out.stdout
    assert "exercise: 1 of 2 session(s) this week; streak 2 week(s)." in out.stdout
    logged = json.loads(cli("log", "list", "--since", "2026-11-01", "--json").stdout)
    assert {(e["area"], e["habit_id"]) for e in logged} == {("health", 1)}
    doc = json.loads(cli("status", "--json").stdout)
    assert doc["habit_streaks"] == [{"habit_id": 1, "title": "exercise", "per_week": 2,
                                     "this_week": 1, "weeks": 2}]
    assert "exercise: 2 week(s) in a row; this week 1 of 2." in cli("status").stdout
    missing = cli("log", "45m", "-", "--habit", "9")
    assert missing.exit_code == 4 and "cairn habit list" in missing.stderr
    # removing the habit keeps the time it got
    assert cli("habit", "remove", "1").exit_code == 0
    logged = json.loads(cli("log", "list", "--since", "2026-11-01", "--json").stdout)
    assert len(logged) == 5 and {e["habit_id"] for e in logged} == {None}
    assert json.loads(cli("status", "--json").stdout)["habit_streaks"] == []


def test_balance_and_investment_from_logged_time(person: Cairn):
    person.track.record.log(120, "career", on=dt.date(2026, 11, 17))
    person.track.record.log(240, "learning", on=dt.date(2026, 11, 18))
    person.track.record.checkin(6, 4, satisfaction={"health": 3})
    rows = {r.area.key: r for r in person.track.wellbeing.balance()}
    # records begin in the week of 2026-11-16: one complete week, not four, to average
    assert rows["learning"].hours_per_week == 4.0
    assert (rows["learning"].span.first, rows["learning"].span.weeks) == (
        dt.date(2026, 11, 16), 1)
    assert rows["health"].satisfaction == 3
    assert rows["career"].budget_state == "no budget"
    inv = person.track.wellbeing.investment()
    assert inv.recent_per_week == 6.0  # no working hours set: the career time counts
    assert inv.year_to_date == 6.0


def test_status_json_shows_reviews_due_and_everything_else(cli):
    init(cli)
    assert cli("event", "add", "job-change", "New team lead").exit_code == 0
    doc = json.loads(cli("status", "--json").stdout)
    assert doc["reviews"][0] == {"kind": "weekly", "due_on": "2026-11-23",
                                 "reason": "1 life event(s) not yet reviewed", "due": True,
                                 "waiting": False}
    assert doc["burnout"]["level"] == "low"
    assert len(doc["balance"]) == 8
    assert set(doc["streaks"]) == {"checkin_weeks", "logging_days"}
    assert doc["habit_streaks"] == []
    assert "year_to_date" in doc["investment"]
    human = cli("status")
    assert "Review due: weekly" in human.stdout


# -- reviews -----------------------------------------------------------------------------


def _goals(c: Cairn) -> tuple[int, int]:
    a = c.goals.add("Become a lead", area="career", horizon=Horizon.LONG_TERM,
                    priority=Priority.HIGH, metric=Metric("reports", "", 0, 3, 0),
                    deadline=dt.date(2027, 12, 31))
    b = c.goals.add("Learn Rust", area="learning", horizon=Horizon.SHORT_TERM)
    return a.id, b.id


def test_review_records_decisions_in_goal_history(person: Cairn):
    a, b = _goals(person)
    person.track.record.add_event(EventKind.MOVE, "Moved to Lyon")
    assert person.track.reviews.due()[0].kind is ReviewKind.WEEKLY
    held = person.track.reviews.hold(ReviewKind.MONTHLY, [
        f"target {a} 5 aim higher", f"drop {b} no longer matters", "add health Run a 5k",
        "note a good month"])
    rid = held.review.id
    assert person.goals.get(a).metric.target == 5
    assert person.goals.get(b).status is GoalStatus.DROPPED
    reasons = [ch.reason for ch in person.goals.history(b)]
    assert f"review #{rid}: no longer matters" in reasons
    review, changes = person.track.reviews.get(rid)
    assert {(ch.goal_id, ch.field) for ch in changes} == {
        (a, "metric.target"), (b, "status"), (3, "review")}
    assert review.notes == "a good month"
    assert review.facts["events"][0]["description"] == "Moved to Lyon"
    assert review.facts["checkins"]["count"] == 0
    assert all(e.reviewed for e in person.track.record.events())
    assert not [d for d in person.track.reviews.due() if d.kind is ReviewKind.WEEKLY]


def test_review_refuses_every_bad_decision_before_changing_anything(person: Cairn):
    a, _ = _goals(person)
    with pytest.raises(InvalidInput) as err:
        person.track.reviews.hold(ReviewKind.WEEKLY, [f"deadline {a} someday-ish", "pause 99",
                                                      "target 2 7"])
    msg = err.value.message
    assert "someday-ish" in msg
    assert "#99" in msg
    assert "no metric" in msg
    assert person.track.reviews.past() == []


def test_stale_goals_and_drift_in_the_facts(person: Cairn, frozen):
    a, b = _goals(person)
    frozen.move_to(dt.datetime(2026, 12, 28, 10, tzinfo=dt.UTC))
    person.tasks.add("Rust book", 3, goal_id=b)
    person.tasks.set_status(1, TaskStatus.DONE)
    person.track.record.log(600, "learning", task_id=1)
    person.track.record.log(30, "career")
    facts = person.track.reviews.facts(ReviewKind.WEEKLY)
    assert [s.goal.id for s in facts.stale] == [a]
    assert {(d.area_id, d.kind) for d in facts.drift} == {(1, "neglected")}


def test_six_monthly_reassessment_runs_its_steps_and_pends_those_not_ready(person: Cairn):
    held = person.track.reviews.hold(ReviewKind.SIX_MONTHLY, ["retake interests"])
    [matching] = held.review.pending[-1:]
    # no catalog and no assessment: matching says why it cannot run, and how to fix it
    assert matching.startswith("re-run occupation matching against the catalog: ")
    assert "catalog is not installed. Run `cairn catalog install`" in matching
    assert not any("(not installed yet)" in p or "feature is not installed" in p
                   for p in held.review.pending)
    assert "retake interests: not retaken yet; run `cairn assess interests`" in \
        held.review.pending
    assert [c.instrument for c in held.assessments] == ["interests", "values", "skills"]
    assert held.review.facts["assessments"][0]["lines"] == [
        "Interests: never taken; take it with `cairn assess interests`."]
    # the same reviews with a matching step that runs
    reviews = ReviewService(person.scope, person.goals, person.track.wellbeing,
                            assessments=lambda: person.assess,
                            reassessment_steps={MATCHING_STEP: lambda: "matched again"})
    again = reviews.hold(ReviewKind.SIX_MONTHLY)
    assert "matched again" in again.applied and again.review.notes == "matched again"
    assert person.track.reviews.facts().burnout_before == "low"
    sched = {d.kind: d.due_on for d in person.track.reviews.schedule()}
    assert sched[ReviewKind.SIX_MONTHLY] == dt.date(2027, 5, 23)


def test_a_retake_decision_names_an_assessment_one_can_retake(person: Cairn):
    with pytest.raises(InvalidInput) as err:
        person.track.reviews.hold(ReviewKind.WEEKLY, ["retake colours"])
    assert "There is no assessment 'colours' to retake (one of: interests, values, skills)" \
        in err.value.message
    assert person.track.reviews.past() == []


def interests(letter: str) -> dict[str, int]:
    """Interest answers strongly of one RIASEC type."""
    return {f"{k}{i:02d}": 5 if k == letter else 1 for k in "riasec" for i in range(1, 11)}


VALUES = ("achievement", "working_conditions", "recognition", "relationships", "support",
          "independence")
REVERSED = {"achievement3", "working_conditions3", "support3"}  # reverse-keyed in values.toml


def values(**score: int) -> dict[str, int]:
    """Work-value answers that score 3 on every value but those named."""
    answers = {}
    for value in VALUES:
        for n in (1, 2, 3):
            item, wanted = f"{value}{n}", score.get(value, 3)
            answers[item] = 6 - wanted if item in REVERSED else wanted
    return answers


def test_six_monthly_reassessment_shows_what_changed_since_the_last_one(sample, frozen):
    person = sample
    person.profile.init("Alex Rivera", "mid-career", 38)
    skills = person.assess.instrument("skills")
    frozen.move_to(dt.datetime(2026, 5, 20, 9, tzinfo=dt.UTC))
    person.assess.take(person.assess.instrument("interests"), interests("s"))
    person.assess.take(person.assess.instrument("values"), values(relationships=5, support=4))
    person.assess.take(skills, {"2.A.1.a": 3, "2.A.2.a": 4})
    frozen.move_to(dt.datetime(2026, 5, 23, 9, tzinfo=dt.UTC))
    first = person.track.reviews.hold(ReviewKind.SIX_MONTHLY)
    assert [c.retaken for c in first.assessments] == [False, False, False]
    frozen.move_to(dt.datetime(2026, 8, 1, 9, tzinfo=dt.UTC))  # between reassessments
    person.assess.take(person.assess.instrument("interests"), interests("a"))
    frozen.move_to(dt.datetime(2026, 11, 20, 9, tzinfo=dt.UTC))  # retaken beforehand
    person.assess.take(person.assess.instrument("interests"), interests("i"))
    person.assess.take(person.assess.instrument("values"),
                       values(independence=5, achievement=4, relationships=2))
    person.assess.take(skills, {"2.A.1.a": 5, "2.A.2.a": 2})
    frozen.move_to(dt.datetime(2026, 11, 23, 10, tzinfo=dt.UTC))
    held = person.track.reviews.hold(ReviewKind.SIX_MONTHLY, ["retake skills"])
    by = {c.instrument: c for c in held.assessments}
    assert all(c.retaken for c in held.assessments)
    # compared with the takes that stood at the previous reassessment, not the one between
    assert (by["interests"].before.code[0], by["interests"].after.code[0]) == ("S", "I")
    assert by["interests"].before.finished_at == dt.datetime(2026, 5, 20, 9)
    lines = by["interests"].lines()
    assert lines[0] == "Interests: take #1 of 2026-05-20 -> take #5 of 2026-11-20."
    assert lines[1].startswith("code S") and " -> I" in lines[1]
    assert "Social 5 -> 1 (-4)" in lines and "Investigative 1 -> 5 (+4)" in lines
    ranks = by["values"].lines()
    assert "Independence: 6th -> 1st (3 -> 5)" in ranks
    assert "Relationships: 1st -> 6th (5 -> 2)" in ranks
    assert ranks[-1].startswith("ranking now: Independence > Achievement > ")
    assert by["skills"].lines()[1:] == ["up: Reading Comprehension 3 -> 5",
                                        "down: Critical Thinking 4 -> 2"]
    assert any(line.startswith("matching re-run; best fits now:") for line in held.applied)
    assert not held.review.pending
    # kept with the review: a replay shows the same
    review, _ = person.track.reviews.get(held.review.id)
    kept = {c["instrument"]: c for c in review.facts["assessments"]}
    assert kept["values"]["lines"] == ranks
    assert kept["interests"]["before"]["take"] == 1 and kept["interests"]["after"]["take"] == 5
    assert kept["skills"]["scales"][0] == {
        "scale": "2.A.1.a", "name": "Reading Comprehension", "before": 3.0, "after": 5.0,
        "rank_before": 2, "rank_after": 1}


def test_review_cli_retakes_from_files_and_replays_the_changes(cli, tmp_path, frozen):
    init(cli)
    first, second = tmp_path / "before.json", tmp_path / "after.json"
    first.write_text(json.dumps(interests("r")), encoding="utf-8")
    second.write_text(json.dumps(interests("c")), encoding="utf-8")
    frozen.move_to(dt.datetime(2026, 5, 1, 9, tzinfo=dt.UTC))
    assert cli("assess", "interests", "--answers", str(first)).exit_code == 0
    frozen.move_to(dt.datetime(2026, 11, 23, 10, tzinfo=dt.UTC))
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"r01": 9}), encoding="utf-8")
    out = cli("review", "--kind", "six-monthly", "--retake", f"interests={second}",
              "--retake", f"values={bad}")
    assert out.exit_code == InvalidInput.exit_code and "r01" in out.stderr
    assert len(json.loads(cli("assess", "history", "--json").stdout)) == 1  # nothing kept
    out = cli("review", "--kind", "six-monthly", "--retake", f"interests={second}",
              "--note", "half-year check")
    assert out.exit_code == 0, out.stderr
    assert "What changed in your assessments" in out.stdout
    assert "Interests: take #1 of 2026-05-01 -> take #2 of 2026-11-23." in out.stdout
    assert "Realistic 5 -> 1 (-4)" in out.stdout
    assert "Work values: never taken" in out.stdout
    shown = cli("review", "show", "1")
    assert "Interests: take #1 of 2026-05-01 -> take #2 of 2026-11-23." in shown.stdout
    assert "Conventional 1 -> 5 (+4)" in shown.stdout
    doc = json.loads(cli("review", "show", "1", "--json").stdout)
    assert doc["decisions"] == ["retake interests"]
    assert doc["facts"]["assessments"][0]["after"]["code"].startswith("C")


def test_interactive_six_monthly_review_retakes_through_the_assessment_flow(cli, frozen):
    init(cli)
    frozen.move_to(dt.datetime(2026, 5, 1, 9, tzinfo=dt.UTC))
    assert cli("assess", "values", input="3\n" * 18).exit_code == 0
    frozen.move_to(dt.datetime(2026, 11, 23, 10, tzinfo=dt.UTC))
    # skip interests, retake values (18 items: independence items high), skip skills,
    # then the three questions and no decisions
    answers = ["n", "y"] + ["5" if n > 15 else "3" for n in range(1, 19)] + ["n", "", "", "", ""]
    out = cli("review", "--kind", "six-monthly", input="\n".join(answers) + "\n")
    assert out.exit_code == 0, out.stderr
    assert "Retake interests now (not taken yet)?" in out.stdout
    assert "Retake values now (last taken 2026-05-01)?" in out.stdout
    assert "question 18 of 18" in out.stdout
    assert "Work values: take #1 of 2026-05-01 -> take #2 of 2026-11-23." in out.stdout
    assert "Independence: 1st -> 1st" not in out.stdout
    doc = json.loads(cli("review", "show", "1", "--json").stdout)
    assert doc["decisions"] == ["retake values"]
    kept = {c["instrument"]: c for c in doc["facts"]["assessments"]}
    assert kept["values"]["retaken"] and not kept["interests"]["retaken"]
    assert "Independence: 6th -> 1st (3 -> 5)" in kept["values"]["lines"]


def test_review_cli_with_answers_file_then_replay(cli, tmp_path):
    init(cli)
    cli("goal", "add", "Learn Rust", "--area", "learning")
    answers = tmp_path / "answers.toml"
    answers.write_text('decisions = ["pause 1 busy quarter"]\nnotes = "tired"\n',
                       encoding="utf-8")
    out = cli("review", "--kind", "weekly", "--answers", str(answers))
    assert out.exit_code == 0, out.stderr
    assert "Review #1 recorded" in out.stdout
    shown = json.loads(cli("review", "show", "1", "--json").stdout)
    assert shown["decisions"] == ["pause 1 busy quarter"]
    assert shown["changes"][0]["reason"] == "review #1: busy quarter"
    history = json.loads(cli("goal", "history", "1", "--json").stdout)
    assert history[-1]["reason"] == "review #1: busy quarter"
    assert len(json.loads(cli("review", "list", "--json").stdout)) == 1


def test_review_summary_prints_facts_and_records_nothing(cli):
    init(cli)
    cli("goal", "add", "Learn Rust", "--area", "learning")
    facts = json.loads(cli("review", "--summary", "--json").stdout)
    assert facts["goals"][0]["title"] == "Learn Rust"
    assert json.loads(cli("review", "list", "--json").stdout) == []


def test_review_facts_show_weekly_burnout_levels_since_the_last_review(cli, frozen):
    init(cli)
    monday = dt.datetime(2026, 11, 23, 10, tzinfo=dt.UTC)
    # five quiet weeks, then stress climbs and weeks run long
    weeks = [(3, 38)] * 5 + [(4, 38), (5, 38), (6, 46), (8, 46), (9, 46), (9, 46)]
    for n, (stress, hours) in enumerate(weeks):
        frozen.move_to(monday - dt.timedelta(weeks=len(weeks) - 1 - n))
        assert cli("checkin", "--energy", "6", "--stress", str(stress), "--hours",
                   str(hours)).exit_code == 0
    # no review yet: the last eight weeks, today's level last
    trend = json.loads(cli("review", "--summary", "--json").stdout)["burnout"]["trend"]
    assert [p["on"] for p in trend] == [(monday.date() - dt.timedelta(weeks=7 - k)).isoformat()
                                        for k in range(8)]
    assert [p["level"] for p in trend] == ["low"] * 3 + ["elevated"] * 3 + ["high"] * 2
    assert trend[-1] == {"on": "2026-11-23", "level": "high", "points": 4,
                         "reasons": ["long-hours", "stress-high"]}
    text = cli("review", "--summary").stdout
    assert "Burnout risk by week: 10-05 low, 10-12 low, 10-19 low, 10-26 elevated" in text
    # a review today, then two calmer weeks: the trend starts at that review
    assert cli("review", "--kind", "weekly", "--decide", "note steady").exit_code == 0
    for n, stress in enumerate((5, 3), 1):
        frozen.move_to(monday + dt.timedelta(weeks=n))
        assert cli("checkin", "--energy", "6", "--stress", str(stress), "--hours",
                   "38").exit_code == 0
    facts = json.loads(cli("review", "--summary", "--json").stdout)["burnout"]
    # 11-30: stress 9, 9, 5 is neither high nor rising, but 3 of 4 weeks were still long
    assert [(p["on"], p["level"], p["reasons"]) for p in facts["trend"]] == [
        ("2026-11-23", "high", ["long-hours", "stress-high"]),
        ("2026-11-30", "elevated", ["long-hours"]), ("2026-12-07", "low", [])]
    assert facts["level_before"] == "high"
    assert facts["level"] == "low"
    replay = cli("review", "show", "1").stdout
    assert "burnout risk by week: 2026-10-05 low" in replay


def test_a_new_persons_burnout_trend_starts_with_their_records(cli, frozen):
    init(cli)  # the profile is made today: no weeks before it to judge
    trend = json.loads(cli("review", "--summary", "--json").stdout)["burnout"]["trend"]
    assert [p["on"] for p in trend] == ["2026-11-23"]
    assert cli("log", "2h", "career", "--date", "2026-11-05").exit_code == 0  # back-dated
    trend = json.loads(cli("review", "--summary", "--json").stdout)["burnout"]["trend"]
    assert [p["on"] for p in trend] == ["2026-11-09", "2026-11-16", "2026-11-23"]


def test_interactive_review_reasks_a_bad_line(cli):
    init(cli)
    cli("goal", "add", "Learn Rust", "--area", "learning")
    out = cli("review", "--kind", "weekly", input="shipped it\n\n\nfly 1\npause 1\n\n")
    assert out.exit_code == 0, out.stderr
    assert "Cannot read the decision 'fly 1'" in out.stderr
    assert json.loads(cli("goal", "list", "--json").stdout)[0]["status"] == "paused"


# -- motivation --------------------------------------------------------------------------


def test_completions_are_celebrated_and_collected(cli):
    init(cli)
    cli("goal", "add", "Learn Rust", "--area", "learning")
    cli("milestone", "add", "1", "First program")
    out = cli("milestone", "done", "1")
    assert "Another stone on the cairn: First program" in out.stdout
    out = cli("goal", "done", "1")
    assert "Goal reached: Learn Rust" in out.stdout
    assert "2 achievement(s)" in out.stdout
    found = json.loads(cli("achievements", "--json").stdout)
    assert [(x["kind"], x["title"]) for x in found] == [("goal", "Learn Rust"),
                                                        ("milestone", "First program")]


# -- export and import ----------------------------------------------------------------------


def test_every_tracking_table_round_trips_byte_for_byte(person: Cairn, tmp_path):
    a, _ = _goals(person)
    person.tasks.add("Write report", 2, goal_id=a)
    person.track.record.log(90, "career", task_id=1, note="report")
    person.track.record.add_win("Shipped")
    person.track.record.checkin(6, 4, hours_worked=41.5, satisfaction={"career": 7})
    person.assess.take(person.assess.load(WEEK5), {f"w{n}": n for n in range(1, 6)})
    with person.scope.write() as s:  # a result kept before questionnaires were takes
        s.add(InstrumentResultRow(instrument="five", version=1, raw=20, score=80,
                                  taken_at=dt.datetime(2026, 10, 1, 9), answers="{}"))
    person.track.record.add_event(EventKind.NEW_INTEREST, "Pottery")
    person.track.record.start_rest("holiday", until=dt.date(2026, 11, 30))
    person.track.reviews.hold(ReviewKind.WEEKLY, [f"pause {a} rest first"])
    filled = {TimeEntryRow, WinRow, CheckInRow, CheckInRatingRow, InstrumentResultRow,
              LifeEventRow, RestPeriodRow, ReviewRow, AnswerRow, InstrumentRow, TakeRow}
    first = tmp_path / "one.json"
    first.write_bytes(person.data.export().content)
    doc = json.loads(first.read_text(encoding="utf-8"))
    for row in filled:
        assert doc["tables"][row.__tablename__], row.__tablename__
    assert any(ch["review_id"] == 1 for ch in doc["tables"]["goal_change"])
    assert {t.name for t in personal_tables()} <= set(doc["tables"])
    other = Cairn.open(f"sqlite:///{tmp_path / 'copy.db'}")
    other.data.import_(first.read_bytes())
    second = tmp_path / "two.json"
    second.write_bytes(other.data.export().content)
    other.close()
    assert second.read_bytes() == first.read_bytes()


def test_readme_names_every_tracking_command():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Tracking, well-being and reviews", 1)[1]
    for command in ("log", "log list", "win", "win list", "checkin", "checkin list", "status",
                    "balance", "burnout", "rest start", "rest stop", "rest list", "event add",
                    "event list", "checkin scores", "review", "review list", "review show",
                    "achievements", "invest"):
        assert f"`cairn {command}" in section, command
