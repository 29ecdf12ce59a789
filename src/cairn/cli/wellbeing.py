"""``cairn status``, ``balance``, ``burnout`` and ``invest``: how life and career are going."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from cairn.cli import output
from cairn.cli.context import cairn

if TYPE_CHECKING:
    from cairn.core.balance import BalanceRow, Investment
    from cairn.core.burnout import BurnoutRisk

LEVEL_STYLE = {"low": "green", "elevated": "yellow", "high": "bold red"}


def _balance_table(rows: list[BalanceRow]) -> None:
    def budget(r: BalanceRow) -> str:
        if r.budget is None:
            return "-"
        lo = "-" if r.budget.floor is None else output.hours(r.budget.floor)
        hi = "-" if r.budget.cap is None else output.hours(r.budget.cap)
        return f"{lo}..{hi} ({r.budget_state})"

    output.print_table(
        "Balance wheel (last 4 weeks)",
        ["area", "satisfaction", "h/week", "budget", "goal progress"],
        ((r.area.name, "-" if r.satisfaction is None else f"{output.hours(r.satisfaction)}/10",
          f"{r.hours_per_week:.1f}", budget(r),
          f"{output.bar(r.progress)} {output.percent(r.progress)}") for r in rows))


def _burnout(risk: BurnoutRisk, detail: bool) -> None:
    style = LEVEL_STYLE[risk.level]
    output.say(f"Burnout risk: [{style}]{{}}[/]{{}}", risk.level,
               " (rest mode is on)" if risk.resting else "")
    for r in risk.reasons:
        output.say("  - {}", r.message)
        if detail:
            output.say("    what to do: {}", r.advice)
    if risk.offer_rest:
        output.say("[yellow]Consider rest mode:[/] it pauses your plans without penalty and "
                   "keeps your streaks: `cairn rest start --reason '...'`.")


def _investment(inv: Investment) -> None:
    output.say("Career investment: {} h/week over the last 4 weeks ({}; {} h/week before), "
               "{} h this year.", f"{inv.recent_per_week:.1f}", inv.trend,
               f"{inv.previous_per_week:.1f}", f"{inv.year_to_date:.1f}")


def status(ctx: typer.Context,
           as_json: bool = typer.Option(False, "--json", help=output.JSON_HELP)) -> None:
    """Where you stand: reviews due, burnout risk, balance, goals, streaks, investment."""
    from cairn.services import track_views, views
    from cairn.services.dates import today

    c = cairn(ctx)
    st = c.track.status()
    followups = c.support.due_followups(today())
    progress = st.progress
    goals = [g for g in st.goals if g.is_open and g.parent_id is None]
    keys = {a.id: a.key for a in c.profile.areas(include_archived=True)}
    if as_json:
        output.print_json({
            "today": today().isoformat(),
            "rest": None if st.rest is None else track_views.rest(st.rest),
            "reviews": [track_views.due_review(d, today()) for d in st.due + st.upcoming],
            "burnout": track_views.burnout(st.burnout),
            "balance": [track_views.balance_row(r) for r in st.balance],
            "alerts": st.alerts,
            "goals": [views.goal(g, progress[g.id], keys[g.area_id]) for g in goals],
            "streaks": st.streaks, "habit_streaks": [track_views.habit_streak(h)
                                                     for h in st.habits],
            "investment": track_views.investment(st.investment),
            "followups": [{"contact_id": f.contact.id, "name": f.contact.name,
                           "due": f.due.isoformat(), "days_overdue": f.days_overdue}
                          for f in followups]})
        return
    output.say("[bold]Cairn status[/] — {}", today().strftime("%A %Y-%m-%d"))
    if st.rest is not None:
        output.say("[cyan]Rest mode is on[/] since {}{}.", st.rest.start,
                   f" ({st.rest.reason})" if st.rest.reason else "")
    for d in st.due:
        output.say("[yellow]Review due:[/] {} ({}, since {}) — run `cairn review --kind {}`.",
                   d.kind.value, d.reason, d.due_on, d.kind.value)
    if not st.due:
        nxt = min(st.upcoming, key=lambda d: d.due_on)
        output.say("Next review: {} on {}.", nxt.kind.value, nxt.due_on)
    for f in followups:
        output.say('[yellow]Follow up:[/] {} (due {}) — `cairn contact log {} "note"`.',
                   f.contact.name, f.due, f.contact.id)
    _burnout(st.burnout, detail=False)
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
           as_json: bool = typer.Option(False, "--json", help=output.JSON_HELP)) -> None:
    """Career investment: weekly hours in career and learning, like a savings rate."""
    from cairn.services import track_views

    inv = cairn(ctx).track.wellbeing.investment()
    if as_json:
        output.print_json(track_views.investment(inv))
        return
    top = max((h for _, h in inv.weekly), default=0.0) or 1.0
    output.print_table("Career and learning hours per week", ["week of", "hours", ""],
                       ((w, f"{h:.1f}", output.bar(h / top, 20)) for w, h in inv.weekly))
    _investment(inv)
