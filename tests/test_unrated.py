"""An area skipped in every check-in is unrated, not 0: in the report's data, its Markdown and
PDF tables, and the radar chart."""

from __future__ import annotations

import datetime as dt
import io
import math

from pypdf import PdfReader

from cairn.core.report import WheelSpoke
from cairn.reports import charts


def test_the_report_keeps_unrated_areas_unrated(person):
    from cairn.services import links

    person.track.record.checkin(6, 4, satisfaction={"health": 3, "career": 0})
    day = dt.date(2026, 11, 23)
    sections = links.report_sections(person.track, person.planning, day - dt.timedelta(30), day)
    spokes = {s.area: s.satisfaction for s in sections["balance_wheel"]}  # type: ignore[attr-defined]
    assert spokes["Health"] == 3.0
    assert spokes["Career"] == 0.0  # rated 0 is a 0
    assert spokes["Learning"] is None and spokes["Rest"] is None
    data = person.reports.build("30d")
    text = person.reports.render(data, "md").decode()
    wheel = text.split("## Balance wheel", 1)[1].split("\n## ", 1)[0]
    assert "| Health | 3 |" in wheel and "| Career | 0 |" in wheel
    assert "| Learning | not rated |" in wheel
    assert wheel.count("not rated") == 6
    pdf = PdfReader(io.BytesIO(person.reports.render(data, "pdf")))
    pages = " ".join(page.extract_text() for page in pdf.pages)
    assert "Learning not rated" in " ".join(pages.split())


def test_the_radar_leaves_unrated_spokes_out_of_the_shape():
    spokes = [WheelSpoke("Career", 7.0), WheelSpoke("Health", None), WheelSpoke("Rest", 5.0)]
    fig = charts.balance_radar(spokes)
    [ax] = fig.axes
    [line] = ax.get_lines()
    radii = list(line.get_ydata())
    assert radii[0] == 7.0 and radii[2] == 5.0 and math.isnan(radii[1])
    assert not ax.patches  # no filled shape pretending Health sits at the centre
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert labels == ["Career", "Health\n(not rated)", "Rest"]
    full = charts.balance_radar([WheelSpoke("Career", 7.0), WheelSpoke("Rest", 5.0)])
    assert len(full.axes[0].patches) == 1  # every area rated: the shape is filled
