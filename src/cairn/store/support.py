"""Queries and writes for contacts, interactions, feedback requests, resources and evidence."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from cairn.core.model import GoalChange
from cairn.core.resources import Resource, ResourceKind, ResourceStatus, SkillEvidence
from cairn.core.support import Contact, ContactKind, FeedbackRequest, Interaction
from cairn.store import records
from cairn.store.people import person_of
from cairn.store.support_tables import (
    ContactInteractionRow,
    ContactRow,
    FeedbackRequestRow,
    ResourceAreaRow,
    ResourceGoalRow,
    ResourceRow,
    ResourceSkillRow,
    SkillEvidenceRow,
)
from cairn.store.tables import GoalChangeRow

# -- goal history, as guidance reads it ---------------------------------------------


def deadline_changes(s: Session) -> list[GoalChange]:
    """Every recorded deadline change of every goal, oldest first, in one query."""
    q = select(GoalChangeRow).where(GoalChangeRow.person_id == person_of(s),
                                    GoalChangeRow.field == "deadline").order_by(GoalChangeRow.id)
    return [records.change(r) for r in s.scalars(q)]


# -- contacts -------------------------------------------------------------------


def _contact(row: ContactRow) -> Contact:
    return Contact(row.id, row.name, ContactKind(row.kind), row.helps_with, row.reach,
                   row.cadence_weeks, row.created_at, row.archived)


def add_contact(s: Session, c: Contact, at: dt.datetime) -> Contact:
    """Insert a contact."""
    row = ContactRow(name=c.name, kind=c.kind.value, helps_with=c.helps_with, reach=c.reach,
                     cadence_weeks=c.cadence_weeks, created_at=at, archived=False)
    s.add(row)
    s.flush()
    return _contact(row)


def get_contact(s: Session, contact_id: int) -> Contact | None:
    """One contact by id."""
    row = s.get(ContactRow, (person_of(s), contact_id))
    return _contact(row) if row else None


def list_contacts(s: Session) -> list[Contact]:
    """Every contact in id order."""
    q = select(ContactRow).where(ContactRow.person_id == person_of(s)).order_by(ContactRow.id)
    return [_contact(r) for r in s.scalars(q)]


def update_contact(s: Session, c: Contact) -> None:
    """Write a contact's editable fields over its row."""
    row = s.get(ContactRow, (person_of(s), c.id))
    assert row is not None
    row.name, row.kind, row.helps_with, row.reach = c.name, c.kind.value, c.helps_with, c.reach
    row.cadence_weeks, row.archived = c.cadence_weeks, c.archived
    s.flush()


def add_interaction(s: Session, contact_id: int, at: dt.datetime, note: str) -> Interaction:
    """Record an interaction with a contact."""
    row = ContactInteractionRow(contact_id=contact_id, at=at, note=note)
    s.add(row)
    s.flush()
    return Interaction(row.id, row.contact_id, row.at, row.note)


def list_interactions(s: Session, contact_id: int | None = None) -> list[Interaction]:
    """Interactions, oldest first, of one contact or all."""
    q = select(ContactInteractionRow).where(
        ContactInteractionRow.person_id == person_of(s)).order_by(
        ContactInteractionRow.at, ContactInteractionRow.id)
    if contact_id is not None:
        q = q.where(ContactInteractionRow.contact_id == contact_id)
    return [Interaction(r.id, r.contact_id, r.at, r.note) for r in s.scalars(q)]


# -- feedback -------------------------------------------------------------------


def _request(row: FeedbackRequestRow) -> FeedbackRequest:
    return FeedbackRequest(row.id, row.contact_id, row.goal_id, row.question, row.asked_at,
                           row.feedback, row.answered_at)


def add_request(s: Session, contact_id: int, goal_id: int, question: str,
                at: dt.datetime) -> FeedbackRequest:
    """Record that feedback on a goal was asked of a contact."""
    row = FeedbackRequestRow(contact_id=contact_id, goal_id=goal_id, question=question,
                             asked_at=at)
    s.add(row)
    s.flush()
    return _request(row)


def get_request(s: Session, request_id: int) -> FeedbackRequest | None:
    """One feedback request by id."""
    row = s.get(FeedbackRequestRow, (person_of(s), request_id))
    return _request(row) if row else None


def answer_request(s: Session, request_id: int, feedback: str, at: dt.datetime) -> None:
    """Store the feedback given for a request."""
    row = s.get(FeedbackRequestRow, (person_of(s), request_id))
    assert row is not None
    row.feedback, row.answered_at = feedback, at
    s.flush()


def list_requests(s: Session, *, goal_id: int | None = None,
                  contact_id: int | None = None) -> list[FeedbackRequest]:
    """Feedback requests in id order, of one goal and/or contact, or all."""
    q = select(FeedbackRequestRow).where(FeedbackRequestRow.person_id == person_of(s)).order_by(
        FeedbackRequestRow.id)
    if goal_id is not None:
        q = q.where(FeedbackRequestRow.goal_id == goal_id)
    if contact_id is not None:
        q = q.where(FeedbackRequestRow.contact_id == contact_id)
    return [_request(r) for r in s.scalars(q)]


# -- resources ------------------------------------------------------------------


def _links(s: Session, ids: Sequence[int] | None = None
           ) -> tuple[dict[int, list[str]], dict[int, list[int]], dict[int, list[int]]]:
    skills: dict[int, list[str]] = {}
    goals: dict[int, list[int]] = {}
    areas: dict[int, list[int]] = {}
    me = person_of(s)
    sq = select(ResourceSkillRow.resource_id, ResourceSkillRow.skill_id).where(
        ResourceSkillRow.person_id == me).order_by(ResourceSkillRow.id)
    gq = select(ResourceGoalRow.resource_id, ResourceGoalRow.goal_id).where(
        ResourceGoalRow.person_id == me).order_by(ResourceGoalRow.id)
    aq = select(ResourceAreaRow.resource_id, ResourceAreaRow.area_id).where(
        ResourceAreaRow.person_id == me).order_by(ResourceAreaRow.id)
    if ids is not None:
        sq = sq.where(ResourceSkillRow.resource_id.in_(ids))
        gq = gq.where(ResourceGoalRow.resource_id.in_(ids))
        aq = aq.where(ResourceAreaRow.resource_id.in_(ids))
    for rid, skill in s.execute(sq):
        skills.setdefault(rid, []).append(skill)
    for rid, goal in s.execute(gq):
        goals.setdefault(rid, []).append(goal)
    for rid, area in s.execute(aq):
        areas.setdefault(rid, []).append(area)
    return skills, goals, areas


def _resource(row: ResourceRow, skills: Sequence[str], goals: Sequence[int],
              areas: Sequence[int]) -> Resource:
    return Resource(row.id, row.title, ResourceKind(row.kind), ResourceStatus(row.status),
                    row.url, row.note, tuple(skills), tuple(goals), tuple(areas),
                    row.created_at, row.started_at, row.done_at)


def add_resource(s: Session, r: Resource, at: dt.datetime) -> Resource:
    """Insert a resource with its links to skills, goals and areas."""
    row = ResourceRow(title=r.title, kind=r.kind.value, status=r.status.value, url=r.url,
                      note=r.note, created_at=at)
    s.add(row)
    s.flush()
    _write_links(s, row.id, r)
    return _resource(row, r.skills, r.goal_ids, r.area_ids)


def _write_links(s: Session, resource_id: int, r: Resource) -> None:
    for table in (ResourceSkillRow, ResourceGoalRow, ResourceAreaRow):
        s.execute(delete(table).where(table.person_id == person_of(s),
                                      table.resource_id == resource_id))
    s.add_all(ResourceSkillRow(resource_id=resource_id, skill_id=k) for k in r.skills)
    s.add_all(ResourceGoalRow(resource_id=resource_id, goal_id=g) for g in r.goal_ids)
    s.add_all(ResourceAreaRow(resource_id=resource_id, area_id=a) for a in r.area_ids)
    s.flush()


def get_resource(s: Session, resource_id: int) -> Resource | None:
    """One resource by id, with its links."""
    row = s.get(ResourceRow, (person_of(s), resource_id))
    if row is None:
        return None
    skills, goals, areas = _links(s, [resource_id])
    return _resource(row, skills.get(row.id, []), goals.get(row.id, []), areas.get(row.id, []))


def list_resources(s: Session) -> list[Resource]:
    """Every resource in id order, with its links."""
    skills, goals, areas = _links(s)
    return [_resource(r, skills.get(r.id, []), goals.get(r.id, []), areas.get(r.id, []))
            for r in s.scalars(select(ResourceRow).where(ResourceRow.person_id == person_of(s))
                               .order_by(ResourceRow.id))]


def replace_resource(s: Session, r: Resource) -> None:
    """Write every field and link of ``r`` over the stored resource."""
    row = s.get(ResourceRow, (person_of(s), r.id))
    assert row is not None
    row.title, row.kind, row.status, row.url, row.note = (
        r.title, r.kind.value, r.status.value, r.url, r.note)
    row.started_at, row.done_at = r.started_at, r.done_at
    _write_links(s, r.id, r)


def add_evidence(s: Session, skill_id: str, resource_id: int, on: dt.date) -> SkillEvidence:
    """Record a finished resource as evidence for a skill."""
    row = SkillEvidenceRow(skill_id=skill_id, resource_id=resource_id, recorded_on=on)
    s.add(row)
    s.flush()
    return SkillEvidence(row.id, row.skill_id, row.resource_id, row.recorded_on)


def list_evidence(s: Session, skill_id: str | None = None) -> list[SkillEvidence]:
    """Skill evidence in id order, of one skill or all."""
    q = select(SkillEvidenceRow).where(SkillEvidenceRow.person_id == person_of(s)).order_by(
        SkillEvidenceRow.id)
    if skill_id is not None:
        q = q.where(SkillEvidenceRow.skill_id == skill_id)
    return [SkillEvidence(r.id, r.skill_id, r.resource_id, r.recorded_on) for r in s.scalars(q)]
