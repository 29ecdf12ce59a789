"""``cairn report``: the plan on a page, as Markdown, HTML or PDF."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from cairn.cli import output
from cairn.cli.context import cairn


def report(
    ctx: typer.Context,
    fmt: str = typer.Option("md", "--format", "-f", help="md, html or pdf."),
    period: str = typer.Option("90d", "--period", "-p",
                               help="How far back: a number (1-999) and d, w, m or y "
                                    "(30d, 12w, 3m, 1y)."),
    out: Path = typer.Option(None, "--output", "-o",
                             help="File to write (default: md to the screen; html and pdf "
                             "to cairn-report.<format>)."),
) -> None:
    """Your plan on a page: vision, goals, time, balance, gaps, follow-ups, with charts."""
    import dataclasses

    from cairn.cli import timefmt

    c = cairn(ctx)
    fmt = fmt.strip().lower()
    data = c.reports.build(period)  # its header shows when, in the person's time zone
    data = dataclasses.replace(data, generated_at=timefmt.local(data.generated_at,
                                                                timefmt.zone_of(c)))
    if out is None and fmt == "md":
        sys.stdout.write(output.safe(c.reports.render(data, fmt).decode("utf-8")))
        return
    from cairn.files import write_atomic

    target = out or Path(f"cairn-report.{fmt}")
    size = write_atomic(target, c.reports.render(data, fmt))
    output.say("Wrote the {} report to {} ({} KB).", fmt, target, max(1, size // 1024))
