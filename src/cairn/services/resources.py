"""The personal library: adding resources, moving them along, and skill evidence.

Finishing a resource linked to skills can raise their self-ratings. The ratings belong to
the assessment feature; the facade passes them in at construction (a :class:`SkillRatings`,
from ``services/links.py``); without them no rating is offered.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Mapping, Sequence
from typing import Protocol

from cairn.core.actions import Action
from cairn.core.errors import InvalidInput, NotFound, NotReady
from cairn.core.resources import (
    RatingOffer,
    Resource,
    ResourceKind,
    ResourceStatus,
    SkillEvidence,
    check_skill_ids,
    once_per_resource,
    raise_note,
)
from cairn.core.rules import check_text, check_title
from cairn.services.goals import GoalService
from cairn.services.scope import Scope, writes
from cairn.store import catalog as catalog_store
from cairn.store import support as store


class SkillRatings(Protocol):
    """Skill self-ratings as the library sees them; the assessment feature implements it."""

    def offers(self, skill_ids: Sequence[str]) -> list[RatingOffer]:
        """Each skill's rating now and the one proposed (or why it cannot be raised)."""

    def rate(self, ratings: Mapping[str, float], note: str) -> None:
        """Keep the new ratings (skill id -> rating), noting where they came from."""

    def raised(self, resource_id: int) -> Collection[str]:
        """The skills a raise for finishing this resource has changed already."""


NO_RATINGS = "skill self-ratings are not available here"


@dataclasses.dataclass(frozen=True)
class Finished:
    """A resource marked done: the skill evidence it gave, and the self-ratings raised."""

    resource: Resource
    evidence: list[SkillEvidence]
    raised: list[RatingOffer]


class ResourceService:
    """Use cases for the personal library."""

    def __init__(self, scope: Scope, goals: GoalService, ratings: SkillRatings | None = None
                 ) -> None:
        self.scope = scope
        self.goals = goals
        self.ratings = ratings  # the assessment feature's skill self-ratings, if wired in

    def get(self, resource_id: int) -> Resource:
        """One resource, or :class:`NotFound`."""
        with self.scope.read() as s:
            found = store.get_resource(s, resource_id)
        if found is None:
            raise NotFound(f"There is no resource #{resource_id}.",
                           "See the ids with {action}.", Action.to("resource.list"))
        return found

    def find(self, *, statuses: Sequence[ResourceStatus] = (),
             kind: ResourceKind | None = None, skill: str | None = None,
             goal_id: int | None = None) -> list[Resource]:
        """Resources filtered by status, kind, skill and goal."""
        with self.scope.read() as s:
            found = store.list_resources(s)
        return [r for r in found
                if (not statuses or r.status in statuses)
                and (kind is None or r.kind is kind)
                and (skill is None or skill in r.skills)
                and (goal_id is None or goal_id in r.goal_ids)]

    def skill_names(self) -> dict[str, str]:
        """O*NET skill and knowledge element id -> name, from the installed catalog (empty
        without it)."""
        with self.scope.read() as s:
            found = catalog_store.elements(s, "skills") + catalog_store.elements(s, "knowledge")
        return {element: name for element, name, _ in found}

    @writes
    def add(self, title: str, kind: ResourceKind, *, url: str = "", note: str = "",
            skills: Sequence[str] = (), goal_ids: Sequence[int] = (),
            areas: Sequence[str] = ()) -> Resource:
        """Add a resource linked to skills, goals and life areas. With the catalog
        installed, every skill must be one of its skills or knowledge areas; without it,
        ids are checked for their form only (``skill_names`` is then empty)."""
        self.goals.profile.get()
        names = self.skill_names() if skills else {}
        skill_ids = check_skill_ids(skills, names or None)
        for goal_id in goal_ids:
            self.goals.get(goal_id)
        area_ids = tuple(dict.fromkeys(self.goals.profile.resolve_area(a).id for a in areas))
        resource = Resource(0, check_title(title), kind, url=check_text(url, "address").strip(),
                            note=check_text(note, "note").strip(),
                            skills=skill_ids,
                            goal_ids=tuple(dict.fromkeys(goal_ids)), area_ids=area_ids)
        with self.scope.write() as s:
            return store.add_resource(s, resource, self.scope.now())

    @writes
    def start(self, resource_id: int) -> Resource:
        """Mark a resource in progress."""
        old = self.get(resource_id)
        new = dataclasses.replace(old, status=ResourceStatus.IN_PROGRESS,
                                  started_at=old.started_at or self.scope.now(), done_at=None)
        with self.scope.write() as s:
            store.replace_resource(s, new)
        return new

    @writes
    def done(self, resource_id: int) -> tuple[Resource, list[SkillEvidence]]:
        """Mark a resource done; each linked skill gets an evidence row (once per resource)."""
        old = self.get(resource_id)
        if old.status is ResourceStatus.DONE:
            return old, []
        at = self.scope.now()
        new = dataclasses.replace(old, status=ResourceStatus.DONE,
                                  started_at=old.started_at or at, done_at=at)
        with self.scope.write() as s:
            store.replace_resource(s, new)
            known = {e.skill_id for e in store.list_evidence(s) if e.resource_id == old.id}
            evidence = [store.add_evidence(s, skill, old.id, self.scope.today())
                        for skill in old.skills if skill not in known]
        return new, evidence

    @writes
    def finish(self, resource_id: int, *, raise_ratings: bool) -> Finished:
        """Mark a resource done and, when asked, raise the self-rating of each skill it
        newly gave evidence for one step (as ``cairn resource done --raise``), all in one
        transaction."""
        r, evidence = self.done(resource_id)
        raised: list[RatingOffer] = []
        if raise_ratings and evidence:
            offers = self.rating_offers(r.id, [e.skill_id for e in evidence])
            raised = self.raise_ratings(r.id, offers)
        return Finished(r, evidence, raised)

    @writes
    def raise_all(self, resource_id: int) -> list[RatingOffer]:
        """Raise every skill of a finished resource that can go up one step (as ``cairn
        resource done ID --raise``); returns those raised."""
        return self.raise_ratings(resource_id, self.rating_offers(resource_id))

    def evidence(self, skill_id: str | None = None) -> list[SkillEvidence]:
        """Skill evidence from finished resources, of one skill or all."""
        with self.scope.read() as s:
            return store.list_evidence(s, skill_id)

    def rating_offers(self, resource_id: int, skill_ids: Sequence[str] | None = None
                      ) -> list[RatingOffer]:
        """For each skill of a finished resource (or the given ones of it), the self-rating
        now and one step up; a skill that cannot be raised says why. A resource raises
        each of its skills once: a skill it has raised already is offered no step."""
        r = self.get(resource_id)
        if r.status is not ResourceStatus.DONE:
            raise InvalidInput(f"Resource #{r.id} is not finished yet.",
                               "Finish it first: {action}",
                               Action.to("resource.done", resource_id=r.id))
        wanted = [x for x in (r.skills if skill_ids is None else skill_ids) if x in r.skills]
        if self.ratings is None:
            return [RatingOffer(x, x, None, None, NO_RATINGS) for x in wanted]
        return once_per_resource(self.ratings.offers(wanted), self.ratings.raised(r.id))

    @writes
    def raise_ratings(self, resource_id: int, offers: Sequence[RatingOffer]) -> list[RatingOffer]:
        """Keep the proposed ratings of ``offers`` as the new self-ratings; returns those
        applied (offers without a proposal, and skills this resource has raised before,
        are left out)."""
        r = self.get(resource_id)
        chosen = [o for o in offers if o.proposed is not None and o.skill_id in r.skills]
        if not chosen:
            return []
        if self.ratings is None:
            raise NotReady("Skill self-ratings are not available.",
                           "Rate your skills with {action}.",
                           Action.to("assess", instrument="skills"))
        raised = self.ratings.raised(r.id)
        chosen = [o for o in chosen if o.skill_id not in raised]
        if chosen:
            self.ratings.rate({o.skill_id: o.proposed for o in chosen
                               if o.proposed is not None}, raise_note(r))
        return chosen
