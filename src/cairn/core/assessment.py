"""The assessment engine: instruments as data, validated all at once, scored by their own rule.

An instrument (a parsed TOML document) lists its items, the scale each item
belongs to, reverse-keyed items, the response scale, what to do with missing
answers, the scoring rule (sum or mean, then a linear transform) and the bands
that say what a score means. `core/instruments.py` reads the document; nothing here
reads files: the service parses them.

Every questionnaire runs on this engine: the assessments (interests, values,
skills), Cairn's check-in, and any instrument loaded from a file. For the
check-in, items may also be asked once per life area (``per_area``: answered as
``ITEM.AREA``, the item's value being the mean of its areas), be ``optional``,
or be ``number`` and ``text`` items that are recorded but never scored.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from cairn.core.errors import InvalidInput

RULES = ("sum", "mean")
MISSING = ("refuse", "skip", "midpoint")
ITEM_KINDS = ("rating", "number", "text")
Answer = float | str  # a rating or number, or the text of a text item


@dataclass(frozen=True, slots=True)
class Item:
    """One question: its id, the scale it scores, its wording, and whether it is reversed.

    ``kind`` is ``rating`` (answered on the response scale and scored), ``number``
    (a quantity such as hours, within ``min``-``max`` when given) or ``text``; number
    and text items have no scale and are recorded, not scored. A ``per_area`` item
    is asked once per life area. An ``optional`` item may stay unanswered whatever
    the instrument's ``missing`` rule (number and text items are optional unless
    they say ``optional = false``).
    """

    id: str
    scale: str
    text: str
    reverse: bool = False
    help: str = ""
    kind: str = "rating"
    per_area: bool = False
    optional: bool = False
    min: float | None = None
    max: float | None = None

    @property
    def scored(self) -> bool:
        """True for rating items, the only ones that count towards a scale."""
        return self.kind == "rating"


@dataclass(frozen=True, slots=True)
class Scale:
    """A score the instrument reports (a RIASEC type, a work value, a skill)."""

    id: str
    name: str
    description: str = ""


@dataclass(frozen=True, slots=True)
class Band:
    """A range of (transformed) scale scores and what it means: low <= score < high."""

    low: float
    high: float
    label: str
    meaning: str


@dataclass(frozen=True)
class Instrument:
    """A questionnaire: items, scales, response scale, scoring rule, bands."""

    key: str
    title: str
    version: str
    description: str
    items: tuple[Item, ...]
    scales: tuple[Scale, ...]
    low: int
    high: int
    labels: Mapping[int, str]
    rule: str = "mean"
    multiply: float = 1.0
    add: float = 0.0
    missing: str = "refuse"
    bands: tuple[Band, ...] = ()
    code_letters: int = 0
    items_from: str = ""
    licence: str = ""

    def item(self, item_id: str) -> Item:
        """The item with this id."""
        for it in self.items:
            if it.id == item_id:
                return it
        raise InvalidInput(f"{self.title} has no item {item_id!r}.",
                           "Use the item ids listed in the instrument file.")

    def score_range(self, scale_id: str) -> tuple[float, float]:
        """The lowest and highest score a scale can take, after the transform."""
        n = sum(1 for it in self.items if it.scale == scale_id and it.scored)
        count = max(n, 1) if self.rule == "sum" else 1
        ends = [(v * count) * self.multiply + self.add for v in (self.low, self.high)]
        return min(ends), max(ends)

    def band(self, score: float) -> Band | None:
        """The band a transformed score falls in."""
        for b in self.bands:
            if (b.low <= score < b.high) or (score == b.high == self.bands[-1].high):
                return b
        return None


@dataclass(frozen=True, slots=True)
class ScaleScore:
    """A scale's score after the transform, how many items counted, and its band."""

    scale: str
    name: str
    score: float
    answered: int
    items: int
    band: str = ""
    meaning: str = ""


@dataclass(frozen=True)
class Result:
    """An instrument's scores, and for interest inventories the letter code and tie notes."""

    scores: tuple[ScaleScore, ...]
    code: str = ""
    notes: tuple[str, ...] = ()

    def by_scale(self) -> dict[str, float]:
        """Scale id -> score."""
        return {s.scale: s.score for s in self.scores}


# -- scoring ---------------------------------------------------------------------------


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value):
        return None
    return float(value)


def _value_problems(inst: Instrument, item: Item, key: str, value: object) -> list[str]:
    if item.kind == "text":
        return [] if isinstance(value, str) else [f"{key}: must be text, not {value!r}."]
    v = _number(value)
    if v is None:
        return [f"{key}: {value!r} is not a number."]
    if item.kind == "rating" and not inst.low <= v <= inst.high:
        return [f"{key}: {v:g} is outside {inst.low}-{inst.high}."]
    if item.min is not None and v < item.min:
        return [f"{key}: {v:g} is below {item.min:g}."]
    if item.max is not None and v > item.max:
        return [f"{key}: {v:g} is above {item.max:g}."]
    return []


def answer_item(inst: Instrument, key: str) -> tuple[Item, str] | None:
    """The item an answer key belongs to, and the life area for a per-area item ('' if
    none); None when the key is no item of the instrument."""
    by_id = {it.id: it for it in inst.items}
    if key in by_id:
        return by_id[key], ""
    for it in inst.items:
        if it.per_area and key.startswith(it.id + ".") and len(key) > len(it.id) + 1:
            return it, key[len(it.id) + 1:]
    return None


def required(inst: Instrument, item: Item) -> bool:
    """True when the instrument will not score without an answer to the item."""
    if item.optional:
        return False
    return inst.missing == "refuse" if item.scored else True


def check_answers(inst: Instrument, answers: Mapping[str, object], *, complete: bool = True,
                  areas: Collection[str] | None = None) -> list[str]:
    """Every problem with a set of answers at once: unknown items (or life areas, when
    ``areas`` is given), values off their scale, and, when ``complete``, the items the
    instrument will not score without."""
    problems: list[str] = []
    answered: set[str] = set()
    for key, value in answers.items():
        found = answer_item(inst, key)
        if found is None:
            problems.append(f"{key!r} is not an item of {inst.title}.")
            continue
        item, area = found
        if item.per_area and not area:
            problems.append(f"{key} is asked per life area: answer {key}.AREA, "
                            f"e.g. {key}.career.")
            continue
        if area and areas is not None and area not in areas:
            problems.append(f"{key}: there is no life area {area!r}.")
            continue
        answered.add(item.id)
        problems += _value_problems(inst, item, key, value)
    if complete:
        missing = [it.id for it in inst.items if it.id not in answered and required(inst, it)]
        if missing:
            problems.append(f"{len(missing)} item(s) are unanswered: {', '.join(missing[:10])}"
                            + (" ..." if len(missing) > 10 else "") + ".")
    return problems


def _bounds(item: Item | None) -> str:
    """The range a number item's answer must be in, as words (empty without bounds)."""
    low, high = (item.min, item.max) if item is not None else (None, None)
    if low is not None and high is not None:
        return f" from {low:g} to {high:g}"
    if low is not None:
        return f" of at least {low:g}"
    return f" of at most {high:g}" if high is not None else ""


def check_answer(inst: Instrument, item_id: str, value: Answer) -> Answer:
    """One response, checked against the item list and the item's scale."""
    problems = check_answers(inst, {item_id: value}, complete=False)
    if problems:
        found = answer_item(inst, item_id)
        kind = found[0].kind if found else "rating"
        fix = {"rating": f"Answer with a number from {inst.low} to {inst.high}.",
               "number": "Answer with a number" + _bounds(found[0] if found else None) + ".",
               "text": "Answer with some text."}[kind]
        if found is None:
            fix = "Use the item ids listed in the instrument file."
        raise InvalidInput(" ".join(problems), fix)
    return value


def item_values(inst: Instrument, answers: Mapping[str, Answer]) -> dict[str, float]:
    """Each answered rating item's value: its answer, or for a per-area item the mean of
    its areas' answers."""
    parts: dict[str, list[float]] = {}
    for key, value in answers.items():
        found = answer_item(inst, key)
        if found is not None and found[0].scored and not isinstance(value, str):
            parts.setdefault(found[0].id, []).append(float(value))
    return {k: sum(v) / len(v) for k, v in parts.items()}


def score(inst: Instrument, answers: Mapping[str, Answer]) -> Result:
    """Score the answers: reverse keys, missing answers as the instrument says, the rule,
    the linear transform (score x multiply + add), bands, and the letter code."""
    problems = check_answers(inst, answers)
    if problems:
        raise InvalidInput("The answers cannot be scored:\n- " + "\n- ".join(problems),
                           "Answer every item (or resume the assessment) and try again.")
    values_by_item = item_values(inst, answers)
    midpoint = (inst.low + inst.high) / 2
    out = []
    for scale in inst.scales:
        values = []
        items = [it for it in inst.items if it.scale == scale.id and it.scored]
        for it in items:
            raw = values_by_item.get(it.id)
            if raw is None:
                if inst.missing == "skip" or it.optional:
                    continue
                raw = midpoint
            values.append(inst.low + inst.high - raw if it.reverse else raw)
        answered = sum(1 for it in items if it.id in values_by_item)
        if not values:
            continue
        total = sum(values) if inst.rule == "sum" else sum(values) / len(values)
        final = round(total * inst.multiply + inst.add, 4)
        band = inst.band(final)
        out.append(ScaleScore(scale.id, scale.name, final, answered, len(items),
                              band.label if band else "", band.meaning if band else ""))
    code, notes = letter_code(out, inst.code_letters) if inst.code_letters else ("", ())
    return Result(tuple(out), code, notes)


def letter_code(scores: list[ScaleScore], letters: int) -> tuple[str, tuple[str, ...]]:
    """The highest ``letters`` scales as a code (e.g. 'SIA'), with a note for every tie.

    Ties keep the instrument's scale order (R, I, A, S, E, C for interests), and the
    note says which places of the code the tied letters could take, so a tied code is
    never passed off as certain. A flat profile (every score equal) gets no code at all:
    every letter of one would be arbitrary.
    """
    ranked = sorted(scores, key=lambda s: -s.score)
    if len(ranked) > 1 and len({s.score for s in ranked}) == 1:
        return "", (f"All {len(ranked)} scores are equal ({ranked[0].score:g}): the profile "
                    "is flat, so it gives no letter code (any code would be arbitrary in every "
                    "letter). Answers that tell the activities apart give a code.",)
    code = "".join(s.scale[0] for s in ranked[:letters])
    notes = []
    start = 0  # where the current group of equal scores begins in the ranking
    for value in sorted({s.score for s in ranked}, reverse=True):
        tied = [s for s in ranked if s.score == value]
        first, start = start, start + len(tied)
        if len(tied) < 2 or first >= letters:
            continue
        names = ", ".join(s.name for s in tied[:-1]) + f" and {tied[-1].name}"
        if start <= letters:
            notes.append(f"{names} are tied at {value:g}: their letters could swap in "
                         f"{code}.")
            continue
        places = letters - first
        where = ("any place" if places == letters else "the last place" if places == 1
                 else f"the last {places} places")
        notes.append(f"{names} are tied at {value:g}: any of them could take {where} of the "
                     f"code; {code} uses the usual R-I-A-S-E-C order there.")
    return code, tuple(notes)


@dataclass(frozen=True)
class Take:
    """One take of an instrument, finished (scored) or still in progress."""

    id: int
    instrument: str
    version: str
    started_at: dt.datetime
    finished_at: dt.datetime | None
    scores: Mapping[str, Any]
    code: str = ""

    @property
    def finished(self) -> bool:
        """True once the take has been scored."""
        return self.finished_at is not None


def with_items(inst: Instrument, elements: list[tuple[str, str, str]]) -> Instrument:
    """An instrument whose items come from the catalog: one item and one scale per element
    (id, name, description), as the skill self-rating does."""
    scales = tuple(Scale(e[0], e[1], e[2]) for e in elements)
    items = tuple(Item(e[0], e[0], e[1], help=e[2]) for e in elements)
    return dataclasses.replace(inst, items=items, scales=scales)


def asking_order(items: Sequence[Item]) -> list[Item]:
    """Items in blocks of one scale each (ten Realistic, then ten Investigative, ...) are
    asked in turn, one of each scale, so that no stretch of questions is about one type."""
    blocks: dict[str, list[Item]] = {}
    previous = None
    for item in items:
        if item.scale != previous and item.scale in blocks:
            return list(items)  # not in blocks: the instrument's own order is kept
        blocks.setdefault(item.scale, []).append(item)
        previous = item.scale
    if len(blocks) < 2:
        return list(items)
    longest = max(len(b) for b in blocks.values())
    return [b[i] for i in range(longest) for b in blocks.values() if i < len(b)]
