"""``cairn catalog``: install the O*NET occupation catalog and BLS wages, and show status."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

import typer

from cairn.cli import output
from cairn.cli.context import cairn

if TYPE_CHECKING:
    from cairn.core.occupations import CatalogStatus

app = typer.Typer(help="The O*NET occupation catalog: install, status, wages.",
                  no_args_is_help=True)


class RichProgress:
    """One Rich progress bar per step (download, then each table), on stderr."""

    def __init__(self, enabled: bool) -> None:
        from rich.progress import (
            BarColumn,
            DownloadColumn,
            Progress,
            ProgressColumn,
            Task,
            TextColumn,
            TimeElapsedColumn,
        )
        from rich.text import Text

        class Amount(ProgressColumn):
            """Bytes read so far; nothing for a step that has no size ('1/1 bytes')."""

            def render(self, task: Task) -> Text:
                return Text("") if (task.total or 0) <= 1 else DownloadColumn().render(task)

        self.bar = Progress(TextColumn("{task.description:<40}"), BarColumn(),
                            Amount(), TimeElapsedColumn(),
                            console=output.err_console(), disable=not enabled)
        self.task: Any = None

    def __enter__(self) -> Self:
        self.bar.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._finish()
        self.bar.stop()

    def _finish(self) -> None:
        if self.task is not None:
            total = self.bar.tasks[-1].total or 1
            self.bar.update(self.task, completed=total, total=total)

    def start(self, label: str, total: int) -> None:
        """Close the previous bar and open one for this step."""
        self._finish()
        self.task = self.bar.add_task(label, total=total or None)

    def update(self, completed: int) -> None:
        """Move the current bar."""
        self.bar.update(self.task, completed=completed)


def _print_status(st: CatalogStatus, as_json: bool) -> None:
    from cairn.core.occupations import attribution
    from cairn.services import catalog_views

    if as_json:
        output.print_json(catalog_views.status(st))
        return
    output.say("O*NET [bold]{}[/] installed {} UTC from {}.", st.version,
               st.installed_at.strftime("%Y-%m-%d %H:%M"), st.source)
    output.print_table("Rows", ["table", "rows"],
                       [(k, f"{v:,}") for k, v in sorted(st.counts.items())])
    if st.wages_source:
        output.say("Wages (BLS OEWS) from {}.", st.wages_source)
    else:
        output.say("Wages: not installed (`cairn catalog wages --from FILE`).")
    output.say("[dim]{}[/]", attribution(st.version))


@app.command("install")
def install(
    ctx: typer.Context,
    from_: Path = typer.Option(None, "--from", help="A release folder or zip you already have "
                               "(db_30_1_text.zip); without it, download from CAIRN_ONET_URL."),
    as_json: bool = typer.Option(False, "--json", help=output.JSON_HELP),
) -> None:
    """Download (or import) the O*NET text release; replaces any installed catalog."""
    c = cairn(ctx)
    with RichProgress(enabled=not as_json) as progress:
        st = c.catalog.install(from_, progress)
    _print_status(st, as_json)


@app.command("status")
def status(ctx: typer.Context, as_json: bool = typer.Option(False, "--json", help=output.JSON_HELP)
           ) -> None:
    """Show the installed O*NET version, when, row counts and the attribution."""
    _print_status(cairn(ctx).catalog.status(), as_json)


@app.command("wages")
def wages(
    ctx: typer.Context,
    from_: Path = typer.Option(..., "--from", help="The BLS OEWS national file "
                               "(national_M2024_dl.xlsx or the same sheet as CSV)."),
    as_json: bool = typer.Option(False, "--json", help=output.JSON_HELP),
) -> None:
    """Import national median wages (BLS OEWS), joined to O*NET codes."""
    c = cairn(ctx)
    count = c.catalog.install_wages(from_)
    cover = c.catalog.wage_coverage()
    if as_json:
        output.print_json({"occupations_with_wages": count, "source": str(from_),
                           "coverage": cover})
        return
    output.say("Imported wages for {} SOC occupations (detailed and broad) from {}.", count,
               from_)
    output.say("O*NET occupations with a wage: {} from their own SOC code, {} as a specialty "
               "of a SOC occupation, {} from a broader BLS code; {} without one. For {} of "
               "those, BLS publishes only an hourly median.", cover.get("same", 0),
               cover.get("part", 0), cover.get("broader", 0), cover["none"],
               cover["hourly_only"])
    output.say("[dim]Source: U.S. Bureau of Labor Statistics, Occupational Employment "
               "and Wage Statistics.[/]")


@app.command("remove")
def remove(ctx: typer.Context) -> None:
    """Remove the installed catalog and wages; your own data is not touched."""
    cairn(ctx).catalog.uninstall()
    output.say("Removed the occupation catalog.")
