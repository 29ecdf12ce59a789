"""Stable JSON shapes of contacts, feedback, resources, needs, advice and templates.

These field names are a promise to scripts: add fields, never rename or remove them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from cairn.commands import command_line
from cairn.core.guidance import Advice
from cairn.core.needs import Need
from cairn.core.resources import Resource, SkillEvidence
from cairn.core.support import Contact, FeedbackRequest, FollowUp, Interaction
from cairn.core.templates import GoalTemplate


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def contact(c: Contact) -> dict[str, Any]:
    """id, name, kind, helps_with, reach, cadence_weeks, created_at, archived."""
    return {"id": c.id, "name": c.name, "kind": c.kind.value, "helps_with": c.helps_with,
            "reach": c.reach, "cadence_weeks": c.cadence_weeks,
            "created_at": _iso(c.created_at), "archived": c.archived}


def interaction(i: Interaction) -> dict[str, Any]:
    """id, contact_id, at, note."""
    return {"id": i.id, "contact_id": i.contact_id, "at": _iso(i.at), "note": i.note}


def followup(f: FollowUp) -> dict[str, Any]:
    """contact (as above), last_contact, due, days_overdue."""
    return {"contact": contact(f.contact), "last_contact": _iso(f.last_contact),
            "due": _iso(f.due), "days_overdue": f.days_overdue}


def feedback(r: FeedbackRequest) -> dict[str, Any]:
    """id, contact_id, goal_id, question, asked_at, feedback, answered_at."""
    return {"id": r.id, "contact_id": r.contact_id, "goal_id": r.goal_id,
            "question": r.question, "asked_at": _iso(r.asked_at), "feedback": r.feedback,
            "answered_at": _iso(r.answered_at)}


def resource(r: Resource, names: Mapping[str, str] | None = None) -> dict[str, Any]:
    """id, title, kind, status, url, note, skills, skill_names (each skill's name in the
    catalog, null when unknown), goal_ids, area_ids, created_at, started_at, done_at."""
    known = names or {}
    return {"id": r.id, "title": r.title, "kind": r.kind.value, "status": r.status.value,
            "url": r.url, "note": r.note, "skills": list(r.skills),
            "skill_names": [known.get(x) for x in r.skills],
            "goal_ids": list(r.goal_ids), "area_ids": list(r.area_ids),
            "created_at": _iso(r.created_at), "started_at": _iso(r.started_at),
            "done_at": _iso(r.done_at)}


def evidence(e: SkillEvidence, names: Mapping[str, str] | None = None) -> dict[str, Any]:
    """id, skill_id, skill_name (null when unknown), resource_id, on."""
    return {"id": e.id, "skill_id": e.skill_id, "skill_name": (names or {}).get(e.skill_id),
            "resource_id": e.resource_id, "on": _iso(e.on)}


def need(n: Need) -> dict[str, Any]:
    """key, title, reason, helps, kinds, action (the command that does it), next (the
    action as data: verb, params), fits (resource ids)."""
    return {"key": n.rule.key, "title": n.rule.title, "reason": n.reason,
            "helps": n.rule.helps, "kinds": [k.value for k in n.rule.kinds],
            "action": command_line(n.rule.action), "next": n.rule.action.as_json(),
            "fits": [r.id for r in n.fits]}


def advice(a: Advice) -> dict[str, Any]:
    """id, kind, title, advice, evidence, goal_id, command, command_help."""
    return {"id": a.rule.id, "kind": a.rule.kind, "title": a.rule.title,
            "advice": a.rule.advice, "evidence": a.evidence.reason,
            "goal_id": a.evidence.goal_id, "command": a.command,
            "command_help": a.rule.action_help}


def template(t: GoalTemplate) -> dict[str, Any]:
    """name, title, description, subject_label, default_subject, hours_per_week, goals."""
    return {"name": t.name, "title": t.title, "description": t.description,
            "subject_label": t.subject_label, "default_subject": t.default_subject,
            "hours_per_week": t.hours_per_week,
            "goals": [g.title for g in ([t.root] if t.root else []) + list(t.goals)]}
