"""Charts of the plan report, drawn with matplotlib's object API (no pyplot, no GUI)."""

from __future__ import annotations

import datetime as dt
import io
import math
from collections.abc import Callable, Sequence
from typing import cast

import matplotlib as mpl
from matplotlib import dates as mdates
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from cairn.core.report import AreaWeek, BurnoutPoint, GoalLine, WheelSpoke
from cairn.reports import fonts

# matplotlib.dates is untyped; this is its documented signature for a date.
date_number = cast("Callable[[dt.date], float]", mdates.date2num)

mpl.rcParams.update({
    "svg.hashsalt": "cairn",  # stable element ids: the same data gives the same SVG
    "svg.fonttype": "none",  # text stays text in the SVG, readable and searchable
    "pdf.fonttype": 42,  # TrueType in PDFs, so their text can be extracted
    "font.size": 9,
    "text.parse_math": False,  # "$" in a goal title or an area name is a dollar, not TeX
    # glyph by glyph: DejaVu, then CJK, then emoji (the same list on every machine, so the
    # SVG is the same; a family not installed is skipped)
    "font.family": ["DejaVu Sans", "Droid Sans Fallback", "Symbola"],
})
fonts.matplotlib_families()
fonts.quiet_matplotlib()
MIN_DAYS_SHOWN = 14  # a chart of one or two weeks still shows days, not years


def balance_radar(spokes: Sequence[WheelSpoke]) -> Figure:
    """The balance wheel: satisfaction per area (0-10) on a radar.

    An area never rated has no point (it is not a 0 at the centre): the line breaks
    there, its label says "not rated", and the shape is filled only when every area
    is rated.
    """
    fig = Figure(figsize=(5, 5))
    ax = fig.add_subplot(projection="polar")
    angles = [2 * math.pi * i / len(spokes) for i in range(len(spokes))]
    values = [math.nan if s.satisfaction is None else s.satisfaction for s in spokes]
    ax.plot([*angles, angles[0]], [*values, values[0]], color="#2a6f4e", marker="o",
            markersize=4)
    if all(s.satisfaction is not None for s in spokes):
        ax.fill([*angles, angles[0]], [*values, values[0]], color="#2a6f4e", alpha=0.25)
    ax.set_xticks(angles, [s.area if s.satisfaction is not None else f"{s.area}\n(not rated)"
                           for s in spokes])
    for label, angle in zip(ax.get_xticklabels(), angles, strict=True):
        # long area names start at the rim and grow outwards, not across the wheel
        side = math.cos(angle)
        label.set_horizontalalignment("left" if side > 0.1 else "right" if side < -0.1
                                      else "center")
    ax.set_ylim(0, 10)
    ax.set_yticks([2, 4, 6, 8, 10])
    ax.tick_params(axis="y", labelsize=7, labelcolor="#777777")
    ax.set_title("Balance wheel (satisfaction 0-10)")
    fig.tight_layout()
    return fig


MAX_WEEK_LABELS = 12
MIN_WEEK_SLOTS = 6


def hours_per_area(weeks: Sequence[AreaWeek], basis: str = "finished tasks' estimates"
                   ) -> Figure:
    """Stacked bars: hours per area in each week."""
    fig = Figure(figsize=(7, 3.5))
    ax = fig.add_subplot()
    days = sorted({w.week for w in weeks})
    areas = sorted({w.area for w in weeks})
    hours = {(w.area, w.week): w.hours for w in weeks}
    bottom = [0.0] * len(days)
    for area in areas:
        values = [hours.get((area, d), 0.0) for d in days]
        ax.bar(range(len(days)), values, bottom=bottom, label=area)
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    step = math.ceil(len(days) / MAX_WEEK_LABELS)  # a year of weeks: every fifth labelled
    pad = max(0.0, (MIN_WEEK_SLOTS - len(days)) / 2)  # one or two weeks: bars, not walls
    ax.set_xlim(-0.5 - pad, len(days) - 0.5 + pad)
    ax.set_xticks(range(0, len(days), step), [d.isoformat() for d in days[::step]])
    ax.set_ylabel("hours")
    ax.set_title(f"Hours per area by week ({basis})")
    ax.tick_params(axis="x", labelrotation=45)
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    fig.tight_layout()
    return fig


def _short(label: str, most: int = 36) -> str:
    return label if len(label) <= most else label[:most - 1].rstrip() + "…"


def goal_timeline(goals: Sequence[GoalLine], today: dt.date) -> Figure:
    """Each goal as a bar from its start to its deadline, milestones as diamonds."""
    dated = [g for g in goals if g.deadline is not None]
    fig = Figure(figsize=(7, 1.6 + 0.4 * max(1, len(dated))))
    ax = fig.add_subplot()
    for row, g in enumerate(reversed(dated)):
        assert g.deadline is not None
        start = min(g.started or today, g.deadline)
        ax.barh(row, (g.deadline - start).days or 1, left=date_number(start),
                color="#8fb3a0", height=0.5)
        for _title, due, done in g.milestones:
            if due is not None:
                ax.plot(date_number(due), row, marker="D",
                        color="#2a6f4e" if done else "#c0392b", markersize=5)
    ax.set_yticks(range(len(dated)), [_short(f"#{g.id} {g.title}") for g in reversed(dated)])
    ax.axvline(date_number(today), color="#555555", linestyle="--", linewidth=1)
    ax.xaxis_date()
    # over the whole figure: long goal names leave the axes too narrow for a title
    fig.suptitle("Goal timeline (milestones: green done, red open)", fontsize=10)
    fig.autofmt_xdate()
    fig.tight_layout()
    return fig


BURNOUT_BANDS = (("low", -0.5, 0.5, "#d5ead9"), ("elevated", 0.5, 2.5, "#f6e3b4"),
                 ("high", 2.5, 99.0, "#f2c4bd"))


def burnout_trend(points: Sequence[BurnoutPoint]) -> Figure:
    """The burnout-risk points week by week, over bands for the low, elevated, high levels."""
    fig = Figure(figsize=(7, 2.8))
    ax = fig.add_subplot()
    top = max(4, *(p.points + 1 for p in points))
    for label, low, high, colour in BURNOUT_BANDS:
        ax.axhspan(low, min(high, top + 0.5), color=colour, zorder=0)
        ax.text(1.01, (max(low, 0) + min(high, top)) / 2, label, va="center", fontsize=7,
                transform=ax.get_yaxis_transform())
    ax.plot([date_number(p.on) for p in points], [p.points for p in points], marker="o",
            color="#c0392b", zorder=2)
    ax.set_ylim(-0.5, top + 0.5)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel("risk points")
    ax.xaxis_date()
    if points:  # one point alone would get an axis of several years around it
        first, last = min(p.on for p in points), max(p.on for p in points)
        pad = max(3.5, (MIN_DAYS_SHOWN - (last - first).days) / 2)
        ax.set_xlim(date_number(first) - pad, date_number(last) + pad)
    ax.set_title("Burnout risk by week")
    fig.autofmt_xdate()
    fig.tight_layout()
    return fig


def svg(fig: Figure) -> str:
    """The figure as an inline SVG element (no XML prolog, no date)."""
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None})
    text = buffer.getvalue()
    return text[text.index("<svg"):]
