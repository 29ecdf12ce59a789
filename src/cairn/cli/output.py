"""Formatters: Rich tables and trees for people, stable JSON for scripts, one error style.

Rich is imported on first use, so that ``cairn --help`` does not pay for it.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console

    from cairn.core.errors import CairnError


@cache
def console() -> Console:
    """The console for normal output."""
    from rich.console import Console

    return Console(highlight=False)


@cache
def err_console() -> Console:
    """The console for errors (stderr)."""
    from rich.console import Console

    return Console(stderr=True, highlight=False)


def print_json(value: Any) -> None:
    """Write ``value`` as indented JSON to stdout."""
    sys.stdout.write(json.dumps(value, indent=2, ensure_ascii=False) + "\n")


def print_table(title: str, columns: Sequence[str], rows: Iterable[Sequence[Any]],
                empty: str = "Nothing to show.") -> None:
    """Print rows as a Rich table, or a friendly line when there are none."""
    from rich.table import Table
    from rich.text import Text

    table = Table(title=title, title_justify="left", pad_edge=False)
    for col in columns:
        table.add_column(col, overflow="fold")
    count = 0
    for row in rows:
        table.add_row(*(Text("" if v is None else str(v)) for v in row))
        count += 1
    if count:
        console().print(table)
    else:
        console().print(empty, markup=False)


def print_error(err: CairnError) -> None:
    """An expected error: what went wrong, then how to fix it."""
    from rich.markup import escape

    err_console().print(f"[bold red]Error:[/] {escape(err.message)}", soft_wrap=True)
    if err.hint:
        err_console().print(f"[yellow]Fix:[/] {escape(err.hint)}", soft_wrap=True)


def say(message: str, *values: object) -> None:
    """A short line for people; ``values`` are escaped and filled into ``{}`` slots."""
    from rich.markup import escape

    console().print(message.format(*(escape(str(v)) for v in values)), soft_wrap=True)


def percent(fraction: float | None) -> str:
    """0.4 -> '40%'; None -> '-'."""
    return "-" if fraction is None else f"{fraction:.0%}"


def bar(fraction: float | None, width: int = 10) -> str:
    """A small text progress bar."""
    if fraction is None:
        return "·" * width
    filled = round(fraction * width)
    return "█" * filled + "·" * (width - filled)
