"""Actions as data, written by each edge; view models written as JSON."""

from __future__ import annotations

import ast
import dataclasses
import datetime as dt
import json
import re
from pathlib import Path

import pytest
from markupsafe import Markup

from cairn.commands import COMMANDS, command_line, hint_text, quoted
from cairn.core.actions import Action, Example, Hint
from cairn.core.errors import CairnError, InvalidInput, NotFound, NotReady
from cairn.core.model import Horizon
from cairn.services.app import Cairn
from cairn.services.viewmodel import to_json
from cairn.web.links import hint_html, href


def test_an_action_is_written_as_the_command_that_does_it():
    assert command_line(Action.to("init")) == "cairn init"
    assert command_line(Action.to("goal.edit", goal_id=3, deadline="in 6 months",
                                  reason="why it moved")) == (
        "cairn goal edit 3 --deadline 'in 6 months' --reason 'why it moved'")
    assert command_line(Action.to("goal.pause", goal_id=None, reason="not now")) == (
        "cairn goal pause GOAL_ID --reason 'not now'")
    assert command_line(Action.to("explore.gap", code="15-1252.00", make_goal=True,
                                  knowledge=False)) == "cairn explore gap 15-1252.00 --make-goal"
    assert command_line(Action.to("goal.edit", goal_id=2, target=12.0)) == (
        "cairn goal edit 2 --target 12")


def test_an_example_is_written_on_the_command_line_and_left_unset_elsewhere():
    action = Action.to("goal.edit", goal_id=3, deadline=Example("'in 6 months'"),
                       target=Example("N"), horizon="long-term")
    assert command_line(action) == (
        "cairn goal edit 3 --deadline 'in 6 months' --target N --horizon long-term")
    # the web and JSON see a parameter still to choose, as if it were None
    assert href(action) == "/goals/3/edit?horizon=long-term"
    unset = {"verb": "goal.edit", "params": {"goal_id": 3, "deadline": None, "target": None,
                                             "horizon": "long-term"}}
    assert action.as_json() == to_json(action) == unset
    assert href(Action.to("goal.show", goal_id=Example("GOAL_ID"))) is None  # no page yet
    assert command_line(Action.to("goal.show", goal_id=Example("GOAL_ID"))) == (
        "cairn goal show GOAL_ID")


def test_every_verb_has_a_command_and_unknown_verbs_are_refused():
    for verb, template in COMMANDS.items():
        assert template.startswith("cairn ")
        assert command_line(Action(verb)).startswith("cairn ")
    with pytest.raises(KeyError, match="no command line"):
        command_line(Action.to("no.such.thing"))


def test_hints_and_errors_name_their_action_where_the_text_says():
    hint = Hint("See the ids with {action}.", Action.to("goal.list"))
    assert hint_text(hint) == "See the ids with `cairn goal list`."
    assert hint.render(lambda a: f"<a href='/{a.verb}'>your goals</a>") == (
        "See the ids with <a href='/goal.list'>your goals</a>.")
    err = NotReady("There is no profile yet.", "Run {action} first.", Action.to("init"))
    assert err.fix(quoted) == "Run `cairn init` first."
    assert str(err) == "There is no profile yet.\nRun `cairn init` first."
    assert NotReady("No plan.", "Plan first.").fix(quoted) == "Plan first."


@dataclasses.dataclass(frozen=True)
class _Inner:
    when: dt.date
    horizon: Horizon


@dataclasses.dataclass(frozen=True)
class _Page:
    title: str
    inner: _Inner
    items: tuple[int, ...]
    scores: dict[int, float]
    next: Action | None
    missing: float = float("nan")


def test_view_models_are_written_as_json_in_field_order():
    page = _Page("Goals", _Inner(dt.date(2027, 1, 2), Horizon.LONG_TERM), (1, 2), {3: 0.5},
                 Action.to("goal.show", goal_id=3))
    data = to_json(page)
    assert list(data) == ["title", "inner", "items", "scores", "next", "missing"]
    assert data == {"title": "Goals", "inner": {"when": "2027-01-02", "horizon": "long-term"},
                    "items": [1, 2], "scores": {"3": 0.5},
                    "next": {"verb": "goal.show", "params": {"goal_id": 3}}, "missing": None}
    assert json.loads(json.dumps(data)) == data
    with pytest.raises(TypeError, match="object"):
        to_json(object())


# -- no command lines left in core/, services/ and store/ -------------------------------

SRC = Path(__file__).resolve().parents[1] / "src" / "cairn"
COMMAND = re.compile(r"\bcairn [a-z][a-z-]*")


def _docstrings(tree: ast.Module) -> set[int]:
    """The string constants that are docstrings (a module's, a class's, a function's)."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def _commands_in(path: Path) -> list[str]:
    """``line: text`` of each string literal (f-string parts too) naming a command."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = _docstrings(tree)
    return [f"{node.lineno}: {node.value!r}" for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and id(node) not in docs and COMMAND.search(node.value)]


def test_core_services_and_store_say_actions_not_command_lines():
    left = {}
    for layer in ("core", "services", "store"):
        for path in sorted((SRC / layer).rglob("*.py")):
            name = path.relative_to(SRC).as_posix()
            found = _commands_in(path)
            if found:
                left[name] = found
    assert not left, f"say {{action}} and carry an Action instead: {left}"


def test_the_scan_finds_a_command_line_in_a_message(tmp_path: Path):
    sample = tmp_path / "sample.py"
    sample.write_text('"""Run ``cairn init`` first (a docstring: allowed)."""\n'
                      'HINT = "See the ids with {action}."\n'
                      'def f(n):\n    return f"Finish it: cairn resource done {n}"\n')
    assert _commands_in(sample) == ["4: 'Finish it: cairn resource done '"]


# -- converted errors: the same command on the command line, a link on the web ----------


def test_errors_are_the_same_command_on_the_command_line(cli, no_catalog: Cairn):
    shown = cli("task", "show", "99")
    assert shown.exit_code == NotFound.exit_code
    assert "There is no task #99.\nFix: See the ids with `cairn task list`." in shown.stderr
    for run, command in ((lambda: no_catalog.catalog.search("nurse"),
                          "Run `cairn catalog install` (downloads O*NET)"),
                         (lambda: no_catalog.resources.get(7),
                          "See the ids with `cairn resource list`."),
                         (no_catalog.track.record.stop_rest,
                          "Start it with `cairn rest start`.")):
        with pytest.raises(CairnError) as err:
            run()
        assert err.value.action is not None and "{action}" in (err.value.hint or "")
        assert command in str(err.value)
        assert command in (err.value.fix(quoted) or "")


def test_goal_and_planning_errors_keep_their_commands_and_link_on_the_web(person: Cairn):
    """The messages once listed as left out: the same command on the command line (as the
    CLI's Fix: line shows it), a link where a page does it."""
    rules = person.planning.rules
    cases = (
        (lambda: person.goals.get(99), "See the ids with `cairn goal list`.",
         'See the ids with <a href="/goals">the goals</a>.'),
        (lambda: person.goals.get_milestone(9), "See milestones with `cairn goal show GOAL_ID`.",
         "See milestones with <code>cairn goal show GOAL_ID</code>."),
        (person.planning.accept, "Run `cairn plan` first.",
         'Run <a href="/plan">the Plan page</a> first.'),
        (person.planning.plan, "Add some with `cairn availability add mon-fri 18:00-21:00`.",
         'Add some with <a href="/settings">your free time</a>.'),
        (lambda: rules.remove_window(9), "See the ids with `cairn availability list`.",
         'See the ids with <a href="/settings">your free time</a>.'),
        (lambda: rules.remove_habit(9), "See the ids with `cairn habit list`.",
         "See the ids with <code>cairn habit list</code>."),
        (lambda: rules.remove_budget("health"), "See `cairn budget list`.",
         'See <a href="/settings">your budgets</a>.'),
        (lambda: person.planning.remove_calendar("work"), "See `cairn calendar list`.",
         'See <a href="/plan">your calendars</a>.'),
    )
    for run, command, web in cases:
        with pytest.raises(CairnError) as err:
            run()
        assert err.value.action is not None and "{action}" in (err.value.hint or "")
        assert err.value.fix(quoted) == command
        assert str(hint_html(err.value.hint, err.value.action)) == web
    from cairn.core.planning.model import BoundaryKind

    with pytest.raises(InvalidInput) as boundary:
        rules.add_boundary(BoundaryKind.MAX_HOURS, "career", hours=500)
    assert boundary.value.fix(quoted) == (
        "For example: `cairn boundary max-hours 45 --area career`.")
    goal = person.goals.add("Run a 10k", area="health", horizon=Horizon.SHORT_TERM,
                            deadline=dt.date(2027, 1, 1))
    with pytest.raises(InvalidInput) as late:
        person.goals.add_milestone(goal.id, "Half way", dt.date(2027, 6, 1))
    assert late.value.fix(quoted) == (
        f"Give an earlier date, or move the goal's deadline with `cairn goal edit {goal.id}`.")
    assert str(hint_html(late.value.hint, late.value.action)) == (
        "Give an earlier date, or move the goal&#39;s deadline with "
        f'<a href="/goals/{goal.id}/edit">the goal&#39;s edit form</a>.')


def test_errors_are_a_link_on_the_web_where_a_page_does_it(no_catalog: Cairn):
    from cairn.services.accounts import Accounts

    with pytest.raises(NotReady) as err:
        no_catalog.catalog.search("nurse")
    assert hint_html(err.value.hint, err.value.action) == Markup(
        'Run <a href="/explore">install the catalog</a> (downloads O*NET), or add --from '
        "PATH with a release you have.")
    with pytest.raises(NotFound) as missing:
        no_catalog.catalog.resolve("15-9999.00")
    assert hint_html(missing.value.hint, missing.value.action) == Markup(
        'Find codes with <a href="/explore/search">search occupations</a>.')
    with pytest.raises(NotFound) as task:  # tasks are listed in the goal tree
        no_catalog.tasks.get(99)
    assert hint_html(task.value.hint, task.value.action) == Markup(
        'See the ids with <a href="/goals">the goal tree</a>.')
    with pytest.raises(NotFound) as account:  # no page lists accounts: the command, as code
        Accounts(no_catalog.db).find("nobody@example.org")
    assert hint_html(account.value.hint, account.value.action) == Markup(
        "List the accounts with <code>cairn admin list</code>.")


def test_needs_carry_their_action_and_json_keeps_the_command():
    from cairn.core.needs import RULES_BY_KEY, Need
    from cairn.services.support_views import need

    rule = RULES_BY_KEY["support"]
    assert rule.action == Action.to("contact.add", name=None, kind="mentor", every=4)
    data = need(Need(rule, "Nobody is in your support network yet."))
    assert data["action"] == "cairn contact add NAME --kind mentor --every 4"
    assert data["next"] == {"verb": "contact.add",
                            "params": {"name": None, "kind": "mentor", "every": 4}}
    assert command_line(RULES_BY_KEY["reassess"].action) == (
        "cairn resource list --kind assessment")


def test_match_reasons_carry_the_assessment_that_would_add_a_part():
    from cairn.core import matching
    from cairn.core.person import Constraints, Person
    from cairn.services.explore_views import MatchView
    from cairn.services.fit_views import match
    from test_matching import catalog

    person = Person(interests=(1, 3, 5, 2, 2, 1), constraints=Constraints(max_job_zone=3))
    best = matching.rank(catalog(), person, limit=1)[0]
    assert best.reasons["values"] == "Take {action} to add values fit."
    assert best.actions["values"] == Action.to("assess", instrument="values")
    assert "interests" not in best.actions  # taken: its reason is a plain sentence
    assert best.reason("values", quoted) == "Take `cairn assess values` to add values fit."
    web = best.reason("values", lambda a: str(hint_html("{action}", a)))
    assert web == 'Take <a href="/onboarding/assess/values">the assessment</a> to add values fit.'
    # the command line's JSON and the API's view say the same: the command, and the action
    cli_json = match(best)["components"]["values"]
    view = to_json(MatchView.of(best, ""))["components"]["values"]
    assert cli_json == view == {"fit": None, "reason": "Take `cairn assess values` to add "
                                "values fit.", "action": {"verb": "assess",
                                                          "params": {"instrument": "values"}}}


def test_every_command_an_action_is_written_as_exists_on_the_command_line():
    from test_docs import command_paths

    known = set(command_paths())
    for verb, template in COMMANDS.items():
        words = tuple(w for w in template.split()[1:] if not w.startswith(("{", "--")))
        assert words in known, f"{verb}: {template}"
