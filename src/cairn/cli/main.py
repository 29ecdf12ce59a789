"""The ``cairn`` command: global options, sub-commands, and error translation.

Heavy modules (SQLAlchemy, services, dateparser) are imported inside commands,
so that ``cairn --help`` starts fast.
"""

from __future__ import annotations

import gc
import importlib
import sys
from collections.abc import Sequence
from functools import cache
from typing import Any

import typer
from typer import _click

from cairn import __version__
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


def _version(value: bool) -> None:
    if value:
        typer.echo(f"cairn {__version__}")
        raise typer.Exit


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


# Every top-level command: its word, then the module of cairn.cli and the attribute that
# holds it, and whether it is a group (a Typer) or one command; in the order of `--help`.
# A command line that names one imports only its module (see `run`).
ENTRIES: tuple[tuple[str, str, str, bool], ...] = (
    ("init", "areas", "init", False),
    ("area", "areas", "app", True),
    ("goal", "goals", "app", True),
    ("milestone", "goals", "milestone_app", True),
    ("task", "tasks", "app", True),
    ("db", "data", "db_app", True),
    ("export", "data", "export", False),
    ("import", "data", "import_", False),
    ("backup", "data", "backup", False),
    ("restore", "data", "restore", False),
    ("tour", "tour", "tour", False),
    ("catalog", "catalog", "app", True),
    ("explore", "explore", "app", True),
    ("availability", "planning", "availability_app", True),
    ("boundary", "planning", "boundary_app", True),
    ("budget", "planning", "budget_app", True),
    ("habit", "planning", "habit_app", True),
    ("calendar", "plan", "calendar_app", True),
    ("plan", "plan", "plan_app", True),
    # tracking, well-being and reviews (issue #6)
    ("log", "track", "log_app", True),
    ("win", "track", "win_app", True),
    ("checkin", "track", "checkin_app", True),
    ("event", "track", "event_app", True),
    ("rest", "track", "rest_app", True),
    ("achievements", "track", "achievements", False),
    ("status", "wellbeing", "status", False),
    ("balance", "wellbeing", "balance", False),
    ("burnout", "wellbeing", "burnout", False),
    ("invest", "wellbeing", "invest", False),
    ("review", "review", "app", True),
    ("delete-all-data", "data", "delete_all_data", False),
    ("contact", "support", "app", True),
    ("resource", "resources", "app", True),
    ("guide", "guide", "guide", False),
    ("template", "guide", "template_app", True),
    ("report", "report", "report", False),
    ("assess", "assess", "app", True),
    ("serve", "serve", "serve", False),
    ("admin", "admin", "app", True),
)


def _target(module: str, attribute: str) -> Any:
    """A command function or group from its module of cairn.cli (imported now)."""
    found = getattr(importlib.import_module(f"cairn.cli.{module}"), attribute)
    if module == "explore":  # matching lives in fit.py; explore shows it among its commands
        from cairn.cli import fit

        names = {c.name for c in found.registered_commands}
        for name in ("match", "gap", "path"):
            if name not in names:
                found.command(name)(getattr(fit, name))
    return found


def _typer(words: Sequence[str]) -> typer.Typer:
    """The ``cairn`` command holding the named top-level commands (importing only theirs)."""
    cli = typer.Typer(
        cls=CairnGroup,
        name="cairn",
        help="Cairn: plan and manage your career in balance with the rest of your life.",
        no_args_is_help=True,
        rich_markup_mode=None,
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    cli.callback()(main)
    for word, module, attribute, group in ENTRIES:
        if word not in words:
            continue
        if group:
            cli.add_typer(_target(module, attribute), name=word)
        else:
            cli.command(word)(_target(module, attribute))
    for entry in cli.registered_groups:  # every group lists its commands the same way
        own = entry.typer_instance.info.cls if entry.typer_instance else None
        if not isinstance(own, type):  # groups with a class of their own derive from HelpGroup
            entry.cls = HelpGroup
    return cli


@cache
def full_app() -> typer.Typer:
    """The whole command tree (for `--help`, completion, and a word that names nothing)."""
    return _typer([word for word, *_ in ENTRIES])


def __getattr__(name: str) -> Any:
    """``app``: the whole command tree, built on first use."""
    if name == "app":
        return full_app()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
    """An app holding just the named command or group, if it has one."""
    if not any(word == name for word, *_ in ENTRIES):
        return None  # unknown: the full tree says so, with suggestions
    return _typer([name])


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
    target = (_only(word) if word else None) or full_app()
    try:
        target(args, prog_name="cairn")
    finally:
        gc.freeze()  # the process ends now: spare the final collection its walk of every object
