"""The ``cairn`` command: global options, sub-commands, and error translation.

Heavy modules (SQLAlchemy, services, dateparser) are imported inside commands,
so that ``cairn --help`` starts fast.
"""

from __future__ import annotations

import copy
import gc
import sys
from typing import Any

import typer
from typer import _click

from cairn import __version__
from cairn.cli import (
    admin,
    areas,
    assess,
    catalog,
    data,
    explore,
    fit,
    goals,
    guide,
    plan,
    planning,
    report,
    resources,
    review,
    serve,
    support,
    tasks,
    tour,
    track,
    wellbeing,
)
from cairn.cli.context import State
from cairn.cli.groups import HelpGroup
from cairn.core.errors import CairnError

GC_THRESHOLDS = (50_000, 20, 100)  # CPython's defaults are (700, 10, 10)


def _safe_usage(err: _click.ClickException) -> _click.ClickException:
    """A usage error quotes what was typed: escape what a terminal would act on."""
    from cairn.cli.output import safe

    err.message = safe(err.message)
    return err


class CairnGroup(HelpGroup):
    """Turns every expected error into a message and its exit code, never a traceback."""

    def make_context(self, info_name: str | None, args: list[str],
                     parent: _click.Context | None = None, **extra: Any) -> _click.Context:
        """Parse the global options; a usage error is shown with the typed text escaped."""
        try:
            return super().make_context(info_name, args, parent, **extra)
        except _click.ClickException as err:
            raise _safe_usage(err) from None

    def invoke(self, ctx: _click.Context) -> Any:
        """Run the command; print a CairnError as a message with its exit code."""
        try:
            return super().invoke(ctx)
        except CairnError as err:
            from cairn.cli.output import print_error

            print_error(err)
            raise typer.Exit(err.exit_code) from None
        except (typer.Abort, EOFError):  # Ctrl-C, or Ctrl-D / the end of piped input
            from cairn.cli.output import err_console

            err_console().print("\nStopped before the end: what was saved before this "
                                "question stays saved. Run the command again to go on.",
                                soft_wrap=True, markup=False)
            raise typer.Exit(1) from None
        except _click.ClickException as err:
            raise _safe_usage(err) from None


app = typer.Typer(
    cls=CairnGroup,
    name="cairn",
    help="Cairn: plan and manage your career in balance with the rest of your life.",
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"cairn {__version__}")
        raise typer.Exit


@app.callback()
def main(
    ctx: typer.Context,
    db: str = typer.Option(
        "", "--db", envvar="CAIRN_DATABASE_URL", show_envvar=True,
        help="Database URL (SQLAlchemy form). Default: SQLite in your user data folder.",
    ),
    version: bool = typer.Option(  # noqa: ARG001 - handled by its eager callback
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """Cairn keeps your goals, tasks and time in one local database that you own."""
    ctx.obj = State(db or None)


app.command("init")(areas.init)
app.add_typer(areas.app, name="area")
app.add_typer(goals.app, name="goal")
app.add_typer(goals.milestone_app, name="milestone")
app.add_typer(tasks.app, name="task")
app.add_typer(data.db_app, name="db")
app.command("export")(data.export)
app.command("import")(data.import_)
app.command("backup")(data.backup)
app.command("restore")(data.restore)
app.command("tour")(tour.tour)
app.add_typer(catalog.app, name="catalog")
explore.app.command("match")(fit.match)
explore.app.command("gap")(fit.gap)
explore.app.command("path")(fit.path)
app.add_typer(explore.app, name="explore")
app.add_typer(planning.availability_app, name="availability")
app.add_typer(planning.boundary_app, name="boundary")
app.add_typer(planning.budget_app, name="budget")
app.add_typer(planning.habit_app, name="habit")
app.add_typer(plan.calendar_app, name="calendar")
app.add_typer(plan.plan_app, name="plan")
# tracking, well-being and reviews (issue #6)
app.add_typer(track.log_app, name="log")
app.add_typer(track.win_app, name="win")
app.add_typer(track.checkin_app, name="checkin")
app.add_typer(track.event_app, name="event")
app.add_typer(track.rest_app, name="rest")
app.command("achievements")(track.achievements)
app.command("status")(wellbeing.status)
app.command("balance")(wellbeing.balance)
app.command("burnout")(wellbeing.burnout)
app.command("invest")(wellbeing.invest)
app.add_typer(review.app, name="review")
app.command("delete-all-data")(data.delete_all_data)
app.add_typer(support.app, name="contact")
app.add_typer(resources.app, name="resource")
app.command("guide")(guide.guide)
app.add_typer(guide.template_app, name="template")
app.command("report")(report.report)
app.add_typer(assess.app, name="assess")
app.command("serve")(serve.serve)
app.add_typer(admin.app, name="admin")
for _group in app.registered_groups:  # every group lists its commands the same way
    _own = _group.typer_instance.info.cls if _group.typer_instance else None
    if not isinstance(_own, type):  # groups with a class of their own derive from HelpGroup
        _group.cls = HelpGroup


def _command_word(args: list[str]) -> str | None:
    """The sub-command a command line names, or None when it names none plainly.

    Only ``--db VALUE`` / ``--db=VALUE`` may come before it; any other leading
    option (help, version, completion) means the whole tree is wanted.
    """
    words = iter(args)
    for word in words:
        if word == "--db":
            next(words, None)
        elif not word.startswith("--db="):
            return None if word.startswith("-") else word
    return None


def _only(name: str) -> typer.Typer | None:
    """A copy of the app holding just the named command or group, if it has one."""
    commands = [c for c in app.registered_commands if c.name == name]
    groups = [g for g in app.registered_groups if g.name == name]
    if not commands and not groups:
        return None  # unknown: the full tree says so, with suggestions
    pruned = copy.copy(app)
    pruned.registered_commands = commands
    pruned.registered_groups = groups
    return pruned


def run(args: list[str] | None = None) -> None:
    """Entry point of the ``cairn`` console script.

    Start-up is most of a command's time, so three things keep it short. Typer
    builds a click command for every one of Cairn's 115 commands before it runs
    one (about 40 ms): a command line that names its sub-command gets a tree
    holding only that one. Imports create hundreds of thousands of objects and
    would set off the cyclic garbage collector over and over: its first threshold
    is raised (cycles are still collected, in bigger batches). And the objects
    left when the command ends are frozen, so the interpreter's last collection
    does not walk them all on the way out (nothing is skipped: files and
    transactions are closed by then, and exit handlers still run).
    """
    gc.set_threshold(*GC_THRESHOLDS)
    args = sys.argv[1:] if args is None else args
    word = _command_word(args)
    target = (_only(word) if word else None) or app
    try:
        target(args, prog_name="cairn")
    finally:
        gc.freeze()  # the process ends now: spare the final collection its walk of every object
