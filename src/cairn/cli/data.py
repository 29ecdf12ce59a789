"""``cairn export``, ``cairn import`` and ``cairn db``: the person's data and its database."""

from __future__ import annotations

from pathlib import Path

import typer

from cairn.cli import output
from cairn.cli.context import State, cairn

db_app = typer.Typer(help="The database: where it is, and schema upgrades.", no_args_is_help=True)


def export(ctx: typer.Context,
           file: Path = typer.Argument(..., help="The JSON file to write.")) -> None:
    """Write all of your data to one schema-versioned JSON file (readable by you only)."""
    from cairn.files import write_atomic

    done = cairn(ctx).data.export()
    write_atomic(file, done.content)
    output.say("Exported {} rows to {}.", done.rows, file)


def import_(ctx: typer.Context,
            file: Path = typer.Argument(..., help="A file written by `cairn export`.")) -> None:
    """Restore an export into an empty database."""
    from cairn.core.errors import CairnError
    from cairn.files import read_bytes
    from cairn.services.transfer import read_export

    content = read_bytes(file, "Cairn export")
    document = read_export(content, str(file))  # a file that is not an export opens no database
    c = cairn(ctx)
    try:
        counts = c.data.load(document)
    except CairnError:
        c.data.discard_new_database()
        raise
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
        db.close()
    output.say("Database {} is at schema {} (was {}).", db.display_url, after, before or "empty")


@db_app.command("info")
def info(ctx: typer.Context) -> None:
    """Show which database Cairn uses and its schema revision."""
    c = cairn(ctx)
    output.say("Database: {}", c.db.display_url)
    output.say("Schema: {}", c.db.current_revision())


def backup(ctx: typer.Context,
           file: Path = typer.Argument(None, help="Where to write the backup (default: the "
                                       "'backups' folder beside the database).")) -> None:
    """Make a consistent copy of the database, safe while Cairn is in use.

    SQLite is copied with its online backup (one file, checked); PostgreSQL with pg_dump
    when it is installed, otherwise as an export. Cairn also backs up a SQLite database
    by itself once a day on first use and before every schema upgrade.
    """
    from cairn.services.backups import BackupService

    c = cairn(ctx)
    done = BackupService(c.db, c.data).backup(file)
    output.say("Backed up {} ({}, {} KB) to {}.", c.db.display_url, done.kind,
               max(1, done.size // 1024), done.path)


def restore(
    ctx: typer.Context,
    file: Path = typer.Argument(..., help="A file written by `cairn backup` or `cairn export`."),
    yes: bool = typer.Option(False, "--yes", help="Do not ask; for scripts."),
) -> None:
    """Bring back a backup (or an export) in place of the data you have now.

    The file is checked first (a SQLite backup with an integrity check, an export with
    its format and schema); what it replaces is backed up before anything changes.
    """
    from cairn import settings
    from cairn.services.backups import restore_database, shown_url

    state = ctx.find_object(State)
    url = settings.database_url(state.db_url if state else None)
    where = shown_url(url)
    if not yes:
        if not output.stdin_is_terminal():
            output.say("Restoring replaces all of your data in {}. Add --yes to do it.", where)
            raise typer.Exit(1)
        if not typer.confirm(f"Replace all of your data in {where} with {file}?"):
            output.say("Nothing was changed.")
            raise typer.Exit(1)
    from cairn.cli.context import machine_zone

    kind, kept = restore_database(url, file, person_id=settings.person_id(),
                                  zone=machine_zone())
    output.say("Restored {} ({}) into {}.", file, kind, where)
    if kept is not None:
        output.say("What it replaced is kept in {}{}.", kept.path,
                   " (the database was damaged: kept as it was)" if kept.kind == "damaged"
                   else "")
