"""Queries and writes for assessments (instruments, takes, answers) and goal-occupation links."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from cairn.core.assessment import Take
from cairn.store.assess_tables import AnswerRow, GoalOccupationRow, InstrumentRow, TakeRow
from cairn.store.catalog_tables import RelatedOccupationRow, TechnologyRow
from cairn.store.people import person_of


def _take(row: TakeRow) -> Take:
    return Take(row.id, row.instrument, row.version, row.started_at, row.finished_at,
                json.loads(row.scores) if row.scores else {}, row.code)


# -- instruments loaded from files -----------------------------------------------------


def save_instrument(s: Session, key: str, title: str, version: str, source: str,
                    at: dt.datetime) -> None:
    """Store (or replace) a loaded instrument's TOML text under its key."""
    row = s.scalars(select(InstrumentRow).where(InstrumentRow.person_id == person_of(s),
                                                InstrumentRow.key == key)).first()
    row = row or InstrumentRow(key=key)
    row.title, row.version, row.source, row.loaded_at = title, version, source, at
    s.add(row)


def instrument_source(s: Session, key: str) -> str | None:
    """The TOML text of a loaded instrument."""
    return s.scalar(select(InstrumentRow.source).where(InstrumentRow.person_id == person_of(s),
                                                       InstrumentRow.key == key))


def instrument_keys(s: Session) -> list[tuple[str, str]]:
    """(key, title) of every loaded instrument."""
    return [(r[0], r[1]) for r in s.execute(
        select(InstrumentRow.key, InstrumentRow.title).where(
            InstrumentRow.person_id == person_of(s)).order_by(InstrumentRow.key))]


# -- takes and answers -----------------------------------------------------------------


def unfinished_take(s: Session, instrument: str) -> Take | None:
    """The latest take of an instrument that was started and not finished."""
    row = s.scalars(select(TakeRow).where(TakeRow.person_id == person_of(s),
                                          TakeRow.instrument == instrument,
                                          TakeRow.finished_at.is_(None))
                    .order_by(TakeRow.id.desc()).limit(1)).first()
    return _take(row) if row else None


def start_take(s: Session, instrument: str, version: str, at: dt.datetime) -> Take:
    """A new, empty take."""
    row = TakeRow(instrument=instrument, version=version, started_at=at, code="")
    s.add(row)
    s.flush()
    return _take(row)


def save_answer(s: Session, take_id: int, item_id: str, value: float | None,
                text: str | None, at: dt.datetime) -> None:
    """Record (or correct) one answer of a take."""
    row = s.scalars(select(AnswerRow).where(AnswerRow.person_id == person_of(s),
                                            AnswerRow.take_id == take_id,
                                            AnswerRow.item_id == item_id)).first()
    row = row or AnswerRow(take_id=take_id, item_id=item_id)
    row.value, row.text, row.answered_at = value, text, at
    s.add(row)


def answers(s: Session, take_id: int) -> dict[str, tuple[float | None, str | None]]:
    """item id -> (value, text) of a take, in the order answered."""
    q = select(AnswerRow).where(AnswerRow.person_id == person_of(s),
                                AnswerRow.take_id == take_id).order_by(AnswerRow.id)
    return {r.item_id: (r.value, r.text) for r in s.scalars(q)}


def finish_take(s: Session, take_id: int, scores: Mapping[str, Any], code: str,
                at: dt.datetime) -> Take:
    """Store a take's scores and mark it finished."""
    row = s.get(TakeRow, (person_of(s), take_id))
    assert row is not None
    row.scores = json.dumps(scores, sort_keys=True, ensure_ascii=False)
    row.code, row.finished_at = code, at
    s.flush()
    return _take(row)


def takes(s: Session, instrument: str | None = None, *, finished: bool = True) -> list[Take]:
    """Takes, oldest first, of one instrument or all."""
    q = select(TakeRow).where(TakeRow.person_id == person_of(s)).order_by(TakeRow.id)
    if instrument:
        q = q.where(TakeRow.instrument == instrument)
    if finished:
        q = q.where(TakeRow.finished_at.is_not(None))
    return [_take(r) for r in s.scalars(q)]


def latest(s: Session, instrument: str) -> Take | None:
    """The most recent finished take of an instrument."""
    row = s.scalars(select(TakeRow).where(TakeRow.person_id == person_of(s),
                                          TakeRow.instrument == instrument,
                                          TakeRow.finished_at.is_not(None))
                    .order_by(TakeRow.id.desc()).limit(1)).first()
    return _take(row) if row else None


# -- goals linked to occupations -------------------------------------------------------


def link_goal(s: Session, goal_id: int, code: str, at: dt.datetime) -> None:
    """Remember that a goal was made to move towards an occupation."""
    s.add(GoalOccupationRow(goal_id=goal_id, code=code, created_at=at))


def goal_occupations(s: Session) -> dict[int, str]:
    """goal id -> occupation code."""
    return {r[0]: r[1] for r in s.execute(
        select(GoalOccupationRow.goal_id, GoalOccupationRow.code).where(
            GoalOccupationRow.person_id == person_of(s)).order_by(GoalOccupationRow.id))}


# -- catalog reads matching needs in bulk ----------------------------------------------


def related_edges(s: Session) -> list[tuple[str, str]]:
    """Every (occupation, related occupation) pair, in one query."""
    q = select(RelatedOccupationRow.code, RelatedOccupationRow.related_code).order_by(
        RelatedOccupationRow.code, RelatedOccupationRow.rank)
    return [(r[0], r[1]) for r in s.execute(q)]


def technology_codes(s: Session, phrase: str) -> set[str]:
    """Occupations using a technology whose example or kind names the phrase."""
    pattern = f"%{phrase.lower()}%"
    q = select(TechnologyRow.code).where(or_(func.lower(TechnologyRow.example).like(pattern),
                                             func.lower(TechnologyRow.commodity_title)
                                             .like(pattern))).distinct()
    return set(s.scalars(q))
