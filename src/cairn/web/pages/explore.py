"""Explore: the O*NET catalog (status, install by upload or download with a live progress
bar), search as you type, occupation pages, matches with their reasons, gaps (made into a
learning goal) and career paths drawn as a graph."""

from __future__ import annotations

import re
import shutil
import tempfile
import threading
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import FormData, UploadFile

from cairn.core.actions import Action
from cairn.core.errors import CairnError, InvalidInput, NotAllowed
from cairn.core.matching import COMPONENTS
from cairn.services import explore_pages
from cairn.services.explore_views import SearchHitView
from cairn.web.deps import Person, Server
from cairn.web.forms import Form, Posted, number
from cairn.web.installs import RUNNING, Installs, progress_file
from cairn.web.links import href
from cairn.web.pages.explore_graph import layout
from cairn.web.templating import render

router = APIRouter(include_in_schema=False)
CODE = re.compile(r"^\d{2}-\d{4}\.\d{2}$")
SEARCH_LIMIT = 25
MATCH_LIMIT = 20
MAX_UPLOAD = 500 * 1024 * 1024  # bytes: the O*NET text release zip is far smaller
_INSTALLS_LOCK = threading.Lock()


def installs(request: Request) -> Installs:
    """The server's catalog install (one at a time, shared by its worker processes)."""
    with _INSTALLS_LOCK:
        found = getattr(request.app.state, "catalog_installs", None)
        if found is None:
            found = request.app.state.catalog_installs = Installs(
                progress_file(request.app.state.web.db.url))
        return found


def _code(code: str) -> str:
    """An O*NET-SOC code from the address (anything else is no page)."""
    if not CODE.match(code):
        raise HTTPException(404)
    return code


def may_install(request: Request) -> bool:
    """Whether this request may install the catalog: always for the one person of a
    personal server; on a server for many people, only an administrator (the catalog is
    shared by everyone there)."""
    account = getattr(request.state, "account", None)
    return account is None or account.role == "admin"


def _home(request: Request, c: Person, form: Form | None = None,
          status_code: int = 200) -> Response:
    job = installs(request).job
    return render(request, "explore/index.html",
                  {"title": "Explore", "catalog": explore_pages.catalog(c),
                   "job": job, "form": form or Form(), "may_install": may_install(request)},
                  status_code=status_code)


@router.get("/explore")
def explore(request: Request, c: Person) -> Response:
    """The catalog's state, the search, and the way to matches (or to install it)."""
    return _home(request, c)


async def _form_data(request: Request) -> FormData:
    return await request.form()


@router.post("/explore/install")
def install(request: Request, c: Person, w: Server,
            form: Annotated[FormData, Depends(_form_data)]) -> Response:
    """Start installing the catalog from the uploaded release zip (or by downloading the
    official one), then show its progress. On a server for many people only an
    administrator may."""
    if not may_install(request):
        raise NotAllowed("Only an administrator installs the catalog: everyone here "
                         "shares it.", "Ask your administrator to install or update it.")
    upload = form.get("release")
    download = form.get("download") == "1"
    problem: CairnError | None = None
    saved: Path | None = None
    if not download:
        if not isinstance(upload, UploadFile) or not upload.filename:
            problem = InvalidInput("Choose the O*NET release zip to upload.",
                                   "Download db_30_1_text.zip from onetcenter.org, or use "
                                   "the download button when this computer is online.")
        else:
            saved, problem = _save(upload)
    if problem is None:
        try:
            if saved is not None:
                c.catalog.check_release(saved)
            installs(request).begin(w.db, w.person_id, saved, cleanup=saved)
        except CairnError as err:
            problem = err
    if problem is not None:
        if saved is not None:
            saved.unlink(missing_ok=True)
        page = Form({"release": ""})
        page.error("release", problem)
        return _home(request, c, page, status_code=problem.http_status)
    return RedirectResponse("/explore/install", status_code=303)


def _save(upload: UploadFile) -> tuple[Path | None, CairnError | None]:
    """The uploaded file in a temporary file of its own (the import reads it later)."""
    with tempfile.NamedTemporaryFile(prefix="cairn-onet-", suffix=".zip", delete=False) as out:
        path = Path(out.name)
        upload.file.seek(0)
        shutil.copyfileobj(upload.file, out, 1024 * 1024)
        size = out.tell()
    if size > MAX_UPLOAD:
        path.unlink(missing_ok=True)
        return None, InvalidInput(f"The file is {size // 2**20} MB: more than an O*NET "
                                  "release.", "Upload the O*NET text release zip.")
    return path, None


@router.get("/explore/install")
def install_progress(request: Request, c: Person) -> Response:
    """The install's progress: a bar the page polls (htmx), or that refreshes itself."""
    job = installs(request).job
    context = {"title": "Installing the catalog", "job": job,
               "catalog": explore_pages.catalog(c)}
    if request.headers.get("HX-Request"):
        return render(request, "explore/_progress.html", context)
    return render(request, "explore/install.html",
                  {**context, "refresh": job is not None and job.state == RUNNING})


@router.get("/explore/search")
def search(request: Request, c: Person,
           words: Annotated[str, Query(max_length=1000)] = "") -> Response:
    """Occupations matching the words (a fragment for htmx, else the whole page)."""
    form = Form({"words": words})
    hits: tuple[SearchHitView, ...] = ()
    if words.strip():
        try:
            hits = explore_pages.search(c, words[:200], SEARCH_LIMIT)
        except InvalidInput as err:
            form.error("words", err)
    context = {"title": f"Search: {words}" if words else "Search", "hits": hits,
               "form": form, "words": words}
    if request.headers.get("HX-Request"):
        return render(request, "explore/_results.html", context)
    return render(request, "explore/search.html", context)


def _match_form(query: dict[str, str]) -> tuple[Form, list[str], list[int], float | None]:
    """The filters and weights as typed, read at the edge."""
    form = Form(query)
    zones = [z for z in range(1, 6) if query.get(f"zone{z}")]
    min_wage = None
    if query.get("min_wage", "").strip():
        min_wage = form.parse("min_wage", number("minimum yearly wage"))
    weights = []
    for key in COMPONENTS:
        raw = query.get(f"w_{key}", "").strip()
        if raw:
            value = form.parse(f"w_{key}", number(f"weight of {key}"))
            if value is not None:
                weights.append(f"{key}={value:g}")
    return form, weights, zones, min_wage


@router.get("/explore/matches")
def matches(request: Request, c: Person) -> Response:
    """The person's best matches, each component with its reason; filters and weights."""
    form, weights, zones, min_wage = _match_form(dict(request.query_params))
    page = None
    if form.ok:
        try:
            page = explore_pages.matches(c, weights, zones, min_wage, MATCH_LIMIT)
        except InvalidInput as err:
            form.fail(err)
    return render(request, "explore/matches.html",
                  {"title": "Your matches", "page": page, "form": form, "zones": zones,
                   "components": COMPONENTS},
                  status_code=200 if form.ok else 422)


@router.get("/explore/{code}")
def occupation(request: Request, c: Person, code: str) -> Response:
    """Everything the catalog has on one occupation, with the O*NET attribution."""
    view = explore_pages.occupation(c, _code(code))
    return render(request, "explore/occupation.html", {"title": view.title, "o": view})


def _gap_page(request: Request, c: Person, code: str, form: Form,
              status_code: int = 200) -> Response:
    view = explore_pages.gaps(c, code)
    return render(request, "explore/gap.html",
                  {"title": f"Your gaps for {view.title}", "g": view, "form": form},
                  status_code=status_code)


@router.get("/explore/{code}/gap")
def gap(request: Request, c: Person, code: str) -> Response:
    """The person's skill and knowledge gaps for the occupation, and the goal form."""
    return _gap_page(request, c, _code(code), Form({"top": "5", "hours_per_week": ""}))


@router.post("/explore/{code}/gap")
def make_goal(request: Request, c: Person, code: str, fields: Posted) -> Response:
    """Turn the top gaps into one learning goal, then go to it."""
    code = _code(code)
    form = Form(fields)
    top = form.parse("top", number("number of gaps"))
    hours = (form.parse("hours_per_week", number("hours a week"))
             if form.text("hours_per_week").strip() else None)
    if form.ok and top is not None:
        if top != int(top):
            form.error("top", InvalidInput("Give a whole number of gaps.", "Such as 5."))
        else:
            try:
                plan = c.fit.make_goal(c.goals, code, int(top), hours_per_week=hours)
            except CairnError as err:
                form.fail(err)
            else:
                goal = href(Action.to("goal.show", goal_id=plan.goal.id))
                return RedirectResponse(goal or f"/explore/{code}/gap?made={plan.goal.id}",
                                        status_code=303)
    return _gap_page(request, c, code, form, status_code=422)


@router.get("/explore/{code}/path")
def path(request: Request, c: Person, code: str,
         from_: Annotated[str, Query(alias="from", max_length=20)] = "") -> Response:
    """Career paths to the occupation, from the person's current occupation or ``from``:
    a graph drawn here from the paths, and the same as a list."""
    code = _code(code)
    source = _code(from_) if from_ else None
    problem = None
    try:
        found = explore_pages.paths(c, source, code)
    except InvalidInput as err:  # no start given and no current occupation recorded
        if source is not None:
            raise
        found, problem = (), err
    return render(request, "explore/path.html",
                  {"title": "Career paths", "paths": found, "graph": layout(found),
                   "target": code, "problem": problem})
