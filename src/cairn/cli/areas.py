"""``cairn init`` and ``cairn area``: the profile and the life areas."""

from __future__ import annotations

import typer

from cairn.cli import complete, output
from cairn.cli.context import cairn, listings

app = typer.Typer(help="Life areas: list, add, rename, archive, restore.", no_args_is_help=True)

STAGES = "exploring, early-career, mid-career, later-career, returning, transition"


def init(
    ctx: typer.Context,
    name: str = typer.Option(None, "--name", help="Your name (asked for when missing)."),
    stage: str = typer.Option(None, "--stage", help=f"Life stage: {STAGES}."),
    hours: float = typer.Option(None, "--hours", help="Contracted work hours a week (0 if none)."),
) -> None:
    """Create your profile (and the eight default life areas), or update it.

    Asks for what the options leave out; give all three for a non-interactive set-up.
    """
    c = cairn(ctx)
    if name is None:
        name = typer.prompt("Your name")
    if stage is None:
        stage = typer.prompt(f"Life stage ({STAGES})", default="mid-career")
    if hours is None:
        hours = typer.prompt("Contracted work hours a week", default=40.0, type=float)
    profile = c.profile.init(name, stage, hours)
    output.say("Profile saved for [bold]{}[/] ({}, {} h a week).", profile.name,
               profile.life_stage.value, output.hours(profile.contract_hours))
    output.say("Life areas: {}", ", ".join(a.key for a in c.profile.areas()))


@app.command("list")
def list_areas(
    ctx: typer.Context,
    archived: bool = typer.Option(False, "--archived", help="Include archived areas."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON: id, key, name, archived."),
) -> None:
    """List the life areas."""
    from cairn.services import views

    areas = listings(ctx).areas(include_archived=archived)
    if as_json:
        output.print_json([views.area(a) for a in areas])
        return
    output.print_table("Life areas", ["id", "key", "name", "archived"],
                       ((a.id, a.key, a.name, "yes" if a.archived else "") for a in areas),
                       empty="No life areas yet: run `cairn init`.")


@app.command("add")
def add(ctx: typer.Context, name: str = typer.Argument(..., help="Name of the new area.")) -> None:
    """Add a life area."""
    area = cairn(ctx).profile.add_area(name)
    output.say("Added area [bold]{}[/] (key {}).", area.name, area.key)


@app.command("rename")
def rename(
    ctx: typer.Context,
    area: str = typer.Argument(..., autocompletion=complete.areas,
                               help="The area's id, key or name."),
    new_name: str = typer.Argument(..., help="Its new name."),
) -> None:
    """Rename a life area (its key stays the same)."""
    updated = cairn(ctx).profile.rename_area(area, new_name)
    output.say("Area {} is now called [bold]{}[/].", updated.key, updated.name)


@app.command("archive")
def archive(ctx: typer.Context,
            area: str = typer.Argument(..., autocompletion=complete.areas,
                                       help="The area's id, key or name.")) -> None:
    """Archive a life area: hidden from lists, its goals and history kept."""
    updated = cairn(ctx).profile.set_archived(area, archived=True)
    output.say("Archived {}. Restore it with `cairn area restore {}`.", updated.name, updated.key)


@app.command("restore")
def restore(ctx: typer.Context,
            area: str = typer.Argument(..., autocompletion=complete.areas,
                                       help="The area's id, key or name.")) -> None:
    """Bring an archived life area back."""
    updated = cairn(ctx).profile.set_archived(area, archived=False)
    output.say("Restored {}.", updated.name)
