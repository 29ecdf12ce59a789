"""Stable JSON shapes of contacts, feedback, resources, needs, advice and templates.

These field names are a promise to scripts: add fields, never rename or remove them. Each
shape is a view model (a frozen dataclass, written by ``viewmodel.to_json``) that the web's
API returns; the dict builders below are the same JSON for the command line's ``--json``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypedDict, cast

from cairn.commands import command_line
from cairn.core.actions import Action
from cairn.core.guidance import Advice
from cairn.core.needs import Need
from cairn.core.resources import Resource, ResourceKind, ResourceStatus, SkillEvidence
from cairn.core.support import Contact, ContactKind, FeedbackRequest, FollowUp, Interaction
from cairn.core.templates import GoalTemplate
from cairn.services.viewmodel import object_json

if TYPE_CHECKING:
    from cairn.services.viewmodel import ActionJson


@dataclass(frozen=True, slots=True)
class ContactView:
    """id, name, kind, helps_with, reach, cadence_weeks, created_at, archived."""

    id: int
    name: str
    kind: ContactKind
    helps_with: str
    reach: str
    cadence_weeks: int | None
    created_at: dt.datetime | None
    archived: bool

    @classmethod
    def of(cls, c: Contact) -> ContactView:
        """The contact as listed."""
        return cls(c.id, c.name, c.kind, c.helps_with, c.reach, c.cadence_weeks,
                   c.created_at, c.archived)


@dataclass(frozen=True, slots=True)
class InteractionView:
    """id, contact_id, at, note."""

    id: int
    contact_id: int
    at: dt.datetime
    note: str

    @classmethod
    def of(cls, i: Interaction) -> InteractionView:
        """The interaction."""
        return cls(i.id, i.contact_id, i.at, i.note)


@dataclass(frozen=True, slots=True)
class FeedbackView:
    """id, contact_id, goal_id, question, asked_at, feedback, answered_at."""

    id: int
    contact_id: int
    goal_id: int
    question: str
    asked_at: dt.datetime
    feedback: str | None
    answered_at: dt.datetime | None

    @classmethod
    def of(cls, r: FeedbackRequest) -> FeedbackView:
        """The feedback request, with the answer once it came."""
        return cls(r.id, r.contact_id, r.goal_id, r.question, r.asked_at, r.feedback,
                   r.answered_at)


@dataclass(frozen=True, slots=True)
class ContactDetail:
    """``cairn contact show --json``: the contact's fields, its interactions (oldest
    first) and its feedback requests."""

    id: int
    name: str
    kind: ContactKind
    helps_with: str
    reach: str
    cadence_weeks: int | None
    created_at: dt.datetime | None
    archived: bool
    interactions: tuple[InteractionView, ...]
    feedback_requests: tuple[FeedbackView, ...]

    @classmethod
    def of(cls, c: Contact, interactions: tuple[Interaction, ...] | list[Interaction],
           requests: tuple[FeedbackRequest, ...] | list[FeedbackRequest]) -> ContactDetail:
        """The contact with what happened with them."""
        return cls(c.id, c.name, c.kind, c.helps_with, c.reach, c.cadence_weeks,
                   c.created_at, c.archived, tuple(InteractionView.of(i) for i in interactions),
                   tuple(FeedbackView.of(r) for r in requests))


@dataclass(frozen=True, slots=True)
class FollowUpView:
    """contact (as listed), last_contact, due, days_overdue (negative: due in that many
    days)."""

    contact: ContactView
    last_contact: dt.date | None
    due: dt.date
    days_overdue: int

    @classmethod
    def of(cls, f: FollowUp) -> FollowUpView:
        """The follow-up."""
        return cls(ContactView.of(f.contact), f.last_contact, f.due, f.days_overdue)


@dataclass(frozen=True, slots=True)
class ResourceView:
    """id, title, kind, status, url, note, skills, skill_names (each skill's name in the
    catalog, null when unknown), goal_ids, area_ids, created_at, started_at, done_at."""

    id: int
    title: str
    kind: ResourceKind
    status: ResourceStatus
    url: str
    note: str
    skills: tuple[str, ...]
    skill_names: tuple[str | None, ...]
    goal_ids: tuple[int, ...]
    area_ids: tuple[int, ...]
    created_at: dt.datetime | None
    started_at: dt.datetime | None
    done_at: dt.datetime | None

    @classmethod
    def of(cls, r: Resource, names: Mapping[str, str] | None = None) -> ResourceView:
        """The resource, its skills named from the catalog where it knows them."""
        known = names or {}
        return cls(r.id, r.title, r.kind, r.status, r.url, r.note, r.skills,
                   tuple(known.get(x) for x in r.skills), r.goal_ids, r.area_ids,
                   r.created_at, r.started_at, r.done_at)


@dataclass(frozen=True, slots=True)
class EvidenceView:
    """id, skill_id, skill_name (null when unknown), resource_id, on."""

    id: int
    skill_id: str
    skill_name: str | None
    resource_id: int
    on: dt.date

    @classmethod
    def of(cls, e: SkillEvidence, names: Mapping[str, str] | None = None) -> EvidenceView:
        """The evidence, its skill named where the catalog knows it."""
        return cls(e.id, e.skill_id, (names or {}).get(e.skill_id), e.resource_id, e.on)


@dataclass(frozen=True, slots=True)
class NeedView:
    """key, title, reason, helps, kinds, action (the command that does it), next (the
    action as data: verb, params), fits (resource ids)."""

    key: str
    title: str
    reason: str
    helps: str
    kinds: tuple[ResourceKind, ...]
    action: str
    next: Action
    fits: tuple[int, ...]

    @classmethod
    def of(cls, n: Need) -> NeedView:
        """The need, with the ids of the library's items that fit it."""
        return cls(n.rule.key, n.rule.title, n.reason, n.rule.helps, n.rule.kinds,
                   command_line(n.rule.action), n.rule.action, tuple(r.id for r in n.fits))


@dataclass(frozen=True, slots=True)
class AdviceView:
    """id, kind, title, advice, evidence, goal_id, command, command_help, action (the
    command as data: ``{verb, params}``)."""

    id: str
    kind: str
    title: str
    advice: str
    evidence: str
    goal_id: int | None
    command: str
    command_help: str
    action: Action

    @classmethod
    def of(cls, a: Advice) -> AdviceView:
        """The advice with why it applies now and what carries it out."""
        return cls(a.rule.id, a.rule.kind, a.rule.title, a.rule.advice, a.evidence.reason,
                   a.evidence.goal_id, a.command, a.rule.action_help, a.action)


@dataclass(frozen=True, slots=True)
class TemplateView:
    """name, title, description, subject_label, default_subject, hours_per_week, goals
    (their titles, the long-term one first)."""

    name: str
    title: str
    description: str
    subject_label: str
    default_subject: str
    hours_per_week: float
    goals: tuple[str, ...]

    @classmethod
    def of(cls, t: GoalTemplate) -> TemplateView:
        """The template as listed."""
        return cls(t.name, t.title, t.description, t.subject_label, t.default_subject,
                   t.hours_per_week,
                   tuple(g.title for g in ([t.root] if t.root else []) + list(t.goals)))


# -- the same shapes as dicts, for the command line's --json ----------------------------
# Each TypedDict is its view model as ``viewmodel.to_json`` writes it (enums as values,
# dates as ISO text, tuples as lists, actions as ActionJson); tests/test_service_types.py
# checks that their keys are the view models' fields, in order.


class ContactJson(TypedDict):
    """:class:`ContactView` as JSON."""

    id: int
    name: str
    kind: str
    helps_with: str
    reach: str
    cadence_weeks: int | None
    created_at: str | None
    archived: bool


class InteractionJson(TypedDict):
    """:class:`InteractionView` as JSON."""

    id: int
    contact_id: int
    at: str
    note: str


class FollowUpJson(TypedDict):
    """:class:`FollowUpView` as JSON."""

    contact: ContactJson
    last_contact: str | None
    due: str
    days_overdue: int


class FeedbackJson(TypedDict):
    """:class:`FeedbackView` as JSON."""

    id: int
    contact_id: int
    goal_id: int
    question: str
    asked_at: str
    feedback: str | None
    answered_at: str | None


class ResourceJson(TypedDict):
    """:class:`ResourceView` as JSON."""

    id: int
    title: str
    kind: str
    status: str
    url: str
    note: str
    skills: list[str]
    skill_names: list[str | None]
    goal_ids: list[int]
    area_ids: list[int]
    created_at: str | None
    started_at: str | None
    done_at: str | None


class EvidenceJson(TypedDict):
    """:class:`EvidenceView` as JSON."""

    id: int
    skill_id: str
    skill_name: str | None
    resource_id: int
    on: str


class NeedJson(TypedDict):
    """:class:`NeedView` as JSON."""

    key: str
    title: str
    reason: str
    helps: str
    kinds: list[str]
    action: str
    next: ActionJson
    fits: list[int]


class AdviceJson(TypedDict):
    """:class:`AdviceView` as JSON."""

    id: str
    kind: str
    title: str
    advice: str
    evidence: str
    goal_id: int | None
    command: str
    command_help: str
    action: ActionJson


class TemplateJson(TypedDict):
    """:class:`TemplateView` as JSON."""

    name: str
    title: str
    description: str
    subject_label: str
    default_subject: str
    hours_per_week: float
    goals: list[str]


def contact(c: Contact) -> ContactJson:
    """:class:`ContactView` as JSON."""
    return cast("ContactJson", object_json(ContactView.of(c)))


def interaction(i: Interaction) -> InteractionJson:
    """:class:`InteractionView` as JSON."""
    return cast("InteractionJson", object_json(InteractionView.of(i)))


def followup(f: FollowUp) -> FollowUpJson:
    """:class:`FollowUpView` as JSON."""
    return cast("FollowUpJson", object_json(FollowUpView.of(f)))


def feedback(r: FeedbackRequest) -> FeedbackJson:
    """:class:`FeedbackView` as JSON."""
    return cast("FeedbackJson", object_json(FeedbackView.of(r)))


def resource(r: Resource, names: Mapping[str, str] | None = None) -> ResourceJson:
    """:class:`ResourceView` as JSON."""
    return cast("ResourceJson", object_json(ResourceView.of(r, names)))


def evidence(e: SkillEvidence, names: Mapping[str, str] | None = None) -> EvidenceJson:
    """:class:`EvidenceView` as JSON."""
    return cast("EvidenceJson", object_json(EvidenceView.of(e, names)))


def need(n: Need) -> NeedJson:
    """:class:`NeedView` as JSON."""
    return cast("NeedJson", object_json(NeedView.of(n)))


def advice(a: Advice) -> AdviceJson:
    """:class:`AdviceView` as JSON."""
    return cast("AdviceJson", object_json(AdviceView.of(a)))


def template(t: GoalTemplate) -> TemplateJson:
    """:class:`TemplateView` as JSON."""
    return cast("TemplateJson", object_json(TemplateView.of(t)))
