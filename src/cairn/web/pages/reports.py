"""Reports: the plan on a page, read here (the report's own HTML, inside the page) and
downloaded as Markdown, HTML or PDF, over a period as ``cairn report --period`` takes it."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response
from markupsafe import Markup

from cairn.core.report import period_days
from cairn.services.data_pages import report_file, report_format
from cairn.web.deps import Person, Server
from cairn.web.forms import Form
from cairn.web.pages.today import has_profile
from cairn.web.templating import render

router = APIRouter(include_in_schema=False)
Period = Annotated[str, Query(max_length=20)]
Format = Annotated[str, Query(max_length=10)]
DEFAULT_PERIOD = "90d"


def read_period(text: str) -> str:
    """A period as ``cairn report --period`` takes it (30d, 12w, 3m, 1y)."""
    period_days(text)
    return text.strip().lower()


def body_of(document: bytes) -> Markup:
    """The inside of the report's ``<body>``: the report's own HTML (autoescaped when it was
    rendered), shown within the page, its headings one level below the page's section."""
    text = document.decode("utf-8")
    start = text.index(">", text.index("<body")) + 1
    body = text[start:text.rindex("</body>")]
    for old, new in (("h2", "h4"), ("h1", "h3")):
        body = body.replace(f"<{old}>", f"<{new}>").replace(f"</{old}>", f"</{new}>")
    return Markup(body)  # noqa: S704 - rendered by Jinja2 with autoescape


@router.get("/reports")
def reports(request: Request, c: Person, w: Server, period: Period = DEFAULT_PERIOD
            ) -> Response:
    """The report over the period asked for, with its downloads (its HTML kept while the
    person's data and the date are unchanged: charts take most of a second to draw)."""
    if not has_profile(c):
        return RedirectResponse("/onboarding", status_code=303)
    form = Form({"period": period})
    checked = form.parse("period", read_period)
    if checked is None:
        return render(request, "reports.html", {"title": "Reports", "form": form,
                                                "period": None, "report": None},
                      status_code=422)
    document = w.views.view(w, f"report.html:{checked}",
                            lambda fresh: report_file(fresh, checked, "html").content)
    report = body_of(document)
    return render(request, "reports.html", {"title": "Reports", "form": form,
                                            "period": quote(checked), "report": report})


@router.get("/reports/download")
def download(c: Person, format: Format = "pdf",  # noqa: A002 - the query's name
             period: Period = DEFAULT_PERIOD) -> Response:
    """The report as a file: ``format`` md, html or pdf."""
    done = report_file(c, read_period(period), report_format(format))
    return Response(done.content, media_type=done.media_type,
                    headers={"Content-Disposition": f'attachment; filename="{done.filename}"'})
