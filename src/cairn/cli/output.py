"""Formatters: Rich tables and trees for people, stable JSON for scripts, one error style.

Rich is imported on first use, so that ``cairn --help`` does not pay for it.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Iterable, Sequence
from functools import cache
from typing import TYPE_CHECKING, Any

JSON_HELP = "Print JSON for scripts (fields listed in the README)."

if TYPE_CHECKING:
    from rich.console import Console

    from cairn.core.errors import CairnError


def console() -> Console:
    """The console for normal output (as wide as the terminal, or $COLUMNS)."""
    return _console(os.environ.get("COLUMNS"))


@cache
def _console(_columns: str | None) -> Console:
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


# What a terminal would act on instead of showing: C0 controls but tab and newline, DEL and
# C1 controls (ANSI escapes start with ESC or CSI), bidirectional overrides and isolates that
# reorder what follows (U+202E), and lone surrogates (bytes that were not UTF-8).
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e"
                     "\u2066-\u2069\ud800-\udfff]")


def _escape_char(match: re.Match[str]) -> str:
    code = ord(match[0])
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def safe(text: str) -> str:
    """Person-entered text made safe to print: each character a terminal would act on
    (control, bidirectional override, lone surrogate) is shown as its escape, like ``\\x1b``.

    Every formatter here passes the text it prints through this one function.
    """
    return _UNSAFE.sub(_escape_char, text)


def _json_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match[0]):04x}"


def print_json(value: Any) -> None:
    """Write ``value`` (JSON data or a view model) as indented JSON to stdout (characters a
    terminal would act on are written as JSON escapes: the same data, shown safely)."""
    from cairn.services.viewmodel import to_json

    text = json.dumps(to_json(value), indent=2, ensure_ascii=False)
    sys.stdout.write(_UNSAFE.sub(_json_escape, text) + "\n")


# Rich measures every cell of a table; beyond this many rows a plain layout is used,
# so that listing 10,000 tasks takes a fraction of a second instead of ten.
RICH_TABLE_MAX_ROWS = 200

Node = tuple[str, list["Node"]]


def print_table(title: str, columns: Sequence[str], rows: Iterable[Sequence[Any]],
                empty: str = "Nothing to show.", drop: Sequence[str] = ()) -> None:
    """Print rows as a table (Rich, or plain when long), or a friendly line when none.

    No word, code or date is ever split: when the table cannot fit the terminal
    that way, the columns named in ``drop`` are left out, first one first, and a
    line says which (``--json`` has them all). Person-entered text is escaped (``safe``).
    """
    title = safe(title)
    cells = [["" if v is None else str(v) for v in row] for row in rows]
    if any(map(_UNSAFE.search, map("".join, cells))):  # rare: escape cell by cell
        cells = [[safe(v) for v in row] for row in cells]
    if not cells:
        console().print(empty, markup=False)
    elif len(cells) > RICH_TABLE_MAX_ROWS:
        _plain_table(title, columns, cells)
    else:
        _rich_table(title, columns, cells, drop)


# A column of running text should get at least this many cells before a column is
# dropped, or its lines would hold a word or two each.
TEXT_MIN_WIDTH = 28
# Values made of digits and separators (ids, dates, times, hours, percentages) are one
# piece each: "2026-11-23 04:00" never breaks between the date and the time.
ATOM = re.compile(r"^[\d\s:./%+,-]*$")


def _width(values: Sequence[str], *, comfort: bool) -> int:
    """The width a column needs: its longest word (its longest value when every value is
    one piece), and with ``comfort`` room for running text to read as lines."""
    from rich.cells import cell_len

    longest = max((cell_len(v) for v in values), default=0)
    if all(ATOM.match(v) for v in values[1:]):
        return max(longest, cell_len(values[0]) if values else 0)
    words = max((cell_len(w) for v in values for w in v.split()), default=0)
    return max(words, min(longest, TEXT_MIN_WIDTH)) if comfort else words


def _rich_table(title: str, columns: Sequence[str], cells: list[list[str]],
                drop: Sequence[str]) -> None:
    from rich.table import Table
    from rich.text import Text

    width = console().width
    values = [[col, *(row[i] for row in cells)] for i, col in enumerate(columns)]
    atoms = [all(ATOM.match(v) for v in vs[1:]) for vs in values]
    needs = [_width(vs, comfort=True) for vs in values]
    shown = list(range(len(columns)))
    hidden: list[str] = []

    def fits() -> bool:  # each column takes its width plus a border and two spaces
        return sum(needs[i] + 3 for i in shown) - 1 <= width

    for name in drop:
        if fits():
            break
        if name in columns and columns.index(name) in shown:
            shown.remove(columns.index(name))
            hidden.append(name)
    if not fits():  # text may then wrap at every word, but no word is split
        needs = [_width(vs, comfort=False) for vs in values]
    widths = _text_widths(values, shown, atoms, needs, width)
    table = Table(title=title, title_justify="left", pad_edge=False)
    for i in shown:
        table.add_column(columns[i], overflow="fold", min_width=needs[i], no_wrap=atoms[i],
                         width=widths.get(i))
    for row in cells:
        table.add_row(*(Text(row[i]) for i in shown))
    console().print(table)
    if hidden:
        say("[dim]Not shown at this width: {} (widen the terminal, or use --json).[/]",
            ", ".join(hidden))


def _text_widths(values: Sequence[Sequence[str]], shown: Sequence[int], atoms: Sequence[bool],
                 needs: Sequence[int], width: int) -> dict[int, int]:
    """Widths for the text columns when the table is wider than the terminal: the widest
    gives up a cell at a time (as Rich does), but none goes below what it needs.

    Rich would share the squeeze among its wrapping columns without heeding their minimum
    widths, then put the minimums back, and the table would come out wider than the
    terminal, its right edge cut off. Empty when everything fits as it is."""
    from rich.cells import cell_len

    natural = {i: max(cell_len(v) for v in values[i]) for i in shown}
    room = width - (3 * len(shown) - 1)  # each column's border and padding taken away
    text = [i for i in shown if not atoms[i]]
    if sum(natural.values()) <= room or not text:
        return {}
    widths = {i: natural[i] for i in text}
    excess = sum(natural.values()) - room
    while excess > 0:  # the widest text column gives a cell, never below what it needs
        widest = max((i for i in text if widths[i] > needs[i]), key=widths.__getitem__,
                     default=None)
        if widest is None:
            break
        widths[widest] -= 1
        excess -= 1
    return widths


def _plain_table(title: str, columns: Sequence[str], cells: list[list[str]]) -> None:
    """Aligned columns; the widest column is shortened with '…' to fit the terminal.

    Written for 10,000 rows: whole columns at a time and one format string per line.
    """
    import shutil

    values = [list(col) for col in zip(*cells, strict=True)]
    widths = [max(len(col), *map(len, vals)) for col, vals in zip(columns, values, strict=True)]
    room = shutil.get_terminal_size((120, 24)).columns - 2 * (len(columns) - 1)
    widest = widths.index(max(widths))
    widths[widest] = max(len(columns[widest]), widths[widest] - max(0, sum(widths) - room))
    most = widths[widest]
    values[widest] = [v if len(v) <= most else v[: most - 1] + "…" for v in values[widest]]
    header = [c if len(c) <= w else c[: w - 1] + "…" for c, w in zip(columns, widths, strict=True)]
    layout = "  ".join(f"{{:<{w}}}" for w in widths).format
    body = "\n".join(layout(*row).rstrip() for row in zip(*values, strict=True))
    rule = "  ".join("─" * w for w in widths)
    sys.stdout.write(f"{title} ({len(cells)})\n{layout(*header).rstrip()}\n{rule}\n{body}\n")


def print_tree(title: str, roots: Sequence[Node]) -> None:
    """Print a tree with guide lines; plain text, so even 10,000 nodes print at once."""
    lines = [safe(title)]

    def walk(nodes: Sequence[Node], prefix: str) -> None:
        for i, (label, children) in enumerate(nodes):
            last = i == len(nodes) - 1
            lines.append(f"{prefix}{'└── ' if last else '├── '}{safe(label)}")
            walk(children, prefix + ("    " if last else "│   "))

    walk(roots, "")
    sys.stdout.write("\n".join(lines) + "\n")


def print_error(err: CairnError) -> None:
    """An expected error: what went wrong, then how to fix it."""
    from rich.markup import escape

    from cairn.commands import quoted

    wrap = not err_console().is_terminal
    err_console().print(f"[bold red]Error:[/] {escape(safe(err.message))}", soft_wrap=wrap)
    fix = err.fix(quoted)
    if fix:
        err_console().print(f"[yellow]Fix:[/] {escape(safe(fix))}", soft_wrap=wrap)


def say(message: str, *values: object) -> None:
    """A short line for people; ``values`` are escaped and filled into ``{}`` slots (as text:
    format numbers before passing them, a slot takes no format spec)."""
    from rich.markup import escape

    # on a terminal, long lines wrap between words; in a pipe or file each stays one line
    console().print(safe(message).format(*(escape(safe(str(v))) for v in values)),
                    soft_wrap=not console().is_terminal)


def percent(fraction: float | None) -> str:
    """0.4 -> '40%'; None -> '-'."""
    return "-" if fraction is None else f"{fraction:.0%}"


def bar(fraction: float | None, width: int = 10) -> str:
    """A small text progress bar."""
    if fraction is None:
        return "·" * width
    filled = round(fraction * width)
    return "█" * filled + "·" * (width - filled)


def hours(value: float) -> str:
    """Hours as people write them, to one decimal at most: 3.3333 -> '3.3', 12.0 -> '12'."""
    return f"{value:.1f}".removesuffix(".0")


def score(value: float) -> str:
    """A questionnaire score, two decimals at most: 3.3333 -> '3.33', 1.4 -> '1.4', 5.0 -> '5'."""
    return f"{value:.2f}".rstrip("0").rstrip(".")
