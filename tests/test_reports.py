"""The plan report: its data, Markdown/HTML snapshots with dates masked, the PDF rendered."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
import pytest
from pypdf import PdfReader

from cairn.core.errors import InvalidInput
from cairn.core.model import Horizon, TaskStatus
from cairn.core.occupations import attribution
from cairn.core.report import (
    AreaWeek,
    BurnoutPoint,
    DatedItem,
    FeedbackLine,
    GapLine,
    GoalLine,
    PlanLine,
    ReportData,
    WheelSpoke,
    period_days,
)
from cairn.core.support import ContactKind
from cairn.reports import render

SNAPSHOTS = Path(__file__).parent / "snapshots"
UPDATE = os.environ.get("CAIRN_UPDATE_SNAPSHOTS") == "1"
DATE = re.compile(r"\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?")
SVG = re.compile(r"<svg.*?</svg>", re.DOTALL)


def masked(text: str) -> str:
    """The report with dates, times and chart bodies masked, for snapshot comparison."""
    return DATE.sub("DATE", SVG.sub("<svg>CHART</svg>", text))


def check_snapshot(name: str, text: str) -> None:
    path = SNAPSHOTS / name
    if UPDATE or not path.exists():
        path.write_text(masked(text), encoding="utf-8")
    assert masked(text) == path.read_text(encoding="utf-8")


def full_report() -> ReportData:
    """A report with every section filled, as other features will fill them."""
    day = dt.date(2026, 11, 23)
    return ReportData(
        generated_at=dt.datetime(2026, 11, 23, 10, 0), period_start=dt.date(2026, 8, 26),
        period_end=day, person="Alex Rivera", life_stage="mid-career",
        vision=(GoalLine(1, "Work that fits my values", "vision", "Career", "active", None, None,
                         None),),
        goals=(GoalLine(2, "Learn SQL | basics", "short-term", "Learning", "active",
                        dt.date(2027, 1, 10), 0.25, dt.date(2026, 11, 1),
                        (("First queries", dt.date(2026, 12, 1), True),)),),
        task_hours=(AreaWeek("Career", dt.date(2026, 11, 9), 3.0),
                    AreaWeek("Learning", dt.date(2026, 11, 16), 2.5)),
        followups=(DatedItem(dt.date(2026, 11, 20), "Follow up with Sam (mentor)", True),),
        feedback=(FeedbackLine(2, "Sam", "Is it enough?", "Add a project."),),
        resources=("SQL course (course)",),
        advice=(("Take stock before the next step", 'cairn contact ask 1 2 "..."'),),
        time_plan=(PlanLine("Career", 40.0, 38.0), PlanLine("Rest", 5.0, None)),
        balance_wheel=tuple(WheelSpoke(a, s, h, b) for a, s, h, b in (
            ("Career", 7, 42.0, 38.0), ("Health", 5, 2.0, 4.0), ("Relationships", 8, 6.0, 6.0),
            ("Rest", 4, None, None))),
        burnout=(BurnoutPoint(dt.date(2026, 11, 2), "low", 0),
                 BurnoutPoint(dt.date(2026, 11, 9), "elevated", 1, ("stress-rising",)),
                 BurnoutPoint(dt.date(2026, 11, 16), "high", 3,
                              ("long-hours", "stress-rising"))),
        skill_gaps=(GapLine("Programming", 4.1, 2.5),),
        reviews=(DatedItem(dt.date(2026, 11, 30), "Monthly review"),),
        onet_attribution=attribution("30.1"),
    )


# -- pure parts ---------------------------------------------------------------------------


def test_periods():
    assert [period_days(p) for p in ("30d", "90d", "1y", "12w", "3m")] == [30, 90, 365, 84, 90]
    for bad in ("", "0d", "ninety", "30x"):
        with pytest.raises(InvalidInput):
            period_days(bad)


def test_full_report_markdown_snapshot():
    text = render.markdown(full_report())
    assert "Not available yet" not in text
    assert "Learn SQL \\| basics" in text  # a pipe in a title cannot break the table
    check_snapshot("report_full.md", text)


def test_full_report_html_snapshot_with_four_charts():
    page = render.html(full_report())
    charts = SVG.findall(page)
    assert len(charts) == 4
    assert "Burnout risk" in charts[3]
    assert "Relationships" in charts[2]  # the radar labels its spokes
    assert "Learning" in charts[1]  # the hours chart has a legend per area
    assert "Learn SQL" in charts[0]  # the timeline names its goals
    assert "&lt;" not in render.html(full_report())  # nothing double-escaped
    check_snapshot("report_full.html", page)


def test_html_escapes_what_people_typed():
    data = full_report()
    data = ReportData(**{**{f: getattr(data, f) for f in data.__dataclass_fields__},
                         "person": "<script>alert(1)</script>"})
    assert "<script>alert" not in render.html(data)
    assert "&lt;script&gt;" in render.html(data)


SECTIONS = ("Vision", "Goals and progress", "Time plan against budgets", "Hours per area",
            "Balance wheel", "Burnout trend", "Skill gaps", "Coming up", "Support and resources",
            "Advice")
CHART_SECTIONS = ("Goals and progress", "Hours per area", "Balance wheel", "Burnout trend")
RENDER_SCALE = 1.5  # pixels per PDF point


def pdf_text(pdf: bytes) -> str:
    """The text of all pages, each run of white space (a line wrapped in a cell) one space."""
    return " ".join(" ".join(page.extract_text().split())
                    for page in PdfReader(io.BytesIO(pdf)).pages)


def rendered_pages(pdf: bytes) -> list[tuple[np.ndarray, list[tuple[float, ...]], dict]]:
    """Each page drawn by PDFium: (RGB pixels, image boxes in pixels, heading -> pixel row)."""
    pages = []
    for page in pdfium.PdfDocument(pdf):
        height = page.get_height()
        pixels = page.render(scale=RENDER_SCALE, rev_byteorder=True).to_numpy()[..., :3]
        boxes = [(left * RENDER_SCALE, (height - top) * RENDER_SCALE, right * RENDER_SCALE,
                  (height - bottom) * RENDER_SCALE) for left, bottom, right, top in
                 (image.get_bounds() for image in
                  page.get_objects(filter=[pdfium_raw.FPDF_PAGEOBJ_IMAGE]))]
        text = page.get_textpage()
        headings = {}
        for title in SECTIONS:
            found = text.search(title, match_case=True, match_whole_word=True).get_next()
            if found is not None:
                headings[title] = (height - text.get_charbox(found[0])[3]) * RENDER_SCALE
        pages.append((pixels, boxes, headings))
    return pages


def dark(pixels: np.ndarray) -> int:
    """Pixels dark enough to be text or lines."""
    return int((pixels.max(axis=-1) < 100).sum())


def coloured(pixels: np.ndarray) -> int:
    """Pixels of a clear colour (not black, grey or white)."""
    wide = pixels.astype(int)
    return int((wide.max(axis=-1) - wide.min(axis=-1) > 30).sum())


def test_pdf_is_a_printable_document_with_the_charts_in_their_sections():
    pdf = render.pdf(full_report())
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 3
    assert reader.metadata is not None
    assert reader.metadata.title == "Career plan of Alex Rivera"
    assert "/CreationDate" not in reader.metadata
    assert "/ModDate" not in reader.metadata
    text = pdf_text(pdf)
    for wanted in ("Career plan of Alex Rivera", *SECTIONS, "Learn SQL | basics",
                   "Work that fits my values", "Follow up with Sam (mentor) (overdue)",
                   "Programming", "long-hours, stress-rising", "Add a project.",
                   "SQL course (course)", "page 1 of 3", "page 3 of 3",
                   "O*NET 30.1 Database", "CC BY 4.0 license"):
        assert wanted in text, wanted
    assert "|---|" not in text  # real tables, not Markdown
    assert "**" not in text

    pages = rendered_pages(pdf)
    for pixels, _boxes, _headings in pages:
        assert dark(pixels) > 2000  # no blank page
    assert sum(len(boxes) for _pixels, boxes, _headings in pages) == 4
    for title in CHART_SECTIONS:
        # the chart sits under its heading, before the next heading on that page
        pixels, boxes, headings = next(p for p in pages if title in p[2])
        top = headings[title]
        below = min((y for y in headings.values() if y > top), default=len(pixels))
        inside = [b for b in boxes if top < b[1] and b[3] < below]
        assert len(inside) == 1, title
        left, upper, right, lower = (round(v) for v in inside[0])
        chart = pixels[upper:lower, left:right]
        assert coloured(chart) > 500, title  # drawn in colour
        assert dark(chart) > 200, title  # with its axis labels


def test_pdf_escapes_what_people_typed():
    data = full_report()
    odd = "R&D <b>not bold</b> & <script>"
    data = dataclasses.replace(data, person="Zoë <Ж> & Co",
                               goals=(dataclasses.replace(data.goals[0], title=odd),),
                               resources=("Books & <courses>",))
    text = pdf_text(render.pdf(data))
    assert "Career plan of Zoë <Ж> & Co" in text
    assert odd in text
    assert "In progress: Books & <courses>" in text


def test_pdf_says_which_sections_have_no_data():
    data = dataclasses.replace(full_report(), vision=(), goals=(), task_hours=(),
                               followups=(), feedback=(), resources=(), advice=(),
                               time_plan=None, balance_wheel=None, burnout=None,
                               skill_gaps=None, reviews=None)
    pdf = render.pdf(data)
    text = pdf_text(pdf)
    for wanted in (*SECTIONS, "No vision yet", "No open goals.",
                   "No time logged and no tasks finished", "Reviews: Not available yet.",
                   "No follow-ups due", "No feedback asked yet.", "Nothing stands out."):
        assert wanted in text, wanted
    assert text.count("Not available yet.") == 5
    [(pixels, boxes, _headings)] = rendered_pages(pdf)
    assert boxes == []
    assert dark(pixels) > 2000


def test_pdf_splits_a_long_goal_timeline_over_pages():
    data = full_report()
    goals = tuple(GoalLine(10 + i, f"Goal {i}", "mid-term", "Career", "active",
                           dt.date(2027, 1, 1) + dt.timedelta(days=9 * i), i / 45,
                           dt.date(2026, 6, 1)) for i in range(45))
    pdf = render.pdf(dataclasses.replace(data, goals=goals))  # one chart would not fit a page
    pages = rendered_pages(pdf)
    assert all(dark(pixels) > 2000 for pixels, _boxes, _headings in pages)
    assert sum(len(boxes) for _pixels, boxes, _headings in pages) == 3 + 3  # 20 + 20 + 5 goals
    assert "Goal 44" in pdf_text(pdf)


def test_pdf_is_byte_stable():
    assert render.pdf(full_report()) == render.pdf(full_report())


def test_a_dollar_in_a_title_is_not_tex():
    data = full_report()
    data = dataclasses.replace(data, goals=(dataclasses.replace(data.goals[0],
                                                                title="Earn $5k from a $ide"),),
                               task_hours=(AreaWeek("Side $$ income", dt.date(2026, 11, 9), 2),))
    assert "Earn $5k from a $ide" in render.html(data)
    assert "Earn $5k from a $ide" in pdf_text(render.pdf(data))


def test_svg_is_deterministic():
    assert render.html(full_report()) == render.html(full_report())


# -- assembled from the database -------------------------------------------------------


def _plan(c):
    vision = c.goals.add("Do work I am proud of", area="career", horizon=Horizon.VISION)
    goal = c.goals.add("Learn SQL", area="learning", horizon=Horizon.SHORT_TERM,
                       why="Analyst roles ask for it", deadline=dt.date(2027, 2, 1),
                       parent_id=None)
    c.goals.add_milestone(goal.id, "First queries", dt.date(2026, 12, 15))
    done = c.tasks.add("Read chapter 1", 3, goal_id=goal.id)
    c.tasks.add("Read chapter 2", 3, goal_id=goal.id)
    c.tasks.set_status(done.id, TaskStatus.DONE)
    sam = c.support.add("Sam Lee", ContactKind.MENTOR, cadence_weeks=2)
    c.support.ask(sam.id, goal.id, "Is SQL the right first step?")
    return vision, goal


def test_logged_time_gives_the_hours_per_area_once_there_is_some(person):
    _plan(person)
    person.track.record.log(90, "health", on=dt.date(2026, 11, 17))
    person.track.record.log(60, "learning", on=dt.date(2026, 11, 23))
    data = person.reports.build("30d")
    assert data.hours_basis == "time logged"
    assert [(w.area, w.week, w.hours) for w in data.task_hours] == [
        ("Health", dt.date(2026, 11, 16), 1.5), ("Learning", dt.date(2026, 11, 23), 1.0)]
    assert "From time logged." in render.markdown(data)


def test_report_data_from_the_database(person):
    vision, goal = _plan(person)
    data = person.reports.build("30d")
    assert (data.period_start, data.period_end) == (dt.date(2026, 10, 25),
                                                    dt.date(2026, 11, 23))
    assert [g.id for g in data.vision] == [vision.id]
    assert [(g.id, g.progress) for g in data.goals] == [(goal.id, pytest.approx(1 / 3))]
    assert [(w.area, w.week, w.hours) for w in data.task_hours] == [
        ("Learning", dt.date(2026, 11, 23), 3.0)]
    assert data.hours_basis == "finished tasks' estimates"
    assert [f.what for f in data.followups] == ["Follow up with Sam Lee (mentor)"]
    assert data.feedback[0].feedback is None
    assert data.balance_wheel is None  # not on this branch: "not available yet"
    # a section provider given at construction fills its section
    from cairn.services.reports import ReportService

    reports = ReportService(person.goals, person.support, person.resources, person.guide,
                            providers=[lambda _s, _e: {"skill_gaps": (GapLine("SQL", 4, 2),)}])
    assert reports.build().skill_gaps == (GapLine("SQL", 4, 2),)


RISING = ((3, 38), (3, 38), (3, 38), (3, 38), (4, 38), (5, 38), (6, 46), (8, 46), (9, 46),
          (9, 46))  # weekly (stress, hours worked), the last check-in on the frozen Monday


def test_report_shows_the_burnout_trend_week_by_week(person, frozen):
    first = dt.datetime(2026, 11, 23, 10, tzinfo=dt.UTC) - dt.timedelta(weeks=9)
    for week, (stress, hours) in enumerate(RISING):
        frozen.move_to(first + dt.timedelta(weeks=week))
        person.track.record.checkin(6, stress, hours_worked=hours)
    data = person.reports.build("90d")
    assert data.burnout is not None
    # from the first check-in on (the weeks before it had nothing to judge), weekly to today
    assert [p.on for p in data.burnout] == [dt.date(2026, 11, 23) - dt.timedelta(weeks=9 - k)
                                            for k in range(10)]
    assert [p.level for p in data.burnout] == ["low"] * 5 + ["elevated"] * 3 + ["high"] * 2
    assert data.burnout[-2].reasons == ("long-hours", "stress-rising")
    assert data.burnout[-1].level == person.track.wellbeing.burnout().level
    text = render.markdown(data)
    trend = text.split("## Burnout trend", 1)[1].split("\n## ", 1)[0]
    assert "| 2026-11-16 | high | 3 | long-hours, stress-rising |" in trend
    assert "| 2026-10-19 | low | 0 | - |" in trend  # stress 3, 3, 3, 4: not yet
    assert "| 2026-10-26 | elevated | 1 | stress-rising |" in trend
    page = render.html(data)
    assert "Burnout risk by week" in page
    pdf = PdfReader(io.BytesIO(render.pdf(data)))
    trend = next(p.extract_text() for p in pdf.pages if "Burnout trend" in p.extract_text())
    assert "2026-11-16 high 3 long-hours, stress-rising" in " ".join(trend.split())


def test_no_burnout_trend_without_checkins_or_logged_time(person):
    assert person.reports.build("30d").burnout is None


def test_cli_report_snapshot_and_files(cli, tmp_path):
    cli("init", "--name", "Alex Rivera", "--stage", "mid-career", "--hours", "38")
    cli("goal", "add", "Do work I am proud of", "--area", "career", "--horizon", "vision")
    cli("goal", "add", "Learn SQL", "--area", "learning", "--horizon", "short-term",
        "--why", "Analyst roles ask for it", "--deadline", "2027-02-01")
    cli("task", "add", "Read chapter 1", "--goal", "2", "--estimate", "3")
    cli("task", "done", "1")
    cli("contact", "add", "Sam Lee", "--kind", "mentor", "--every", "2")
    shown = cli("report", "--period", "30d")
    assert shown.exit_code == 0, shown.stderr
    check_snapshot("report_cli.md", shown.stdout)
    html_file = tmp_path / "plan.html"
    assert cli("report", "--format", "html", "--output", str(html_file)).exit_code == 0
    assert html_file.read_text(encoding="utf-8").count("<svg") == 2  # timeline and hours
    pdf_file = tmp_path / "plan.pdf"
    assert cli("report", "-f", "pdf", "-o", str(pdf_file)).exit_code == 0
    assert "Learn SQL" in PdfReader(pdf_file).pages[0].extract_text()
    pages = rendered_pages(pdf_file.read_bytes())
    assert all(dark(pixels) > 2000 for pixels, _boxes, _headings in pages)
    assert sum(len(boxes) for _pixels, boxes, _headings in pages) == 2  # timeline and hours
    assert cli("report", "--format", "docx").exit_code == 3
    assert cli("report", "--period", "forever").exit_code == 3


def test_help_does_not_load_the_report_stack():
    code = ("import sys; from cairn.cli.main import app; "
            "from typer.testing import CliRunner; CliRunner().invoke(app, ['--help']); "
            "print(json.dumps([m for m in ('matplotlib', 'jinja2', 'sqlalchemy', 'reportlab') "
            "if m in sys.modules]))")
    out = subprocess.run([sys.executable, "-c", "import json; " + code], capture_output=True,
                         text=True, check=True)
    assert json.loads(out.stdout) == []
