"""``cairn goal`` and ``cairn milestone``: goals with history, SMART checks and the tree."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import typer

from cairn.cli import complete, output
from cairn.cli.context import cairn, listings, today

if TYPE_CHECKING:
    from cairn.core.model import Task
    from cairn.services.app import Cairn
    from cairn.services.goal_tree import GoalNode
    from cairn.services.views import GoalTreeJson, MilestoneTasksJson

app = typer.Typer(help="Goals: add, list, show, edit, done, drop, tree, check, history.",
                  no_args_is_help=True)
milestone_app = typer.Typer(help="Milestones of a goal: add, done, list.", no_args_is_help=True)

HORIZONS = "vision, long-term (years), short-term (up to a year)"
DATE_HELP = "A date: YYYY-MM-DD or a phrase like 'in 6 months'."


def _area_keys(c: Cairn) -> dict[int, str]:
    return {a.id: a.key for a in c.profile.areas(include_archived=True)}


@app.command("add")
def add(
    ctx: typer.Context,
    title: str = typer.Argument(..., help="What you want to reach, in a few words."),
    area: str = typer.Option("career", "--area", "-a", autocompletion=complete.areas,
                             help="Life area (key, name or id)."),
    horizon: str = typer.Option("short-term", "--horizon", "-H", help=f"One of: {HORIZONS}."),
    why: str = typer.Option("", "--why", help="The value or passion this goal serves."),
    parent: int = typer.Option(None, "--parent", autocompletion=complete.goals,
                               help="Id of the goal this one serves."),
    metric: str = typer.Option(None, "--metric", help="Name of what you will measure."),
    unit: str = typer.Option("", "--unit", help="Unit of the metric (hours, books, EUR...)."),
    baseline: float = typer.Option(None, "--baseline", help="Where the metric stands now."),
    target: float = typer.Option(None, "--target", help="Where the metric should get to."),
    deadline: str = typer.Option(None, "--deadline", "-d", help=DATE_HELP),
    priority: str = typer.Option("medium", "--priority", "-p", help="high, medium or low."),
) -> None:
    """Add a goal. Run `cairn goal check ID` afterwards to see if it is SMART."""
    from cairn.core.model import Horizon, Metric, Priority
    from cairn.core.parse import parse_choice, parse_optional_date

    c = cairn(ctx)
    if metric is None and (target is not None or baseline is not None):
        from cairn.core.errors import InvalidInput

        raise InvalidInput("A target or baseline needs a metric.",
                           "Name what you measure with --metric 'name'.")
    goal = c.goals.add(
        title, area=area, horizon=parse_choice(Horizon, horizon, "horizon"), why=why,
        parent_id=parent,
        metric=Metric(metric, unit, baseline, target, baseline) if metric else None,
        deadline=parse_optional_date(deadline, today(ctx)),
        priority=parse_choice(Priority, priority, "priority"),
    )
    output.say("Added goal [bold]#{}[/] {}.", goal.id, goal.title)
    findings = c.goals.check(goal.id)[goal.id]
    if findings:
        output.say("[yellow]Not yet SMART:[/] {} — see `cairn goal check {}`.",
                   "; ".join(f.code for f in findings), goal.id)


@app.command("list")
def list_goals(
    ctx: typer.Context,
    all_: bool = typer.Option(False, "--all", help="Include done and dropped goals."),
    area: str = typer.Option(None, "--area", "-a", autocompletion=complete.areas,
                             help="Only this life area."),
    horizon: str = typer.Option(None, "--horizon", "-H", help=f"Only this horizon: {HORIZONS}."),
    as_json: bool = typer.Option(False, "--json", help=output.JSON_HELP),
) -> None:
    """List goals (active and paused unless --all)."""
    from cairn.core.model import GoalStatus, Horizon
    from cairn.core.parse import parse_choice
    from cairn.services import views

    c = listings(ctx)
    statuses = () if all_ else (GoalStatus.ACTIVE, GoalStatus.PAUSED)
    goals = c.goals(statuses, area=area,
                    horizon=parse_choice(Horizon, horizon, "horizon") if horizon else None)
    progress = c.progress()
    keys = {a.id: a.key for a in c.areas(include_archived=True)}
    if as_json:
        output.print_json([views.goal(g, progress[g.id], keys[g.area_id]) for g in goals])
        return
    output.print_table(
        "Goals", ["id", "area", "horizon", "title", "deadline", "priority", "status", "progress"],
        ((g.id, keys[g.area_id], g.horizon.value, g.title, g.deadline, g.priority.value,
          g.status.value, output.percent(progress[g.id].fraction)) for g in goals),
        empty="No goals yet. Add one with `cairn goal add 'title' --why '...'`.",
        drop=("priority", "horizon", "status"),
    )


@app.command("show")
def show(ctx: typer.Context, goal_id: int = typer.Argument(..., autocompletion=complete.goals,
                                                           help="The goal's id."),
         as_json: bool = typer.Option(False, "--json", help=output.JSON_HELP)) -> None:
    """Show one goal with its metric, milestones, tasks, sub-goals, feedback, SMART findings."""
    from cairn.services.sharing import goal_comments

    c = cairn(ctx)
    if as_json:
        from cairn.services.goal_pages import goal_detail

        output.print_json(goal_detail(c, goal_id))
        return
    goal = c.goals.get(goal_id)
    progress = c.goals.progress()[goal_id]
    milestones = c.goals.milestones(goal_id)
    tasks = c.tasks.find(statuses=(), goal_id=goal_id)
    children = [g for g in c.goals.find() if g.parent_id == goal_id]
    findings = c.goals.check(goal_id)[goal_id]
    feedback = c.support.requests(goal_id=goal_id)
    comments = goal_comments(c, goal_id)  # from mentors, on a server for many people
    area = _area_keys(c)[goal.area_id]
    output.say("[bold]#{} {}[/]  ({}, {}, {})", goal.id, goal.title, goal.horizon.value, area,
               goal.status.value)
    output.say("Why: {}", goal.why or "-")
    output.say("Deadline: {}   Priority: {}   Progress: {} {}", goal.deadline or "-",
               goal.priority.value, output.bar(progress.fraction),
               output.percent(progress.fraction))
    if goal.metric:
        m = goal.metric
        output.say("Metric: {} {} -> {} {} (now {})", m.name, _num(m.baseline), _num(m.target),
                   m.unit, _num(m.current))
    if goal.parent_id:
        output.say("Serves: #{}", goal.parent_id)
    for child in children:
        output.say("  sub-goal #{} {} ({})", child.id, child.title, child.status.value)
    for ms in milestones:
        output.say("  milestone #{} {} {}{}", ms.id, "[x]" if ms.done else "[ ]", ms.title,
                   f" (due {ms.due})" if ms.due else "")
    for t in tasks:
        output.say("  task #{} {} {} ({} h){}", t.id, "[x]" if t.status.value == "done" else
                   "[ ]", t.title, f"{t.estimate_hours:g}", f" due {t.due}" if t.due else "")
    for r in feedback:
        output.say("  feedback #{} ({}): {} -> {}", r.id, c.support.get(r.contact_id).name,
                   r.question, r.feedback or "waiting for an answer")
    for note in comments:
        output.say("  comment by {} ({}): {}", note.author, note.at.date(), note.body)
    _print_findings({goal_id: findings}, {goal_id: goal.title})


def _num(value: float | None) -> str:
    return "-" if value is None else f"{value:g}"


def _print_findings(findings: dict[int, list[Any]], titles: dict[int, str]) -> None:
    problems = {gid: fs for gid, fs in findings.items() if fs}
    if not problems:
        output.say("[green]SMART check passed.[/]")
        return
    for gid, fs in problems.items():
        output.say("[yellow]Goal #{} {}[/] is not yet SMART:", gid, titles.get(gid, ""))
        for f in fs:
            output.say("  - {}\n    fix: {}", f.message, f.fix)


@app.command("check")
def check(
    ctx: typer.Context,
    goal_id: int = typer.Argument(None, autocompletion=complete.goals,
                                  help="The goal's id; every open goal when left out."),
    as_json: bool = typer.Option(False, "--json", help=output.JSON_HELP),
) -> None:
    """SMART check: every finding at once, with how to fix each. Exits 1 when any is found."""
    from cairn.services import views

    c = cairn(ctx)
    findings = c.goals.check(goal_id)
    if as_json:
        output.print_json([views.finding(f) for fs in findings.values() for f in fs])
    else:
        titles = {g.id: g.title for g in c.goals.find()}
        _print_findings(findings, titles)
    if any(findings.values()):
        raise typer.Exit(1)


@app.command("edit")
def edit(
    ctx: typer.Context,
    goal_id: int = typer.Argument(..., autocompletion=complete.goals,
                                  help="The goal's id."),
    title: str = typer.Option(None, "--title", help="A new title."),
    why: str = typer.Option(None, "--why", help="The value or passion it serves."),
    area: str = typer.Option(None, "--area", "-a", autocompletion=complete.areas,
                             help="Move it to another life area."),
    horizon: str = typer.Option(None, "--horizon", "-H", help=f"One of: {HORIZONS}."),
    parent: int = typer.Option(None, "--parent", autocompletion=complete.goals,
                               help="Id of the goal it serves."),
    no_parent: bool = typer.Option(False, "--no-parent", help="Make it a top-level goal."),
    metric: str = typer.Option(None, "--metric", help="Name of what you measure."),
    unit: str = typer.Option(None, "--unit", help="Unit of the metric."),
    baseline: float = typer.Option(None, "--baseline", help="Where the metric started."),
    target: float = typer.Option(None, "--target", help="Where the metric should get to."),
    current: float = typer.Option(None, "--current", help="Where the metric stands now."),
    deadline: str = typer.Option(None, "--deadline", "-d", help=DATE_HELP),
    priority: str = typer.Option(None, "--priority", "-p", help="high, medium or low."),
    reason: str = typer.Option("", "--reason", "-r", help="Why you change it (kept in history)."),
) -> None:
    """Change a goal. Every change is kept in its history with the reason you give."""
    from cairn.core.model import Horizon, Priority
    from cairn.core.parse import parse_choice, parse_date
    from cairn.services.goals import GoalEdit

    c = cairn(ctx)
    change = GoalEdit(
        title=title, why=why, area=area,
        horizon=parse_choice(Horizon, horizon, "horizon") if horizon is not None else None,
        parent_id=parent, no_parent=no_parent, metric=metric, unit=unit, baseline=baseline,
        target=target, current=current,
        deadline=parse_date(deadline, today(ctx)) if deadline is not None else None,
        priority=parse_choice(Priority, priority, "priority") if priority is not None else None)
    if change.empty:
        output.say("Nothing to change: give at least one option (see --help).")
        raise typer.Exit(2)
    _, log = c.goals.update(goal_id, change, reason)
    if not log:
        output.say("Goal #{} already had those values.", goal_id)
    from cairn.cli import wording

    keys = _area_keys(c)
    for entry in log:
        output.say("#{} {}: {} -> {}", goal_id, wording.field(entry.field),
                   wording.value(entry.field, entry.old, keys),
                   wording.value(entry.field, entry.new, keys))


@app.command("progress")
def progress(
    ctx: typer.Context,
    goal_id: int = typer.Argument(..., autocompletion=complete.goals,
                                  help="The goal's id."),
    value: float = typer.Argument(..., help="The metric's current value."),
    reason: str = typer.Option("", "--reason", "-r", help="A note kept in the history."),
) -> None:
    """Update a goal's metric to its current value."""
    c = cairn(ctx)
    goal, _ = c.goals.edit(goal_id, reason, metric_current=value)
    frac = goal.metric.progress() if goal.metric else None
    output.say("#{} {} is now {} ({} of the way).", goal.id, goal.metric.name if goal.metric
               else "", f"{value:g}", output.percent(frac))


def _status_command(status: str, verb: str, needs_reason: bool = False) -> Any:
    def command(
        ctx: typer.Context,
        goal_id: int = typer.Argument(..., autocompletion=complete.goals,
                                      help="The goal's id."),
        reason: str = typer.Option(None, "--reason", "-r", help="Why (kept in the history)."),
    ) -> None:
        from cairn.core.model import GoalStatus

        if needs_reason and not reason:
            if not output.stdin_is_terminal():
                from cairn.core.errors import InvalidInput

                raise InvalidInput(f"Dropping goal #{goal_id} needs a reason, and there is no "
                                   "terminal to ask for it.",
                                   f"Give it: cairn goal drop {goal_id} --reason '...'.")
            reason = typer.prompt("Why do you drop it? (kept in its history)", default="",
                                  show_default=False)
        c = cairn(ctx)
        goal = c.goals.set_status(goal_id, GoalStatus(status), reason or "")
        output.say("Goal #{} {} is {}.", goal.id, goal.title, verb)
        if goal.status is GoalStatus.DONE:
            _celebrate(c, f"Goal reached: {goal.title}")

    command.__doc__ = f"Mark a goal {verb}" + (
        "; asks for the reason, which stays in its history." if needs_reason else ".")
    return command


app.command("done")(_status_command("done", "done"))
app.command("drop")(_status_command("dropped", "dropped", needs_reason=True))
app.command("pause")(_status_command("paused", "paused"))
app.command("resume")(_status_command("active", "active again"))


@app.command("history")
def history(ctx: typer.Context, goal_id: int = typer.Argument(..., autocompletion=complete.goals,
                                                              help="The goal's id."),
            as_json: bool = typer.Option(False, "--json", help=output.JSON_HELP)) -> None:
    """Every change to a goal: field, old value, new value, when, and why."""
    from cairn.cli import timefmt, wording

    c = cairn(ctx)
    if as_json:
        from cairn.services.goal_pages import goal_history

        output.print_json(goal_history(c, goal_id))
        return
    changes = c.goals.history(goal_id)
    zone, keys = timefmt.zone_of(c), _area_keys(c)
    output.print_table(f"History of goal #{goal_id}", ["when", "what", "was", "now", "why"],
                       ((timefmt.minute(ch.at, zone), wording.field(ch.field),
                         wording.value(ch.field, ch.old, keys),
                         wording.value(ch.field, ch.new, keys), ch.reason)
                        for ch in changes))


@app.command("tree")
def tree(
    ctx: typer.Context,
    all_: bool = typer.Option(False, "--all", help="Include done and dropped goals and tasks."),
    as_json: bool = typer.Option(False, "--json", help=output.JSON_HELP),
) -> None:
    """The goal tree: vision -> long-term -> short-term -> milestones -> tasks, with progress."""
    roots = listings(ctx).tree(include_closed=all_)
    if as_json:
        output.print_json([_node_json(n) for n in roots])
        return
    if not roots:
        output.say("No goals yet. Start with a vision: cairn goal add '...' --horizon vision")
        return
    output.print_tree("Goals", [_tree_node(root) for root in roots])


def _tree_node(node: GoalNode) -> output.Node:
    g, frac = node.goal, node.progress.fraction
    label = (f"{output.bar(frac)} {output.percent(frac):>4} #{g.id} {g.title} "
             f"[{g.horizon.value}]" + (f" due {g.deadline}" if g.deadline else "")
             + ("" if g.status.value == "active" else f" ({g.status.value})"))
    children = [_tree_node(child) for child in node.children]
    children += [(f"{'◆' if ms.done else '◇'} milestone #{ms.id} {ms.title}"
                  + (f" due {ms.due}" if ms.due else ""), [_task_node(t) for t in tasks])
                 for ms, tasks in node.milestones]
    children += [_task_node(t) for t in node.tasks]
    return (label, children)


def _task_node(t: Task) -> output.Node:
    mark = "✓" if t.status.value == "done" else "·"
    return (f"{mark} task #{t.id} {t.title} ({t.estimate_hours:g} h)"
            + (f" due {t.due}" if t.due else ""), [])


def _node_json(node: GoalNode) -> GoalTreeJson:
    from cairn.services import views

    milestones: list[MilestoneTasksJson] = [
        {**views.milestone(m), "tasks": [views.task(t) for t in ts]} for m, ts in node.milestones]
    return {**views.goal(node.goal, node.progress),
            "children": [_node_json(ch) for ch in node.children],
            "milestones": milestones, "tasks": [views.task(t) for t in node.tasks]}


@milestone_app.command("add")
def milestone_add(
    ctx: typer.Context,
    goal_id: int = typer.Argument(..., autocompletion=complete.goals,
                                  help="The goal it belongs to."),
    title: str = typer.Argument(..., help="What marks the milestone."),
    due: str = typer.Option(None, "--due", "-d", help=DATE_HELP),
) -> None:
    """Add a milestone to a goal."""
    from cairn.core.parse import parse_optional_date

    ms = cairn(ctx).goals.add_milestone(goal_id, title, parse_optional_date(due, today(ctx)))
    output.say("Added milestone [bold]#{}[/] {} to goal #{}.", ms.id, ms.title, goal_id)


@milestone_app.command("done")
def milestone_done(ctx: typer.Context,
                   milestone_id: int = typer.Argument(..., help="The milestone's id.")) -> None:
    """Mark a milestone reached."""
    c = cairn(ctx)
    ms = c.goals.milestone_done(milestone_id)
    output.say("[green]Milestone reached:[/] {} (goal #{}).", ms.title, ms.goal_id)
    _celebrate(c, f"Another stone on the cairn: {ms.title}")


def _celebrate(c: Cairn, headline: str) -> None:
    """Mark a completion: it counts, and it is kept in `cairn achievements`."""
    count = len(c.track.record.achievements())
    output.say("[bold green]*** {} ***[/]", headline)
    output.say("That makes {} achievement(s); see them all with `cairn achievements`, and note "
               'what it took with `cairn win "..."`.', count)


@milestone_app.command("list")
def milestone_list(
    ctx: typer.Context,
    goal_id: int = typer.Option(None, "--goal", "-g", autocompletion=complete.goals,
                                help="Only this goal's milestones."),
    as_json: bool = typer.Option(False, "--json", help=output.JSON_HELP),
) -> None:
    """List milestones."""
    from cairn.services import views

    found = listings(ctx).milestones(goal_id)
    if as_json:
        output.print_json([views.milestone(m) for m in found])
        return
    output.print_table("Milestones", ["id", "goal", "title", "due", "done"],
                       ((m.id, m.goal_id, m.title, m.due, "yes" if m.done else "")
                        for m in found))
