"""What changed between takes of an assessment: for history and the six-monthly reassessment.

A reassessment compares each assessment's latest take with the take that stood at
the previous reassessment (the latest finished by then), or, when there was none,
with the first take. The comparison keeps every scale's score and rank before and
after, and says in words what matters for the instrument: the letter code and
every score for interests, the ranking for work values, the ratings that went up
or down for skills.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from cairn.core.actions import Action, ActionWriter, Hint
from cairn.core.assessment import Take

# How each instrument's change is told; others get "scores".
STYLES = {"interests": "scores", "values": "ranks", "skills": "levels"}
TITLES = {"interests": "Interests", "values": "Work values", "skills": "Skills"}


@dataclass(frozen=True, slots=True)
class ScaleChange:
    """One scale's score and rank (1 = highest) before and after; None where not scored."""

    scale: str
    name: str
    before: float | None
    after: float | None
    rank_before: int | None
    rank_after: int | None

    @property
    def delta(self) -> float | None:
        """after - before, when both are known."""
        if self.before is None or self.after is None:
            return None
        return round(self.after - self.before, 4)


@dataclass(frozen=True)
class TakeComparison:
    """An instrument's latest take against its baseline, and what changed."""

    instrument: str
    since: dt.datetime | None
    before: Take | None
    after: Take | None
    scales: tuple[ScaleChange, ...]

    @property
    def retaken(self) -> bool:
        """True when there is a newer take than the baseline to compare."""
        return (self.after is not None and self.before is not None
                and self.after.id != self.before.id)

    @property
    def action(self) -> Action | None:
        """Taking the instrument, while there is no newer take to compare."""
        return None if self.retaken else Action.to("assess", instrument=self.instrument)

    def lines(self, write: ActionWriter | None = None) -> list[str]:
        """What changed, in words: a heading line, then one line per change; ``write``
        writes :attr:`action` (by default as the command, in backticks)."""
        title = TITLES.get(self.instrument, self.instrument)
        if self.after is None or not self.retaken:
            if write is None:
                from cairn.commands import quoted

                write = quoted
            if self.after is None:
                text = f"{title}: never taken; take it with {{action}}."
            else:
                when = f"since {self.since:%Y-%m-%d}" if self.since else "yet"
                text = (f"{title}: not retaken {when}; take #{self.after.id} of "
                        f"{_day(self.after)} still stands (retake: {{action}}).")
            return [Hint(text, self.action).render(write)]
        assert self.before is not None
        out = [f"{title}: take #{self.before.id} of {_day(self.before)} -> take "
               f"#{self.after.id} of {_day(self.after)}."]
        if self.before.code or self.after.code:
            same = " (unchanged)" if self.before.code == self.after.code else ""
            out.append(f"code {self.before.code or '-'} -> {self.after.code or '-'}{same}")
        style = STYLES.get(self.instrument, "scores")
        body = {"ranks": self._ranks, "levels": self._levels}.get(style, self._scores)()
        return out + (body or ["no score changed"])

    def _scores(self) -> list[str]:
        return [f"{c.name} {_num(c.before)} -> {_num(c.after)}"
                + (f" ({_delta(c.delta)})" if c.delta else "") for c in self.scales]

    def _ranks(self) -> list[str]:
        moved = [f"{c.name}: {_ordinal(c.rank_before)} -> {_ordinal(c.rank_after)} "
                 f"({_num(c.before)} -> {_num(c.after)})"
                 for c in sorted(self.scales, key=lambda c: c.rank_after or 99)
                 if c.rank_before != c.rank_after]
        order = " > ".join(c.name for c in sorted(self.scales, key=lambda c: c.rank_after or 99)
                           if c.rank_after is not None)
        if not moved:
            return [f"ranking unchanged: {order}"]
        return [*moved, f"ranking now: {order}"]

    def _levels(self) -> list[str]:
        up = [c for c in self.scales if (c.delta or 0) > 0]
        down = [c for c in self.scales if (c.delta or 0) < 0]
        new = [c for c in self.scales if c.before is None and c.after is not None]
        gone = [c for c in self.scales if c.after is None and c.before is not None]
        out = []
        for label, found in (("up", sorted(up, key=lambda c: -(c.delta or 0))),
                             ("down", sorted(down, key=lambda c: c.delta or 0))):
            if found:
                out.append(f"{label}: " + ", ".join(f"{c.name} {_num(c.before)} -> "
                                                    f"{_num(c.after)}" for c in found))
        if new:
            out.append("newly rated: " + ", ".join(f"{c.name} {_num(c.after)}" for c in new))
        if gone:
            out.append("not rated this time: " + ", ".join(f"{c.name} (was {_num(c.before)})"
                                                           for c in gone))
        return out

    def to_json(self) -> dict[str, Any]:
        """instrument, since, retaken, before, after (take, taken_at, code), scales
        (scale, name, before, after, rank_before, rank_after), lines."""
        return {
            "instrument": self.instrument,
            "since": self.since.isoformat() if self.since else None,
            "retaken": self.retaken,
            "before": _take_json(self.before), "after": _take_json(self.after),
            "scales": [{"scale": c.scale, "name": c.name, "before": c.before, "after": c.after,
                        "rank_before": c.rank_before, "rank_after": c.rank_after}
                       for c in self.scales],
            "lines": self.lines(),
        }


def _day(take: Take) -> str:
    return f"{take.finished_at:%Y-%m-%d}" if take.finished_at else "?"


def _num(value: float | None) -> str:
    """A score as the README states it: two decimals at most (3.3333 -> '3.33', 5.0 -> '5')."""
    return "-" if value is None else f"{value:.2f}".rstrip("0").rstrip(".")


def _delta(value: float) -> str:
    return ("+" if value > 0 else "") + _num(value)


def _ordinal(rank: int | None) -> str:
    if rank is None:
        return "-"
    suffix = "th" if 10 <= rank % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(rank % 10, "th")
    return f"{rank}{suffix}"


def _take_json(take: Take | None) -> dict[str, Any] | None:
    if take is None:
        return None
    return {"take": take.id, "taken_at": take.finished_at.isoformat() if take.finished_at
            else None, "code": take.code}


def baseline(takes: Sequence[Take], since: dt.datetime | None) -> Take | None:
    """The take to compare against: the latest finished by ``since`` (the previous
    reassessment), else the first take. ``takes`` are finished, oldest first."""
    if not takes:
        return None
    if since is not None:
        standing = [t for t in takes if t.finished_at is not None and t.finished_at <= since]
        if standing:
            return standing[-1]
    return takes[0]


def _ranks(scores: Mapping[str, float], order: Sequence[str]) -> dict[str, int]:
    """1 for the highest score; ties keep the instrument's scale order."""
    ranked = sorted((k for k in order if k in scores), key=lambda k: -scores[k])
    return {k: i for i, k in enumerate(ranked, 1)}


def compare_takes(instrument: str, takes: Sequence[Take], since: dt.datetime | None,
                  names: Mapping[str, str]) -> TakeComparison:
    """Compare the latest take with its baseline, scale by scale.

    ``takes`` are the instrument's finished takes, oldest first; ``names`` maps scale
    ids to names in the instrument's order (ids not named are kept, after them).
    """
    after = takes[-1] if takes else None
    before = baseline(takes, since)
    b_scores = _numbers(before.scores) if before else {}
    a_scores = _numbers(after.scores) if after else {}
    order = [*names, *sorted((set(b_scores) | set(a_scores)) - set(names))]
    rb, ra = _ranks(b_scores, order), _ranks(a_scores, order)
    scales = tuple(ScaleChange(k, names.get(k, k), b_scores.get(k), a_scores.get(k),
                               rb.get(k), ra.get(k))
                   for k in order if k in b_scores or k in a_scores)
    return TakeComparison(instrument, since, before, after, scales)


def _numbers(scores: Mapping[str, Any]) -> dict[str, float]:
    return {k: float(v) for k, v in scores.items()
            if isinstance(v, int | float) and not isinstance(v, bool)}


def changes(before: Mapping[str, float], after: Mapping[str, float],
            names: Mapping[str, str], threshold: float = 0.0) -> list[str]:
    """What changed between two takes' scores, biggest moves first, in words."""
    moved = []
    for key in sorted(set(before) | set(after)):
        a, b = before.get(key), after.get(key)
        name = names.get(key, key)
        if a is None and b is not None:
            moved.append((float("inf"), f"{name}: new, {_num(b)}"))
        elif b is None and a is not None:
            moved.append((float("inf"), f"{name}: not rated this time (was {_num(a)})"))
        elif a is not None and b is not None and abs(b - a) > threshold:
            moved.append((abs(b - a), f"{name}: {_num(a)} -> {_num(b)} ({_delta(b - a)})"))
    moved.sort(key=lambda m: -m[0])
    return [m[1] for m in moved]
