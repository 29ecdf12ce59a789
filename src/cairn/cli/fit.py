"""``cairn explore match|gap|path``: where you fit, what you lack, how to get there."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from cairn.cli import complete, output
from cairn.cli.context import cairn
from cairn.commands import quoted

if TYPE_CHECKING:
    from cairn.services.fit_views import GapsGoalJson

SHORT = {"interests": "interests", "skills": "skills", "values": "values",
         "preparation": "prep", "income": "income", "passions": "passions"}


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def match(
    ctx: typer.Context,
    weight: list[str] = typer.Option([], "--weight", "-w",
                                     help="Component weight NAME=NUMBER (interests, skills, "
                                          "values, preparation, income, passions); repeat."),
    job_zone: list[int] = typer.Option([], "--job-zone", "-z",
                                       help="Only these job zones (1-5); repeat for several."),
    min_wage: float = typer.Option(None, "--min-wage", help="Only occupations whose annual "
                                   "median wage is at least this (needs wages installed; "
                                   "an hourly-only occupation by Cairn's estimate)."),
    limit: int = typer.Option(10, "--limit", "-n", help="How many occupations to show."),
    as_json: bool = typer.Option(False, "--json", help=output.JSON_HELP),
) -> None:
    """Rank every occupation for you, with a score and a reason per component."""
    from cairn.services import fit_views

    c = cairn(ctx)
    found = c.fit.match(weight, job_zone, min_wage, limit)
    if as_json:
        credit = c.catalog.attribution()
        output.print_json([fit_views.match(m, credit) for m in found])
        return
    output.print_table("Occupations that fit you", ["#", "code", "title", "fit",
                                                    *SHORT.values()],
                       [(n, m.code, m.title, _pct(m.total),
                         *(_pct(m.parts[k]) for k in SHORT))
                        for n, m in enumerate(found, 1)],
                       empty="No occupation passes the filters.",
                       drop=list(reversed(SHORT.values())))
    weights = c.fit.weights(weight)
    output.say("[dim]Weights: {}. Unknown components (-) are left out of the fit.[/]",
               ", ".join(f"{k} {v:g}" for k, v in weights.items()))
    missing = {k for k in SHORT if all(m.parts[k] is None for m in found)}
    for n, m in enumerate(found, 1):
        output.say("\n[bold]{}. {}[/] ({})", n, m.title, m.code)
        lacking = [k for k in m.missing if k not in missing]  # not unknown for all anyway
        if lacking:
            output.say("  [dim]No data for {}: ranked on the other components.[/]",
                       ", ".join(lacking))
        for key in m.reasons:
            if key not in missing:
                output.say("  {} {}: {}", _pct(m.parts[key]).rjust(4), key,
                           m.reason(key, quoted))
    if found and missing:
        output.say("\n[dim]Not part of the fit yet:[/]")
        for key in SHORT:
            if key in missing:
                output.say("  {}: {}", key, found[0].reason(key, quoted))
    output.say("\n[dim]{}[/]", c.catalog.attribution())


def gap(
    ctx: typer.Context,
    occupation: list[str] = typer.Argument(..., autocompletion=complete.occupations,
                                           help="An O*NET-SOC code or a title."),
    limit: int = typer.Option(15, "--limit", "-n", help="How many gaps to list."),
    make_goal: bool = typer.Option(False, "--make-goal",
                                   help="Turn the top gaps into one short-term learning goal "
                                        "with a milestone per gap."),
    top: int = typer.Option(5, "--top", help="How many gaps --make-goal takes."),
    hours_per_week: float = typer.Option(None, "--hours-per-week", "-H",
                                         help="Hours a week for --make-goal (default: your "
                                              "learning budget's floor, else 4)."),
    as_json: bool = typer.Option(False, "--json", help=output.JSON_HELP),
) -> None:
    """Your skill and knowledge gaps for an occupation, ranked by importance x shortfall."""
    from cairn.core.pace import HOURS_PER_LEVEL
    from cairn.core.rules import check_count
    from cairn.services import fit_views

    check_count(limit, "The number of gaps (--limit)", 1, 1000)
    c = cairn(ctx)
    code, title, gaps, unrated = c.fit.gaps(" ".join(occupation))
    plan = (c.fit.make_goal(c.goals, code, top, hours_per_week=hours_per_week) if make_goal
            else None)
    if as_json:
        doc: GapsGoalJson = {
            **fit_views.gaps(code, title, gaps[:limit], unrated, c.catalog.attribution()),
            "goal": fit_views.plan(plan) if plan else None}
        output.print_json(doc)
        return
    output.print_table(f"Your gaps for {title} ({code})",
                       ["#", "skill or knowledge", "importance (1-5)", "needed (0-7)", "you",
                        "priority",
                        "what the level needed means"],
                       [(n, g.name, f"{g.importance:.1f}", f"{g.required:.1f}", f"{g.current:g}",
                         f"{g.priority:.1f}", g.meaning) for n, g in enumerate(gaps[:limit], 1)],
                       empty="No gaps among what you rated.")
    if unrated:
        output.say("[dim]Important here but not rated by you: {}. Rate them with `cairn assess "
                   "skills --knowledge`.[/]", ", ".join(u.name for u in unrated[:8]))
    if plan:
        output.say("\nMade goal #{}: {} (due {}), {} milestones:", plan.goal.id, plan.goal.title,
                   plan.goal.deadline, len(plan.milestones))
        for ms in plan.milestones:
            output.say("  {}  {}", ms.due, ms.title)
        if plan.pace is not None:
            output.say("Paced at {} h a week ({}): about {} h of study and practice a level.",
                       f"{plan.pace.hours_per_week:g}", plan.pace.source,
                       f"{HOURS_PER_LEVEL:g}")
        if plan.left:
            output.say("Left for a later goal (past a year at this pace): {}.",
                       ", ".join(g.name for g in plan.left))
    output.say("\n[dim]{}[/]", c.catalog.attribution())


def path(
    ctx: typer.Context,
    source: str = typer.Argument(..., autocompletion=complete.occupations,
                                 metavar="FROM",
                                 help="Where you are: a code or title ('-' for the current "
                                      "occupation you recorded with `cairn assess passions`)."),
    target: str = typer.Argument(..., autocompletion=complete.occupations,
                                 metavar="TO", help="Where you want to be: code or title."),
    k: int = typer.Option(3, "--paths", "-k", help="The best path and up to k-1 alternatives."),
    as_json: bool = typer.Option(False, "--json", help=output.JSON_HELP),
) -> None:
    """Stepping stones from one occupation to another through related occupations."""
    from cairn.services import fit_views

    c = cairn(ctx)
    found = c.fit.paths(None if source == "-" else source, target, k)
    if as_json:
        credit = c.catalog.attribution()
        output.print_json([fit_views.career_path(p, credit) for p in found])
        return
    for n, p in enumerate(found, 1):
        label = "Best path" if n == 1 else f"Alternative {n - 1}"
        output.say("\n[bold]{}[/] ({} moves, skill distance {})", label, len(p.steps) - 1,
                   f"{p.cost:.2f}")
        for i, step in enumerate(p.steps):
            output.say("  {} {} ({})", "start" if i == 0 else f"{i}.".rjust(5), step.title,
                       step.code)
            if step.new_gaps:
                output.say("        [dim]new: {}[/]", "; ".join(
                    f"{name} {have:.1f} -> {need:.1f}" for name, need, have in step.new_gaps))
    output.say("\n[dim]{}[/]", c.catalog.attribution())
