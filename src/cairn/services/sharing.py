"""Sharing with a mentor or coach: a person chooses which parts of their plan another
account may see, read-only or with comments; revoking takes effect on the mentor's next
request. Every view and comment by someone other than the owner is kept in an audit log
the owner reads. A mentor's list is in the order people shared, never ranked by any
score.

A mentor's page shows each part shared and nothing else: ``goals`` (the goals with their
progress and the comments on them), ``plan`` (the week of the plan: sessions, rest days,
budgets against hours planned and logged; busy times from the person's calendars only
counted, never their titles), ``checkins`` (the latest check-ins with their index; their
notes stay the person's own), ``assessments`` (the latest scores of each instrument
taken) and ``reviews`` (the reviews held, with their decisions and notes).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from cairn.core.errors import Conflict, InvalidInput, NotAllowed, NotFound
from cairn.core.model import Horizon
from cairn.core.rules import check_text, check_title
from cairn.services.app import Cairn
from cairn.services.assess_pages import TakeResult, results
from cairn.services.pages import goal_list
from cairn.services.plan_pages import PlanWeek, plan_week
from cairn.services.track_pages import CheckInView, ReviewView, checkin_list, review_list
from cairn.services.views import GoalView
from cairn.store import accounts as account_store
from cairn.store import sharing as store
from cairn.store.accounts import Account
from cairn.store.db import Database
from cairn.store.sharing import AuditEntry, Comment, Share, Suggestion

PARTS: dict[str, str] = {
    "goals": "Goals and progress",
    "plan": "The week plan",
    "checkins": "Check-ins and well-being",
    "assessments": "Assessments",
    "reviews": "Reviews",
}
MAX_COMMENT = 2000


RECENT_CHECKINS = 12  # the check-ins a mentor sees, newest first
RECENT_REVIEWS = 10


@dataclass(frozen=True, slots=True)
class SharedView:
    """What a mentor sees of one person: each part they share (None: not shared)."""

    share: Share
    goals: tuple[GoalView, ...] | None
    comments: dict[int, tuple[Comment, ...]]
    plan: PlanWeek | None
    checkins: tuple[CheckInView, ...] | None
    assessments: tuple[TakeResult, ...] | None
    reviews: tuple[ReviewView, ...] | None


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def check_parts(chosen: list[str]) -> tuple[str, ...]:
    """The parts chosen, known and in order; at least one."""
    unknown = [p for p in chosen if p not in PARTS]
    if unknown:
        raise InvalidInput(f"{unknown[0]!r} is not a part of the plan.",
                           f"Choose from {', '.join(PARTS)}.", field="parts")
    parts = tuple(p for p in PARTS if p in chosen)
    if not parts:
        raise InvalidInput("Choose at least one part to share.", "Tick what they may see.",
                           field="parts")
    return parts


def goal_comments(c: Cairn, goal_id: int) -> list[Comment]:
    """The comments mentors left on one of the facade's person's goals (``goal show``)."""
    with c.scope.read() as s:
        return store.comments(s, goal_id)


class Sharing:
    """Shares, their audit and comments, for the accounts of one database."""

    def __init__(self, db: Database) -> None:
        self.db = db

    # -- the owner ---------------------------------------------------------------------

    def share(self, owner: Account, mentor_email: str, parts: list[str],
              comments: bool) -> Share:
        """Share ``parts`` with the account of ``mentor_email``."""
        chosen = check_parts(parts)
        email = mentor_email.strip().lower()
        with self.db.session(write=True) as s:
            found = account_store.find_account(s, email)
            if found is None:
                raise InvalidInput(f"There is no account for {email or 'that address'} here.",
                                   "Ask them to make one first, then share again.",
                                   field="email")
            mentor = found[0]
            if mentor.id == owner.id:
                raise InvalidInput("That is your own account.", "Give your mentor's email.",
                                   field="email")
            if any(sh.mentor_account_id == mentor.id
                   for sh in store.shares_by(s, owner.person_id) if sh.revoked_at is None):
                raise Conflict(f"You already share with {email}.",
                               "Revoke that share first to change what they see.")
            share_id = store.add_share(s, owner.person_id, mentor.id, chosen, comments, _now())
            shared = store.get_share(s, share_id)
        assert shared is not None
        return shared

    def shares(self, owner: Account) -> list[Share]:
        """Everything the person shared (revoked ones too, marked)."""
        with self.db.session() as s:
            return store.shares_by(s, owner.person_id)

    def revoke(self, owner: Account, share_id: int) -> None:
        """End a share now: the mentor's next request is refused."""
        with self.db.session(write=True) as s:
            if not store.revoke(s, share_id, owner.person_id, _now()):
                raise NotFound(f"You have no share {share_id} to revoke.",
                               "Pick one from the list of your shares.")

    def audit(self, owner: Account) -> list[AuditEntry]:
        """Who saw or did what with the person's data, newest first."""
        with self.db.session() as s:
            return store.audit(s, owner.person_id)

    # -- the mentor --------------------------------------------------------------------

    def shared_with(self, mentor: Account) -> list[Share]:
        """The people who share with this account, in the order they shared."""
        with self.db.session() as s:
            return store.shares_with(s, mentor.id)

    def _live(self, mentor: Account, share_id: int, part: str | None = None) -> Share:
        with self.db.session() as s:
            share = store.get_share(s, share_id)
        if share is None or share.mentor_account_id != mentor.id or share.revoked_at:
            raise NotFound("Nothing is shared with you under this address.",
                           "Go to the list of people who share with you.")
        if part is not None and part not in share.parts:
            raise NotAllowed(f"{share.owner_email} does not share {PARTS[part].lower()}.",
                             "Ask them if you need it.")
        return share

    def view(self, mentor: Account, share_id: int) -> SharedView:
        """Every part the person shares with this account, and nothing else (the view is
        recorded in their audit log)."""
        share = self._live(mentor, share_id)
        owner = Cairn.for_person(self.db, share.owner_person_id)
        parts = set(share.parts)
        goals, comments = None, {}
        if "goals" in parts:
            goals = goal_list(owner)
            with self.db.session(share.owner_person_id) as s:
                found = store.comments(s)
            by_goal: dict[int, list[Comment]] = {}
            for c in found:
                by_goal.setdefault(c.goal_id, []).append(c)
            comments = {k: tuple(v) for k, v in by_goal.items()}
        plan = plan_week(owner) if "plan" in parts else None
        checkins = None
        if "checkins" in parts:  # a check-in's note stays the person's own
            latest = checkin_list(owner)[-RECENT_CHECKINS:]
            checkins = tuple(replace(x, note="") for x in reversed(latest))
        assessments = results(owner) if "assessments" in parts else None
        reviews = (tuple(reversed(review_list(owner)[-RECENT_REVIEWS:]))
                   if "reviews" in parts else None)
        seen = ", ".join(PARTS[p].lower() for p in share.parts)
        with self.db.session(write=True) as s:
            store.add_audit(s, share.owner_person_id, mentor.email, f"viewed {seen}", _now())
        return SharedView(share, goals, comments, plan, checkins, assessments, reviews)

    def comment(self, mentor: Account, share_id: int, goal_id: int, body: str) -> Comment:
        """A comment on one of the person's goals (where they allowed comments)."""
        share = self._live(mentor, share_id, "goals")
        if not share.comments:
            raise NotAllowed(f"{share.owner_email} shares read-only.",
                             "Ask them to allow comments.")
        text = body.strip()
        if not text or len(text) > MAX_COMMENT:
            raise InvalidInput("Write a comment of 1 to 2,000 characters.",
                               "Say what you think of this goal.", field="body")
        owner = Cairn.for_person(self.db, share.owner_person_id)
        goal = owner.goals.get(goal_id)  # NotFound for an id the person does not have
        now = _now()
        with self.db.session(share.owner_person_id, write=True) as s:  # one transaction
            comment_id = store.add_comment(s, goal.id, mentor.email, text, now)
            store.add_audit(s, share.owner_person_id, mentor.email,
                            f"commented on goal {goal.id} ({goal.title})", now)
        return Comment(comment_id, goal.id, mentor.email, text, now)

    def comments_for(self, owner: Account, goal_id: int | None = None) -> list[Comment]:
        """The comments on the person's own goals."""
        with self.db.session(owner.person_id) as s:
            return store.comments(s, goal_id)

    # -- suggested goals ---------------------------------------------------------------

    def suggest(self, mentor: Account, share_id: int, title: str, why: str = "") -> int:
        """Suggest a goal to the person (where they allow comments and suggestions)."""
        share = self._live(mentor, share_id, "goals")
        if not share.comments:
            raise NotAllowed(f"{share.owner_email} shares read-only.",
                             "Ask them to allow comments and suggestions.")
        title = check_title(title, "title")
        why = check_text(why, "why").strip()
        now = _now()
        with self.db.session(share.owner_person_id, write=True) as s:  # one transaction
            found = store.add_suggestion(s, mentor.email, title, why, now)
            store.add_audit(s, share.owner_person_id, mentor.email,
                            f"suggested the goal {title!r}", now)
        return found

    def suggestions(self, owner: Account) -> list[Suggestion]:
        """The goals mentors suggested to the person, newest first."""
        with self.db.session(owner.person_id) as s:
            return store.suggestions(s)

    def accept(self, owner: Account, suggestion_id: int) -> int:
        """Make an open suggestion the person's own short-term career goal (to edit as
        they like); the goal's id."""
        c = Cairn.for_person(self.db, owner.person_id)
        with c.scope.write() as s:  # the goal and the answer land together
            found = store.get_suggestion(s, suggestion_id)
            if found is None or found.status != "open":
                raise NotFound(f"There is no open suggestion {suggestion_id}.",
                               "Pick one from the list of suggestions.")
            goal = c.goals.add(found.title, area="career", horizon=Horizon.SHORT_TERM,
                               why=found.why)
            store.settle_suggestion(s, suggestion_id, "accepted", goal.id)
        return goal.id

    def decline(self, owner: Account, suggestion_id: int) -> None:
        """Decline an open suggestion."""
        with self.db.session(owner.person_id, write=True) as s:
            if not store.settle_suggestion(s, suggestion_id, "declined"):
                raise NotFound(f"There is no open suggestion {suggestion_id}.",
                               "Pick one from the list of suggestions.")
