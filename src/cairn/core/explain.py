"""One plain sentence per match component: why an occupation scored as it did for a person;
a sentence that says how to add a missing part names it with ``{action}``."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING

import numpy as np

from cairn.core.actions import Action, Hint
from cairn.core.occupations import RIASEC_NAMES, WORK_VALUES
from cairn.core.person import Person
from cairn.core.wages import HOURS_PER_YEAR, annual_text, hourly_text, source_note

if TYPE_CHECKING:
    from cairn.core.matching import Array, Matrices

MISSING = "O*NET has no"
ZONE_WORDS = {1: "little or no preparation", 2: "some preparation (high school)",
              3: "medium preparation (vocational training or an associate's degree)",
              4: "considerable preparation (usually a bachelor's degree)",
              5: "extensive preparation (usually a graduate degree)"}


def _top(names: tuple[str, ...], scores: object, n: int = 2) -> list[str]:
    """The ``n`` highest-scored names, leaving out any not above the profile's mean."""
    values = np.asarray(scores, dtype=float)
    order = np.argsort(-values, kind="stable")[:n]
    return [names[int(j)] for j in order if values[j] > values.mean()] or [names[int(order[0])]]


def _interests(m: Matrices, person: Person, i: int, fit: float) -> Hint | str:
    if person.interests is None:
        return Hint("Take {action} to add interest fit.", _assess("interests"))
    if np.isnan(m.interests[i]).any():
        return (f"{MISSING} interest ratings for this occupation, so interest fit is left "
                "out of its score.")
    if math.isnan(fit):
        return "Your six interest scores are all equal, so there is no shape to compare."
    yours = _top(RIASEC_NAMES, person.interests)
    theirs = _top(RIASEC_NAMES, m.interests[i])
    shared = [n for n in yours if n in theirs]
    r = 2 * fit - 1
    if shared:
        return (f"r = {r:+.2f}: your strongest interests ({', '.join(yours)}) and this work's "
                f"({', '.join(theirs)}) share {' and '.join(shared)}.")
    return (f"r = {r:+.2f}: this work is mostly {' and '.join(theirs)}; your strongest "
            f"interests are {' and '.join(yours)}.")


def _skills(m: Matrices, person: Person, i: int, fit: float) -> Hint | str:
    if not person.levels:
        return Hint("Rate your skills with {action} to add skill fit.", _assess("skills"))
    if m.skill_importance[i].sum() <= 0:
        return (f"{MISSING} skill ratings for this occupation, so skill fit is left out of "
                "its score.")
    rated = [j for j, e in enumerate(m.skill_ids) if e in person.levels]
    if math.isnan(fit) or not rated:
        return Hint("You rated no skills, only knowledge: rate some with {action}.",
                    _assess("skills"))
    short = sorted(((m.skill_importance[i, j] * (m.skill_level[i, j]
                                                 - person.levels[m.skill_ids[j]]), j)
                    for j in rated
                    if m.skill_level[i, j] > person.levels[m.skill_ids[j]] + 1e-9),
                   reverse=True)
    if not short:
        return f"You meet the level of all {len(rated)} skills you rated."
    worst = ", ".join(f"{m.skill_names[j]} (needs {m.skill_level[i, j]:.1f}, you "
                      f"{person.levels[m.skill_ids[j]]:g})" for _, j in short[:2])
    return (f"{len(rated) - len(short)} of {len(rated)} rated skills at the level needed; "
            f"biggest gaps: {worst}.")


def _values(m: Matrices, person: Person, i: int, fit: float) -> Hint | str:
    if person.values is None:
        return Hint("Take {action} to add values fit.", _assess("values"))
    if np.isnan(m.values[i]).any():
        return (f"{MISSING} work-value ratings for this occupation, so values fit is left "
                "out of its score.")
    if math.isnan(fit):
        return "Your six work-value scores are all equal, so there is no shape to compare."
    yours, theirs = _top(WORK_VALUES, person.values), _top(WORK_VALUES, m.values[i])
    shared = [n for n in yours if n in theirs]
    if shared:
        return f"It offers what you value most: {' and '.join(shared)}."
    return (f"It offers most {' and '.join(theirs)}; you value {' and '.join(yours)} most.")


def _preparation(m: Matrices, person: Person, i: int) -> Hint | str:
    zone = m.job_zone[i]
    limit = person.constraints.max_job_zone
    if math.isnan(zone):
        return (f"{MISSING} job zone for this occupation, so preparation is left out of "
                "its score.")
    words = ZONE_WORDS.get(int(zone), "")
    if limit is None:
        return Hint(f"Job zone {int(zone)}: {words}. Set your limit with {{action}}.",
                    _assess("passions"))
    if zone <= limit:
        return f"Job zone {int(zone)} ({words}) is within your limit of {limit}."
    return f"Job zone {int(zone)} ({words}) is {int(zone) - limit} above your limit of {limit}."


def _income(m: Matrices, person: Person, i: int) -> Hint | str:
    need, wage = person.constraints.min_income, m.wage[i]
    if not need:
        return "No minimum income set."
    info = m.wage_info[i] if m.wage_info else None
    if math.isnan(wage) or info is None:
        return Hint("BLS publishes no wage for this occupation (or wages are not installed: "
                    "{action}), so income fit is left out of its score.",
                    Action.to("catalog.wages"))
    if info.annual_estimate is not None:
        figure = (f"BLS publishes only an hourly median ({hourly_text(info)}); Cairn's "
                  f"estimate of a year at {HOURS_PER_YEAR:,} hours, ${wage:,.0f},")
    else:
        figure = f"Median wage {annual_text(info)}"
    source = source_note(m.codes[i], info)
    source = f" ({source.rstrip('.')})" if source else ""
    if wage >= need:
        return f"{figure}{source} meets your minimum of ${need:,.0f}."
    return f"{figure}{source} is {1 - wage / need:.0%} below your minimum ${need:,.0f}."


def _passions(m: Matrices, i: int, hits: Mapping[str, Mapping[str, float]]) -> Hint | str:
    if not hits:
        return Hint("No passion you would like income from (add one with {action}).",
                    _assess("passions"))
    code = m.codes[i]
    found = [name for name, codes in hits.items() if code in codes]
    if not found:
        return "None of your passions appear in this occupation's titles, tasks or technology."
    return f"Your passion for {' and '.join(found)} shows in its titles, tasks or technology."


def _assess(instrument: str) -> Action:
    return Action.to("assess", instrument=instrument)


def explain(m: Matrices, person: Person, i: int, parts: Mapping[str, Array],
            hits: Mapping[str, Mapping[str, float]]) -> dict[str, Hint]:
    """A sentence for each component of occupation row ``i``, with its action if any."""
    found: dict[str, Hint | str] = {
        "interests": _interests(m, person, i, float(parts["interests"][i])),
        "skills": _skills(m, person, i, float(parts["skills"][i])),
        "values": _values(m, person, i, float(parts["values"][i])),
        "preparation": _preparation(m, person, i),
        "income": _income(m, person, i),
        "passions": _passions(m, i, hits),
    }
    return {k: v if isinstance(v, Hint) else Hint(v) for k, v in found.items()}
