"""``cairn availability``, ``boundary``, ``budget``, ``habit``: what the planner may use."""

from __future__ import annotations

import typer

from cairn.cli import complete, output
from cairn.cli.context import cairn, today

availability_app = typer.Typer(
    help="When you can spend time on your plan, your working hours, and rest periods.",
    no_args_is_help=True)
boundary_app = typer.Typer(help="Rules that protect your time, each tied to a life area.",
                           no_args_is_help=True)
budget_app = typer.Typer(help="Weekly hours per life area: a floor and a cap.",
                         no_args_is_help=True)
habit_app = typer.Typer(help="Recurring activities that get time like any task.",
                        no_args_is_help=True)

DAYS_HELP = "Weekdays: mon, mon-fri, sat,sun, weekdays, weekend or daily."
AREA_HELP = "Life area (key, name or id); repeat for several."


@availability_app.command("add")
def availability_add(
    ctx: typer.Context,
    days: str = typer.Argument(..., help=DAYS_HELP),
    span: str = typer.Argument(..., help="Time range HH:MM-HH:MM, e.g. 18:00-21:00."),
    work: bool = typer.Option(False, "--work", help="These are working hours, not free time."),
) -> None:
    """Add a weekly window of free time (or of working hours with --work)."""
    from cairn.core.planning.model import WindowKind

    kind = WindowKind.WORK if work else WindowKind.FREE
    added = cairn(ctx).planning.rules.add_windows(days, span, kind)
    output.say("Added {} {} window(s): {}.", len(added), kind.value,
               ", ".join(f"#{w.id}" for w in added))


@availability_app.command("list")
def availability_list(ctx: typer.Context, as_json: bool = typer.Option(
        False, "--json", help=output.JSON_HELP)) -> None:
    """List weekly windows, rest periods and the time zone."""
    from cairn.services import planning_views as views

    rules = cairn(ctx).planning.rules
    windows, rest = rules.windows(), rules.rest_periods()
    if as_json:
        output.print_json({"timezone": rules.scope.zone.key,
                           "windows": [views.window(w) for w in windows],
                           "rest": [views.rest(r) for r in rest]})
        return
    output.say("Time zone: {}", rules.scope.zone.key)
    output.print_table("Weekly windows", ["id", "kind", "day", "from", "to"],
                       ((d["id"], d["kind"], d["weekday"], d["start"], d["end"])
                        for d in map(views.window, windows)),
                       empty="No windows. Try `cairn availability add mon-fri 18:00-21:00`.")
    output.print_table("Rest periods", ["id", "first", "last", "note"],
                       ((r.id, r.first, r.last, r.note) for r in rest), empty="No rest periods.")


@availability_app.command("remove")
def availability_remove(ctx: typer.Context,
                        window_id: int = typer.Argument(..., help="The window's id.")) -> None:
    """Remove a weekly window."""
    cairn(ctx).planning.rules.remove_window(window_id)
    output.say("Window #{} removed.", window_id)


# Rest is one command family, `cairn rest` (the planner pauses for it too); these two stay
# working, out of the help, for scripts written before.
@availability_app.command("rest", hidden=True)
def availability_rest(
    ctx: typer.Context,
    first: str = typer.Argument(..., help="First day of rest (YYYY-MM-DD or a phrase)."),
    last: str = typer.Argument(None, help="Last day of rest; default: the first day."),
    note: str = typer.Option("", "--note", help="Why, e.g. 'holiday' or 'ill'."),
) -> None:
    """Rest mode for some days (older form of `cairn rest start --from --until`)."""
    from cairn.core.parse import parse_date

    start = parse_date(first, today(ctx))
    end = parse_date(last, today(ctx)) if last else start
    period = cairn(ctx).planning.rules.add_rest(start, end, note)
    output.say("Rest #{}: {} to {}.", period.id, period.first, period.last)


@availability_app.command("unrest", hidden=True)
def availability_unrest(ctx: typer.Context,
                        rest_id: int = typer.Argument(..., help="The rest period's id.")) -> None:
    """Remove a rest period made with `availability rest` (`cairn rest stop` ends rest mode)."""
    cairn(ctx).planning.rules.remove_rest(rest_id)
    output.say("Rest period #{} removed.", rest_id)


@availability_app.command("settings")
def availability_settings(
    ctx: typer.Context,
    timezone: str = typer.Option(None, "--timezone", help="IANA zone, e.g. Europe/Paris."),
    session_min: int = typer.Option(None, "--session-min", help="Shortest task session (min)."),
    session_max: int = typer.Option(None, "--session-max", help="Longest task session (min)."),
) -> None:
    """Show or change the time zone and task session lengths."""
    rules = cairn(ctx).planning.rules
    if timezone is None and session_min is None and session_max is None:
        s = rules.settings()
    else:
        s = rules.configure(timezone=timezone, session_min=session_min, session_max=session_max)
    output.say("Time zone {}; task sessions {}-{} min on a {}-minute grid.", rules.scope.zone.key,
               s.session_min, s.session_max, s.slot_minutes)


def _each_area(ctx: typer.Context, areas: list[str], kind: str, **fields: object) -> None:
    from cairn.core.planning.model import BoundaryKind
    from cairn.services.planning_views import describe_boundary

    if not areas:
        from cairn.core.errors import InvalidInput

        raise InvalidInput("A boundary needs a life area.", "Add --area career (repeatable).")
    for area in areas:
        b = cairn(ctx).planning.rules.add_boundary(BoundaryKind(kind), area, **fields)
        output.say("Boundary #{}: {}.", b.id, describe_boundary(b))


@boundary_app.command("cutoff")
def boundary_cutoff(
    ctx: typer.Context,
    after: str = typer.Option(None, "--after", help="No work of the area from this time."),
    before: str = typer.Option(None, "--before", help="No work of the area until this time."),
    area: list[str] = typer.Option([], "--area", "-a", autocompletion=complete.areas,
                                   help=AREA_HELP),
) -> None:
    """No work of an area after (or before) a time of day: 'no career work after 19:00'."""
    from cairn.core.parse import parse_clock

    _each_area(ctx, area, "cutoff", after=parse_clock(after) if after else None,
               before=parse_clock(before) if before else None)


@boundary_app.command("reserve")
def boundary_reserve(
    ctx: typer.Context,
    day: str = typer.Argument(..., help="Weekday(s), e.g. sun."),
    span: str = typer.Option("00:00-24:00", "--time", help="Part of the day, HH:MM-HH:MM."),
    area: list[str] = typer.Option([], "--area", "-a", autocompletion=complete.areas,
                                   help=AREA_HELP),
) -> None:
    """Keep a day (or part of it) for one area only: 'Sunday is for family'."""
    from cairn.core.parse import parse_days, parse_span

    start, end = parse_span(span)
    for weekday in parse_days(day):
        _each_area(ctx, area, "reserve", weekday=weekday, start=start, end=end)


@boundary_app.command("max-hours")
def boundary_max_hours(
    ctx: typer.Context,
    hours: float = typer.Argument(..., help="Hours a week at most."),
    area: list[str] = typer.Option(["career"], "--area", "-a", autocompletion=complete.areas,
                                   help=AREA_HELP),
) -> None:
    """At most so many hours a week in an area; for career, working hours count too."""
    _each_area(ctx, area, "max-hours", hours=hours)


@boundary_app.command("list")
def boundary_list(ctx: typer.Context, as_json: bool = typer.Option(
        False, "--json", help=output.JSON_HELP)) -> None:
    """List boundaries."""
    from cairn.services import planning_views as views

    docs = [views.boundary(b) for b in cairn(ctx).planning.rules.boundaries()]
    if as_json:
        output.print_json(docs)
        return
    output.print_table("Boundaries", ["id", "area", "kind", "rule"],
                       ((d["id"], d["area"], d["kind"], d["rule"]) for d in docs),
                       empty="No boundaries. Try `cairn boundary cutoff --after 19:00 -a career`.")


@boundary_app.command("remove")
def boundary_remove(ctx: typer.Context,
                    boundary_id: int = typer.Argument(..., help="The boundary's id.")) -> None:
    """Remove a boundary."""
    cairn(ctx).planning.rules.remove_boundary(boundary_id)
    output.say("Boundary #{} removed.", boundary_id)


@budget_app.command("set")
def budget_set(
    ctx: typer.Context,
    area: str = typer.Argument(..., autocompletion=complete.areas,
                               help="Life area (key, name or id)."),
    floor: float = typer.Option(0.0, "--floor", help="At least this many hours a week."),
    cap: float = typer.Option(None, "--cap", help="At most this many hours a week."),
    overflow: str = typer.Option("defer", "--overflow",
                                 help="Work over the cap: 'defer' to later weeks, or 'allow' "
                                      "it and show by how much."),
) -> None:
    """Set an area's weekly budget."""
    b = cairn(ctx).planning.rules.set_budget(area, floor, cap, overflow)
    most = "no cap" if b.cap is None else f"at most {output.hours(b.cap)} h"
    output.say("Budget for {}: at least {} h, {} a week; overflow: {}.", b.area,
               output.hours(b.floor), most, b.overflow.value)


@budget_app.command("list")
def budget_list(ctx: typer.Context, as_json: bool = typer.Option(
        False, "--json", help=output.JSON_HELP)) -> None:
    """List area budgets."""
    from cairn.services import planning_views as views

    docs = [views.budget(b) for b in cairn(ctx).planning.rules.budgets()]
    if as_json:
        output.print_json(docs)
        return
    output.print_table("Budgets (hours a week)", ["area", "floor", "cap", "overflow"],
                       ((d["area"], d["floor_hours"], d["cap_hours"], d["overflow"])
                        for d in docs),
                       empty="No budgets. Try `cairn budget set health --floor 3`.")


@budget_app.command("remove")
def budget_remove(ctx: typer.Context,
                  area: str = typer.Argument(..., autocompletion=complete.areas,
                                             help="Life area.")) -> None:
    """Remove an area's budget."""
    cairn(ctx).planning.rules.remove_budget(area)
    output.say("Budget for {} removed.", area)


@habit_app.command("add")
def habit_add(
    ctx: typer.Context,
    title: str = typer.Argument(..., help="What you do, e.g. 'exercise'."),
    area: str = typer.Option(..., "--area", "-a", autocompletion=complete.areas,
                             help="Life area."),
    times: int = typer.Option(1, "--times", "-n", help="Sessions a week."),
    minutes: int = typer.Option(60, "--minutes", "-m", help="Shortest session, minutes."),
    max_minutes: int = typer.Option(None, "--max-minutes", help="Longest session, minutes."),
    prefer: str = typer.Option("any", "--prefer",
                               help="Preferred time: morning, afternoon, evening or any."),
) -> None:
    """Add a habit: 'exercise 3 x 45 min', 'guitar 2 x 60 min'."""
    h = cairn(ctx).planning.rules.add_habit(title, area, times, minutes, max_minutes, prefer)
    output.say("Habit #{} {}: {} x {} min a week ({}).", h.id, h.title, h.per_week,
               _minutes(h.min_minutes, h.max_minutes), h.area)


def _minutes(low: int, high: int) -> str:
    """'45' for a fixed length, '30-60' for a range."""
    return str(low) if low == high else f"{low}-{high}"


@habit_app.command("list")
def habit_list(ctx: typer.Context, as_json: bool = typer.Option(
        False, "--json", help=output.JSON_HELP)) -> None:
    """List habits."""
    from cairn.services import planning_views as views

    docs = [views.habit(h) for h in cairn(ctx).planning.rules.habits()]
    if as_json:
        output.print_json(docs)
        return
    output.print_table("Habits", ["id", "title", "area", "a week", "minutes", "prefer"],
                       ((d["id"], d["title"], d["area"], d["per_week"],
                         _minutes(d["min_minutes"], d["max_minutes"]), d["prefer"]) for d in docs),
                       empty="No habits. Try `cairn habit add exercise -a health -n 3 -m 45`.")


@habit_app.command("remove")
def habit_remove(ctx: typer.Context,
                 habit_id: int = typer.Argument(..., help="The habit's id.")) -> None:
    """Remove a habit."""
    cairn(ctx).planning.rules.remove_habit(habit_id)
    output.say("Habit #{} removed.", habit_id)
