"""What matching knows about a person: interests, values, skills, passions and constraints."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from cairn.core.errors import InvalidInput

MAX_HOURS = 100.0


@dataclass(frozen=True, slots=True)
class Passion:
    """A passion or hobby: hours a week the person wants for it, and whether it should pay."""

    name: str
    hours: float = 0.0
    income: bool = False


@dataclass(frozen=True)
class Constraints:
    """Limits a person sets: minimum income, maximum hours, highest job zone, current job."""

    min_income: float | None = None
    max_hours: float | None = None
    max_job_zone: int | None = None
    current_occupation: str | None = None
    passions: tuple[Passion, ...] = ()

    def as_json(self) -> dict[str, Any]:
        """The stored shape (also the `--answers` file shape)."""
        return {"min_income": self.min_income, "max_hours": self.max_hours,
                "max_job_zone": self.max_job_zone,
                "current_occupation": self.current_occupation,
                "passions": [{"name": p.name, "hours": p.hours, "income": p.income}
                             for p in self.passions]}


@dataclass(frozen=True)
class Person:
    """The latest assessment results: six RIASEC scores, six work values (O*NET order),
    skill and knowledge levels (0-7 by element id), and constraints. Any may be missing."""

    interests: tuple[float, ...] | None = None
    values: tuple[float, ...] | None = None
    levels: Mapping[str, float] = field(default_factory=dict)
    constraints: Constraints = Constraints()


def _number(raw: Any, name: str, low: float, high: float, problems: list[str]) -> float | None:
    if raw is None or raw == "":
        return None
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        problems.append(f"{name}: {raw!r} is not a number.")
        return None
    if not low <= raw <= high:
        problems.append(f"{name}: {raw:g} is outside {low:g}-{high:g}.")
        return None
    return float(raw)


def read_constraints(doc: Mapping[str, Any]) -> Constraints:
    """Check a passions-and-constraints answer document; every problem is reported at once."""
    problems: list[str] = []
    known = {"min_income", "max_hours", "max_job_zone", "current_occupation", "passions"}
    problems += [f"{k!r} is not a known answer." for k in sorted(set(doc) - known)]
    income = _number(doc.get("min_income"), "min_income", 0, 10_000_000, problems)
    hours = _number(doc.get("max_hours"), "max_hours", 1, MAX_HOURS, problems)
    zone = _number(doc.get("max_job_zone"), "max_job_zone", 1, 5, problems)
    if zone is not None and zone != int(zone):
        problems.append("max_job_zone: give a whole number from 1 to 5.")
    current = doc.get("current_occupation") or None
    if current is not None and not isinstance(current, str):
        problems.append("current_occupation: give an O*NET-SOC code such as 15-1252.00.")
    passions = []
    for i, raw in enumerate(doc.get("passions") or [], 1):
        if not isinstance(raw, Mapping) or not str(raw.get("name", "")).strip():
            problems.append(f"passion {i}: needs a name.")
            continue
        p_hours = _number(raw.get("hours", 0), f"passion {i} hours", 0, MAX_HOURS, problems)
        wants = raw.get("income", False)
        if not isinstance(wants, bool):
            problems.append(f"passion {i} income: give true or false.")
        passions.append(Passion(str(raw["name"]).strip(), p_hours or 0.0, wants is True))
    if problems:
        raise InvalidInput("The passions and constraints have problems:\n- "
                           + "\n- ".join(problems), "Fix the answers and try again.")
    return Constraints(income, hours, int(zone) if zone is not None else None,
                       current, tuple(passions))


# How a person reads each answer of the passions-and-constraints form.
CONSTRAINT_LABELS = {"min_income": "lowest income", "max_hours": "most hours a week",
                     "max_job_zone": "highest job zone", "current_occupation": "current job",
                     "passions": "passions"}


def _hours(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def describe_answer(key: str, value: Any) -> str:
    """One stored answer in words: 45000 -> '45,000 a year'; None or nothing -> '-'."""
    if value is None or value in ("", []):
        return "-"
    if key == "min_income" and isinstance(value, int | float):
        return f"{value:,.0f} a year"
    if key == "max_hours" and isinstance(value, int | float):
        return f"{_hours(value)} h"
    if key == "max_job_zone" and isinstance(value, int | float):
        return f"{value:.0f}"
    if key == "passions" and isinstance(value, list):
        return "; ".join(
            f"{p.get('name')} ({_hours(float(p.get('hours') or 0))} h a week"
            f"{', to earn from' if p.get('income') else ''})"
            for p in value if isinstance(p, Mapping))
    return str(value)


def constraint_changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[str]:
    """What changed between two takes of the form, in words; answers that read the same
    (no answer before, none now) are not changes."""
    out = []
    for key in (*CONSTRAINT_LABELS, *sorted(set(after) - set(CONSTRAINT_LABELS))):
        old, new = describe_answer(key, before.get(key)), describe_answer(key, after.get(key))
        if old != new:
            out.append(f"{CONSTRAINT_LABELS.get(key, key)}: {old} -> {new}")
    return out
