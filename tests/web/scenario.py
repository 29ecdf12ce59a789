"""A person with five weeks behind them, written through the command line: 70-hour working
weeks, high stress, a mentor to follow up with, a goal with a task, and today's plan.
The web's tests read it through pages and the API."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import time_machine

from conftest import FROZEN_AT, CliResult

WEEKS = 5


def ok(cli: Callable[..., CliResult], *args: str) -> str:
    """Run ``cairn ARGS``; it must succeed."""
    done = cli(*args)
    assert done.exit_code == 0, (args, done.stdout, done.stderr)
    return done.stdout


def profile(cli: Callable[..., CliResult]) -> None:
    """The profile the web's onboarding makes in the same scenario."""
    ok(cli, "init", "--name", "Alex Rivera", "--stage", "mid-career", "--hours", "38")


def busy_weeks(cli: Callable[..., CliResult], frozen: time_machine.Coordinates,
               *, with_profile: bool = True) -> None:
    """Five weeks of 70-hour work, stress 9 and energy 2, then back to now (Monday
    2026-11-23 10:00 UTC) with a plan for today accepted."""
    start = FROZEN_AT - dt.timedelta(weeks=WEEKS)
    frozen.move_to(start)
    if with_profile:
        profile(cli)
    ok(cli, "task", "add", "SQL tutorial", "-e", "3")
    ok(cli, "contact", "add", "Sam", "--kind", "mentor", "--every", "2")
    ok(cli, "availability", "add", "mon-sun", "08:00-22:00")
    for week in range(WEEKS):
        for day in range(5):
            frozen.move_to(start + dt.timedelta(weeks=week, days=day))
            ok(cli, "log", "add", "14h", "career", "a long day")
        frozen.move_to(start + dt.timedelta(weeks=week, days=6))
        ok(cli, "checkin", "take", "--energy", "2", "--stress", "9", "--hours", "60",
           "--satisfaction", "career=4", "--satisfaction", "health=2",
           "--satisfaction", "relationships=3")
    frozen.move_to(FROZEN_AT)
    ok(cli, "plan", "--greedy", "--weeks", "1")
    ok(cli, "plan", "accept")
