"""The assessment engine: instruments as data, validated all at once, scored by their own rule.

An instrument (a parsed TOML document) lists its items, the scale each item
belongs to, reverse-keyed items, the response scale, what to do with missing
answers, the scoring rule (sum or mean, then a linear transform) and the bands
that say what a score means. Nothing here reads files: the service parses them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cairn.core.errors import InvalidInput

RULES = ("sum", "mean")
MISSING = ("refuse", "skip", "midpoint")


@dataclass(frozen=True, slots=True)
class Item:
    """One question: its id, the scale it scores, its wording, and whether it is reversed."""

    id: str
    scale: str
    text: str
    reverse: bool = False
    help: str = ""


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

    def item(self, item_id: str) -> Item:
        """The item with this id."""
        for it in self.items:
            if it.id == item_id:
                return it
        raise InvalidInput(f"{self.title} has no item {item_id!r}.",
                           "Use the item ids listed in the instrument file.")

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


# -- reading an instrument -------------------------------------------------------------


def _get(doc: Mapping[str, Any], key: str, kind: type | tuple[type, ...], where: str,
         problems: list[str], default: Any = None) -> Any:
    value = doc.get(key, default)
    if value is None:
        problems.append(f"{where}: `{key}` is missing.")
    elif not isinstance(value, kind) or (isinstance(value, bool) and kind in (int, float)):
        problems.append(f"{where}: `{key}` must be {getattr(kind, '__name__', kind)}, "
                        f"not {value!r}.")
        return None
    return value


def _scales(doc: Mapping[str, Any], problems: list[str]) -> list[Scale]:
    scales: list[Scale] = []
    for i, raw in enumerate(doc.get("scales") or [], 1):
        if not isinstance(raw, dict):
            problems.append(f"scale {i}: must be a table.")
            continue
        sid, name = _get(raw, "id", str, f"scale {i}", problems), _get(
            raw, "name", str, f"scale {i}", problems)
        if sid and name:
            scales.append(Scale(sid, name, str(raw.get("description", ""))))
    if not scales:
        problems.append("instrument: at least one [[scales]] entry is needed.")
    ids = [s.id for s in scales]
    problems += [f"scale {d!r} is defined twice." for d in sorted({i for i in ids
                                                                     if ids.count(i) > 1})]
    return scales


def _items(doc: Mapping[str, Any], scale_ids: set[str], problems: list[str]) -> list[Item]:
    items: list[Item] = []
    for i, raw in enumerate(doc.get("items") or [], 1):
        if not isinstance(raw, dict):
            problems.append(f"item {i}: must be a table.")
            continue
        where = f"item {i} ({raw.get('id', '?')})"
        iid = _get(raw, "id", str, where, problems)
        scale = _get(raw, "scale", str, where, problems)
        text = _get(raw, "text", str, where, problems)
        reverse = raw.get("reverse", False)
        if not isinstance(reverse, bool):
            problems.append(f"{where}: `reverse` must be true or false.")
        if scale and scale not in scale_ids:
            problems.append(f"{where}: scale {scale!r} is not one of the [[scales]].")
        if iid and scale and text:
            items.append(Item(iid, scale, text, reverse is True, str(raw.get("help", ""))))
    ids = [it.id for it in items]
    problems += [f"item {d!r} is defined twice." for d in sorted({i for i in ids
                                                                    if ids.count(i) > 1})]
    return items


def _bands(doc: Mapping[str, Any], problems: list[str]) -> list[Band]:
    bands: list[Band] = []
    for i, raw in enumerate(doc.get("bands") or [], 1):
        where = f"band {i}"
        if not isinstance(raw, dict):
            problems.append(f"{where}: must be a table.")
            continue
        low = _get(raw, "low", (int, float), where, problems)
        high = _get(raw, "high", (int, float), where, problems)
        label = _get(raw, "label", str, where, problems)
        if low is not None and high is not None and low >= high:
            problems.append(f"{where}: `low` ({low}) must be below `high` ({high}).")
        elif low is not None and high is not None and label:
            bands.append(Band(float(low), float(high), label, str(raw.get("meaning", ""))))
    bands.sort(key=lambda b: b.low)
    problems += [f"bands {a.label!r} and {b.label!r} overlap."
                 for a, b in itertools.pairwise(bands) if b.low < a.high]
    return bands


def _response(doc: Mapping[str, Any], problems: list[str]) -> tuple[int, int, dict[int, str]]:
    response = doc.get("response")
    low = high = 0
    labels: dict[int, str] = {}
    if not isinstance(response, dict):
        problems.append("response: the [response] table is missing.")
        return low, high, labels
    low = _get(response, "min", int, "response", problems) or 0
    high = _get(response, "max", int, "response", problems) or 0
    if low >= high:
        problems.append(f"response: `min` ({low}) must be below `max` ({high}).")
    for k, v in (response.get("labels") or {}).items():
        if not str(k).lstrip("-").isdigit() or not low <= int(k) <= high:
            problems.append(f"response: label {k!r} is not a whole number in {low}-{high}.")
        else:
            labels[int(k)] = str(v)
    return low, high, labels


def read_instrument(doc: Mapping[str, Any]) -> Instrument:
    """Check a parsed instrument document and build it; every problem is reported at once."""
    problems: list[str] = []
    head = doc.get("instrument")
    if not isinstance(head, dict):
        problems.append("instrument: the [instrument] table is missing.")
        head = {}
    key = _get(head, "key", str, "instrument", problems)
    title = _get(head, "title", str, "instrument", problems)
    version = str(head.get("version", "1"))
    rule = head.get("scoring", "mean")
    if rule not in RULES:
        problems.append(f"instrument: `scoring` must be one of {', '.join(RULES)}, not {rule!r}.")
    missing = head.get("missing", "refuse")
    if missing not in MISSING:
        problems.append(f"instrument: `missing` must be one of {', '.join(MISSING)}, "
                        f"not {missing!r}.")
    transform = head.get("transform", {})
    multiply = transform.get("multiply", 1.0) if isinstance(transform, dict) else None
    add = transform.get("add", 0.0) if isinstance(transform, dict) else None
    if not isinstance(multiply, int | float) or not isinstance(add, int | float):
        problems.append("instrument: `transform` needs numbers `multiply` and `add`.")
        multiply, add = 1.0, 0.0
    low, high, labels = _response(doc, problems)
    items_from = str(head.get("items_from", ""))
    scales = _scales(doc, problems) if not items_from else []
    items = _items(doc, {s.id for s in scales}, problems) if not items_from else []
    if not items_from and not items:
        problems.append("instrument: at least one [[items]] entry is needed.")
    unused = [s.id for s in scales if not any(it.scale == s.id for it in items)]
    problems += [f"scale {u!r} has no items." for u in unused if items]
    letters = head.get("code_letters", 0)
    if not isinstance(letters, int) or not 0 <= letters <= len(scales or [0]):
        problems.append("instrument: `code_letters` must be a whole number up to the scales.")
    elif letters and len({s.id[0] for s in scales}) < len(scales):
        problems.append("instrument: with `code_letters`, every scale id must start with a "
                        "different letter (the code is made of those letters).")
    bands = _bands(doc, problems)
    if problems:
        raise InvalidInput(f"The instrument has {len(problems)} problem(s):\n- "
                           + "\n- ".join(problems),
                           "Fix the file and load it again.")
    return Instrument(key, title, version, str(head.get("description", "")), tuple(items),
                      tuple(scales), low, high, labels, rule, float(multiply), float(add),
                      missing, tuple(bands), int(letters), items_from)


# -- scoring ---------------------------------------------------------------------------


def check_answer(inst: Instrument, item_id: str, value: float) -> float:
    """A response, checked against the item list and the response scale."""
    inst.item(item_id)
    if math.isnan(value) or not inst.low <= value <= inst.high:
        raise InvalidInput(f"{value:g} is outside the response scale {inst.low}-{inst.high}.",
                           f"Answer with a number from {inst.low} to {inst.high}.")
    return value


def score(inst: Instrument, answers: Mapping[str, float]) -> Result:
    """Score the answers: reverse keys, missing answers as the instrument says, the rule,
    the linear transform (score x multiply + add), bands, and the letter code."""
    unknown = sorted(set(answers) - {it.id for it in inst.items})
    missing = [it.id for it in inst.items if it.id not in answers]
    problems = [f"{u!r} is not an item of {inst.title}." for u in unknown]
    if missing and inst.missing == "refuse":
        problems.append(f"{len(missing)} item(s) are unanswered: {', '.join(missing[:10])}"
                        + (" ..." if len(missing) > 10 else "") + ".")
    for iid, v in answers.items():
        if iid not in unknown and not inst.low <= v <= inst.high:
            problems.append(f"{iid}: {v:g} is outside {inst.low}-{inst.high}.")
    if problems:
        raise InvalidInput("The answers cannot be scored:\n- " + "\n- ".join(problems),
                           "Answer every item (or resume the assessment) and try again.")
    midpoint = (inst.low + inst.high) / 2
    out = []
    for scale in inst.scales:
        values = []
        items = [it for it in inst.items if it.scale == scale.id]
        for it in items:
            raw = answers.get(it.id)
            if raw is None:
                if inst.missing == "skip":
                    continue
                raw = midpoint
            values.append(inst.low + inst.high - raw if it.reverse else raw)
        answered = sum(1 for it in items if it.id in answers)
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
    note says which letters could swap, so a tied code is never passed off as certain.
    """
    ranked = sorted(scores, key=lambda s: -s.score)
    code = "".join(s.scale[0] for s in ranked[:letters])
    notes = []
    cut = ranked[letters - 1].score if len(ranked) >= letters else None
    for value in sorted({s.score for s in ranked}, reverse=True):
        tied = [s for s in ranked if s.score == value]
        in_code = [s for s in tied if s.scale[0] in code]
        if len(tied) > 1 and in_code:
            names = ", ".join(s.name for s in tied[:-1]) + f" and {tied[-1].name}"
            if value == cut and len(in_code) < len(tied):
                notes.append(f"{names} are tied at {value:g}: any of them could take the "
                             f"last place of the code; {code} uses the usual R-I-A-S-E-C order.")
            else:
                notes.append(f"{names} are tied at {value:g}: their letters could swap in "
                             f"{code}.")
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


def changes(before: Mapping[str, float], after: Mapping[str, float],
            names: Mapping[str, str], threshold: float = 0.0) -> list[str]:
    """What changed between two takes' scores, biggest moves first, in words."""
    moved = []
    for key in sorted(set(before) | set(after)):
        a, b = before.get(key), after.get(key)
        name = names.get(key, key)
        if a is None and b is not None:
            moved.append((float("inf"), f"{name}: new, {b:g}"))
        elif b is None and a is not None:
            moved.append((float("inf"), f"{name}: not rated this time (was {a:g})"))
        elif a is not None and b is not None and abs(b - a) > threshold:
            moved.append((abs(b - a), f"{name}: {a:g} -> {b:g} ({b - a:+.2f})"))
    moved.sort(key=lambda m: -m[0])
    return [m[1] for m in moved]
