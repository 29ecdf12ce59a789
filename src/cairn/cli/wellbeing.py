"""``cairn status``, ``balance``, ``burnout`` and ``invest``: how life and career are going."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from cairn.cli import output
from cairn.cli.context import cairn, listings

if TYPE_CHECKING:
    from cairn.core.balance import BalanceRow
    from cairn.core.burnout import BurnoutRisk
    from cairn.core.investment import Investment

LEVEL_STYLE = {"low": "green", "elevated": "yellow", "high": "bold red"}


def _balance_table(rows: list[BalanceRow]) -> None:
    def budget(r: BalanceRow) -> str:
        if r.budget is None:
            return "-"
        lo = "-" if r.budget.floor is None else output.hours(r.budget.floor)
        hi = "-" if r.budget.cap is None else output.hours(r.budget.cap)
        if r.hours_per_week is None:  # no complete week to hold it against: the note says so
            return f"{lo}..{hi}"
        return f"{lo}..{hi} ({r.budget_state})"

    span = rows[0].span if rows else None
    output.print_table(
        f"Balance wheel (h/week over {span.describe() if span else 'no week'})",
        ["area", "satisfaction", "h/week", "week so far", "budget", "goal progress"],
        ((r.area.name, "-" if r.satisfaction is None else f"{output.hours(r.satisfaction)}/10",
          "-" if r.hours_per_week is None else f"{r.hours_per_week:.1f}",
          f"{r.this_week:.1f}", budget(r),
          f"{output.bar(r.progress)} {output.percent(r.progress)}") for r in rows))
    if span is not None and not span.weeks:
        output.say("No complete week yet: h/week shows once your first week is over.")


def _burnout(risk: BurnoutRisk, detail: bool, waits: bool = False) -> None:
    style = LEVEL_STYLE[risk.level]
    if waits:
        output.say(f"Burnout risk: [{style}]{{}}[/] (rest mode is on: reasons and advice "
                   "wait; `cairn burnout` shows them)", risk.level)
        return
    output.say(f"Burnout risk: [{style}]{{}}[/]{{}}", risk.level,
               " (rest mode is on)" if risk.resting else "")
    for r in risk.reasons:
        output.say("  - {}", r.message)
        if detail:
            output.say("    what to do: {}", r.advice)
    if risk.offer_rest:
        output.say("[yellow]Consider rest mode:[/] it pauses your plans without penalty and "
                   "keeps your streaks: `cairn rest start --reason '...'`.")


def _investment(inv: Investment, *, explain: bool = False) -> None:
    from cairn.core.investment import JobHours

    if inv.recent_per_week is None:
        output.say("Career investment: no complete week yet; this week so far {} h, {} h "
                   "this year.", f"{inv.this_week:.1f}", f"{inv.year_to_date:.1f}")
    else:
        before = ("" if inv.previous_per_week is None else
                  f"; {inv.previous_per_week:.1f} h/week over {inv.previous.describe()}")
        output.say("Career investment: {} h/week over {} ({}{}); this week so far {} h, {} h "
                   "this year.", f"{inv.recent_per_week:.1f}", inv.recent.describe(),
                   inv.trend, before, f"{inv.this_week:.1f}", f"{inv.year_to_date:.1f}")
    if inv.job_hours is JobHours.LEFT_OUT and inv.job_per_week:
        output.say("  Left out: {} h/week of career time logged without a task on your working "
                   "days, taken as your job's own hours (`cairn invest --count-job-hours` "
                   "counts them).", f"{inv.job_per_week:.1f}")
    elif inv.job_hours is JobHours.COUNTED:
        output.say("  Your job's own hours count as investment, as you chose.")
    elif explain and inv.job_hours is JobHours.UNKNOWN:
        output.say("  [dim]All career time counts: Cairn does not know your working hours. If "
                   "you log your job's hours under career, add them (`cairn availability add "
                   "mon-fri 09:00-17:00 --work`) and they are left out.[/]")


def status(ctx: typer.Context,
           as_json: bool = typer.Option(False, "--json", help=output.JSON_HELP)) -> None:
    """Where you stand: reviews due, burnout risk, balance, goals, streaks, investment."""
    c = listings(ctx)  # read the quick way where the database allows
    day = c.today()
    st = c.status()
    keys = {a.id: a.key for a in c.areas(include_archived=True)}
    if as_json:
        from cairn.services.status_views import StatusPage

        output.print_json(StatusPage.of(st, day, keys))
        return
    waits = st.nudges
    progress = st.progress
    goals = [g for g in st.goals if g.is_open and g.parent_id is None]
    output.say("[bold]Cairn status[/] — {}", day.strftime("%A %Y-%m-%d"))
    if st.rest is not None:
        output.say("[cyan]Rest mode is on[/] since {}{}: what falls due waits until it ends.",
                   st.rest.start, f" ({st.rest.reason})" if st.rest.reason else "")
    for d in st.due:
        output.say("[yellow]Review due:[/] {} ({}, since {}) — run `cairn review --kind {}`.",
                   d.kind.value, d.reason, d.due_on, d.kind.value)
    for d in waits.reviews_waiting:
        output.say("[cyan]Waiting:[/] {} review ({}, due since {}).", d.kind.value, d.reason,
                   d.due_on)
    if not st.due and not waits.reviews_waiting and st.upcoming:
        nxt = min(st.upcoming, key=lambda d: d.due_on)
        output.say("Next review: {} on {}.", nxt.kind.value, nxt.due_on)
    for f in waits.followups_due:
        output.say('[yellow]Follow up:[/] {} (due {}) — `cairn contact log {} "note"`.',
                   f.contact.name, f.due, f.contact.id)
    for f in waits.followups_waiting:
        output.say("[cyan]Waiting:[/] follow up with {} (due {}).", f.contact.name, f.due)
    if waits.alerts_waiting:
        output.say("[cyan]Waiting:[/] {} alert(s) that work crowds out the rest of life "
                   "(`cairn balance` shows them).", len(waits.alerts_waiting))
    _burnout(st.burnout, detail=False, waits=waits.burnout_waits)
    for alert in st.alerts:
        output.say("[yellow]Alert:[/] {}", alert)
    _balance_table(st.balance)
    output.print_table("Goals", ["id", "area", "title", "deadline", "progress"],
                       ((g.id, keys[g.area_id], g.title, g.deadline or "",
                         f"{output.bar(progress[g.id].fraction)} "
                         f"{output.percent(progress[g.id].fraction)}") for g in goals),
                       empty="No open goals. Add one with `cairn goal add`.")
    output.say("Streaks: check-ins {} week(s), time logging {} day(s).",
               st.streaks["checkin_weeks"], st.streaks["logging_days"])
    for h in st.habits:
        output.say("  {}: {} week(s) in a row; this week {} of {}.", h.title, h.weeks,
                   h.this_week, h.per_week)
    _investment(st.investment)


def balance(ctx: typer.Context,
            as_json: bool = typer.Option(False, "--json", help=output.JSON_HELP)) -> None:
    """The balance wheel: satisfaction, hours against budget, and goal progress per area."""
    from cairn.services import track_views

    c = cairn(ctx)
    rows = c.track.wellbeing.balance()
    alerts = c.track.wellbeing.alerts(rows)
    if as_json:
        output.print_json({"areas": [track_views.balance_row(r) for r in rows],
                           "alerts": alerts})
        return
    _balance_table(rows)
    for alert in alerts:
        output.say("[yellow]Alert:[/] {}", alert)
    if all(r.budget is None for r in rows):
        output.say("No time budgets yet: the weekly plan sets a floor and cap per area.")


def burnout(ctx: typer.Context,
            as_json: bool = typer.Option(False, "--json", help=output.JSON_HELP)) -> None:
    """Burnout risk: the level, the reasons behind it, and what to do about each."""
    from cairn.services import track_views

    risk = cairn(ctx).track.wellbeing.burnout()
    if as_json:
        output.print_json(track_views.burnout(risk))
        return
    _burnout(risk, detail=True)
    if not risk.reasons:
        output.say("No warning signs in your recent check-ins and logged time.")


def invest(ctx: typer.Context,
           count_job_hours: bool = typer.Option(
               False, "--count-job-hours",
               help="Count career time logged without a task on your working days (taken "
                    "as your job's own hours) as investment too."),
           as_json: bool = typer.Option(False, "--json", help=output.JSON_HELP)) -> None:
    """Career investment: weekly hours in career and learning, like a savings rate."""
    from cairn.services import track_views

    inv = cairn(ctx).track.wellbeing.investment(count_job_hours=count_job_hours)
    if as_json:
        output.print_json(track_views.investment(inv))
        return
    top = max((h for _, h in inv.weekly), default=0.0) or 1.0
    last = inv.weekly[-1][0] if inv.weekly else None
    output.print_table("Career and learning hours per week", ["week of", "hours", ""],
                       ((f"{w} (so far)" if w == last else w, f"{h:.1f}",
                         output.bar(h / top, 20)) for w, h in inv.weekly))
    _investment(inv, explain=True)
