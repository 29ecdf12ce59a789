"""What waits while rest mode is on: reviews, follow-ups, crowding alerts, burnout advice.

Rest mode pauses plans without penalty, and ``cairn rest start`` promises that streaks
and reviews wait. So on a day in rest mode nothing that is due nags: a review or a
follow-up that has fallen due is *waiting* (it keeps the day it fell due), the alerts
that work crowds out the rest of life wait, and the burnout indicator keeps its level
but holds back its reasons and advice until asked (``cairn burnout``). Nothing is moved
or lost: the day rest mode ends, whatever is still due is due again. Calendar reminders
that would fall in a rest period move to the day after it (:func:`after_rest`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from cairn.core.review import DueReview
from cairn.core.support import FollowUp
from cairn.core.tracking import RestPeriod


def rest_on(rests: Sequence[RestPeriod], day: dt.date) -> RestPeriod | None:
    """The rest period covering ``day``, if any."""
    return next((r for r in rests if r.covers(day)), None)


def after_rest(day: dt.date, rests: Sequence[RestPeriod]) -> dt.date | None:
    """``day``, or the first day after the rest periods covering it (back to back ones
    included); None while an open-ended rest period covers it: it waits with no date."""
    current = day
    while (r := rest_on(rests, current)) is not None:
        if r.end is None:
            return None
        current = r.end + dt.timedelta(days=1)
    return current


@dataclass(frozen=True, slots=True)
class Nudges:
    """What the status calls for today, and what waits for rest mode to end.

    Reviews come in three kinds: ``reviews_due`` (act now), ``reviews_waiting`` (due,
    but rest mode is on) and ``reviews_upcoming`` (not due yet). Follow-ups and alerts
    are either due or waiting. ``burnout_waits`` says the burnout reasons and advice
    wait too (the level is still shown).
    """

    rest: RestPeriod | None
    reviews_due: tuple[DueReview, ...]
    reviews_waiting: tuple[DueReview, ...]
    reviews_upcoming: tuple[DueReview, ...]
    followups_due: tuple[FollowUp, ...]
    followups_waiting: tuple[FollowUp, ...]
    alerts: tuple[str, ...]
    alerts_waiting: tuple[str, ...]

    @property
    def burnout_waits(self) -> bool:
        """True in rest mode: the burnout reasons and their advice are held back."""
        return self.rest is not None


def nudges(today: dt.date, rests: Sequence[RestPeriod], reviews: Sequence[DueReview],
           followups: Sequence[FollowUp] = (), alerts: Sequence[str] = ()) -> Nudges:
    """Sort reviews, due follow-ups and alerts into what is due now and what waits."""
    rest = rest_on(rests, today)
    due = tuple(d for d in reviews if d.is_due(today))
    upcoming = tuple(d for d in reviews if not d.is_due(today))
    follow = tuple(f for f in followups if f.due <= today)
    if rest is None:
        return Nudges(None, due, (), upcoming, follow, (), tuple(alerts), ())
    return Nudges(rest, (), due, upcoming, (), follow, (), tuple(alerts))
