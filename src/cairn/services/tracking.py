"""Tracking: time logs, the wins journal, check-ins, life events, rest mode.

A check-in is Cairn's check-in instrument (``instruments/checkin.toml``) answered
and scored by the assessment engine; its ratings, hours and note are kept in the
check-in tables, which the well-being rules read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from cairn.core.actions import Action
from cairn.core.assessment import Answer, Instrument, check_answers, score
from cairn.core.errors import Conflict, InvalidInput, NotFound
from cairn.core.planning.model import Habit
from cairn.core.rules import check_title
from cairn.core.tracking import CheckIn, EventKind, LifeEvent, RestPeriod, TimeEntry, Win
from cairn.services import instruments
from cairn.services.profile import ProfileService
from cairn.services.scope import Scope, writes
from cairn.services.tasks import TaskService
from cairn.store import planning, track

CHECKIN = "checkin"


def checkin_instrument() -> Instrument:
    """Cairn's own check-in: energy, stress, satisfaction per area, hours, a note."""
    return instruments.shipped(CHECKIN)


class TrackingService:
    """Recording what happens: time, wins, check-ins, life events and rest."""

    def __init__(self, scope: Scope, profile: ProfileService, tasks: TaskService) -> None:
        self.scope = scope
        self.profile = profile
        self.tasks = tasks

    # -- time and wins -------------------------------------------------------------

    @writes
    def log(self, minutes: int, area: str | None = None, *, task_id: int | None = None,
            on: dt.date | None = None, note: str = "", habit_id: int | None = None
            ) -> TimeEntry:
        """Record time spent; with a task or a habit and no area, theirs is used.

        An entry with a habit is one session of it, counted by the habit streaks.
        """
        self.profile.get()
        day = on or self.scope.today()
        if day > self.scope.today():
            raise InvalidInput(f"{day} is in the future.", "Log time once it is spent.")
        area_id: int | None = None
        if task_id is not None:
            task = self.tasks.get(task_id)
            if task.goal_id is not None:
                area_id = self.tasks.goals.get(task.goal_id).area_id
        if habit_id is not None:
            habit = self.habit(habit_id)
            if area_id is None:
                area_id = self.profile.resolve_area(habit.area).id
        if area is not None:
            area_id = self.profile.resolve_area(area).id
        if area_id is None:
            raise InvalidInput("Which life area was the time for?",
                               "Give the area, e.g. {action}.",
                               Action.to("log", duration="1h", area="career"))
        entry = TimeEntry(0, area_id, day, minutes, task_id, " ".join(note.split()), habit_id)
        with self.scope.write() as s:
            return track.add_time(s, entry, self.scope.now())

    def habit(self, habit_id: int) -> Habit:
        """The habit with this id, for logging a session of it."""
        with self.scope.read() as s:
            found = [h for h in planning.list_habits(s) if h.id == habit_id]
        if not found:
            raise NotFound(f"There is no habit #{habit_id}.",
                           "See your habits with {action}.", Action.to("habit.list"))
        return found[0]

    def time_entries(self, since: dt.date | None = None) -> list[TimeEntry]:
        """Time entries since a date, oldest first."""
        with self.scope.read() as s:
            return track.list_time(s, since)

    @writes
    def add_win(self, text: str, on: dt.date | None = None) -> Win:
        """Add a win to the journal."""
        self.profile.get()
        cleaned = " ".join(text.split())
        if not cleaned:
            raise InvalidInput("The win is empty.", "Say what went well, in a few words.")
        with self.scope.write() as s:
            return track.add_win(s, on or self.scope.today(), cleaned, self.scope.now())

    def wins(self) -> list[Win]:
        """The wins journal, newest first."""
        with self.scope.read() as s:
            return track.list_wins(s)

    # -- check-ins -----------------------------------------------------------------

    @writes
    def checkin(self, energy: int, stress: int, *, hours_worked: float | None = None,
                satisfaction: Mapping[str, int] | None = None, note: str = "") -> CheckIn:
        """Record a check-in, scored by the check-in instrument into its index (0-100);
        every problem (a rating off its scale, an unknown area) is reported at once."""
        self.profile.get()
        form = checkin_instrument()
        problems: list[str] = []
        unknown_area = False
        ratings: dict[int, int] = {}
        answers: dict[str, Answer] = {"energy": energy, "stress": stress}
        for ref, value in (satisfaction or {}).items():
            try:
                area = self.profile.resolve_area(ref)
            except (InvalidInput, NotFound) as err:
                problems.append(err.message)
                unknown_area = True
                continue
            ratings[area.id] = value
            answers[f"satisfaction.{area.key}"] = value
        if hours_worked is not None:
            answers["hours"] = hours_worked
        if note.strip():
            answers["note"] = note.strip()
        off_scale = check_answers(form, answers)
        if off_scale or problems:
            fixes = ["Rate from 0 to 10, e.g. --energy 6 --satisfaction career=7; hours as a "
                     "number from 0 to 168."] if off_scale else []
            if unknown_area:  # the fix for a wrong area name is the list of names
                fixes.append("Name a life area by its key or name: " + ", ".join(
                    a.key for a in self.profile.areas()) + " ({action}).")
            raise InvalidInput(" ".join(off_scale + problems), " ".join(fixes),
                               Action.to("area.list") if unknown_area else None)
        index = score(form, answers).by_scale()["index"]
        entry = CheckIn(0, self.scope.now(), energy, stress, hours_worked, ratings, note.strip())
        with self.scope.write() as s:
            return track.add_checkin(s, entry, index)

    def checkins(self, since: dt.datetime | None = None) -> list[CheckIn]:
        """Check-ins, oldest first."""
        with self.scope.read() as s:
            return track.list_checkins(s, since)

    def checkin_scores(self) -> dict[int, float | None]:
        """Check-in id -> check-in index (0-100)."""
        with self.scope.read() as s:
            return track.checkin_scores(s)

    def legacy_results(self) -> list[tuple[int, str, dt.datetime, float]]:
        """Questionnaires taken from files before they were kept as assessment takes:
        (id, instrument, taken_at, score), oldest first. New results are takes."""
        with self.scope.read() as s:
            return track.instrument_results(s)

    # -- life events and rest ----------------------------------------------------------

    @writes
    def add_event(self, kind: EventKind, description: str, on: dt.date | None = None
                  ) -> LifeEvent:
        """Record a life event; it makes a review due."""
        self.profile.get()
        event = LifeEvent(0, kind, check_title(description, "description"),
                          on or self.scope.today())
        with self.scope.write() as s:
            return track.add_event(s, event, self.scope.now())

    def events(self) -> list[LifeEvent]:
        """Life events, newest first."""
        with self.scope.read() as s:
            return track.list_events(s)

    def rests(self) -> list[RestPeriod]:
        """Every rest period (the planner reads these to pause plans)."""
        with self.scope.read() as s:
            return track.list_rests(s)

    def active_rest(self) -> RestPeriod | None:
        """The rest period covering today, if any."""
        return next((r for r in self.rests() if r.covers(self.scope.today())), None)

    @writes
    def start_rest(self, reason: str = "", until: dt.date | None = None,
                   start: dt.date | None = None) -> RestPeriod:
        """Turn rest mode on (today, or a holiday from ``start`` to ``until``)."""
        self.profile.get()
        begin = start or self.scope.today()
        if until is not None and until < begin:
            raise InvalidInput(f"Rest cannot end ({until}) before it starts ({begin}).",
                               "Give an end date on or after the start.")
        for r in self.rests():
            if r.covers(begin) or (until is not None and r.covers(until)):
                raise Conflict(f"Rest period #{r.id} (from {r.start}) already covers that time.",
                               "End it first with {action}.", Action.to("rest.stop"))
        with self.scope.write() as s:
            return track.add_rest(s, begin, until, " ".join(reason.split()))

    @writes
    def stop_rest(self) -> RestPeriod:
        """Turn rest mode off today."""
        active = self.active_rest()
        if active is None:
            raise NotFound("Rest mode is not on.", "Start it with {action}.",
                           Action.to("rest.start"))
        # rest ends with yesterday; one begun today is simply withdrawn
        end = self.scope.today() - dt.timedelta(days=1)
        with self.scope.write() as s:
            if end < active.start:
                track.delete_rest(s, active.id)
            else:
                track.end_rest(s, active.id, end)
        return RestPeriod(active.id, active.start, max(end, active.start), active.reason)

    def achievements(self) -> list[tuple[dt.datetime, str, int, str]]:
        """Goals done and milestones reached, newest first."""
        with self.scope.read() as s:
            return track.achievements(s)
