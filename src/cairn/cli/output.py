"""Formatters: Rich tables and trees for people, stable JSON for scripts, one error style.

Rich is imported on first use, so that ``cairn --help`` does not pay for it.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from functools import cache
from typing import TYPE_CHECKING, Any

JSON_HELP = "Print JSON for scripts (fields listed in the README)."

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


def stdin_is_terminal() -> bool:
    """True when a person can answer questions (stdin is a terminal, not a pipe or file)."""
    return sys.stdin.isatty()


def print_json(value: Any) -> None:
    """Write ``value`` (JSON data or a view model) as indented JSON to stdout."""
    from cairn.services.viewmodel import to_json

    sys.stdout.write(json.dumps(to_json(value), indent=2, ensure_ascii=False) + "\n")


# Rich measures every cell of a table; beyond this many rows a plain layout is used,
# so that listing 10,000 tasks takes a fraction of a second instead of ten.
RICH_TABLE_MAX_ROWS = 200

Node = tuple[str, list["Node"]]


def print_table(title: str, columns: Sequence[str], rows: Iterable[Sequence[Any]],
                empty: str = "Nothing to show.") -> None:
    """Print rows as a table (Rich, or plain when long), or a friendly line when none."""
    cells = [tuple("" if v is None else str(v) for v in row) for row in rows]
    if not cells:
        console().print(empty, markup=False)
    elif len(cells) > RICH_TABLE_MAX_ROWS:
        _plain_table(title, columns, cells)
    else:
        from rich.table import Table
        from rich.text import Text

        table = Table(title=title, title_justify="left", pad_edge=False)
        for col in columns:
            table.add_column(col, overflow="fold")
        for row in cells:
            table.add_row(*(Text(v) for v in row))
        console().print(table)


def _plain_table(title: str, columns: Sequence[str], cells: list[tuple[str, ...]]) -> None:
    """Aligned columns; the widest column is shortened with '…' to fit the terminal."""
    import shutil

    widths = [max(len(col), *(len(row[i]) for row in cells)) for i, col in enumerate(columns)]
    room = shutil.get_terminal_size((120, 24)).columns - 2 * (len(columns) - 1)
    widest = widths.index(max(widths))
    widths[widest] = max(len(columns[widest]), widths[widest] - max(0, sum(widths) - room))

    def line(values: Sequence[str]) -> str:
        out = []
        for value, width in zip(values, widths, strict=True):
            text = value if len(value) <= width else value[: width - 1] + "…"
            out.append(text.ljust(width))
        return "  ".join(out).rstrip()

    body = "\n".join(line(row) for row in cells)
    rule = "  ".join("─" * w for w in widths)
    sys.stdout.write(f"{title} ({len(cells)})\n{line(columns)}\n{rule}\n{body}\n")


def print_tree(title: str, roots: Sequence[Node]) -> None:
    """Print a tree with guide lines; plain text, so even 10,000 nodes print at once."""
    lines = [title]

    def walk(nodes: Sequence[Node], prefix: str) -> None:
        for i, (label, children) in enumerate(nodes):
            last = i == len(nodes) - 1
            lines.append(f"{prefix}{'└── ' if last else '├── '}{label}")
            walk(children, prefix + ("    " if last else "│   "))

    walk(roots, "")
    sys.stdout.write("\n".join(lines) + "\n")


def print_error(err: CairnError) -> None:
    """An expected error: what went wrong, then how to fix it."""
    from rich.markup import escape

    from cairn.commands import quoted

    err_console().print(f"[bold red]Error:[/] {escape(err.message)}", soft_wrap=True)
    fix = err.fix(quoted)
    if fix:
        err_console().print(f"[yellow]Fix:[/] {escape(fix)}", soft_wrap=True)


def say(message: str, *values: object) -> None:
    """A short line for people; ``values`` are escaped and filled into ``{}`` slots (as text:
    format numbers before passing them, a slot takes no format spec)."""
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
