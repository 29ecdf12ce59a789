"""The web's Network, Library and Guide pages, each read in one transaction as a view model.

The API's contacts, follow-ups, resources, guidance and templates are the same readers'
view models (``support_views``), so a page, an endpoint and ``--json`` show one figure.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cairn.core.model import GoalStatus, LifeStage
from cairn.core.resources import ResourceKind, ResourceStatus
from cairn.core.support import last_contacts
from cairn.core.templates import PlannedGoal
from cairn.services.support import MAX_WITHIN_DAYS
from cairn.services.support_views import (
    AdviceView,
    ContactDetail,
    ContactView,
    EvidenceView,
    FeedbackView,
    FollowUpView,
    NeedView,
    ResourceView,
    TemplateView,
)

if TYPE_CHECKING:
    from cairn.services.app import Cairn

SOON_DAYS = 14  # the Network page shows follow-ups due within two weeks


@dataclass(frozen=True, slots=True)
class Choice:
    """Something a form offers to choose: its id (or key) and how it reads."""

    id: int | str
    label: str


@dataclass(frozen=True, slots=True)
class ContactLine:
    """A contact in the list, with the day of their last interaction."""

    contact: ContactView
    last_contact: dt.date | None


@dataclass(frozen=True, slots=True)
class RequestLine:
    """A feedback request with the names of its contact and goal."""

    request: FeedbackView
    contact: str
    goal: str


@dataclass(frozen=True, slots=True)
class NetworkPage:
    """Contacts, follow-ups due (within two weeks, most overdue first), and feedback asked
    for (waiting, then answered)."""

    today: dt.date
    contacts: tuple[ContactLine, ...]
    archived: int  # how many contacts are archived
    followups: tuple[FollowUpView, ...]
    waiting: tuple[RequestLine, ...]
    answered: tuple[RequestLine, ...]


@dataclass(frozen=True, slots=True)
class ContactPage:
    """One contact as ``cairn contact show --json`` has them, their next follow-up and the
    titles of the goals their feedback is about."""

    contact: ContactDetail
    next_due: dt.date | None
    goals: dict[int, str]


@dataclass(frozen=True, slots=True)
class AskChoices:
    """Whom to ask for feedback (active contacts) and on what (open goals)."""

    contacts: tuple[Choice, ...]
    goals: tuple[Choice, ...]


@dataclass(frozen=True, slots=True)
class LibraryPage:
    """The library (as ``cairn resource list --json``), what kinds of resources would help
    now (``cairn resource suggest --json``) and the skill evidence so far."""

    resources: tuple[ResourceView, ...]
    needs: tuple[NeedView, ...]
    evidence: tuple[EvidenceView, ...]
    titles: dict[int, str]  # resource id -> title, for the needs and the evidence


@dataclass(frozen=True, slots=True)
class OfferView:
    """A skill of a finished resource: its self-rating now and one step up (None, with
    why not, when it cannot be raised)."""

    skill_id: str
    name: str
    current: float | None
    proposed: float | None
    why_not: str


@dataclass(frozen=True, slots=True)
class ResourcePage:
    """One resource, the goals and areas it serves, and for a finished one its skills'
    self-ratings."""

    resource: ResourceView
    goals: tuple[Choice, ...]
    areas: tuple[str, ...]
    offers: tuple[OfferView, ...]


@dataclass(frozen=True, slots=True)
class ResourceChoices:
    """What a new resource can be linked to: open goals and life areas."""

    goals: tuple[Choice, ...]
    areas: tuple[Choice, ...]


@dataclass(frozen=True, slots=True)
class GuidePage:
    """Advice for the person's life stage and what their data shows (``cairn guide
    --json``), and the goal templates (``cairn template list --json``)."""

    life_stage: LifeStage
    advice: tuple[AdviceView, ...]
    templates: tuple[TemplateView, ...]


@dataclass(frozen=True, slots=True)
class TemplatePreview:
    """What applying a template would create, from ``start`` at ``hours_per_week``."""

    template: TemplateView
    start: dt.date
    hours_per_week: float
    pace_source: str
    goals: tuple[PlannedGoal, ...]
    occupation: str | None  # the occupation whose gaps gave the steps
    left: tuple[str, ...]  # gaps left for a later goal


# -- Network ------------------------------------------------------------------------------


def contact_list(c: Cairn, *, include_archived: bool = False) -> tuple[ContactView, ...]:
    """``cairn contact list --json``."""
    return tuple(ContactView.of(x) for x in c.support.contacts(include_archived=include_archived))


def followup_list(c: Cairn, within_days: int = 0) -> tuple[FollowUpView, ...]:
    """``cairn contact due --json``: due by today plus ``within_days``, most overdue first."""
    return tuple(FollowUpView.of(f) for f in c.support.due_followups(within_days=within_days))


def contact_detail(c: Cairn, contact_id: int) -> ContactDetail:
    """``cairn contact show --json``."""
    with c.scope.read():
        return ContactDetail.of(c.support.get(contact_id), c.support.interactions(contact_id),
                                c.support.requests(contact_id=contact_id))


def _goal_titles(c: Cairn) -> dict[int, str]:
    return {g.id: g.title for g in c.goals.find()}


def network_page(c: Cairn, *, include_archived: bool = False) -> NetworkPage:
    """The Network page."""
    with c.scope.read():
        everyone = c.support.contacts(include_archived=True)
        last = last_contacts(c.support.interactions())
        followups = followup_list(c, SOON_DAYS)
        requests = c.support.requests()
        goals = _goal_titles(c)
        today = c.scope.today()
    names = {x.id: x.name for x in everyone}
    lines = [RequestLine(FeedbackView.of(r), names[r.contact_id], goals[r.goal_id])
             for r in reversed(requests)]
    return NetworkPage(
        today, tuple(ContactLine(ContactView.of(x), last.get(x.id)) for x in everyone
                     if include_archived or not x.archived),
        sum(x.archived for x in everyone), followups,
        tuple(x for x in lines if x.request.feedback is None),
        tuple(x for x in lines if x.request.feedback is not None))


def contact_page(c: Cairn, contact_id: int) -> ContactPage:
    """One contact's page."""
    with c.scope.read():
        detail = contact_detail(c, contact_id)
        due = [f.due for f in c.support.due_followups(within_days=MAX_WITHIN_DAYS)
               if f.contact.id == contact_id]
        goals = _goal_titles(c)
    return ContactPage(detail, due[0] if due else None, goals)


def ask_choices(c: Cairn) -> AskChoices:
    """Whom to ask for feedback, and on which goal."""
    with c.scope.read():
        contacts = c.support.contacts()
        goals = c.goals.find((GoalStatus.ACTIVE, GoalStatus.PAUSED))
    return AskChoices(tuple(Choice(x.id, x.name) for x in contacts),
                      tuple(Choice(g.id, g.title) for g in goals))


# -- Library ------------------------------------------------------------------------------


def resource_list(c: Cairn, *, status: ResourceStatus | None = None,
                  kind: ResourceKind | None = None) -> tuple[ResourceView, ...]:
    """``cairn resource list --json`` (with ``--status`` and ``--kind``)."""
    with c.scope.read():
        found = c.resources.find(statuses=(status,) if status else (), kind=kind)
        names = c.resources.skill_names() if any(r.skills for r in found) else {}
    return tuple(ResourceView.of(r, names) for r in found)


def resource_view(c: Cairn, resource_id: int) -> ResourceView:
    """``cairn resource show --json``."""
    with c.scope.read():
        r = c.resources.get(resource_id)
        return ResourceView.of(r, c.resources.skill_names() if r.skills else {})


def suggestions(c: Cairn) -> tuple[NeedView, ...]:
    """``cairn resource suggest --json``."""
    return tuple(NeedView.of(n) for n in c.guide.needs())


def library_page(c: Cairn, *, status: ResourceStatus | None = None,
                 kind: ResourceKind | None = None) -> LibraryPage:
    """The Library page (its list filtered by status and kind)."""
    with c.scope.read():
        resources = resource_list(c, status=status, kind=kind)
        needs = suggestions(c)
        found = c.resources.evidence()
        names = c.resources.skill_names() if found else {}
        titles = {r.id: r.title for r in c.resources.find()}
    return LibraryPage(resources, needs, tuple(EvidenceView.of(e, names) for e in found),
                       titles)


def resource_page(c: Cairn, resource_id: int) -> ResourcePage:
    """One resource's page."""
    with c.scope.read():
        view = resource_view(c, resource_id)
        goals = _goal_titles(c)
        areas = {a.id: a.name for a in c.profile.areas(include_archived=True)}
        offers = (c.resources.rating_offers(resource_id)
                  if view.status is ResourceStatus.DONE else [])
    return ResourcePage(view, tuple(Choice(g, goals[g]) for g in view.goal_ids),
                        tuple(areas[a] for a in view.area_ids),
                        tuple(OfferView(o.skill_id, o.name, o.current, o.proposed, o.why_not)
                              for o in offers))


def resource_choices(c: Cairn) -> ResourceChoices:
    """What the new resource form offers to link to."""
    with c.scope.read():
        goals = c.goals.find((GoalStatus.ACTIVE, GoalStatus.PAUSED))
        areas = c.profile.areas()
    return ResourceChoices(tuple(Choice(g.id, g.title) for g in goals),
                           tuple(Choice(a.key, a.name) for a in areas))


# -- Guide --------------------------------------------------------------------------------


def advice_list(c: Cairn, *, everything: bool = False) -> tuple[AdviceView, ...]:
    """``cairn guide --json`` (``--all`` with ``everything``)."""
    return tuple(AdviceView.of(a) for a in c.guide.advice(everything=everything))


def template_list(c: Cairn) -> tuple[TemplateView, ...]:
    """``cairn template list --json``."""
    return tuple(TemplateView.of(t) for t in c.guide.templates())


def guide_page(c: Cairn, *, everything: bool = False) -> GuidePage:
    """The Guide page; raises ``NotReady`` before the person has a profile."""
    with c.scope.read():
        stage = c.profile.get().life_stage
        advice = advice_list(c, everything=everything)
    return GuidePage(stage, advice, template_list(c))


def template_preview(c: Cairn, name: str, start: dt.date | None = None, *,
                     hours_per_week: float | None = None, subject: str | None = None,
                     skill_gaps: Sequence[str] = ()) -> TemplatePreview:
    """What ``cairn template use`` would create with these choices (start: today)."""
    with c.scope.read():
        day = start or c.scope.today()
        plan = c.guide.plan_template(name, day, hours_per_week=hours_per_week,
                                     subject=subject, skill_gaps=skill_gaps)
    target = plan.occupation
    return TemplatePreview(TemplateView.of(plan.template), day, plan.pace.hours_per_week,
                           plan.pace.source, plan.planned,
                           None if target is None else f"{target.title} ({target.code})",
                           tuple(x for p in plan.planned for x in p.left))
