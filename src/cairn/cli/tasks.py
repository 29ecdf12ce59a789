"""``cairn task``: tasks with estimates, windows and dependencies."""

from __future__ import annotations

from typing import Any

import typer

from cairn.cli import complete, output
from cairn.cli.context import cairn, listings, today

app = typer.Typer(help="Tasks: add, list, show, edit, done, drop, reopen.", no_args_is_help=True)

DATE_HELP = "A date: YYYY-MM-DD or a phrase like 'next friday'."


@app.command("add")
def add(
    ctx: typer.Context,
    title: str = typer.Argument(..., help="What to do."),
    estimate: float = typer.Option(1.0, "--estimate", "-e", help="Estimated hours of work."),
    goal: int = typer.Option(None, "--goal", "-g", autocompletion=complete.goals,
                             help="Id of the goal it serves."),
    milestone: int = typer.Option(None, "--milestone", "-m", help="Id of the milestone."),
    due: str = typer.Option(None, "--due", "-d", help=DATE_HELP),
    start: str = typer.Option(None, "--start", "-s", help=f"Earliest start. {DATE_HELP}"),
    after: list[int] = typer.Option([], "--after", autocompletion=complete.tasks,
                                    help="Id of a task that must be done first "
                                         "(repeat for several)."),
) -> None:
    """Add a task."""
    from cairn.core.parse import parse_optional_date

    task = cairn(ctx).tasks.add(title, estimate, goal_id=goal, milestone_id=milestone,
                                due=parse_optional_date(due, today(ctx)),
                                earliest_start=parse_optional_date(start, today(ctx)), after=after)
    output.say("Added task [bold]#{}[/] {} ({} h).", task.id, task.title,
               output.hours(task.estimate_hours))


@app.command("list")
def list_tasks(
    ctx: typer.Context,
    all_: bool = typer.Option(False, "--all", help="Include done and dropped tasks."),
    goal: int = typer.Option(None, "--goal", "-g", autocompletion=complete.goals,
                             help="Only this goal's tasks."),
    as_json: bool = typer.Option(False, "--json", help=output.JSON_HELP),
) -> None:
    """List tasks (open ones unless --all)."""
    from cairn.core.model import TaskStatus

    statuses = () if all_ else (TaskStatus.OPEN,)
    tasks = listings(ctx).tasks(statuses, goal_id=goal)
    if as_json:  # as goal_pages.task_list has them for the web's API
        from cairn.services.goal_views import TaskView

        output.print_json(tuple(TaskView.of(t) for t in tasks))
        return
    output.print_table(
        "Tasks", ["id", "title", "hours", "goal", "due", "start", "after", "status"],
        ((t.id, t.title, output.hours(t.estimate_hours), t.goal_id, t.due, t.earliest_start,
          ",".join(map(str, t.depends_on)), t.status.value) for t in tasks),
        empty="No tasks. Add one with `cairn task add 'title' --estimate 2`.",
        drop=("status", "start", "after"),
    )


@app.command("show")
def show(ctx: typer.Context, task_id: int = typer.Argument(..., autocompletion=complete.tasks,
                                                           help="The task's id."),
         as_json: bool = typer.Option(False, "--json", help=output.JSON_HELP)) -> None:
    """Show one task."""
    from cairn.services.goal_pages import task_view
    from cairn.services.viewmodel import object_json

    doc = object_json(task_view(cairn(ctx), task_id))
    if as_json:
        output.print_json(doc)
        return
    for key, value in doc.items():
        output.say("{}: {}", key, "-" if value in (None, []) else value)


@app.command("edit")
def edit(
    ctx: typer.Context,
    task_id: int = typer.Argument(..., autocompletion=complete.tasks,
                                  help="The task's id."),
    title: str = typer.Option(None, "--title", help="A new title."),
    estimate: float = typer.Option(None, "--estimate", "-e", help="Estimated hours."),
    goal: int = typer.Option(None, "--goal", "-g", autocompletion=complete.goals,
                             help="Id of the goal it serves."),
    due: str = typer.Option(None, "--due", "-d", help=DATE_HELP),
    start: str = typer.Option(None, "--start", "-s", help="Earliest start."),
    after: list[int] = typer.Option([], "--after", autocompletion=complete.tasks,
                                    help="Add a task it depends on."),
    not_after: list[int] = typer.Option([], "--not-after", help="Remove a dependency."),
) -> None:
    """Change a task; a dependency that would make a loop is refused."""
    from cairn.core.parse import parse_date

    fields: dict[str, Any] = {
        name: value
        for name, value in (("title", title), ("estimate_hours", estimate), ("goal_id", goal))
        if value is not None
    }
    if due is not None:
        fields["due"] = parse_date(due, today(ctx))
    if start is not None:
        fields["earliest_start"] = parse_date(start, today(ctx))
    task = cairn(ctx).tasks.edit(task_id, add_deps=after, remove_deps=not_after, **fields)
    output.say("Task #{} updated.", task.id)


def _status_command(status: str, verb: str) -> Any:
    def command(ctx: typer.Context,
                task_ids: list[int] = typer.Argument(..., autocompletion=complete.tasks,
                                                     help="One or more task ids.")) -> None:
        from cairn.core.model import TaskStatus

        c = cairn(ctx)
        for task_id in task_ids:
            task = c.tasks.set_status(task_id, TaskStatus(status))
            output.say("Task #{} {} is {}.", task.id, task.title, verb)

    command.__doc__ = f"Mark tasks {verb}."
    return command


app.command("done")(_status_command("done", "done"))
app.command("drop")(_status_command("dropped", "dropped"))
app.command("reopen")(_status_command("open", "open again"))
