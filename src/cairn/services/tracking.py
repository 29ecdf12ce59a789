"""Tracking: time logs, the wins journal, check-ins and questionnaires, life events, rest mode."""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

from cairn.core.errors import Conflict, InvalidInput, NotFound
from cairn.core.planning.model import Habit
from cairn.core.questionnaire import Answer, Instrument, instrument_from_dict, score
from cairn.core.rules import check_title
from cairn.core.tracking import (
    CheckIn,
    EventKind,
    LifeEvent,
    RestPeriod,
    TimeEntry,
    Win,
    check_rating,
)
from cairn.services.dates import now, today
from cairn.services.profile import ProfileService
from cairn.services.tasks import TaskService
from cairn.store import planning, track
from cairn.store.db import Database

MAX_WEEK_HOURS = 168.0


def load_instrument(path: Path | None = None) -> Instrument:
    """Cairn's own check-in, or the questionnaire in a TOML file."""
    if path is None:
        text = resources.files("cairn.instruments").joinpath("checkin.toml").read_text("utf-8")
        source = "Cairn's check-in"
    else:
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise InvalidInput(f"Cannot read {path}: {exc.strerror}.", "Check the path.") from exc
        source = str(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InvalidInput(f"{source} is not valid TOML: {exc}.", "Fix the file.") from exc
    return instrument_from_dict(data, source)


class TrackingService:
    """Recording what happens: time, wins, check-ins, life events and rest."""

    def __init__(self, db: Database, profile: ProfileService, tasks: TaskService) -> None:
        self.db = db
        self.profile = profile
        self.tasks = tasks

    # -- time and wins -------------------------------------------------------------

    def log(self, minutes: int, area: str | None = None, *, task_id: int | None = None,
            on: dt.date | None = None, note: str = "", habit_id: int | None = None
            ) -> TimeEntry:
        """Record time spent; with a task or a habit and no area, theirs is used.

        An entry with a habit is one session of it, counted by the habit streaks.
        """
        self.profile.get()
        day = on or today()
        if day > today():
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
                               "Give the area, e.g. `cairn log 1h career`.")
        entry = TimeEntry(0, area_id, day, minutes, task_id, " ".join(note.split()), habit_id)
        with self.db.write() as s:
            return track.add_time(s, entry, now())

    def habit(self, habit_id: int) -> Habit:
        """The habit with this id, for logging a session of it."""
        with self.db.read() as s:
            found = [h for h in planning.list_habits(s) if h.id == habit_id]
        if not found:
            raise NotFound(f"There is no habit #{habit_id}.",
                           "See your habits with `cairn habit list`.")
        return found[0]

    def time_entries(self, since: dt.date | None = None) -> list[TimeEntry]:
        """Time entries since a date, oldest first."""
        with self.db.read() as s:
            return track.list_time(s, since)

    def add_win(self, text: str, on: dt.date | None = None) -> Win:
        """Add a win to the journal."""
        self.profile.get()
        cleaned = " ".join(text.split())
        if not cleaned:
            raise InvalidInput("The win is empty.", "Say what went well, in a few words.")
        with self.db.write() as s:
            return track.add_win(s, on or today(), cleaned, now())

    def wins(self) -> list[Win]:
        """The wins journal, newest first."""
        with self.db.read() as s:
            return track.list_wins(s)

    # -- check-ins -----------------------------------------------------------------

    def checkin(self, energy: int, stress: int, *, hours_worked: float | None = None,
                satisfaction: Mapping[str, int] | None = None, note: str = "") -> CheckIn:
        """Record a check-in; every rating is 0-10 and every area must exist."""
        self.profile.get()
        problems: list[str] = []
        ratings: dict[int, int] = {}
        for what, value in (("energy", energy), ("stress", stress)):
            try:
                check_rating(value, what)
            except InvalidInput as err:
                problems.append(err.message)
        for ref, value in (satisfaction or {}).items():
            try:
                ratings[self.profile.resolve_area(ref).id] = check_rating(
                    value, f"satisfaction with {ref}")
            except (InvalidInput, NotFound) as err:
                problems.append(err.message)
        if hours_worked is not None and not 0 <= hours_worked <= MAX_WEEK_HOURS:
            problems.append(f"{hours_worked:g} hours in a week is outside 0-168.")
        if problems:
            raise InvalidInput(" ".join(problems), "Rate from 0 to 10, e.g. --energy 6 "
                               "--satisfaction career=7; hours as a number.")
        answers: dict[str, Answer] = {"energy": energy, "stress": stress,
                                      "satisfaction": {str(a): v for a, v in ratings.items()}}
        index = score(load_instrument(), answers).score
        entry = CheckIn(0, now(), energy, stress, hours_worked, ratings, note.strip())
        with self.db.write() as s:
            return track.add_checkin(s, entry, index)

    def checkins(self, since: dt.datetime | None = None) -> list[CheckIn]:
        """Check-ins, oldest first."""
        with self.db.read() as s:
            return track.list_checkins(s, since)

    def checkin_scores(self) -> dict[int, float | None]:
        """Check-in id -> check-in index (0-100)."""
        with self.db.read() as s:
            return track.checkin_scores(s)

    def take_instrument(self, instrument: Instrument, answers: Mapping[str, Answer]
                        ) -> tuple[int, float]:
        """Score and store a questionnaire loaded from a file; returns (id, score)."""
        self.profile.get()
        result = score(instrument, answers)
        plain: dict[str, Any] = {k: dict(v) if isinstance(v, Mapping) else v
                                 for k, v in answers.items()}
        with self.db.write() as s:
            rid = track.add_instrument_result(s, instrument.id, instrument.version, now(),
                                              result.raw, result.score, plain)
        return rid, result.score

    def instrument_results(self) -> list[tuple[int, str, dt.datetime, float]]:
        """Stored questionnaire results, oldest first."""
        with self.db.read() as s:
            return track.instrument_results(s)

    # -- life events and rest ----------------------------------------------------------

    def add_event(self, kind: EventKind, description: str, on: dt.date | None = None
                  ) -> LifeEvent:
        """Record a life event; it makes a review due."""
        self.profile.get()
        event = LifeEvent(0, kind, check_title(description, "description"), on or today())
        with self.db.write() as s:
            return track.add_event(s, event, now())

    def events(self) -> list[LifeEvent]:
        """Life events, newest first."""
        with self.db.read() as s:
            return track.list_events(s)

    def rests(self) -> list[RestPeriod]:
        """Every rest period (the planner reads these to pause plans)."""
        with self.db.read() as s:
            return track.list_rests(s)

    def active_rest(self) -> RestPeriod | None:
        """The rest period covering today, if any."""
        return next((r for r in self.rests() if r.covers(today())), None)

    def start_rest(self, reason: str = "", until: dt.date | None = None,
                   start: dt.date | None = None) -> RestPeriod:
        """Turn rest mode on (today, or a holiday from ``start`` to ``until``)."""
        self.profile.get()
        begin = start or today()
        if until is not None and until < begin:
            raise InvalidInput(f"Rest cannot end ({until}) before it starts ({begin}).",
                               "Give an end date on or after the start.")
        for r in self.rests():
            if r.covers(begin) or (until is not None and r.covers(until)):
                raise Conflict(f"Rest period #{r.id} (from {r.start}) already covers that time.",
                               "End it first with `cairn rest stop`.")
        with self.db.write() as s:
            return track.add_rest(s, begin, until, " ".join(reason.split()))

    def stop_rest(self) -> RestPeriod:
        """Turn rest mode off today."""
        active = self.active_rest()
        if active is None:
            raise NotFound("Rest mode is not on.", "Start it with `cairn rest start`.")
        # rest ends with yesterday; one begun today is simply withdrawn
        end = today() - dt.timedelta(days=1)
        with self.db.write() as s:
            if end < active.start:
                track.delete_rest(s, active.id)
            else:
                track.end_rest(s, active.id, end)
        return RestPeriod(active.id, active.start, max(end, active.start), active.reason)

    def achievements(self) -> list[tuple[dt.datetime, str, int, str]]:
        """Goals done and milestones reached, newest first."""
        with self.db.read() as s:
            return track.achievements(s)
