"""Where each action is carried out in the browser, and how hints read on a page.

Services say what a person can do next as an :class:`~cairn.core.actions.Action` (a verb
and its parameters). The command line writes it as a ``cairn …`` command
(:mod:`cairn.commands`); the web writes it as a link to the page that does it. ``PAGES``
maps each verb that has a page to its address; a verb without a page yet (or with a
parameter the person still has to choose) falls back to the command text, so a hint is
never a dead link. Add a line here when you add a page that carries out a verb.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, urlencode

from markupsafe import Markup, escape

from cairn.core.actions import Action, Example, Param

ARGUMENT = re.compile(r"\{(\w+)\}")
CODE = re.compile(r"`([^`]+)`")


@dataclass(frozen=True, slots=True)
class Page:
    """A page's address (``{param}`` takes the action's parameter; the others go into the
    query string, to fill in the page's form) and the words of a link to it."""

    path: str
    label: str


PAGES: dict[str, Page] = {
    "init": Page("/onboarding", "the profile form"),
    "status": Page("/today", "Today"),
    # web-track: the check-in, reviews, reports and your data
    "checkin": Page("/checkin", "the check-in"),
    "log": Page("/checkin", "log time"),
    "win": Page("/checkin", "note a win"),
    "review": Page("/review", "the review"),
    "review.list": Page("/review", "past reviews"),
    "review.show": Page("/review/{review_id}", "the review"),
    "report": Page("/reports", "the report"),
    "export": Page("/data", "export your data"),
    "import": Page("/data", "import an export"),
    "delete-all-data": Page("/data", "delete everything"),
    # Explore: the catalog, occupations, matches, gaps, paths; assessments (web-explore)
    "catalog.install": Page("/explore", "install the catalog"),
    "explore.search": Page("/explore/search", "search occupations"),
    "explore.show": Page("/explore/{code}", "the occupation"),
    "explore.match": Page("/explore/matches", "your matches"),
    "explore.gap": Page("/explore/{code}/gap", "your gaps"),
    "assess": Page("/onboarding/assess/{instrument}", "the assessment"),
    "assess.list": Page("/assess", "your assessments"),
    # web-support: verbs the Network, Library and Guide pages carry out
    "contact.list": Page("/network", "your network"),
    "contact.add": Page("/network/contacts/new", "the new contact form"),
    "contact.show": Page("/network/contacts/{contact_id}", "the contact"),
    "contact.log": Page("/network/contacts/{contact_id}", "log the follow-up"),
    "contact.ask": Page("/network/ask", "the feedback request form"),
    "resource.list": Page("/library", "your library"),
    "resource.add": Page("/library/new", "the new resource form"),
    "resource.suggest": Page("/library", "the suggestions in your library"),
    "guide": Page("/guide", "the guide"),
    "template.list": Page("/guide", "the goal templates"),
    "template.use": Page("/guide/templates/{name}", "the template"),
    # web-goals: the Goals area: the goal tree, a goal, its edit form
    "goal.add": Page("/goals/new", "the new goal form"),
    "goal.list": Page("/goals", "the goals"),
    "goal.tree": Page("/goals", "the goal tree"),
    "goal.check": Page("/goals/{goal_id}", "the goal's SMART check"),
    "goal.show": Page("/goals/{goal_id}", "the goal"),
    "goal.edit": Page("/goals/{goal_id}/edit", "the goal's edit form"),
    "goal.pause": Page("/goals/{goal_id}", "the goal's status"),
    "task.list": Page("/goals", "the goal tree"),
    "milestone.add": Page("/goals/{goal_id}", "the goal's milestones"),
    # web-plan: the Plan page and Settings
    "plan": Page("/plan", "the Plan page"),
    "plan.accept": Page("/plan", "the Plan page"),
    "calendar.list": Page("/plan", "your calendars"),
    "area.add": Page("/settings", "Settings"),
    "area.restore": Page("/settings", "Settings"),
    "availability.add": Page("/settings", "your free time"),
    "availability.list": Page("/settings", "your free time"),
    "boundary.list": Page("/settings", "your boundaries"),
    "budget.list": Page("/settings", "your budgets"),
}

# The main navigation, in order: (label, address). Pages not built yet answer with a
# placeholder that names the commands doing the same (``pages/placeholders.py``).
NAV: tuple[tuple[str, str], ...] = (
    ("Today", "/today"),
    ("Goals", "/goals"),
    ("Plan", "/plan"),
    ("Explore", "/explore"),
    ("Check-in", "/checkin"),
    ("Review", "/review"),
    ("Network", "/network"),
    ("Library", "/library"),
    ("Guide", "/guide"),
    ("Reports", "/reports"),
    ("Your data", "/data"),
    ("Settings", "/settings"),
)


def _query_value(value: Param) -> str:
    if value is True:
        return "1"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def href(action: Action) -> str | None:
    """The address of the page that carries out ``action``, or None when there is none yet
    (or a parameter of its address is still to be chosen)."""
    page = PAGES.get(action.verb)
    if page is None:
        return None
    params = {name: None if isinstance(value, Example) else value  # still to be chosen
              for name, value in action.params}
    used = set(ARGUMENT.findall(page.path))
    if any(params.get(name) is None for name in used):
        return None
    path = ARGUMENT.sub(lambda m: quote(_query_value(params[m[1]]), safe=""), page.path)
    extra = [(name, _query_value(value)) for name, value in params.items()
             if name not in used and value is not None and value is not False]
    return f"{path}?{urlencode(extra)}" if extra else path


def command_text(action: Action) -> str:
    """The action as the command that does it (the fallback where no page does)."""
    from cairn.commands import command_line

    try:
        return command_line(action)
    except KeyError:
        return action.verb


def link(action: Action, label: str | None = None) -> Markup:
    """The action as a link to its page, or as the command text when it has no page."""
    url = href(action)
    if url is None:
        return Markup("<code>{}</code>").format(command_text(action))
    return Markup('<a href="{}">{}</a>').format(url, label or PAGES[action.verb].label)


def _text(part: str) -> Markup:
    """Escaped text with `backticked` commands set as code."""
    escaped = str(escape(part))
    return Markup(CODE.sub(r"<code>\1</code>", escaped))  # noqa: S704 - escaped above


def hint_html(hint: str | None, action: Action | None = None) -> Markup:
    """A hint for a page: its ``{action}`` as a link, backticked commands as code."""
    if not hint:
        return Markup("")
    if action is None or "{action}" not in hint:
        return _text(hint)
    return link(action).join(_text(part) for part in hint.split("{action}"))
