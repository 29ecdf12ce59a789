"""Assessments one item at a time (the web's onboarding): where a take stands, and one answer
saved as it is given, the take scored when its last item is answered.

A take resumes at its first unanswered item, in the order the items are asked
(:func:`asking_order`); reading where a take stands writes nothing (a take is started by
its first answer).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from cairn.core.assessment import Instrument, Item, Take, asking_order
from cairn.core.errors import NotFound, NotReady
from cairn.services import assess_views
from cairn.store import assess as store

if TYPE_CHECKING:
    from cairn.services.app import Cairn

STEPPED = ("interests", "values")  # the shipped assessments asked one item per screen
INTERLEAVED = ("interests",)  # written in blocks of ten per type; asked one of each in turn


def order(inst: Instrument) -> list[Item]:
    """The items of an instrument in the order they are asked."""
    return asking_order(inst.items) if inst.key in INTERLEAVED else list(inst.items)


@dataclass(frozen=True, slots=True)
class Choice:
    """One answer on the response scale: its value and its words."""

    value: int
    label: str


@dataclass(frozen=True, slots=True)
class AssessmentStep:
    """Where a take stands: the next item to answer (None when every item is answered),
    its place (``number`` of ``total``), how many are answered, and the answers one picks
    from."""

    key: str
    title: str
    description: str
    licence: str
    item_id: str | None
    text: str
    help: str
    number: int
    total: int
    answered: int
    choices: tuple[Choice, ...]


@dataclass(frozen=True, slots=True)
class ScaleScore:
    """One scale of a finished take: its score, band and what the band means."""

    scale: str
    name: str
    score: float
    band: str
    meaning: str
    fraction: float  # where the score lies between the scale's lowest and highest, 0..1


@dataclass(frozen=True, slots=True)
class TakeResult:
    """A finished take of an instrument: its title, code (interests) and scores."""

    key: str
    title: str
    code: str
    scores: tuple[ScaleScore, ...]


def stepped(c: Cairn, key: str) -> Instrument:
    """One of the assessments asked one item per screen, or NotFound."""
    if key not in STEPPED:
        raise NotFound(f"There is no assessment {key!r} to take here.",
                       "Take interests or values.")
    return c.assess.instrument(key)


def assessment_step(c: Cairn, key: str) -> AssessmentStep:
    """The next unanswered item of the unfinished take of ``key`` (the first item when
    none is started), read without writing anything."""
    inst = stepped(c, key)
    with c.scope.read() as s:
        take = store.unfinished_take(s, key)
        answered = (store.answers(s, take.id)
                    if take is not None and take.version == inst.version else {})
    items = order(inst)
    pending = [(n, it) for n, it in enumerate(items, 1) if it.id not in answered]
    number, item = pending[0] if pending else (len(items), None)
    choices = tuple(Choice(v, inst.labels.get(v, str(v)))
                    for v in range(inst.low, inst.high + 1))
    return AssessmentStep(key, inst.title, inst.description, inst.licence,
                          item.id if item else None, item.text if item else "",
                          item.help if item else "", number, len(items),
                          sum(1 for it in items if it.id in answered), choices)


def answer_step(c: Cairn, key: str, item_id: str, value: float) -> Take | None:
    """Save one answer at once (starting the take with its first answer, resuming an
    unfinished one); when it was the last unanswered item, score the take and return it."""
    inst = stepped(c, key)
    with c.scope.write():
        take, answered = c.assess.resume(inst.key, inst.version)
        c.assess.answer(inst, take.id, item_id, value)
        if all(it.id in answered or it.id == item_id for it in inst.items):
            return c.assess.finish(inst, take.id)
    return None


def _result(inst: Instrument, found: Take) -> TakeResult:
    rows = []
    for r in assess_views.score_rows(found, inst):
        low, high = inst.score_range(r["scale"])
        rows.append(ScaleScore(r["scale"], r["name"], r["score"], r["band"], r["meaning"],
                               (r["score"] - low) / (high - low) if high > low else 0.0))
    return TakeResult(inst.key, inst.title, found.code, tuple(rows))


def take_result(c: Cairn, key: str) -> TakeResult | None:
    """The latest finished take of ``key`` with its scores (None before the first)."""
    inst = stepped(c, key)
    found = c.assess.latest(key)
    return None if found is None else _result(inst, found)


def results(c: Cairn) -> tuple[TakeResult, ...]:
    """The latest finished take of every scored instrument the person took, in the order
    of the instruments (the skills profile only while the catalog that names its skills
    is installed; the passions form has no scores)."""
    found = []
    for key in c.assess.scored_keys():
        take = c.assess.latest(key)
        if take is None:
            continue
        try:
            inst = c.assess.instrument(key, knowledge=True)
        except NotReady:
            continue
        found.append(_result(inst, take))
    return tuple(found)
