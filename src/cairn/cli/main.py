"""The ``cairn`` command: global options, sub-commands, and error translation.

Heavy modules (SQLAlchemy, services, dateparser) are imported inside commands,
so that ``cairn --help`` starts fast.
"""

from __future__ import annotations

from typing import Any

import typer
from typer import _click
from typer.core import TyperGroup

from cairn import __version__
from cairn.cli import areas, assess, catalog, data, explore, fit, goals, tasks, tour
from cairn.cli.context import State
from cairn.core.errors import CairnError


class CairnGroup(TyperGroup):
    """Turns every expected error into a message and its exit code, never a traceback."""

    def invoke(self, ctx: _click.Context) -> Any:
        """Run the command; print a CairnError as a message with its exit code."""
        try:
            return super().invoke(ctx)
        except CairnError as err:
            from cairn.cli.output import print_error

            print_error(err)
            raise typer.Exit(err.exit_code) from None


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
app.command("tour")(tour.tour)
app.add_typer(catalog.app, name="catalog")
explore.app.command("match")(fit.match)
explore.app.command("gap")(fit.gap)
explore.app.command("path")(fit.path)
app.add_typer(explore.app, name="explore")
app.add_typer(assess.app, name="assess")


def run() -> None:
    """Entry point of the ``cairn`` console script."""
    app()
