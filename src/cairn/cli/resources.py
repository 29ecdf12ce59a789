"""``cairn resource``: the personal library, and recommendations by need."""

from __future__ import annotations

import typer

from cairn.cli import output
from cairn.cli.context import cairn

app = typer.Typer(help="Your library of books, courses, tools and more: add, list, show, "
                  "start, done, suggest.", no_args_is_help=True)

KINDS = "book, course, tool, template, community, assessment"


@app.command("add")
def add(
    ctx: typer.Context,
    title: str = typer.Argument(..., help="The resource's title."),
    kind: str = typer.Option("book", "--kind", "-k", help=f"One of: {KINDS}."),
    url: str = typer.Option("", "--url", help="Where to find it."),
    note: str = typer.Option("", "--note", help="A note to yourself."),
    skill: list[str] = typer.Option([], "--skill", "-s",
                                    help="O*NET skill element id, e.g. 2.A.1.a (repeatable)."),
    goal: list[int] = typer.Option([], "--goal", "-g", help="Id of a goal it serves "
                                   "(repeatable)."),
    area: list[str] = typer.Option([], "--area", "-a", help="Life area key (repeatable)."),
) -> None:
    """Add a resource to your library, linked to skills, goals and areas."""
    from cairn.core.resources import ResourceKind
    from cairn.services.choices import parse_choice

    r = cairn(ctx).resources.add(title, parse_choice(ResourceKind, kind, "resource kind"),
                                 url=url, note=note, skills=skill, goal_ids=goal, areas=area)
    output.say("Added {} [bold]#{}[/] {}.", r.kind.value, r.id, r.title)


@app.command("list")
def list_resources(
    ctx: typer.Context,
    kind: str = typer.Option(None, "--kind", "-k", help=f"Only this kind: {KINDS}."),
    status: str = typer.Option(None, "--status", help="Only todo, in-progress or done."),
    skill: str = typer.Option(None, "--skill", "-s", help="Only those linked to this skill."),
    goal: int = typer.Option(None, "--goal", "-g", help="Only those linked to this goal."),
    as_json: bool = typer.Option(False, "--json", help=output.JSON_HELP),
) -> None:
    """List your library."""
    from cairn.core.resources import ResourceKind, ResourceStatus
    from cairn.services.choices import parse_choice

    found = cairn(ctx).resources.find(
        statuses=(parse_choice(ResourceStatus, status, "status"),) if status else (),
        kind=parse_choice(ResourceKind, kind, "resource kind") if kind else None,
        skill=skill, goal_id=goal)
    if as_json:
        from cairn.services import support_views as views

        output.print_json([views.resource(r) for r in found])
        return
    output.print_table(
        "Library", ["id", "title", "kind", "status", "skills", "goals"],
        ((r.id, r.title, r.kind.value, r.status.value, ", ".join(r.skills),
          ", ".join(f"#{g}" for g in r.goal_ids)) for r in found),
        empty="Your library is empty. Add something: cairn resource add 'title' --kind course",
    )


@app.command("show")
def show(ctx: typer.Context, resource_id: int = typer.Argument(..., help="The resource's id."),
         as_json: bool = typer.Option(False, "--json", help=output.JSON_HELP)) -> None:
    """Show one resource with its links."""
    from cairn.services import support_views as views

    doc = views.resource(cairn(ctx).resources.get(resource_id))
    if as_json:
        output.print_json(doc)
        return
    for key, value in doc.items():
        output.say("{}: {}", key, "-" if value in (None, [], "") else value)


@app.command("start")
def start(ctx: typer.Context,
          resource_id: int = typer.Argument(..., help="The resource's id.")) -> None:
    """Mark a resource in progress."""
    r = cairn(ctx).resources.start(resource_id)
    output.say("Started #{} {}.", r.id, r.title)


@app.command("done")
def done(ctx: typer.Context,
         resource_id: int = typer.Argument(..., help="The resource's id.")) -> None:
    """Mark a resource done; linked skills get evidence for a higher self-rating."""
    r, evidence = cairn(ctx).resources.done(resource_id)
    output.say("Finished #{} {}.", r.id, r.title)
    for e in evidence:
        output.say("Evidence recorded for skill {}: your self-rating for it can be raised.",
                   e.skill_id)


@app.command("evidence")
def evidence(
    ctx: typer.Context,
    skill: str = typer.Option(None, "--skill", "-s", help="Only this skill's evidence."),
    as_json: bool = typer.Option(False, "--json", help=output.JSON_HELP),
) -> None:
    """List skill evidence: finished resources that speak for a higher self-rating."""
    c = cairn(ctx)
    found = c.resources.evidence(skill)
    if as_json:
        from cairn.services import support_views as views

        output.print_json([views.evidence(e) for e in found])
        return
    titles = {r.id: r.title for r in c.resources.find()}
    output.print_table(
        "Skill evidence", ["skill", "resource", "on"],
        ((e.skill_id, f"#{e.resource_id} {titles.get(e.resource_id, '?')}", e.on)
         for e in found),
        empty="No evidence yet. Finish a resource linked to a skill: cairn resource done ID",
    )


@app.command("suggest")
def suggest(ctx: typer.Context,
            as_json: bool = typer.Option(False, "--json", help=output.JSON_HELP)) -> None:
    """Which kinds of resources would help now, why, and which of yours fit."""
    c = cairn(ctx)
    needs = c.guide.needs()
    if as_json:
        from cairn.services import support_views as views

        output.print_json([views.need(n) for n in needs])
        return
    if not needs:
        output.say("No particular need stands out. Keep going.")
    for n in needs:
        output.say("[bold]{}[/] ({})", n.rule.title, ", ".join(k.value for k in n.rule.kinds))
        output.say("  Why: {}", n.reason)
        output.say("  How it helps: {}", n.rule.helps)
        for r in n.fits[:5]:
            output.say("  From your library: #{} {} ({})", r.id, r.title, r.status.value)
        if not n.fits:
            output.say("  Nothing in your library fits yet.")
        output.say("  Next: [cyan]{}[/]", n.rule.action)
