"""The Goals pages: the goal tree with SMART findings (each fix a button to the form that
applies it), the add form, one goal with its history, tasks and forms (edit, progress,
status with a reason, add a task), a task's edit form, and the timeline.

Every form posts plain HTML: 303 on success, 422 with the form as typed and each problem
beside its field, nothing written (the pattern of ``pages/onboarding.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import RedirectResponse, Response

from cairn.core.errors import CairnError, InvalidInput
from cairn.core.model import GoalStatus, Horizon, Metric, Priority, TaskStatus
from cairn.core.parse import parse_choice, parse_date, parse_optional_date
from cairn.core.rules import check_title
from cairn.services.app import Cairn
from cairn.services.goal_pages import goal_page, goals_page, task_view, timeline_page
from cairn.services.goals import GoalEdit
from cairn.services.views import GoalView
from cairn.web.deps import Person
from cairn.web.forms import Form, Posted, number
from cairn.web.templating import render

router = APIRouter(include_in_schema=False)
GoalId = Annotated[int, Path(ge=1, le=2**31 - 1)]
TaskId = Annotated[int, Path(ge=1, le=2**31 - 1)]

HORIZONS: tuple[tuple[str, str], ...] = (
    (Horizon.VISION.value, "Vision: the life you work towards"),
    (Horizon.LONG_TERM.value, "Long-term: years"),
    (Horizon.SHORT_TERM.value, "Short-term: up to a year"),
)
PRIORITIES: tuple[tuple[str, str], ...] = tuple((p.value, p.value.capitalize())
                                                for p in Priority)
STATUS_CHOICES: tuple[tuple[str, str], ...] = (
    ("open", "Open (active and paused)"), ("active", "Active"), ("paused", "Paused"),
    ("done", "Done"), ("dropped", "Dropped"), ("all", "All"))
# What a goal's status buttons offer, by its status: (new status, the button's words).
STATUS_BUTTONS: dict[GoalStatus, tuple[tuple[str, str], ...]] = {
    GoalStatus.ACTIVE: (("done", "Mark done"), ("paused", "Pause"), ("dropped", "Drop")),
    GoalStatus.PAUSED: (("active", "Resume"), ("done", "Mark done"), ("dropped", "Drop")),
    GoalStatus.DONE: (("active", "Reopen"),),
    GoalStatus.DROPPED: (("active", "Reopen"),),
}
# The words of each SMART finding's fix, by its code.
FIXES: dict[str, str] = {
    "no-why": "Say why it matters", "no-metric": "Add a metric", "no-target": "Set a target",
    "no-deadline": "Set a deadline", "deadline-past": "Move the deadline",
    "short-term-too-far": "Make it long-term", "no-short-term-step": "Add a short-term step",
}
GOAL_FIELDS = ("title", "area", "horizon", "parent", "why", "metric", "unit", "baseline",
               "target", "current", "deadline", "priority", "reason")


def _parents(goals: Sequence[GoalView]) -> tuple[tuple[str, str], ...]:
    """The choices of a goal's parent: (id, '#id title')."""
    return tuple((str(g.id), f"#{g.id} {g.title}") for g in goals)


def _date(c: Cairn) -> Callable[[str], Any]:
    today = c.scope.today()
    return lambda text: parse_optional_date(text, today)


def _ids(text: str) -> tuple[int, ...]:
    """'3, 5' -> (3, 5): task ids, separated by commas or spaces."""
    words = text.replace(",", " ").split()
    if not all(w.isdigit() and 0 < int(w) < 2**31 for w in words):
        raise InvalidInput(f"Cannot read {text!r} as task ids.",
                           "Give task numbers separated by commas, such as 3, 5.")
    return tuple(int(w) for w in words)


def _optional_id(text: str) -> int | None:
    if not text.strip():
        return None
    ids = _ids(text)
    if len(ids) != 1:
        raise InvalidInput(f"Cannot read {text!r} as one id.", "Choose one from the list.")
    return ids[0]


def _optional_number(what: str) -> Callable[[str], float | None]:
    read = number(what)
    return lambda text: read(text) if text.strip() else None


def _choice(kind: Any, what: str) -> Callable[[str], Any]:
    return lambda text: parse_choice(kind, text, what)


# -- the goal tree, and adding a goal ------------------------------------------------------


@router.get("/goals")
def goals(request: Request, c: Person,
          area: Annotated[str, Query(max_length=200)] = "",
          status: Annotated[str, Query(max_length=20)] = "open") -> Response:
    """The goal tree, filtered by area and status, with each goal's SMART findings."""
    page = goals_page(c, area or None, status)
    return render(request, "goals/tree.html",
                  {"title": "Goals", "page": page, "statuses": STATUS_CHOICES, "fixes": FIXES,
                   "form": Form({"horizon": Horizon.SHORT_TERM.value, "area": "career",
                                 "priority": "medium"}),
                   "horizons": HORIZONS, "priorities": PRIORITIES,
                   "parents": _parents(page.parents), "editing": False})


def _show_new(request: Request, c: Person, form: Form, status_code: int = 200) -> Response:
    page = goals_page(c)
    return render(request, "goals/new.html",
                  {"title": "Add a goal", "page": page, "form": form, "horizons": HORIZONS,
                   "priorities": PRIORITIES, "parents": _parents(page.parents),
                   "editing": False}, status_code=status_code)


@router.get("/goals/new")
def new_goal(request: Request, c: Person) -> Response:
    """The form to add a goal (filled in from the address: ``?parent=3&horizon=...``)."""
    given = {k: v[:200] for k, v in request.query_params.items() if k in GOAL_FIELDS}
    return _show_new(request, c, Form({"horizon": Horizon.SHORT_TERM.value, "area": "career",
                                       "priority": "medium", **given}))


@router.post("/goals/new")
def add_goal(request: Request, c: Person, fields: Posted) -> Response:
    """Add a goal, or show the form again with what is wrong."""
    form = Form(fields)
    title = form.parse("title", check_title)
    horizon = form.parse("horizon", _choice(Horizon, "horizon"))
    priority = form.parse("priority", _choice(Priority, "priority"))
    parent = form.parse("parent", _optional_id)
    deadline = form.parse("deadline", _date(c))
    baseline = form.parse("baseline", _optional_number("baseline"))
    target = form.parse("target", _optional_number("target"))
    name = form.text("metric").strip()
    if not name and (baseline is not None or target is not None):
        form.error("metric", InvalidInput("A target or baseline needs a metric.",
                                          "Name what you measure."))
    if form.ok and title is not None and horizon is not None and priority is not None:
        try:
            goal = c.goals.add(
                title, area=form.text("area") or "career", horizon=horizon,
                why=form.text("why"), parent_id=parent,
                metric=Metric(name, form.text("unit").strip(), baseline, target, baseline)
                if name else None, deadline=deadline, priority=priority)
        except CairnError as err:
            form.fail(err)
        else:
            return RedirectResponse(f"/goals/{goal.id}", status_code=303)
    return _show_new(request, c, form, status_code=422)


@router.get("/goals/timeline")
def timeline(request: Request, c: Person) -> Response:
    """Open goals and milestones by due date."""
    return render(request, "goals/timeline.html",
                  {"title": "Goals by date", "page": timeline_page(c)})


# -- one goal ------------------------------------------------------------------------------


def _show_goal(request: Request, c: Cairn, goal_id: int, forms: Mapping[str, Form] | None = None,
               status_code: int = 200) -> Response:
    page = goal_page(c, goal_id)
    forms = {"progress": Form(), "status": Form(), "task": Form({"task_estimate": "1"}),
             "milestone": Form(),
             **(forms or {})}
    return render(request, "goals/goal.html",
                  {"title": page.goal.title, "page": page, "fixes": FIXES,
                   "milestones": tuple((str(m.id), f"#{m.id} {m.title}")
                                       for m in page.goal.milestones),
                   "buttons": STATUS_BUTTONS[page.goal.status], **forms},
                  status_code=status_code)


@router.get("/goals/{goal_id}")
def goal(request: Request, c: Person, goal_id: GoalId) -> Response:
    """One goal: what ``cairn goal show`` has, its history, and its forms."""
    return _show_goal(request, c, goal_id)


@router.post("/goals/{goal_id}/progress")
def progress(request: Request, c: Person, goal_id: GoalId, fields: Posted) -> Response:
    """Set where the goal's metric stands now."""
    form = Form(fields)
    value = form.parse("value", number("value"))
    if form.ok and value is not None:
        try:
            c.goals.update(goal_id, GoalEdit(current=value), form.text("progress_reason"))
        except CairnError as err:
            form.fail(err)
        else:
            return RedirectResponse(f"/goals/{goal_id}", status_code=303)
    return _show_goal(request, c, goal_id, {"progress": form}, status_code=422)


@router.post("/goals/{goal_id}/status")
def status(request: Request, c: Person, goal_id: GoalId, fields: Posted) -> Response:
    """Mark the goal done, paused, active again or dropped, with a reason."""
    form = Form(fields)
    new = form.parse("status", _choice(GoalStatus, "status"))
    if "status" in form.errors:  # the buttons are no field to show it beside
        form.problem = form.errors.pop("status")
    if form.ok and new is not None:
        try:
            c.goals.update(goal_id, GoalEdit(status=new), form.text("status_reason"))
        except CairnError as err:
            if isinstance(err, InvalidInput) and err.field == "reason":
                form.error("status_reason", err)
            else:
                form.fail(err)
        else:
            return RedirectResponse(f"/goals/{goal_id}", status_code=303)
    return _show_goal(request, c, goal_id, {"status": form}, status_code=422)


@router.post("/goals/{goal_id}/tasks")
def add_task(request: Request, c: Person, goal_id: GoalId, fields: Posted) -> Response:
    """Add a task to the goal (or to one of its milestones)."""
    c.goals.get(goal_id)  # a goal that does not exist is a 404, not a form to correct
    form = Form(fields)
    title = form.parse("task_title", check_title)
    estimate = form.parse("task_estimate", number("estimate in hours"))
    milestone = form.parse("task_milestone", _optional_id)
    due = form.parse("task_due", _date(c))
    start = form.parse("task_start", _date(c))
    after = form.parse("task_after", _ids)
    if form.ok and title is not None and estimate is not None and after is not None:
        try:
            c.tasks.add(title, estimate, goal_id=None if milestone else goal_id,
                        milestone_id=milestone, due=due, earliest_start=start, after=after)
        except CairnError as err:
            form.fail(err)
        else:
            return RedirectResponse(f"/goals/{goal_id}#tasks-title", status_code=303)
    return _show_goal(request, c, goal_id, {"task": form}, status_code=422)


@router.post("/goals/{goal_id}/milestones")
def add_milestone(request: Request, c: Person, goal_id: GoalId, fields: Posted) -> Response:
    """Add a milestone to the goal."""
    c.goals.get(goal_id)
    form = Form(fields)
    title = form.parse("ms_title", check_title)
    due = form.parse("ms_due", _date(c))
    if form.ok and title is not None:
        try:
            c.goals.add_milestone(goal_id, title, due)
        except CairnError as err:
            form.fail(err)
        else:
            return RedirectResponse(f"/goals/{goal_id}#tasks-title", status_code=303)
    return _show_goal(request, c, goal_id, {"milestone": form}, status_code=422)


@router.post("/milestones/{milestone_id}/done")
def milestone_done(c: Person, milestone_id: TaskId) -> Response:
    """Mark a milestone reached, and go back to its goal."""
    ms = c.goals.milestone_done(milestone_id)
    return RedirectResponse(f"/goals/{ms.goal_id}#tasks-title", status_code=303)


# -- editing a goal ------------------------------------------------------------------------


def _goal_values(c: Cairn, goal_id: int) -> dict[str, str]:
    g = goal_page(c, goal_id).goal
    m = g.metric

    def num(value: float | None) -> str:
        return "" if value is None else f"{value:g}"

    return {"title": g.title, "why": g.why, "area": g.area or "", "horizon": g.horizon.value,
            "parent": str(g.parent_id or ""), "metric": m.name if m else "",
            "unit": m.unit if m else "", "baseline": num(m.baseline) if m else "",
            "target": num(m.target) if m else "", "current": num(m.current) if m else "",
            "deadline": g.deadline.isoformat() if g.deadline else "",
            "priority": g.priority.value, "reason": ""}


def _show_edit(request: Request, c: Cairn, goal_id: int, form: Form,
               status_code: int = 200) -> Response:
    page = goal_page(c, goal_id)
    return render(request, "goals/edit.html",
                  {"title": f"Edit: {page.goal.title}", "page": page, "form": form,
                   "horizons": HORIZONS, "priorities": PRIORITIES,
                   "parents": _parents(page.parents), "editing": True},
                  status_code=status_code)


@router.get("/goals/{goal_id}/edit")
def edit_form(request: Request, c: Person, goal_id: GoalId) -> Response:
    """The edit form, filled in with the goal as it is (and with what the address gives:
    a SMART finding's fix links here with the value it suggests)."""
    given = {k: v[:200] for k, v in request.query_params.items() if k in GOAL_FIELDS}
    return _show_edit(request, c, goal_id, Form({**_goal_values(c, goal_id), **given}))


@router.post("/goals/{goal_id}/edit")
def edit(request: Request, c: Person, goal_id: GoalId, fields: Posted) -> Response:
    """Change what differs from the goal as it is; each change goes into its history."""
    old = _goal_values(c, goal_id)
    form = Form(fields)

    def changed(name: str) -> bool:
        return name in fields and form.text(name).strip() != old[name]

    title = form.parse("title", check_title) if changed("title") else None
    horizon = form.parse("horizon", _choice(Horizon, "horizon")) if changed("horizon") else None
    priority = (form.parse("priority", _choice(Priority, "priority")) if changed("priority")
                else None)
    parent = form.parse("parent", _optional_id) if changed("parent") else None
    today = c.scope.today()
    deadline = (form.parse("deadline", lambda text: parse_date(text, today))
                if changed("deadline") and form.text("deadline").strip() else None)
    numbers = {name: form.parse(name, _optional_number(name)) if changed(name) else None
               for name in ("baseline", "target", "current")}
    if form.ok:
        change = GoalEdit(
            title=title, why=form.text("why") if changed("why") else None,
            area=form.text("area") if changed("area") else None, horizon=horizon,
            parent_id=parent, no_parent=changed("parent") and parent is None,
            metric=form.text("metric").strip() if changed("metric") else None,
            unit=form.text("unit").strip() if changed("unit") else None,
            baseline=numbers["baseline"], target=numbers["target"], current=numbers["current"],
            deadline=deadline, priority=priority)
        try:
            c.goals.update(goal_id, change, form.text("reason"))
        except CairnError as err:
            form.fail(err)
        else:
            return RedirectResponse(f"/goals/{goal_id}", status_code=303)
    return _show_edit(request, c, goal_id, form, status_code=422)


# -- tasks ---------------------------------------------------------------------------------


def _back(c: Cairn, task_id: int) -> RedirectResponse:
    goal_id = c.tasks.get(task_id).goal_id
    return RedirectResponse(f"/goals/{goal_id}#tasks-title" if goal_id else "/goals",
                            status_code=303)


def _task_values(c: Cairn, task_id: int) -> dict[str, str]:
    t = task_view(c, task_id)
    return {"title": t.title, "estimate": f"{t.estimate_hours:g}",
            "due": t.due.isoformat() if t.due else "",
            "start": t.earliest_start.isoformat() if t.earliest_start else "",
            "after": ", ".join(map(str, t.depends_on))}


def _show_task(request: Request, c: Cairn, task_id: int, form: Form,
               status_code: int = 200) -> Response:
    task = task_view(c, task_id)
    return render(request, "goals/task.html", {"title": f"Edit task: {task.title}",
                                                "task": task, "form": form},
                  status_code=status_code)


@router.get("/tasks/{task_id}/edit")
def task_form(request: Request, c: Person, task_id: TaskId) -> Response:
    """A task's edit form, filled in with the task as it is."""
    return _show_task(request, c, task_id, Form(_task_values(c, task_id)))


@router.post("/tasks/{task_id}/edit")
def edit_task(request: Request, c: Person, task_id: TaskId, fields: Posted) -> Response:
    """Change a task's title, estimate, dates and dependencies."""
    old = _task_values(c, task_id)
    form = Form(fields)
    title = form.parse("title", check_title)
    estimate = form.parse("estimate", number("estimate in hours"))
    due = form.parse("due", _date(c))
    start = form.parse("start", _date(c))
    after = form.parse("after", _ids)
    if form.ok and title is not None and estimate is not None and after is not None:
        before = _ids(old["after"])
        changes: dict[str, Any] = {"title": title, "estimate_hours": estimate}
        if form.text("due").strip() != old["due"]:
            changes["due"] = due
        if form.text("start").strip() != old["start"]:
            changes["earliest_start"] = start
        try:
            c.tasks.edit(task_id, add_deps=[d for d in after if d not in before],
                         remove_deps=[d for d in before if d not in after], **changes)
        except CairnError as err:
            form.fail(err)
        else:
            return _back(c, task_id)
    return _show_task(request, c, task_id, form, status_code=422)


def _task_status(status: TaskStatus) -> Callable[..., Response]:
    def change(c: Person, task_id: TaskId) -> Response:
        c.tasks.set_status(task_id, status)
        return _back(c, task_id)

    change.__doc__ = f"Mark the task {status.value}, and go back to its goal."
    return change


for _verb, _status in (("done", TaskStatus.DONE), ("drop", TaskStatus.DROPPED),
                       ("reopen", TaskStatus.OPEN)):
    router.add_api_route(f"/tasks/{{task_id}}/{_verb}", _task_status(_status),
                         methods=["POST"], name=f"task_{_verb}")
