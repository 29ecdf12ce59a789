"""The personal library: books, courses, tools and the like, linked to skills, goals, areas."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from cairn.core.actions import Action
from cairn.core.errors import InvalidInput


class ResourceKind(StrEnum):
    """What kind of thing a resource is; recommendations by need are keyed on it."""

    BOOK = "book"
    COURSE = "course"
    TOOL = "tool"
    TEMPLATE = "template"
    COMMUNITY = "community"
    ASSESSMENT = "assessment"


class ResourceStatus(StrEnum):
    """Where the person is with a resource."""

    TODO = "todo"
    IN_PROGRESS = "in-progress"
    DONE = "done"


@dataclass(frozen=True, slots=True)
class Resource:
    """One item of the personal library."""

    id: int
    title: str
    kind: ResourceKind
    status: ResourceStatus = ResourceStatus.TODO
    url: str = ""
    note: str = ""
    skills: tuple[str, ...] = ()
    goal_ids: tuple[int, ...] = ()
    area_ids: tuple[int, ...] = ()
    created_at: dt.datetime | None = None
    started_at: dt.datetime | None = None
    done_at: dt.datetime | None = None

    @property
    def open(self) -> bool:
        """True until the resource is done."""
        return self.status is not ResourceStatus.DONE


@dataclass(frozen=True, slots=True)
class SkillEvidence:
    """A finished resource that speaks for a skill: the self-rating may go up."""

    id: int
    skill_id: str
    resource_id: int
    on: dt.date


@dataclass(frozen=True, slots=True)
class RatingOffer:
    """A skill a finished resource speaks for: its self-rating now and the one proposed.

    ``proposed`` is None when the rating cannot be raised; ``why_not`` then says why.
    """

    skill_id: str
    name: str
    current: float | None  # None: not rated yet
    proposed: float | None
    why_not: str = ""


def proposed_rating(current: float | None, low: float, high: float,
                    step: float = 1.0) -> float | None:
    """One step up the rating scale, capped at its top; from an unrated skill, one step
    above the bottom. None when the rating is already at the top."""
    if current is None:
        return min(high, low + step)
    if current >= high:
        return None
    return min(high, current + step)


# A finished resource raises each linked skill's self-rating one step, once. The raise is
# kept as the note of the new skills take's changed answers; the note names the resource.
RAISE_NOTE = "raised after finishing resource #{id} {title}"
ALREADY_RAISED = "already raised once for finishing this resource"


def raise_note(resource: Resource) -> str:
    """The note a raise for ``resource`` is kept with."""
    return RAISE_NOTE.format(id=resource.id, title=resource.title)


def raised_for(resource_id: int, note: str | None) -> bool:
    """True when ``note`` records a raise for the resource ``resource_id``."""
    prefix = RAISE_NOTE.format(id=resource_id, title="")
    return note is not None and (note == prefix.rstrip() or note.startswith(prefix))


def once_per_resource(offers: Sequence[RatingOffer], raised: Collection[str]
                      ) -> list[RatingOffer]:
    """The offers, with no proposal for the skills this resource has raised already."""
    return [dataclasses.replace(o, proposed=None, why_not=ALREADY_RAISED)
            if o.skill_id in raised else o for o in offers]


# O*NET content-model element ids: "2.A.1.a", "2.B.3.e", "1.A.1.b.2".
SKILL_ID = re.compile(r"^[0-9](\.[A-Za-z0-9]+)+$")


def check_skill_ids(skills: Sequence[str], known: Mapping[str, str] | None = None
                    ) -> tuple[str, ...]:
    """O*NET element ids, deduplicated. Every malformed id, and with ``known`` (the
    catalog's skill and knowledge elements, id -> name) every id it lacks, is reported
    at once."""
    cleaned = [s.strip() for s in skills]
    bad = [s for s in cleaned if not SKILL_ID.match(s)]
    unknown = [s for s in cleaned if known is not None and s not in bad and s not in known]
    problems = []
    if bad:
        problems.append(f"Not O*NET element ids: {', '.join(bad)}.")
    if unknown:
        problems.append("Not skills or knowledge in the O*NET catalog: "
                        f"{', '.join(dict.fromkeys(unknown))}.")
    if problems:
        raise InvalidInput(" ".join(problems),
                           "Give ids such as 2.A.1.a (Reading Comprehension); {action} lists an "
                           "occupation's skills and knowledge with their ids.",
                           Action.to("explore.show", code=None, json=True))
    return tuple(dict.fromkeys(cleaned))
