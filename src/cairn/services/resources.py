"""The personal library: adding resources, moving them along, and skill evidence."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from cairn.core.errors import InvalidInput, NotFound
from cairn.core.resources import Resource, ResourceKind, ResourceStatus, SkillEvidence
from cairn.core.rules import check_title
from cairn.services.dates import now, today
from cairn.services.goals import GoalService
from cairn.store import support as store
from cairn.store.db import Database

# O*NET content-model element ids: "2.A.1.a", "2.B.3.e", "1.A.1.b.2".
SKILL_ID = re.compile(r"^[0-9](\.[A-Za-z0-9]+)+$")


def check_skill_ids(skills: Sequence[str]) -> tuple[str, ...]:
    """O*NET element ids, deduplicated; every malformed one is reported at once."""
    cleaned = [s.strip() for s in skills]
    bad = [s for s in cleaned if not SKILL_ID.match(s)]
    if bad:
        raise InvalidInput(f"Not O*NET element ids: {', '.join(bad)}.",
                           "Give ids such as 2.A.1.a (Reading Comprehension).")
    return tuple(dict.fromkeys(cleaned))


class ResourceService:
    """Use cases for the personal library."""

    def __init__(self, db: Database, goals: GoalService) -> None:
        self.db = db
        self.goals = goals

    def get(self, resource_id: int) -> Resource:
        """One resource, or :class:`NotFound`."""
        with self.db.read() as s:
            found = store.get_resource(s, resource_id)
        if found is None:
            raise NotFound(f"There is no resource #{resource_id}.",
                           "See the ids with `cairn resource list`.")
        return found

    def find(self, *, statuses: Sequence[ResourceStatus] = (),
             kind: ResourceKind | None = None, skill: str | None = None,
             goal_id: int | None = None) -> list[Resource]:
        """Resources filtered by status, kind, skill and goal."""
        with self.db.read() as s:
            found = store.list_resources(s)
        return [r for r in found
                if (not statuses or r.status in statuses)
                and (kind is None or r.kind is kind)
                and (skill is None or skill in r.skills)
                and (goal_id is None or goal_id in r.goal_ids)]

    def add(self, title: str, kind: ResourceKind, *, url: str = "", note: str = "",
            skills: Sequence[str] = (), goal_ids: Sequence[int] = (),
            areas: Sequence[str] = ()) -> Resource:
        """Add a resource linked to skills, goals and life areas."""
        self.goals.profile.get()
        for goal_id in goal_ids:
            self.goals.get(goal_id)
        area_ids = tuple(dict.fromkeys(self.goals.profile.resolve_area(a).id for a in areas))
        resource = Resource(0, check_title(title), kind, url=url.strip(), note=note.strip(),
                            skills=check_skill_ids(skills),
                            goal_ids=tuple(dict.fromkeys(goal_ids)), area_ids=area_ids)
        with self.db.write() as s:
            return store.add_resource(s, resource, now())

    def start(self, resource_id: int) -> Resource:
        """Mark a resource in progress."""
        old = self.get(resource_id)
        new = dataclasses.replace(old, status=ResourceStatus.IN_PROGRESS,
                                  started_at=old.started_at or now(), done_at=None)
        with self.db.write() as s:
            store.replace_resource(s, new)
        return new

    def done(self, resource_id: int) -> tuple[Resource, list[SkillEvidence]]:
        """Mark a resource done; each linked skill gets an evidence row (once per resource)."""
        old = self.get(resource_id)
        if old.status is ResourceStatus.DONE:
            return old, []
        at = now()
        new = dataclasses.replace(old, status=ResourceStatus.DONE,
                                  started_at=old.started_at or at, done_at=at)
        with self.db.write() as s:
            store.replace_resource(s, new)
            known = {e.skill_id for e in store.list_evidence(s) if e.resource_id == old.id}
            evidence = [store.add_evidence(s, skill, old.id, today())
                        for skill in old.skills if skill not in known]
        return new, evidence

    def evidence(self, skill_id: str | None = None) -> list[SkillEvidence]:
        """Skill evidence from finished resources, of one skill or all."""
        with self.db.read() as s:
            return store.list_evidence(s, skill_id)
