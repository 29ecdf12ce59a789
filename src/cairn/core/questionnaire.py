"""Questionnaires as data: an instrument definition read from a mapping, and its scoring.

An instrument (Cairn's own check-in, or a validated well-being scale whose owner
permits its use) is a TOML file with items and a scoring rule. This module never
reads files: it validates the parsed mapping and scores answers, so a general
assessment engine can serve the same definitions later.

Scoring: each scored item's answer is taken as is (or reversed, ``min + max - v``);
``per_area`` items are averaged first. ``method = "sum"`` adds them, ``"mean"``
averages them; the result is multiplied by ``multiplier`` (a 0-25 raw score times
4 gives 0-100). ``"mean-percent"`` maps the mean onto 0-100 of the item scale.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cairn.core.errors import InvalidInput

ITEM_KINDS = ("scale", "number", "text")
METHODS = ("sum", "mean", "mean-percent")
Answer = float | str | Mapping[str, float]


@dataclass(frozen=True, slots=True)
class Item:
    """One question: a scale (integers min..max), a number, or free text."""

    id: str
    prompt: str
    kind: str = "scale"
    min: float = 0
    max: float = 10
    reverse: bool = False
    scored: bool = True
    per_area: bool = False
    required: bool = True
    anchors: tuple[str, str] = ("", "")


@dataclass(frozen=True, slots=True)
class Instrument:
    """A questionnaire: who wrote it, under what licence, its items and scoring."""

    id: str
    name: str
    version: int
    licence: str
    items: tuple[Item, ...]
    method: str = "mean"
    multiplier: float = 1.0
    score_label: str = "score"

    def item(self, item_id: str) -> Item:
        """The item with that id."""
        for it in self.items:
            if it.id == item_id:
                return it
        known = ", ".join(i.id for i in self.items)
        raise InvalidInput(f"{self.name} has no item {item_id!r}.", f"Its items are: {known}.")


@dataclass(frozen=True, slots=True)
class InstrumentScore:
    """The raw score (before the multiplier) and the reported score."""

    instrument_id: str
    raw: float
    score: float


def instrument_from_dict(data: Mapping[str, Any], source: str = "the instrument") -> Instrument:
    """Build an :class:`Instrument` from parsed TOML, listing every problem at once."""
    problems: list[str] = [f"'{key}' is missing" for key in ("id", "name", "items")
                           if key not in data]
    items: list[Item] = []
    for n, raw in enumerate(data.get("items", []), start=1):
        try:
            anchors = tuple(raw.get("anchors", ("", "")))
            item = Item(id=str(raw["id"]), prompt=str(raw["prompt"]),
                        kind=str(raw.get("kind", "scale")), min=float(raw.get("min", 0)),
                        max=float(raw.get("max", 10)), reverse=bool(raw.get("reverse", False)),
                        scored=bool(raw.get("scored", raw.get("kind", "scale") == "scale")),
                        per_area=bool(raw.get("per_area", False)),
                        required=bool(raw.get("required", True)),
                        anchors=(str(anchors[0]), str(anchors[-1])) if anchors else ("", ""))
        except (KeyError, TypeError, ValueError) as exc:
            problems.append(f"item {n} is malformed ({exc})")
            continue
        if item.kind not in ITEM_KINDS:
            problems.append(f"item {item.id!r} has kind {item.kind!r}, not one of {ITEM_KINDS}")
        if item.max <= item.min:
            problems.append(f"item {item.id!r} has max {item.max:g} not above min {item.min:g}")
        if item.scored and item.kind != "scale":
            problems.append(f"item {item.id!r} is scored but is not a scale")
        items.append(item)
    if len({i.id for i in items}) != len(items):
        problems.append("two items share an id")
    scoring = data.get("scoring", {})
    method = str(scoring.get("method", "mean"))
    if method not in METHODS:
        problems.append(f"scoring method {method!r} is not one of {METHODS}")
    if problems:
        raise InvalidInput(f"{source} is not a valid questionnaire: " + "; ".join(problems) + ".",
                           "Fix the file; see src/cairn/instruments/checkin.toml for the format.")
    return Instrument(id=str(data["id"]), name=str(data["name"]),
                      version=int(data.get("version", 1)),
                      licence=str(data.get("licence", data.get("license", ""))),
                      items=tuple(items), method=method,
                      multiplier=float(scoring.get("multiplier", 1.0)),
                      score_label=str(scoring.get("label", "score")))


def check_answers(instrument: Instrument, answers: Mapping[str, Answer]) -> list[str]:
    """Every problem with a set of answers: missing required items, values off the scale."""
    problems: list[str] = []
    for item in instrument.items:
        value = answers.get(item.id)
        if value is None or value in ("", {}):
            if item.required:
                problems.append(f"{item.id} is missing")
            continue
        if item.kind == "text":
            continue
        values = list(value.values()) if isinstance(value, Mapping) else [value]
        for v in values:
            if isinstance(v, str):
                problems.append(f"{item.id} must be a number, not {v!r}")
            elif item.kind == "scale" and not item.min <= v <= item.max:
                problems.append(f"{item.id} is {v:g}, outside {item.min:g}-{item.max:g}")
            elif item.kind == "number" and v < item.min:
                problems.append(f"{item.id} is {v:g}, below {item.min:g}")
    unknown = set(answers) - {i.id for i in instrument.items}
    problems.extend(f"{name} is not an item of {instrument.id}" for name in sorted(unknown))
    return problems


def score(instrument: Instrument, answers: Mapping[str, Answer]) -> InstrumentScore:
    """Score complete answers; raises :class:`InvalidInput` listing every problem."""
    problems = check_answers(instrument, answers)
    if problems:
        raise InvalidInput(f"The answers to {instrument.name} are not complete: "
                           + "; ".join(problems) + ".", "Answer every item on its scale.")
    values: list[float] = []
    spans: list[tuple[float, float]] = []
    for item in instrument.items:
        answer = answers.get(item.id)
        if not item.scored or answer is None or isinstance(answer, str):
            continue
        raw_values = list(answer.values()) if isinstance(answer, Mapping) else [answer]
        if not raw_values:
            continue
        mean = sum(float(v) for v in raw_values) / len(raw_values)
        values.append(item.min + item.max - mean if item.reverse else mean)
        spans.append((item.min, item.max))
    if not values:
        return InstrumentScore(instrument.id, 0.0, 0.0)
    if instrument.method == "sum":
        raw = sum(values)
    elif instrument.method == "mean":
        raw = sum(values) / len(values)
    else:  # mean-percent: each item's place on its own scale, averaged, as 0-100
        raw = 100 * sum((v - lo) / (hi - lo) for v, (lo, hi) in zip(values, spans, strict=True)
                        ) / len(values)
    return InstrumentScore(instrument.id, round(raw, 4), round(raw * instrument.multiplier, 4))
