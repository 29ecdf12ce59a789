"""Assessments one question at a time (the web): where a take stands, one answer saved
as it is given, the take scored when its last question is answered; and every
instrument a person can take with where they stand (:func:`statuses`).

Every instrument with items is asked this way (interests and work values in onboarding,
the skills profile, a coach's loaded instruments); the passions form is one form
(:func:`passions_form`, saved whole by ``AssessmentService.save_constraints``). A take
resumes at its first unanswered question, in the order they are asked (:func:`questions`,
as ``cairn assess`` asks them); reading where a take stands writes nothing (a take is
started by its first answer).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cairn.core.actions import Action
from cairn.core.assessment import Answer, Instrument, Item, Take, asking_order, required
from cairn.core.errors import InvalidInput, NotFound, NotReady
from cairn.core.person import Constraints, read_constraints
from cairn.services import assess_views
from cairn.services.assess import PASSIONS
from cairn.store import assess as store

if TYPE_CHECKING:
    from cairn.services.app import Cairn

ONBOARDING = ("interests", "values")  # the assessments of onboarding, in their order
INTERLEAVED = ("interests",)  # written in blocks of ten per type; asked one of each in turn


def order(inst: Instrument) -> list[Item]:
    """The items of an instrument in the order they are asked."""
    return asking_order(inst.items) if inst.key in INTERLEAVED else list(inst.items)


@dataclass(frozen=True, slots=True)
class Question:
    """One question as asked: the answer's key (the item's id, or ``id.area`` for an item
    asked once per life area), the item and its wording."""

    key: str
    item: Item
    text: str


def questions(c: Cairn, inst: Instrument) -> list[Question]:
    """Every question of an instrument in the order asked (a per-area item once for each
    of the person's life areas), as ``cairn assess`` asks them."""
    areas = ([(a.key, a.name) for a in c.profile.areas()]
             if any(it.per_area for it in inst.items) else [])
    found = []
    for item in order(inst):
        if item.per_area:
            found += [Question(f"{item.id}.{key}", item, item.text.replace("{area}", name))
                      for key, name in areas]
        else:
            found.append(Question(item.id, item, item.text))
    return found


@dataclass(frozen=True, slots=True)
class Choice:
    """One answer on the response scale: its value and its words."""

    value: int
    label: str


@dataclass(frozen=True, slots=True)
class AssessmentStep:
    """Where a take stands: the next question to answer (``item_id`` None when every one
    is answered), its place (``number`` of ``total``), how many are answered, its kind
    (``rating`` answered from ``choices``, ``number`` within ``low``-``high`` when
    given, or ``text``) and whether it may be skipped."""

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
    kind: str = "rating"
    skippable: bool = False
    low: float | None = None
    high: float | None = None


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


@dataclass(frozen=True, slots=True)
class InstrumentStatus:
    """One instrument a person can take: whether a take is under way (how many answered
    of how many) and the latest finished take's scores."""

    key: str
    title: str
    stepped: bool  # False for the passions form: one form, not a question at a time
    answered: int
    total: int
    latest: TakeResult | None
    taken_at: dt.datetime | None
    ready: bool = True  # False: the skills profile before the catalog naming them is installed


@dataclass(frozen=True, slots=True)
class PassionsForm:
    """The passions-and-constraints form as last saved (empty before the first save)."""

    constraints: Constraints
    saved_at: dt.datetime | None


def passions_form(c: Cairn) -> PassionsForm:
    """The latest passions and constraints, to show in the form for changing."""
    latest = c.assess.latest(PASSIONS)
    if latest is None:
        return PassionsForm(Constraints(), None)
    return PassionsForm(read_constraints(latest.scores), latest.finished_at)


def stepped(c: Cairn, key: str) -> Instrument:
    """An instrument asked one question per screen (every one but the passions form), or
    NotFound; the skills profile needs the catalog that names its skills (NotReady)."""
    if key == PASSIONS:
        raise NotFound("The passions form is one form, not a question at a time.",
                       "Fill it in at {action}.", Action.to("assess", instrument=PASSIONS))
    if key not in c.assess.scored_keys():
        raise NotFound(f"There is no assessment {key!r} to take here.",
                       "Pick one from {action}.", Action.to("assess.list"))
    return c.assess.instrument(key)


def assessment_step(c: Cairn, key: str) -> AssessmentStep:
    """The next unanswered question of the unfinished take of ``key`` (the first when none
    is started), read without writing anything."""
    inst = stepped(c, key)
    with c.scope.read() as s:
        take = store.unfinished_take(s, key)
        answered = (store.answers(s, take.id)
                    if take is not None and take.version == inst.version else {})
    asked = questions(c, inst)
    pending = [(n, q) for n, q in enumerate(asked, 1) if q.key not in answered]
    number, question = pending[0] if pending else (len(asked), None)
    choices = tuple(Choice(v, inst.labels.get(v, str(v)))
                    for v in range(inst.low, inst.high + 1))
    item = question.item if question else None
    return AssessmentStep(key, inst.title, inst.description, inst.licence,
                          question.key if question else None,
                          question.text if question else "", item.help if item else "",
                          number, len(asked), sum(1 for q in asked if q.key in answered),
                          choices if item is None or item.kind == "rating" else (),
                          item.kind if item else "rating",
                          item is not None and not required(inst, item),
                          item.min if item else None, item.max if item else None)


def answer_step(c: Cairn, key: str, question_key: str, value: Answer | None) -> Take | None:
    """Save one answer at once (None skips a question that may be skipped), starting the
    take with its first answer or resuming an unfinished one; when it was the last
    unanswered question, score the take and return it."""
    inst = stepped(c, key)
    asked = questions(c, inst)
    question = next((q for q in asked if q.key == question_key), None)
    if question is None:
        raise InvalidInput("That question is not part of this assessment.",
                           "Reload the page and answer the question it shows.")
    if value is None and required(inst, question.item):
        raise InvalidInput("This question needs an answer.",
                           "Pick the answer closest to how you see it.")
    with c.scope.write():
        take, answered = c.assess.resume(inst.key, inst.version)
        try:
            c.assess.answer(inst, take.id, question_key, value)
        except InvalidInput as err:  # the question's id means nothing to the person
            raise InvalidInput(err.message.removeprefix(f"{question_key}: "), err.hint,
                               err.action, field="answer") from err
        if all(q.key in answered or q.key == question_key for q in asked):
            return c.assess.finish(inst, take.id)
    return None


def statuses(c: Cairn) -> tuple[InstrumentStatus, ...]:
    """Every instrument the person can take, with where they stand on it."""
    done = {r.key: r for r in results(c)}
    found = []
    for key, title in c.assess.instruments():
        latest = c.assess.latest(key)
        answered = total = 0
        ready = True
        if key != PASSIONS:
            try:
                step = assessment_step(c, key)
            except NotReady:  # the skills profile before the catalog is installed
                ready = False
            else:
                answered, total = step.answered, step.total
        found.append(InstrumentStatus(key, title, key != PASSIONS, answered, total,
                                      done.get(key),
                                      latest.finished_at if latest is not None else None,
                                      ready))
    return tuple(found)


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
