"""``cairn tour``: a short guided tour on a throwaway database."""

from __future__ import annotations

import shlex
import tempfile
from pathlib import Path

import typer

from cairn.cli import output

STEPS: tuple[tuple[str, str], ...] = (
    ("Cairn starts with you: a name, a life stage and the hours your contract asks for. "
     "It adds eight life areas, because a career is one part of a life.",
     "init --name 'Alex Rivera' --stage mid-career --hours 38"),
    ("A vision is the trail's far end. Say why it matters: Cairn checks that every goal "
     "names the value or passion it serves.",
     "goal add 'Lead a team that builds tools people love' --horizon vision "
     "--why 'Growth and making things that help'"),
    ("A long-term goal serves the vision...",
     "goal add 'Become an engineering manager' --horizon long-term --parent 1 "
     "--deadline 2029-06-30 --why 'Achievement: growing others' --metric 'people managed' "
     "--target 5 --baseline 0"),
    ("...and is reached through short-term steps with a metric and a deadline.",
     "goal add 'Finish a leadership course' --horizon short-term --parent 2 --area learning "
     "--deadline 'in 5 months' --why 'Learning' --metric modules --target 8 --baseline 0"),
    ("Life is more than work: a passion gets a goal too. This one is not yet SMART.",
     "goal add 'Play guitar again' --area passion"),
    ("The SMART check lists every finding at once, each with the command that fixes it.",
     "goal check"),
    ("Milestones mark the way; tasks carry estimates, dates and dependencies.",
     "milestone add 3 'Half the modules done' --due 'in 3 months'"),
    ("", "task add 'Pick a course' --estimate 2 --goal 3 --due 'in 2 weeks'"),
    ("", "task add 'Modules 1-4' --estimate 12 --milestone 1 --after 1"),
    ("A dependency loop is refused with a clear message.", "task edit 1 --after 2"),
    ("Progress rolls up from tasks and milestones to goals; a goal with a metric moves with "
     "its metric.", "task done 1"),
    ("", "goal progress 3 2"),
    ("", "goal tree"),
    ("Every change is kept with its reason: nothing is lost.",
     "goal edit 3 --deadline 'in 6 months' --reason 'A busy quarter at work'"),
    ("", "goal history 3"),
    ("The week is planned around your life: say when you are free, protect your evenings, "
     "and give a passion a habit, so it gets time like any task.",
     "availability add mon-fri 18:00-21:00"),
    ("", "boundary cutoff --after 20:00 -a career -a learning"),
    ("", "habit add guitar -a passion -n 2 -m 30 --max-minutes 60 --prefer evening"),
    ("Cairn places the work and the habits into that time, before their deadlines, and says "
     "early when not everything fits.", "plan --weeks 1 --seconds 1"),
    ("A check-in takes under a minute: energy, stress, satisfaction per area.",
     "checkin --energy 7 --stress 4 --satisfaction career=6 --satisfaction passion=8"),
    ("One screen shows where you stand: reviews due, burnout risk, balance, goals, streaks.",
     "status"),
    ("Your data is yours: one JSON file holds all of it.", "export {tmp}/cairn-export.json"),
)


def tour() -> None:
    """A guided tour of Cairn on a throwaway database (your own data is not touched)."""
    from cairn.cli.main import app

    with tempfile.TemporaryDirectory(prefix="cairn-tour-") as tmp:
        url = f"sqlite:///{Path(tmp) / 'tour.db'}"
        output.say("[bold]Welcome to Cairn.[/] This tour uses a throwaway database in {}.\n",
                   tmp)
        for text, command in STEPS:
            args = shlex.split(command.format(tmp=tmp))
            if text:
                output.say("\n[cyan]{}[/]", text)
            output.say("[dim]$ cairn {}[/]", command.format(tmp="$TMP"))
            try:
                app(["--db", url, *args], standalone_mode=False)
            except SystemExit:
                pass  # a step that reports findings exits non-zero on purpose
            except typer.Exit:
                pass
        output.say("\n[bold]That was Cairn.[/] Start for real with `cairn init`. Then explore "
                   "occupations (`cairn catalog install`, `cairn explore search`), plan your "
                   "week (`cairn plan`), check in (`cairn checkin`) and review "
                   "(`cairn review`); `cairn --help` lists every command.")
