"""Markdown and HTML through Jinja2 templates; PDF through ReportLab (``reports/pdf.py``)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

import jinja2
from matplotlib.figure import Figure

from cairn.core.report import AreaWeek, ReportData
from cairn.reports import charts

NOT_YET = "Not available yet."


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def _num(value: float | None) -> str:
    """Hours and metric values to one decimal at most: 3.125 -> '3.1'."""
    return "-" if value is None else f"{value:.1f}".removesuffix(".0")


def stamp(when: dt.datetime) -> str:
    """When the report was made, to the minute: in the zone it carries, else UTC."""
    zone = when.tzname() if when.tzinfo is not None else "UTC"
    return f"{when:%Y-%m-%d %H:%M} {zone}"


def area_totals(weeks: Sequence[AreaWeek]) -> list[tuple[str, float, float]]:
    """(area, hours, share of all hours) for the whole period, most hours first."""
    totals: dict[str, float] = {}
    for w in weeks:
        totals[w.area] = totals.get(w.area, 0.0) + w.hours
    whole = sum(totals.values()) or 1.0
    return [(area, hours, hours / whole)
            for area, hours in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))]


def _rating(value: float | None) -> str:
    """A 0-10 rating; an area never rated says so (it is not a 0)."""
    return "not rated" if value is None else f"{value:g}"


def _cell(value: object) -> str:
    """Text safe inside a Markdown table cell."""
    return str(value).replace("|", "\\|").replace("\n", " ")


def _text(value: object) -> str:
    """Running text safe in Markdown: asterisks and underscores are not emphasis
    ("O*NET ... O*NET" would otherwise turn italic)."""
    return re.sub(r"([*_\\])", r"\\\1", str(value))


def environment() -> jinja2.Environment:
    """The template environment: HTML templates autoescaped, Markdown not."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("cairn.reports", "templates"),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2",),
                                           default_for_string=False),
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters |= {"pct": _pct, "num": _num, "cell": _cell, "rating": _rating, "text": _text,
                    "stamp": stamp, "area_totals": area_totals}
    return env


def figures(d: ReportData) -> dict[str, Figure]:
    """The charts that have data, by name."""
    found: dict[str, Figure] = {}
    if any(g.deadline for g in d.goals):
        found["timeline"] = charts.goal_timeline(d.goals, d.period_end)
    if d.task_hours:
        found["hours"] = charts.hours_per_area(d.task_hours, d.hours_basis)
    if d.balance_wheel:
        found["wheel"] = charts.balance_radar(d.balance_wheel)
    if d.burnout:
        found["burnout"] = charts.burnout_trend(d.burnout)
    return found


def markdown(d: ReportData) -> str:
    """The report as Markdown (tables, no charts)."""
    return environment().get_template("report.md.j2").render(d=d, not_yet=NOT_YET)


def html(d: ReportData) -> str:
    """The report as one self-contained HTML page with inline SVG charts."""
    svgs = dict.fromkeys(("timeline", "hours", "wheel", "burnout"), "")
    svgs |= {name: charts.svg(fig) for name, fig in figures(d).items()}
    return environment().get_template("report.html.j2").render(d=d, not_yet=NOT_YET,
                                                               charts=svgs)


def pdf(d: ReportData) -> bytes:
    """The report as an A4 PDF: tables, lists and the charts in their sections."""
    from cairn.reports.pdf import document  # ReportLab loads only for a PDF

    return document(d)


def render(d: ReportData, fmt: str) -> bytes:
    """The report in ``fmt`` (md, html or pdf) as bytes."""
    if fmt == "pdf":
        return pdf(d)
    return (markdown(d) if fmt == "md" else html(d)).encode("utf-8")
