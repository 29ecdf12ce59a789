"""Review: the guided review as a flow. Which review is due, its facts first (progress,
stale goals, overdue milestones, drift, time, check-in and burnout trends, life events),
then the decisions, each goal's as a choice, held in one transaction; past reviews
replayed.

The form makes typed decisions (:class:`~cairn.core.decisions.Decision`), the same the
command line reads from its lines, and the service checks them all before anything is
written.
"""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, Path, Request
from fastapi.responses import RedirectResponse, Response

from cairn.core.decisions import Decision
from cairn.core.errors import CairnError, InvalidInput
from cairn.core.model import Priority
from cairn.core.parse import parse_choice, parse_date
from cairn.core.rules import check_text, check_title
from cairn.core.tracking import ReviewKind
from cairn.services.app import Cairn
from cairn.services.track_pages import Choice, review_detail, review_page
from cairn.web.deps import Person
from cairn.web.forms import Form, Posted
from cairn.web.pages.today import has_profile
from cairn.web.templating import render

router = APIRouter(include_in_schema=False)

QUESTIONS = (  # as `cairn review` asks them; each answer is kept in the review's notes
    "What went well since the last review?",
    "What got in the way?",
    "Is what you spend time on still what matters most to you?",
)
GOAL_FIELD = re.compile(r"do-([0-9]{1,9})")
DO = (Choice("", "Keep as it is"), Choice("pause", "Pause it"), Choice("resume", "Resume it"),
      Choice("done", "Mark it done"), Choice("drop", "Drop it (say why)"),
      Choice("deadline", "Move its deadline"), Choice("priority", "Change its priority"))
PRIORITIES = tuple(Choice(p.value, p.value.capitalize()) for p in Priority)
KINDS = tuple(Choice(k.value, k.value.capitalize()) for k in ReviewKind)
Id = Annotated[int, Path(ge=1, le=2**31 - 1)]


def read_kind(text: str) -> ReviewKind:
    """The kind of review, as the form posts it."""
    return parse_choice(ReviewKind, text, "kind of review")


def _show(request: Request, c: Cairn, kind: ReviewKind | None, form: Form,
          status_code: int = 200) -> Response:
    page = review_page(c, kind)
    return render(request, "review.html",
                  {"title": "Review", "page": page, "form": form, "questions": QUESTIONS,
                   "do": DO, "priorities": PRIORITIES, "kinds": KINDS,
                   "areas": [Choice(a.key, a.name) for a in c.profile.areas()]},
                  status_code=status_code)


@router.get("/review")
def review(request: Request, c: Person, kind: str | None = None) -> Response:
    """The review due (or the kind asked for): its facts, then the decisions to make."""
    if not has_profile(c):
        return RedirectResponse("/onboarding", status_code=303)
    chosen = read_kind(kind) if kind else None
    return _show(request, c, chosen, Form({"kind": chosen.value} if chosen else {}))


def _goal_decision(form: Form, c: Cairn, goal_id: int) -> Decision | None:
    """The decision on one goal, read from its fields (None: keep it as it is)."""
    action = form.text(f"do-{goal_id}").strip()
    reason = form.parse(f"why-{goal_id}", lambda text: " ".join(check_text(text, "reason")
                                                                .split()))
    if not action or reason is None:
        return None
    if action not in {d.value for d in DO}:
        form.error(f"do-{goal_id}", InvalidInput(f"Cannot read the decision {action!r}.",
                                                 "Choose one of the decisions offered."))
        return None
    value = ""
    if action == "deadline":
        day = form.parse(f"deadline-{goal_id}", lambda text: parse_date(text, c.scope.today()))
        value = day.isoformat() if day else ""
    elif action == "priority":
        chosen = form.parse(f"priority-{goal_id}",
                            lambda text: parse_choice(Priority, text, "priority"))
        value = chosen.value if chosen else ""
    elif action == "drop" and not reason:
        form.error(f"why-{goal_id}", InvalidInput("Say why you drop this goal.",
                                                  "A few words; the goal's history keeps them."))
    return Decision(action, goal_id, value, reason)


def read_decisions(form: Form, c: Cairn) -> list[Decision]:
    """Every decision the form makes: each goal's, a new goal, and the notes."""
    ids = sorted(int(m[1]) for name in form.values if (m := GOAL_FIELD.fullmatch(name)))
    found = [d for goal_id in ids if (d := _goal_decision(form, c, goal_id)) is not None]
    title = form.text("add_title")
    if title.strip():
        checked = form.parse("add_title", lambda text: check_title(text, "goal's title"))
        area = form.text("add_area").strip()
        if not area:
            form.error("add_area", InvalidInput("Which life area is the new goal in?",
                                                "Choose its area."))
        elif checked:
            found.append(Decision("add", value=area, reason=checked))
    return found


def read_notes(form: Form) -> str:
    """The answers to the review's questions, as `cairn review` keeps them."""
    lines = []
    for i, question in enumerate(QUESTIONS):
        answer = form.parse(f"q{i}", lambda text: " ".join(check_text(text, "answer").split()))
        if answer:
            lines.append(f"{question} {answer}")
    return "\n".join(lines)


@router.post("/review")
def hold_review(request: Request, c: Person, fields: Posted) -> Response:
    """Hold the review: every decision checked first, then all of it in one transaction."""
    form = Form(fields)
    kind = form.parse("kind", read_kind)
    decisions = read_decisions(form, c)
    notes = read_notes(form)
    if form.ok and kind is not None:
        try:
            held = c.track.reviews.hold(kind, decisions, notes)
        except CairnError as err:
            form.fail(err)
        else:
            return RedirectResponse(f"/review/{held.review.id}?held=1", status_code=303)
    return _show(request, c, kind, form, status_code=422)


@router.get("/review/{review_id}")
def past_review(request: Request, c: Person, review_id: Id, held: bool = False) -> Response:
    """A past review replayed: the facts it saw, its decisions and the changes they made."""
    detail = review_detail(c, review_id)
    return render(request, "review_show.html",
                  {"title": f"Review #{detail.id}", "r": detail, "held": held})
