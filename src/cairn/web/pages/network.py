"""Network: contacts (add, edit, archive), follow-ups due and logged, feedback on goals;
what ``cairn contact …`` does."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import RedirectResponse, Response

from cairn.core.errors import CairnError, InvalidInput
from cairn.core.parse import parse_choice
from cairn.core.rules import check_text, check_title
from cairn.core.support import ContactKind
from cairn.services.support import check_cadence
from cairn.services.support_pages import ask_choices, contact_page, network_page
from cairn.web.deps import Person
from cairn.web.forms import Form, Posted
from cairn.web.templating import render

router = APIRouter(include_in_schema=False)
MAX_ID = 2**31 - 1
Id = Annotated[int, Path(ge=1, le=MAX_ID)]
KINDS = [(k.value, k.value.capitalize()) for k in ContactKind]


def whole(what: str, *, blank: int | None = None) -> Callable[[str], int]:
    """A parser of a whole number from 0 to 2**31 - 1 (``blank`` when left empty)."""

    def read(text: str) -> int:
        if not text.strip() and blank is not None:
            return blank
        try:
            value = int(text.strip())
        except ValueError:
            value = -1
        if not 0 <= value <= MAX_ID:
            raise InvalidInput(f"Cannot read {text!r} as a whole number.",
                               f"Give the {what} as a whole number, such as 4.")
        return value

    return read


def chosen(what: str) -> Callable[[str], int]:
    """A parser of the id a select gives (empty: nothing chosen yet)."""

    def read(text: str) -> int:
        if not text.strip():
            raise InvalidInput(f"Choose the {what}.", f"Pick the {what} from the list.")
        return whole(what)(text)

    return read


def note(text: str) -> str:
    """A free note (any length a form allows, no control characters)."""
    return check_text(text, "note").strip()


@router.get("/network")
def network(request: Request, c: Person,
            all_: Annotated[bool, Query(alias="all")] = False) -> Response:
    """Contacts, follow-ups due and feedback asked for."""
    return _network(request, c, include_archived=all_)


def _network(request: Request, c: Person, *, include_archived: bool = False,
             log: Form | None = None, log_for: int | None = None,
             status_code: int = 200) -> Response:
    return render(request, "network/index.html",
                  {"title": "Network", "page": network_page(c, include_archived=include_archived),
                   "all": include_archived, "log": log or Form(), "log_for": log_for},
                  status_code=status_code)


def _contact_form(request: Request, form: Form, contact_id: int | None = None, *,
                  status_code: int = 200) -> Response:
    title = "Add a contact" if contact_id is None else "Edit the contact"
    return render(request, "network/contact_form.html",
                  {"title": title, "form": form, "kinds": KINDS, "contact_id": contact_id},
                  status_code=status_code)


def _read_contact(form: Form) -> dict[str, Any] | None:
    """The contact's fields as the service takes them, or None (errors on the form)."""
    values = {"name": form.parse("name", lambda t: check_title(t, "name")),
              "kind": form.parse("kind", lambda t: parse_choice(ContactKind, t, "contact kind")),
              "helps_with": form.parse("helps_with", note),
              "reach": form.parse("reach", note),
              "cadence_weeks": form.parse("every", lambda t: check_cadence(
                  whole("weeks between follow-ups", blank=0)(t)))}
    return values if form.ok else None


@router.get("/network/contacts/new")
def new_contact(request: Request,
                name: Annotated[str, Query(max_length=200)] = "",
                kind: Annotated[str, Query(max_length=20)] = "peer",
                every: Annotated[str, Query(max_length=5)] = "") -> Response:
    """The form to add a contact (filled in from the address, as advice links to it)."""
    return _contact_form(request, Form({"name": name, "kind": kind, "every": every}))


@router.post("/network/contacts")
def add_contact(request: Request, c: Person, fields: Posted) -> Response:
    """Add a contact; on to their page."""
    form = Form(fields)
    values = _read_contact(form)
    if values is not None:
        try:
            added = c.support.add(values.pop("name"), values.pop("kind"), **values)
        except InvalidInput as err:
            form.fail(err)
        else:
            return RedirectResponse(f"/network/contacts/{added.id}", status_code=303)
    return _contact_form(request, form, status_code=422)


def _contact_page(request: Request, c: Person, contact_id: int, *, log: Form | None = None,
                  answer: Form | None = None, status_code: int = 200) -> Response:
    page = contact_page(c, contact_id)
    return render(request, "network/contact.html",
                  {"title": page.contact.name, "page": page, "log": log or Form(),
                   "answer": answer or Form()}, status_code=status_code)


@router.get("/network/contacts/{contact_id}")
def contact(request: Request, c: Person, contact_id: Id,
            note: Annotated[str, Query(max_length=10_000)] = "") -> Response:
    """One contact: what happened with them, and forms to log, ask and edit."""
    return _contact_page(request, c, contact_id, log=Form({"note": note}))


@router.get("/network/contacts/{contact_id}/edit")
def edit_contact_form(request: Request, c: Person, contact_id: Id) -> Response:
    """The contact's form, filled in."""
    x = c.support.get(contact_id)
    return _contact_form(request, Form({
        "name": x.name, "kind": x.kind.value, "helps_with": x.helps_with, "reach": x.reach,
        "every": str(x.cadence_weeks or "")}), contact_id)


@router.post("/network/contacts/{contact_id}/edit")
def edit_contact(request: Request, c: Person, contact_id: Id, fields: Posted) -> Response:
    """Change a contact; back to their page."""
    c.support.get(contact_id)
    form = Form(fields)
    values = _read_contact(form)
    if values is not None:
        try:
            c.support.edit(contact_id, **values)
        except InvalidInput as err:
            form.fail(err)
        else:
            return RedirectResponse(f"/network/contacts/{contact_id}", status_code=303)
    return _contact_form(request, form, contact_id, status_code=422)


@router.post("/network/contacts/{contact_id}/log")
def log(request: Request, c: Person, contact_id: Id, fields: Posted) -> Response:
    """Log an interaction (a follow-up done): it restarts the follow-up clock."""
    c.support.get(contact_id)
    form = Form(fields)
    text = form.parse("note", note)
    from_network = form.text("back") == "network"
    if text is not None:
        c.support.log(contact_id, text)
        back = "/network" if from_network else f"/network/contacts/{contact_id}"
        return RedirectResponse(back, status_code=303)
    if from_network:
        return _network(request, c, log=form, log_for=contact_id, status_code=422)
    return _contact_page(request, c, contact_id, log=form, status_code=422)


@router.post("/network/contacts/{contact_id}/archive")
def archive(c: Person, contact_id: Id, fields: Posted) -> Response:
    """Archive a contact (kept, no more reminders), or restore them."""
    restore = fields.get("restore") == "1"
    c.support.edit(contact_id, archived=not restore)
    return RedirectResponse(f"/network/contacts/{contact_id}" if restore else "/network",
                            status_code=303)


def _ask_form(request: Request, c: Person, form: Form, *, status_code: int = 200) -> Response:
    return render(request, "network/ask.html",
                  {"title": "Ask for feedback", "form": form, "page_choices": ask_choices(c)},
                  status_code=status_code)


@router.get("/network/ask")
def ask_form(request: Request, c: Person,
             contact_id: Annotated[str, Query(max_length=12)] = "",
             goal_id: Annotated[str, Query(max_length=12)] = "",
             question: Annotated[str, Query(max_length=10_000)] = "") -> Response:
    """The form to ask a contact for feedback on a goal."""
    return _ask_form(request, c, Form({"contact_id": contact_id, "goal_id": goal_id,
                                       "question": question}))


@router.post("/network/ask")
def ask(request: Request, c: Person, fields: Posted) -> Response:
    """Record that feedback on a goal is asked of a contact; on to the contact's page."""
    form = Form(fields)
    contact_id = form.parse("contact_id", chosen("contact"))
    goal_id = form.parse("goal_id", chosen("goal"))
    question = form.parse("question", lambda t: check_title(t, "question"))
    if form.ok and contact_id is not None and goal_id is not None and question is not None:
        try:
            c.support.ask(contact_id, goal_id, question)
        except CairnError as err:  # a contact or goal gone since the form was shown
            form.fail(err)
        else:
            return RedirectResponse(f"/network/contacts/{contact_id}", status_code=303)
    return _ask_form(request, c, form, status_code=422)


@router.post("/network/requests/{request_id}/feedback")
def record_feedback(request: Request, c: Person, request_id: Id, fields: Posted) -> Response:
    """Record the feedback a contact gave; back to the contact's page."""
    asked = c.support.request(request_id)
    form = Form(fields)
    name = f"feedback_{request_id}"
    text = form.parse(name, lambda t: check_text(t, "feedback"))
    if text is not None:
        try:
            c.support.record_feedback(request_id, text)
        except InvalidInput as err:
            form.error(name, err)
        else:
            return RedirectResponse(f"/network/contacts/{asked.contact_id}", status_code=303)
    return _contact_page(request, c, asked.contact_id, answer=form, status_code=422)
