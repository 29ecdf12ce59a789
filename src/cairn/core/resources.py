"""The personal library: books, courses, tools and the like, linked to skills, goals, areas."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum


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
