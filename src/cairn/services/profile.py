"""Creating the profile and managing life areas."""

from __future__ import annotations

import re

from cairn.core.actions import Action
from cairn.core.errors import Conflict, InvalidInput, NotFound, NotReady
from cairn.core.model import DEFAULT_AREAS, LifeArea, LifeStage, Profile
from cairn.core.rules import check_title
from cairn.services.records import RecordsProfile
from cairn.services.scope import Scope, writes
from cairn.store import repo

MAX_CONTRACT_HOURS = 100.0


def area_key(text: str) -> str:
    """A short lower-case key from a name: 'Side Projects' -> 'side-projects'."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


class ProfileService:
    """The person's profile and their life areas."""

    def __init__(self, scope: Scope) -> None:
        self.scope = scope

    @writes
    def init(self, name: str, life_stage: str, contract_hours: float) -> Profile:
        """Create (or update) the profile; the default life areas are added the first time."""
        clean_name = check_title(name, "name")
        stage = parse_life_stage(life_stage)
        if not 0 <= contract_hours <= MAX_CONTRACT_HOURS:
            raise InvalidInput(
                f"{contract_hours:g} contracted hours a week is outside 0-{MAX_CONTRACT_HOURS:g}.",
                "Give the hours your contract asks for in a week, 0 if none.",
                field="contract_hours",
            )
        with self.scope.write() as s:
            existing = repo.get_profile(s)
            profile = Profile(clean_name, stage, contract_hours,
                              existing.created_at if existing else self.scope.now())
            repo.save_profile(s, profile)
            if not repo.list_areas(s):
                for key, area_name in DEFAULT_AREAS:
                    repo.add_area(s, key, area_name)
        return profile

    def get(self) -> Profile:
        """The profile; raises :class:`NotReady` before ``cairn init``."""
        return RecordsProfile(self.scope).get()

    def areas(self, *, include_archived: bool = False) -> list[LifeArea]:
        """The life areas, archived ones only when asked."""
        return RecordsProfile(self.scope).areas(include_archived=include_archived)

    def resolve_area(self, ref: str, *, include_archived: bool = False) -> LifeArea:
        """Find an area by id, key or name (case-insensitive)."""
        areas = self.areas(include_archived=True)
        wanted = ref.strip().lower()
        for a in areas:
            if wanted in (str(a.id), a.key, a.name.lower()):
                if a.archived and not include_archived:
                    raise Conflict(f"The area '{a.name}' is archived.",
                                   "Restore it with {action}.",
                                   Action.to("area.restore", area=a.key))
                return a
        if not areas:
            raise NotReady("There are no life areas yet.", "Run {action} first.",
                           Action.to("init"))
        keys = ", ".join(a.key for a in areas if not a.archived)
        raise NotFound(f"No life area '{ref}'.", f"Use one of: {keys}; or {{action}}.",
                       Action.to("area.add", name=None))

    @writes
    def add_area(self, name: str) -> LifeArea:
        """Add a life area with a key derived from its name."""
        clean = check_title(name, "area name")
        key = area_key(clean)
        if not key:
            raise InvalidInput(f"'{name}' has no letters or digits.", "Name the area in words.")
        self.get()
        with self.scope.write() as s:
            if any(a.key == key for a in repo.list_areas(s)):
                raise Conflict(f"An area with key '{key}' exists already.",
                               "Choose another name, or restore the archived one.")
            return repo.add_area(s, key, clean)

    @writes
    def rename_area(self, ref: str, new_name: str) -> LifeArea:
        """Rename an area; its key stays so scripts keep working."""
        area = self.resolve_area(ref, include_archived=True)
        with self.scope.write() as s:
            updated = repo.update_area(s, area.id, name=check_title(new_name, "area name"))
        assert updated is not None
        return updated

    @writes
    def set_archived(self, ref: str, archived: bool) -> LifeArea:
        """Archive an area (hidden, its goals kept) or restore it."""
        area = self.resolve_area(ref, include_archived=True)
        with self.scope.write() as s:
            updated = repo.update_area(s, area.id, archived=archived)
        assert updated is not None
        return updated


def parse_life_stage(text: str) -> LifeStage:
    """Read a life stage, accepting spaces or underscores for the dashes."""
    cleaned = text.strip().lower().replace(" ", "-").replace("_", "-")
    try:
        return LifeStage(cleaned)
    except ValueError:
        choices = ", ".join(s.value for s in LifeStage)
        raise InvalidInput(f"'{text}' is not a life stage.", f"Use one of: {choices}.") from None
