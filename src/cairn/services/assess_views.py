"""JSON shapes of assessment results (stable field names for `--json`)."""

from __future__ import annotations

from typing import Any

from cairn.core.assessment import Instrument, ScaleScore, Take, letter_code


def score_rows(take: Take, inst: Instrument) -> list[dict[str, Any]]:
    """One row per scale: id, name, score, band and its meaning."""
    rows = []
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


def take(t: Take, inst: Instrument) -> dict[str, Any]:
    """A finished take with its scores."""
    return {"id": t.id, "instrument": t.instrument, "version": t.version,
            "taken_at": t.finished_at.isoformat() if t.finished_at else None,
            "code": t.code, "code_notes": code_notes(t, inst), "scores": score_rows(t, inst)}


def history_entry(t: Take, moved: list[str]) -> dict[str, Any]:
    """One take in the history, with what changed since the previous one."""
    return {"id": t.id, "instrument": t.instrument,
            "taken_at": t.finished_at.isoformat() if t.finished_at else None,
            "code": t.code, "scores": dict(t.scores), "changes": moved}
