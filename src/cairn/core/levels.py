"""O*NET's 0-7 level scale in one wording: the skill prompt, its results and skill gaps all use it.

O*NET rates how much of a skill or knowledge area an occupation needs on a 0-7
level scale and illustrates it, per element, with anchors: a task at a level
(Reading Comprehension 2 = "Read step-by-step instructions for completing a form",
4 = "Understand an email from management describing new personnel policies",
6 = "Read a scientific journal article describing surgical procedures"). Cairn names
the eight levels once, here, and shows the element's own anchors next to them, so
"level 4" means the same in ``cairn assess skills``, its results and ``cairn explore gap``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence

from cairn.core.assessment import Band, Instrument

# (name, what it means). O*NET's own examples (anchors) sit mostly at 2, 4 and 6.
LEVELS: tuple[tuple[str, str], ...] = (
    ("Not at all", "never used"),
    ("Beginner", "tried it with help"),
    ("Basic", "simple, everyday uses"),
    ("Working", "routine tasks without help"),
    ("Capable", "most ordinary situations and some harder ones"),
    ("Advanced", "complex situations; others ask you for help"),
    ("Expert", "difficult, unusual problems; you teach it"),
    ("Master", "the limit of the field; you set the standard"),
)
Anchors = Sequence[tuple[float, str]]  # (level, O*NET's example), lowest first


def level_name(level: float) -> str:
    """The name of a level (0-7, rounded): 'Capable'."""
    return LEVELS[max(0, min(7, round(level)))][0]


def labels() -> dict[int, str]:
    """The response labels of a rating on the level scale: {4: 'Capable: most ordinary ...'}."""
    return {n: f"{name}: {meaning}" for n, (name, meaning) in enumerate(LEVELS)}


def bands() -> tuple[Band, ...]:
    """One result band per level, named as the prompt names it."""
    return tuple(Band(max(0.0, n - 0.5), min(7.0, n + 0.5), name, meaning)
                 for n, (name, meaning) in enumerate(LEVELS))


def anchor_help(anchors: Anchors) -> str:
    """An element's O*NET anchors as one line: 'O*NET's examples: 2 = ...; 4 = ...'."""
    if not anchors:
        return ""
    return "O*NET's examples: " + "; ".join(f"{value:g} = {text}" for value, text in anchors)


def meaning(level: float, anchors: Anchors = ()) -> str:
    """What a level asks for: its name and meaning, and O*NET's example nearest to it for
    the element ('Capable: most ordinary ...; O*NET's example at 4: Understand an email ...')."""
    name, what = LEVELS[max(0, min(7, round(level)))]
    if not anchors:
        return f"{name}: {what}"
    value, text = min(anchors, key=lambda a: (abs(a[0] - level), a[0]))
    return f"{name}: {what}; O*NET's example at {value:g}: {text}"


def on_level_scale(inst: Instrument, anchors: Mapping[str, Anchors]) -> Instrument:
    """A catalog-backed instrument (the skill self-rating) in this wording: the level names
    as response labels and result bands, and each item's O*NET anchors in its help."""
    items = tuple(dataclasses.replace(it, help=" ".join(
        p for p in (it.help, anchor_help(anchors.get(it.id, ()))) if p)) for it in inst.items)
    return dataclasses.replace(inst, labels=labels(), bands=bands(), items=items)
