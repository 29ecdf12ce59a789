"""``/api/v1/contacts`` and ``/api/v1/followups``: the support network (as ``cairn contact
… --json``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from cairn.core.support import ContactKind
from cairn.services.support import MAX_CADENCE_WEEKS, MAX_WITHIN_DAYS
from cairn.services.support_pages import contact_detail, contact_list, followup_list
from cairn.services.support_views import (
    ContactDetail,
    ContactView,
    FeedbackView,
    FollowUpView,
    InteractionView,
)
from cairn.web.api import PREFIX, problems, respond
from cairn.web.deps import Person
from cairn.web.schema import model_of

router = APIRouter(prefix=PREFIX, tags=["network"])
Id = Annotated[int, Path(ge=1, le=2**31 - 1, description="The contact's id.")]
Text = Annotated[str, Field(max_length=10_000)]


class ContactIn(BaseModel):
    """A new contact, as `cairn contact add` takes it."""

    model_config = ConfigDict(extra="forbid")

    name: Annotated[str, Field(max_length=200)]
    kind: ContactKind = ContactKind.PEER
    helps_with: Text = ""
    reach: Text = ""
    cadence_weeks: Annotated[int, Field(ge=0, le=MAX_CADENCE_WEEKS,
                                        description="Weeks between follow-ups; 0: no "
                                                    "reminders.")] = 0


class ContactChange(BaseModel):
    """What to change in a contact, as `cairn contact edit` and `archive` take it; fields
    left out stay as they are."""

    model_config = ConfigDict(extra="forbid")

    name: Annotated[str | None, Field(max_length=200)] = None
    kind: ContactKind | None = None
    helps_with: Annotated[str | None, Field(max_length=10_000)] = None
    reach: Annotated[str | None, Field(max_length=10_000)] = None
    cadence_weeks: Annotated[int | None, Field(ge=0, le=MAX_CADENCE_WEEKS, description=(
        "Weeks between follow-ups; 0: no reminders."))] = None
    archived: bool | None = None


class FeedbackAsk(BaseModel):
    """Feedback asked of a contact on a goal, as `cairn contact ask` takes it."""

    model_config = ConfigDict(extra="forbid")

    goal_id: Annotated[int, Field(ge=1, le=2**31 - 1)]
    question: Annotated[str, Field(max_length=200)]


class FeedbackGiven(BaseModel):
    """The feedback a contact gave, as `cairn contact feedback` takes it."""

    model_config = ConfigDict(extra="forbid")

    feedback: Text


class InteractionIn(BaseModel):
    """An interaction with a contact, as `cairn contact log` takes it."""

    model_config = ConfigDict(extra="forbid")

    note: Text = ""


@router.get("/contacts", response_model=list[model_of(ContactView)],  # type: ignore[misc]
            responses=problems(422), summary="List contacts", operation_id="listContacts")
def list_contacts(c: Person, all_: Annotated[bool, Query(
        alias="all", description="Include archived contacts.")] = False) -> JSONResponse:
    """The support network: the fields of `cairn contact list --json`."""
    return respond(contact_list(c, include_archived=all_))


@router.post("/contacts", status_code=201, response_model=model_of(ContactView),
             responses=problems(400, 409, 422), summary="Add a contact",
             operation_id="addContact")
def add_contact(c: Person, contact: ContactIn) -> JSONResponse:
    """Add a mentor, coach, peer or community with an optional follow-up cadence."""
    added = c.support.add(contact.name, contact.kind, helps_with=contact.helps_with,
                          reach=contact.reach, cadence_weeks=contact.cadence_weeks or None)
    return respond(ContactView.of(added), status_code=201)


@router.get("/contacts/{contact_id}", response_model=model_of(ContactDetail),
            responses=problems(404, 422), summary="One contact", operation_id="getContact")
def get_contact(c: Person, contact_id: Id) -> JSONResponse:
    """A contact with their interactions and feedback requests: `cairn contact show
    --json`."""
    return respond(contact_detail(c, contact_id))


@router.patch("/contacts/{contact_id}", response_model=model_of(ContactView),
              responses=problems(400, 404, 422), summary="Change a contact",
              operation_id="editContact")
def edit_contact(c: Person, contact_id: Id, change: ContactChange) -> JSONResponse:
    """Change a contact's name, kind, help, reach or cadence, or archive (kept, no more
    reminders) or restore them; returns the contact as listed."""
    changes = change.model_dump(exclude_none=True)
    return respond(ContactView.of(c.support.edit(contact_id, **changes)))


@router.post("/contacts/{contact_id}/feedback-requests", status_code=201,
             response_model=model_of(FeedbackView), responses=problems(400, 404, 422),
             summary="Ask for feedback on a goal", operation_id="askFeedback")
def ask_feedback(c: Person, contact_id: Id, ask: FeedbackAsk) -> JSONResponse:
    """Record that feedback on a goal is asked of the contact (it counts as an
    interaction)."""
    return respond(FeedbackView.of(c.support.ask(contact_id, ask.goal_id, ask.question)),
                   status_code=201)


@router.post("/feedback-requests/{request_id}/feedback", response_model=model_of(FeedbackView),
             responses=problems(400, 404, 409, 422), summary="Record feedback",
             operation_id="recordFeedback")
def record_feedback(c: Person, request_id: Annotated[int, Path(
        ge=1, le=2**31 - 1, description="The feedback request's id.")],
                    given: FeedbackGiven) -> JSONResponse:
    """Record the feedback the contact gave (once per request: asking again makes a new
    one)."""
    return respond(FeedbackView.of(c.support.record_feedback(request_id, given.feedback)))


@router.post("/contacts/{contact_id}/interactions", status_code=201,
             response_model=model_of(InteractionView), responses=problems(400, 404, 422),
             summary="Log an interaction", operation_id="logInteraction")
def log_interaction(c: Person, contact_id: Id, interaction: InteractionIn) -> JSONResponse:
    """Record an interaction (a follow-up done): it restarts the contact's follow-up
    clock."""
    return respond(InteractionView.of(c.support.log(contact_id, interaction.note)),
                   status_code=201)


@router.get("/followups", response_model=list[model_of(FollowUpView)],  # type: ignore[misc]
            responses=problems(422), summary="Follow-ups due", operation_id="listFollowUps")
def list_followups(c: Person, within: Annotated[int, Query(
        ge=0, le=MAX_WITHIN_DAYS, description="Also those due in this many days.")] = 0,
                   ) -> JSONResponse:
    """Contacts due for a follow-up, most overdue first: `cairn contact due --json`."""
    return respond(followup_list(c, within))
