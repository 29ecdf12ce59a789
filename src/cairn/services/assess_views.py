"""JSON shapes of assessment results (stable field names for `--json`)."""

from __future__ import annotations

from typing import TypedDict

from cairn.core.assessment import Instrument, ScaleScore, Take, letter_code
from cairn.services.viewmodel import JsonValue


class ScoreRowJson(TypedDict):
    """One scale of a take: scale (its id), name, score, band and its meaning."""

    scale: str
    name: str
    score: float
    band: str
    meaning: str


class TakeJson(TypedDict):
    """:func:`take`."""

    id: int
    instrument: str
    version: str
    taken_at: str | None
    code: str
    code_notes: list[str]
    scores: list[ScoreRowJson]


class HistoryEntryJson(TypedDict):
    """:func:`history_entry`: ``scores`` as the take keeps them (scale -> score; the
    passions form keeps its answers there)."""

    id: int
    instrument: str
    taken_at: str | None
    code: str
    scores: dict[str, JsonValue]
    changes: list[str]


def score_rows(take: Take, inst: Instrument) -> list[ScoreRowJson]:
    """One row per scale: id, name, score, band and its meaning."""
    rows: list[ScoreRowJson] = []
    for sc in inst.scales:
        if sc.id not in take.scores:
            continue
        value = float(take.scores[sc.id])
        band = inst.band(value)
        rows.append({"scale": sc.id, "name": sc.name, "score": value,
                     "band": band.label if band else "", "meaning": band.meaning if band else ""})
    return rows


def code_notes(take: Take, inst: Instrument) -> list[str]:
    """Why the letter code is what it is when scores tie."""
    if not inst.code_letters:
        return []
    scores = [ScaleScore(r["scale"], r["name"], r["score"], 0, 0) for r in score_rows(take, inst)]
    return list(letter_code(scores, inst.code_letters)[1])


def take(t: Take, inst: Instrument) -> TakeJson:
    """A finished take with its scores."""
    return {"id": t.id, "instrument": t.instrument, "version": t.version,
            "taken_at": t.finished_at.isoformat() if t.finished_at else None,
            "code": t.code, "code_notes": code_notes(t, inst), "scores": score_rows(t, inst)}


def history_entry(t: Take, moved: list[str]) -> HistoryEntryJson:
    """One take in the history, with what changed since the previous one."""
    return {"id": t.id, "instrument": t.instrument,
            "taken_at": t.finished_at.isoformat() if t.finished_at else None,
            "code": t.code, "scores": dict(t.scores), "changes": moved}
