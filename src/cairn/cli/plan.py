"""``cairn plan`` and ``cairn calendar``: the auto-scheduler, its agenda, and .ics files."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from cairn.cli import output
from cairn.cli.context import cairn

if TYPE_CHECKING:
    from cairn.core.planning.model import Session
    from cairn.services.planning import PlanResult

plan_app = typer.Typer(help="Plan your weeks: `cairn plan`, then `accept` and `export`.")
calendar_app = typer.Typer(help="Busy times from your calendars (.ics exports).",
                           no_args_is_help=True)


@plan_app.callback(invoke_without_command=True)
def plan(
    ctx: typer.Context,
    weeks: int = typer.Option(2, "--weeks", "-w", help="Weeks to plan, from this week on."),
    seconds: float = typer.Option(2.0, "--seconds", help="Time the optimiser may take."),
    greedy: bool = typer.Option(False, "--greedy", help="Only the fast greedy plan."),
    as_json: bool = typer.Option(False, "--json", help=output.JSON_HELP),
) -> None:
    """Place task work and habits into your free time; shows the agenda and the budgets."""
    if ctx.invoked_subcommand:
        return
    result = cairn(ctx).planning.plan(weeks, seconds=seconds, use_solver=not greedy)
    if as_json:
        from cairn.services import planning_views as views

        output.print_json(views.plan(result))
        return
    _agenda(result.plan.sessions)
    _budgets(result)
    _overcommitment(result)
    p = result.plan
    output.say("Planned by {} in {} s ({} accepted sessions moved). Times in {}.",
               p.method, f"{p.seconds:.2f}", p.moved, result.timezone)
    output.say("Run `cairn plan accept` to make this your plan.")


def _agenda(sessions: tuple[Session, ...]) -> None:
    day = None
    if not sessions:
        output.say("Nothing to plan: no open tasks or habits fit.")
    for s in sessions:
        if s.start.date() != day:
            day = s.start.date()
            output.say("\n[bold]{}[/]", day.strftime("%a %d %b %Y"))
        output.say("  {}-{}  {} [dim]({}, {})[/]", s.start.strftime("%H:%M"),
                   s.end.strftime("%H:%M"), s.title, s.area, s.kind.value)


def _budgets(result: PlanResult) -> None:
    rows = [(a.week_start, a.area, output.hours(a.planned), output.hours(a.floor),
             "-" if a.cap is None else output.hours(a.cap),
             "over cap" if a.cap is not None and a.planned > a.cap else
             ("under floor" if a.planned < a.floor else ""))
            for a in result.areas if a.planned or a.floor or a.cap is not None]
    output.print_table("Hours per area against budget", ["week of", "area", "planned", "floor",
                                                         "cap", "note"], rows,
                       empty="No hours planned.")


def _overcommitment(result: PlanResult) -> None:
    from cairn.services.planning_views import goal_misses

    p = result.plan
    if p.later:
        output.say("{} task(s) go on after these weeks ({} h; their deadlines are later, or "
                   "they have none): {}.", len(p.later),
                   output.hours(sum(s.missing_hours for s in p.later)),
                   ", ".join(f"#{s.ref} {s.title}" for s in p.later[:5])
                   + (", ..." if len(p.later) > 5 else ""))
    _empty_floors(result)
    if not p.shortfalls:
        output.say("[green]Everything due in these weeks fits.[/]" if p.later else
                   "[green]Everything fits.[/]")
        return
    tasks = [s for s in p.shortfalls if s.kind == "task"]
    total = sum(s.missing_hours for s in tasks)
    output.say("[bold red]Overcommitted:[/] {} task(s) miss {} h in total.", len(tasks),
               output.hours(total))
    output.print_table("What does not fit", ["kind", "what", "area", "due/week", "wanted",
                                             "placed", "missing"],
                       ((s.kind, s.title, s.area, s.due, output.hours(s.wanted_hours),
                         output.hours(s.placed_hours), output.hours(s.missing_hours))
                        for s in p.shortfalls))
    for goal_id, hours in sorted(goal_misses(p.shortfalls).items()):
        output.say("Goal #{} misses {} h.", goal_id, f"{hours:g}")
    if p.trade_offs:
        output.print_table("Trade-offs (cheapest first, each checked by re-planning)",
                           ["#", "change", "recovers h"],
                           ((i, t.description, output.hours(t.recovers_hours))
                            for i, t in enumerate(p.trade_offs, 1)))


def _empty_floors(result: PlanResult) -> None:
    """Floors that no task or habit could fill: not overcommitment, something to add."""
    worst: dict[str, tuple[float, float]] = {}  # area -> (unfilled, the floor it leaves)
    for e in result.plan.empty_floors:
        if e.unfilled > worst.get(e.area, (0.0, 0.0))[0]:
            worst[e.area] = (e.unfilled, e.floor - e.unfilled)
    budgets = {b.area: b for b in result.problem.budgets}
    for area, (unfilled, fillable) in sorted(worst.items()):
        lower = f"cairn budget set {area} --floor {int(fillable * 2) / 2:g}"
        budget = budgets.get(area)
        if budget is not None and budget.cap is not None:  # `budget set` replaces the budget
            lower += f" --cap {budget.cap:g} --overflow {budget.overflow.value}"
        output.say("Nothing is planned for {} h of the {} floor: no task or habit of the area "
                   "could fill them (not overcommitment). Add a habit (`cairn habit add TITLE "
                   "-a {} -n 2 -m 60`) or lower the floor (`{}`).", f"{unfilled:g}", area, area,
                   lower)


@plan_app.command("accept")
def accept(ctx: typer.Context) -> None:
    """Make the plan shown by the last `cairn plan` your current plan."""
    count = cairn(ctx).planning.accept()
    output.say("Accepted a plan of {} sessions. Re-planning will move as few as it can.", count)


@plan_app.command("show")
def show(ctx: typer.Context,
         as_json: bool = typer.Option(False, "--json", help=output.JSON_HELP)) -> None:
    """Show the accepted plan."""
    sessions = tuple(cairn(ctx).planning.accepted())
    if as_json:
        from cairn.services import planning_views as views

        output.print_json([views.session(s) for s in sessions])
        return
    _agenda(sessions)


@plan_app.command("export")
def export(ctx: typer.Context,
           file: Path = typer.Argument(..., help="The .ics file to write.")) -> None:
    """Write the plan and reminders as an iCalendar file (stable UIDs: re-import updates)."""
    from cairn.files import write_atomic

    content, count = cairn(ctx).planning.calendar_bytes()
    write_atomic(file, content)
    output.say("Wrote {} events to {}.", count, file)


@calendar_app.command("import")
def calendar_import(
    ctx: typer.Context,
    file: Path = typer.Argument(..., help="An .ics export from Google, Outlook or Apple."),
    name: str = typer.Option(None, "--name", help="Name of the calendar (default: its own)."),
) -> None:
    """Read busy times; importing the same calendar again updates it."""
    from cairn.files import read_bytes

    path = file.expanduser().resolve()  # kept absolute: `calendar list` names the file anywhere
    done = cairn(ctx).planning.import_calendar(read_bytes(path, ".ics file"), name, str(path))
    verb = "Updated" if done.before else "Imported"
    output.say("{} calendar '{}': {} busy times (was {}).", verb, done.name, done.after,
               done.before)
    if done.own:
        output.say("Left out {} events of Cairn's own plan (sessions and reminders it "
                   "exported): they are your plan, not time taken from it.", done.own)
    _left_out(done.left_out)


def _left_out(left_out: tuple[tuple[str, str, str], ...]) -> None:
    """What an import did not take, one line per reason (a few events named each)."""
    by_reason: dict[str, list[str]] = {}
    for uid, summary, reason in left_out:
        by_reason.setdefault(reason.split(" (this one")[0], []).append(summary or uid)
    for reason, names in by_reason.items():
        shown = ", ".join(repr(n) for n in names[:3] if n) + (", ..." if len(names) > 3 else "")
        output.say("[yellow]Left out[/] {} event(s){}: {}.", len(names),
                   f" ({shown})" if shown else "", reason)


@calendar_app.command("show")
def calendar_show(
    ctx: typer.Context,
    week: bool = typer.Option(False, "--week", help="This week, Monday to Sunday, days gone "
                              "included (default: today and the next 13 days)."),
    as_json: bool = typer.Option(False, "--json", help=output.JSON_HELP),
) -> None:
    """List the busy times the plan keeps free, in your time zone."""
    import datetime as dt

    from cairn.services import planning_views as views

    planning = cairn(ctx).planning
    today = planning.today()
    first = today - dt.timedelta(days=today.weekday()) if week else today
    last = first + dt.timedelta(days=6 if week else 13)
    docs = [views.busy(row, busy) for row, busy in planning.busy(first, last)]
    if as_json:
        output.print_json(docs)
        return
    output.print_table(
        f"Busy times {first:%a %d %b} - {last:%a %d %b %Y} ({planning.zone().key})",
        ["day", "time", "what", "calendar"],
        ((d["start"][:10], "all day" if d["all_day"] else
          f"{d['start'][11:16]}-{d['end'][11:16]}", d["summary"], d["calendar"]) for d in docs),
        empty="No busy times. Import a calendar with `cairn calendar import work.ics`.")


@calendar_app.command("list")
def calendar_list(ctx: typer.Context,
                  as_json: bool = typer.Option(False, "--json", help=output.JSON_HELP)) -> None:
    """List imported calendars."""
    from cairn.cli import timefmt
    from cairn.services import planning_views as views

    c = cairn(ctx)
    found = c.planning.calendars()
    if as_json:
        output.print_json([views.calendar(x) for x in found])
        return
    zone = timefmt.zone_of(c)
    output.print_table("Calendars", ["name", "busy times", "imported", "from"],
                       ((x.name, x.events, timefmt.minute(x.imported_at, zone), x.source)
                        for x in found),
                       empty="No calendars. Import one with `cairn calendar import work.ics`.")


@calendar_app.command("remove")
def calendar_remove(ctx: typer.Context,
                    name: str = typer.Argument(..., help="The calendar's name.")) -> None:
    """Forget an imported calendar and its busy times."""
    cairn(ctx).planning.remove_calendar(name)
    output.say("Calendar '{}' removed.", name)
