"""The report as a printable PDF, laid out with ReportLab's Platypus.

It draws the same ``ReportData`` as the Markdown and HTML: a title, a heading per
section, real tables, lists, and the matplotlib charts (PNG at ``CHART_DPI``) in
their sections. Text is set in DejaVu Sans, the font matplotlib ships, embedded so
that Latin, Greek and Cyrillic names print and the charts match. The output is
byte-stable: the same data gives the same file (ReportLab's invariant mode, and
no creation date).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import matplotlib as mpl
from matplotlib.figure import Figure
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFDocument, PDFInfo, PDFName, PDFString
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    HRFlowable,
    Image,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Table,
    TableStyle,
)

from cairn.core.report import DatedItem, ReportData
from cairn.reports import charts, fonts
from cairn.reports.render import NOT_YET, area_totals, figures, stamp

CHART_DPI = 200  # sharp on paper, a few hundred kB for four charts
CHART_HEIGHT = 2.6 * 72  # points: the wide charts get no taller than this
WHEEL_HEIGHT = 3.0 * 72
MARGIN = 18 * mm
FRAME_WIDTH = A4[0] - 2 * MARGIN - 12  # a Platypus frame pads 6 pt on each side
FRAME_HEIGHT = A4[1] - 2 * MARGIN - 12
LEAD_HEIGHT = 3.2 * 72  # what must fit under a heading: a chart, or a table's first rows
TIMELINE_ROWS = 20  # goals in one timeline chart: 20 fill a page at their natural height

GREEN = colors.HexColor("#2a6f4e")
GREY = colors.HexColor("#666666")
LIGHT = colors.HexColor("#bbbbbb")
HEADER_BG = colors.HexColor("#e4eee8")
ZEBRA_BG = colors.HexColor("#f6f8f7")
RED_HEX = "#b03a2e"
RED = colors.HexColor(RED_HEX)
LEVEL_BG = {label: colors.HexColor(colour) for label, _low, _high, colour in charts.BURNOUT_BANDS}

SANS = "CairnSans"
MONO = "CairnMono"
FONT_FILES = {SANS: "DejaVuSans.ttf", f"{SANS}-Bold": "DejaVuSans-Bold.ttf",
              f"{SANS}-Italic": "DejaVuSans-Oblique.ttf",
              f"{SANS}-BoldItalic": "DejaVuSans-BoldOblique.ttf", MONO: "DejaVuSansMono.ttf"}


def _register_fonts() -> None:
    """Register matplotlib's DejaVu fonts with ReportLab, once per process."""
    if SANS in pdfmetrics.getRegisteredFontNames():
        return
    folder = Path(mpl.get_data_path()) / "fonts" / "ttf"
    for name, file in FONT_FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(folder / file)))
    pdfmetrics.registerFontFamily(SANS, normal=SANS, bold=f"{SANS}-Bold",
                                  italic=f"{SANS}-Italic", boldItalic=f"{SANS}-BoldItalic")
    fonts.register_reportlab()


def _styles() -> dict[str, ParagraphStyle]:
    body = ParagraphStyle("body", fontName=SANS, fontSize=9.5, leading=13)
    cell = ParagraphStyle("cell", body, fontSize=8.5, leading=11)
    return {
        "title": ParagraphStyle("title", body, fontName=f"{SANS}-Bold", fontSize=20, leading=24,
                                textColor=GREEN, spaceAfter=4),
        "meta": ParagraphStyle("meta", body, fontSize=9, textColor=GREY, spaceAfter=6),
        "h2": ParagraphStyle("h2", body, fontName=f"{SANS}-Bold", fontSize=13, leading=16,
                             spaceBefore=12, keepWithNext=1),
        "body": body,
        "item": ParagraphStyle("item", body, leftIndent=14, bulletIndent=3, bulletFontName=SANS,
                               spaceAfter=1.5),
        "muted": ParagraphStyle("muted", body, fontName=f"{SANS}-Italic", textColor=GREY),
        "cell": cell,
        "num": ParagraphStyle("num", cell, alignment=TA_RIGHT),
        "head": ParagraphStyle("head", cell, fontName=f"{SANS}-Bold"),
        "headnum": ParagraphStyle("headnum", cell, fontName=f"{SANS}-Bold", alignment=TA_RIGHT),
    }


def _text(value: object) -> str:
    """What a person typed, safe inside ReportLab's paragraph markup; characters DejaVu
    lacks (Chinese, emoji, ...) are set in a fallback font that has them."""
    return fonts.markup(str(value), _dejavu())


@cache
def _dejavu() -> frozenset[int]:
    """The code points DejaVu Sans covers."""
    folder = Path(mpl.get_data_path()) / "fonts" / "ttf"
    return frozenset(TTFont("coverage", str(folder / FONT_FILES[SANS])).face.charToGlyph)


def _num(value: float | None) -> str:
    """Hours and metric values to one decimal at most: 3.125 -> '3.1'."""
    return "-" if value is None else f"{value:.1f}".removesuffix(".0")


def _date(value: object) -> str:
    return "-" if value is None else str(value)


class ProgressBar(Flowable):
    """A goal's progress as a small bar and a percentage, for a table cell."""

    BAR = 30.0
    HEIGHT = 7.0

    def __init__(self, fraction: float | None) -> None:
        super().__init__()
        self.fraction = fraction

    def wrap(self, availWidth: float, _availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = availWidth
        return availWidth, self.HEIGHT + 2

    def draw(self) -> None:
        c = self.canv
        c.setStrokeColor(LIGHT)
        c.setFillColor(colors.white)
        c.rect(0, 1, self.BAR, self.HEIGHT, stroke=1, fill=1)
        if self.fraction:
            c.setFillColor(GREEN)
            c.rect(0, 1, self.BAR * min(max(self.fraction, 0.0), 1.0), self.HEIGHT,
                   stroke=0, fill=1)
        c.setFillColor(colors.black)
        c.setFont(SANS, 8.5)
        label = "-" if self.fraction is None else f"{self.fraction:.0%}"
        c.drawRightString(self.width, 1.5, label)


class _UndatedInfo(PDFInfo):
    """The document information dictionary without CreationDate and ModDate."""

    def format(self, document: PDFDocument) -> bytes:
        fields: dict[str, Any] = {
            "Title": PDFString(self.title), "Author": PDFString(self.author),
            "Subject": PDFString(self.subject), "Creator": PDFString(self.creator),
            "Producer": PDFString(self.producer), "Trapped": PDFName(self.trapped)}
        return PDFDictionary(fields).format(document)


class _Canvas(Canvas):
    """A canvas that writes no dates, and a footer with ``title`` and "page N of M".

    Pages are kept until the end so that the footer can know their count (the
    usual ReportLab recipe). ``_doc`` and ``_startPage`` are ReportLab's own
    attributes, which its type stubs leave out.
    """

    def __init__(self, title: str, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.footer = title
        self._doc.info = _UndatedInfo()  # type: ignore[attr-defined]
        self._kept: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 (ReportLab's name)
        self._kept.append(dict(self.__dict__))
        self._startPage()  # type: ignore[attr-defined]

    def save(self) -> None:
        for state in self._kept:
            self.__dict__.update(state)
            self.setFont(SANS, 8)
            self.setFillColor(GREY)
            self.drawString(MARGIN, 10 * mm, self.footer)
            self.drawRightString(A4[0] - MARGIN, 10 * mm,
                                 f"page {self.getPageNumber()} of {len(self._kept)}")
            super().showPage()
        super().save()


class _Builder:
    """Collects the flowables of one report, section by section.

    A heading is kept on the page of the first thing ``add`` puts under it.
    """

    def __init__(self, d: ReportData) -> None:
        self.d = d
        self.s = _styles()
        self.story: list[Flowable] = []
        self.figures = figures(d)
        self.pending: list[Flowable] = []

    # -- building blocks --------------------------------------------------------------
    def heading(self, title: str) -> None:
        self.pending = [
            Paragraph(_text(title), self.s["h2"]),
            HRFlowable(width="100%", thickness=0.6, color=LIGHT, spaceBefore=2, spaceAfter=5)]

    def add(self, *flowables: Flowable) -> None:
        """Add flowables under the heading that waits for them.

        Up to half a page, they stay on one page with their heading. A longer
        section starts on a new page only if less than its heading and a chart or
        a few table rows would fit, then runs on (tables repeat their header).
        """
        group = [*self.pending, *flowables]
        lead = len(self.pending)
        self.pending = []
        heights = [_height(f) for f in group]
        if sum(heights) <= FRAME_HEIGHT / 2:
            self.story.append(KeepTogether(group))
            return
        first = min(heights[lead], LEAD_HEIGHT) if lead < len(group) else 0
        self.story += [CondPageBreak(sum(heights[:lead]) + first), *group]

    def muted(self, text: str) -> Paragraph:
        return Paragraph(_text(text), self.s["muted"])

    def bullets(self, items: Sequence[str]) -> list[Flowable]:
        """A bulleted list; each item is paragraph markup (escape what people typed)."""
        return [Paragraph(item, self.s["item"], bulletText="•") for item in items]

    def table(self, header: Sequence[str], rows: Sequence[Sequence[str | Flowable]],
              widths: Sequence[float], numeric: Sequence[int] = (),
              extra: Sequence[tuple[Any, ...]] = ()) -> Table:
        """A table with a header row; ``widths`` are fractions of the text width.

        Text cells are plain text (escaped here); numeric columns align right.
        The header row repeats when a table runs onto the next page.
        """
        def cell(value: str | Flowable, col: int, head: bool = False) -> Flowable:
            if isinstance(value, Flowable):
                return value
            style = ("head" if head else "cell") if col not in numeric else (
                "headnum" if head else "num")
            return Paragraph(_text(value), self.s[style])

        data = [[cell(h, c, head=True) for c, h in enumerate(header)]]
        data += [[cell(v, c) for c, v in enumerate(row)] for row in rows]
        style: list[tuple[Any, ...]] = [
            ("GRID", (0, 0), (-1, -1), 0.4, LIGHT),
            ("BACKGROUND", (0, 0), (-1, 0), HEADER_BG),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]
        style += [("BACKGROUND", (0, r), (-1, r), ZEBRA_BG) for r in range(2, len(data), 2)]
        found = Table(data, colWidths=[w * FRAME_WIDTH for w in widths], repeatRows=1,
                      hAlign="LEFT", style=TableStyle([*style, *extra]))
        found.spaceAfter = 6
        return found

    def chart(self, name: str, width: float = FRAME_WIDTH,
              max_height: float | None = None) -> list[Flowable]:
        """The named chart as an image (an empty list when it has no data)."""
        fig = self.figures.get(name)
        return [] if fig is None else [_image(fig, width, max_height)]

    # -- sections ----------------------------------------------------------------------
    def build(self) -> list[Flowable]:
        d = self.d
        self.story += [
            Paragraph(f"Career plan of {_text(d.person)}", self.s["title"]),
            Paragraph(f"Generated {stamp(d.generated_at)} · period "
                      f"{d.period_start} to {d.period_end} · life stage: "
                      f"{_text(d.life_stage)}", self.s["meta"]),
        ]
        for section in (self.vision, self.goals, self.time_plan, self.hours, self.wheel,
                        self.burnout, self.gaps, self.coming_up, self.support, self.advice):
            section()
        return self.story

    def vision(self) -> None:
        self.heading("Vision")
        if not self.d.vision:
            self.add(self.muted('No vision yet. Write one with cairn goal add "..." '
                                "--horizon vision."))
            return
        self.add(*self.bullets([f"<b>{_text(g.title)}</b> ({_text(g.area)})"
                                + (f", by {g.deadline}" if g.deadline else "")
                                for g in self.d.vision]))

    def goals(self) -> None:
        self.heading("Goals and progress")
        if not self.d.goals:
            self.add(self.muted("No open goals."))
            return
        rows: list[list[str | Flowable]] = [
            [str(g.id), g.title, g.horizon, g.area, _date(g.deadline), ProgressBar(g.progress),
             g.status] for g in self.d.goals]
        self.add(self.table(("#", "goal", "horizon", "area", "deadline", "progress", "status"),
                            rows, (0.05, 0.29, 0.12, 0.12, 0.14, 0.16, 0.12), numeric=(0,)),
                 *self.timelines())

    def timelines(self) -> list[Flowable]:
        """The goal timeline; with many dated goals, one chart per ``TIMELINE_ROWS``."""
        dated = [g for g in self.d.goals if g.deadline is not None]
        if len(dated) <= TIMELINE_ROWS:
            return self.chart("timeline")
        return [_image(charts.goal_timeline(dated[start:start + TIMELINE_ROWS],
                                            self.d.period_end), FRAME_WIDTH)
                for start in range(0, len(dated), TIMELINE_ROWS)]

    def time_plan(self) -> None:
        self.heading("Time plan against budgets")
        if self.d.time_plan is None:
            self.add(self.muted(NOT_YET))
            return
        over = [("TEXTCOLOR", (1, r), (1, r), RED)
                for r, p in enumerate(self.d.time_plan, start=1)
                if p.budget is not None and p.planned > p.budget]
        table = self.table(("area", "planned h/week", "budget h/week"),
                           [[p.area, _num(p.planned), _num(p.budget)] for p in self.d.time_plan],
                           (0.4, 0.2, 0.2), numeric=(1, 2), extra=over)
        self.add(table, *([self.muted("Red: more hours planned than the budget.")] if over
                          else []))

    def hours(self) -> None:
        self.heading("Hours per area")
        if not self.d.task_hours:
            self.add(self.muted("No time logged and no tasks finished in this period."))
            return
        self.add(*self.chart("hours", max_height=CHART_HEIGHT),
                 self.table(("area", "hours", "share"),
                            [[area, _num(h), f"{share:.0%}"]
                             for area, h, share in area_totals(self.d.task_hours)],
                            (0.4, 0.2, 0.2), numeric=(1, 2)))

    def wheel(self) -> None:
        self.heading("Balance wheel")
        spokes = self.d.balance_wheel
        if spokes is None:
            self.add(self.muted(NOT_YET))
            return
        table = self.table(
            ("area", "satisfaction (0-10)", "h/week", "budget"),
            [[s.area, "not rated" if s.satisfaction is None else _num(s.satisfaction),
              _num(s.hours), _num(s.budget)] for s in spokes],
            (0.3, 0.2, 0.15, 0.15), numeric=(1, 2, 3))
        self.add(*self.chart("wheel", max_height=WHEEL_HEIGHT), table)

    def burnout(self) -> None:
        self.heading("Burnout trend")
        points = self.d.burnout
        if points is None:
            self.add(self.muted(NOT_YET))
            return
        levels = [("BACKGROUND", (1, r), (1, r), LEVEL_BG[p.level])
                  for r, p in enumerate(points, start=1) if p.level in LEVEL_BG]
        self.add(*self.chart("burnout", max_height=CHART_HEIGHT), self.table(
            ("as of", "level", "points", "reasons"),
            [[str(p.on), p.level, str(p.points), ", ".join(p.reasons) or "-"] for p in points],
            (0.15, 0.14, 0.1, 0.61), numeric=(2,), extra=levels))

    def gaps(self) -> None:
        self.heading("Skill gaps")
        if self.d.skill_gaps is None:
            self.add(self.muted(NOT_YET))
            return
        if not self.d.skill_gaps:
            self.add(self.muted("No gaps to the target occupation."))
            return
        self.add(self.table(
            ("skill", "importance", "gap"),
            [[s.skill, _num(s.importance), _num(s.gap)] for s in self.d.skill_gaps],
            (0.5, 0.15, 0.15), numeric=(1, 2)))
        if self.d.onet_attribution:
            self.add(self.muted("Importance (1-5) and level (0-7) figures: "
                                + self.d.onet_attribution))

    def coming_up(self) -> None:
        self.heading("Coming up")
        shown: list[Flowable] = []
        if self.d.reviews is None:
            shown.append(self.muted(f"Reviews: {NOT_YET}"))
        shown += self.bullets([_dated(r) for r in self.d.reviews or ()]
                              + [_dated(f) for f in self.d.followups])
        if not self.d.followups:
            shown.append(self.muted("No follow-ups due in the next 30 days."))
        self.add(*shown)

    def support(self) -> None:
        self.heading("Support and resources")
        shown = self.bullets(
            [f"Goal #{f.goal_id}, {_text(f.contact)}: “{_text(f.question)}” → "
             + (_text(f.feedback) if f.feedback else "<i>waiting for an answer</i>")
             for f in self.d.feedback]) or [self.muted("No feedback asked yet.")]
        shown += self.bullets([f"In progress: {_text(r)}" for r in self.d.resources]) or [
            self.muted("No resources in progress.")]
        self.add(*shown)

    def advice(self) -> None:
        self.heading("Advice")
        self.add(*self.bullets(
            [f'{_text(title)}: <font face="{MONO}" size="8.5">{_text(command)}</font>'
             for title, command in self.d.advice]) or [self.muted("Nothing stands out.")])


def _dated(item: DatedItem) -> str:
    late = f' <font color="{RED_HEX}"><b>(overdue)</b></font>'
    return f"{item.on}: {_text(item.what)}" + (late if item.overdue else "")




def _height(flowable: Flowable) -> float:
    """The height a flowable takes in the text frame, with its space before and after."""
    _width, height = flowable.wrap(FRAME_WIDTH, FRAME_HEIGHT)
    return height + flowable.getSpaceBefore() + flowable.getSpaceAfter()


def _image(fig: Figure, width: float, max_height: float | None = None) -> Image:
    """The figure as a PNG image flowable at most ``width`` by ``max_height`` points.

    A larger figure is first resized (and laid out again), not scaled down, so
    that its text prints at the size it was drawn for. No image is taller than
    a page's text frame.
    """
    tallest = min(max_height or FRAME_HEIGHT, FRAME_HEIGHT - 16)
    w_in, h_in = fig.get_size_inches()
    w_in, h_in = min(w_in, width / 72), min(h_in * min(1.0, width / (w_in * 72)), tallest / 72)
    if (w_in, h_in) != tuple(fig.get_size_inches()):
        fig.set_size_inches(w_in, h_in)
        fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=CHART_DPI, metadata={"Software": None})
    buffer.seek(0)
    image = Image(buffer, width=w_in * 72, height=h_in * 72, hAlign="LEFT")
    image.spaceBefore = image.spaceAfter = 4
    return image


def document(d: ReportData) -> bytes:
    """The report as an A4 PDF."""
    _register_fonts()
    buffer = io.BytesIO()
    title = f"Career plan of {d.person}"
    doc = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
        bottomMargin=MARGIN, title=title, author=d.person,
        subject=f"Plan report, {d.period_start} to {d.period_end}", creator="Cairn",
        invariant=1)
    doc.build(_Builder(d).build(),
              canvasmaker=lambda *args, **kwargs: _Canvas(title, *args, **kwargs))
    return buffer.getvalue()
