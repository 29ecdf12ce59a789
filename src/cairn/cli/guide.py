"""``cairn guide`` and ``cairn template``: advice for your situation, ready-made goal trees."""

from __future__ import annotations

import typer

from cairn.cli import output
from cairn.cli.context import cairn, today

template_app = typer.Typer(help="Ready-made goal trees for common journeys: list, use.",
                           no_args_is_help=True)


def guide(
    ctx: typer.Context,
    all_: bool = typer.Option(False, "--all", help="Show every piece of advice, not only "
                              "what your data shows."),
    as_json: bool = typer.Option(False, "--json", help=output.JSON_HELP),
) -> None:
    """Advice for your life stage and the obstacles found in your data, each with a command."""
    advice = cairn(ctx).guide.advice(everything=all_)
    if as_json:
        from cairn.services import support_views as views

        output.print_json([views.advice(a) for a in advice])
        return
    for a in advice:
        output.say("[bold]{}[/]", a.rule.title)
        output.say("  Why now: {}", a.evidence.reason)
        output.say("  {}", a.rule.advice)
        output.say("  Do it: [cyan]{}[/]  ({})", a.command, a.rule.action_help)
        output.say("")


@template_app.command("list")
def template_list(ctx: typer.Context,
                  as_json: bool = typer.Option(False, "--json", help=output.JSON_HELP)) -> None:
    """List the goal templates."""
    templates = cairn(ctx).guide.templates()
    if as_json:
        from cairn.services import support_views as views

        output.print_json([views.template(t) for t in templates])
        return
    output.print_table(
        "Goal templates", ["name", "journey", "hours/week", "what it sets up"],
        ((t.name, t.title, output.hours(t.hours_per_week), t.description) for t in templates))


@template_app.command("use")
def template_use(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="The template's name (see `cairn template list`)."),
    start: str = typer.Option("today", "--start", help="When you start: a date or a phrase."),
    hours_per_week: float = typer.Option(None, "--hours-per-week", "-H",
                                         help="Hours a week you can give it (default: "
                                         "your budget's floor for the area holding most of "
                                         "its work, else the template's own pace)."),
    subject: str = typer.Option(None, "--subject", help="What it is about: the field, target "
                                "occupation or passion, filled into the titles. For "
                                "target-occupation, an O*NET code or title brings your top "
                                "skill gaps to it as steps (with the catalog installed)."),
    gap: list[str] = typer.Option([], "--gap", help="A skill gap to plan for, one step each "
                                  "(repeatable; target-occupation)."),
) -> None:
    """Create a template's goals, milestones and tasks, dated from --start."""
    from cairn.core.parse import parse_date

    plan = cairn(ctx).guide.use_template(name, parse_date(start, today(ctx)),
                                         hours_per_week=hours_per_week,
                                         subject=subject, skill_gaps=gap)
    for g in plan.goals:
        output.say("Added goal [bold]#{}[/] {} (deadline {}).", g.id, g.title, g.deadline)
    output.say("Paced at {} h a week ({}).", output.hours(plan.pace.hours_per_week),
               plan.pace.source)
    if plan.occupation is not None:
        output.say("One step for each of your top skill gaps to {} ({}): {}.",
                   plan.occupation.title, plan.occupation.code, ", ".join(
                       f"{w.name} ({w.levels} level{'s' if w.levels > 1 else ''})"
                       for w in plan.occupation.work() if w.name not in plan.left))
    if plan.left:
        output.say("Left for a later goal (past a year at this pace): {}.", ", ".join(plan.left))
    hours = sum(t.estimate_hours for t in plan.tasks)
    output.say("With {} milestones and {} tasks ({} h). See them: cairn goal tree",
               len(plan.milestones), len(plan.tasks), output.hours(hours))
