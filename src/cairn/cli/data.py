"""``cairn export``, ``cairn import`` and ``cairn db``: the person's data and its database."""

from __future__ import annotations

from pathlib import Path

import typer

from cairn.cli import output
from cairn.cli.context import State, cairn

db_app = typer.Typer(help="The database: where it is, and schema upgrades.", no_args_is_help=True)


def export(ctx: typer.Context,
           file: Path = typer.Argument(..., help="The JSON file to write.")) -> None:
    """Write all of your data to one schema-versioned JSON file."""
    from cairn.cli.files import write_bytes

    done = cairn(ctx).data.export()
    write_bytes(file, done.content)
    output.say("Exported {} rows to {}.", done.rows, file)


def import_(ctx: typer.Context,
            file: Path = typer.Argument(..., help="A file written by `cairn export`.")) -> None:
    """Restore an export into an empty database."""
    from cairn.cli.files import read_bytes

    counts = cairn(ctx).data.import_(read_bytes(file), str(file))
    output.say("Imported {} rows from {}.", sum(counts.values()), file)


CONFIRM_WORD = "delete"


def delete_all_data(
    ctx: typer.Context,
    yes: bool = typer.Option(False, "--yes", help="Do not ask; for scripts."),
) -> None:
    """Remove ALL of your data: profile, areas, goals and their history, milestones, tasks,
    contacts, interactions, feedback, resources, skill evidence and every other table you own.

    The installed O*NET catalog and the empty schema stay. Export first if you may want it
    back: `cairn export backup.json`.
    """
    c = cairn(ctx)
    if not yes:
        output.say("This removes every row of your data in {}. It cannot be undone.",
                   c.db.display_url)
        typed = typer.prompt(f"Type '{CONFIRM_WORD}' to confirm", default="",
                             show_default=False)
        if typed.strip().lower() != CONFIRM_WORD:
            output.say("Nothing was deleted.")
            raise typer.Exit(1)
    counts = c.data.delete_all()
    removed = {name: n for name, n in counts.items() if n}
    output.say("Deleted {} rows from {} tables: {}.", sum(removed.values()), len(removed),
               ", ".join(f"{name} {n}" for name, n in removed.items()) or "none")


@db_app.command("upgrade")
def upgrade(ctx: typer.Context) -> None:
    """Apply pending schema migrations (Cairn also does this on first use)."""
    from cairn import settings
    from cairn.store.db import Database

    state = ctx.find_object(State)
    url = settings.database_url(state.db_url if state else None)
    db = Database(url, migrate=False)
    try:
        before, after = db.upgrade()
    finally:
        db.dispose()
    output.say("Database {} is at schema {} (was {}).", db.display_url, after, before or "empty")


@db_app.command("info")
def info(ctx: typer.Context) -> None:
    """Show which database Cairn uses and its schema revision."""
    c = cairn(ctx)
    output.say("Database: {}", c.db.display_url)
    output.say("Schema: {}", c.db.current_revision())
