"""``cairn resource``: the personal library, and recommendations by need."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from cairn.cli import complete, output
from cairn.cli.context import cairn
from cairn.commands import command_line

if TYPE_CHECKING:
    from collections.abc import Mapping

    from cairn.core.resources import RatingOffer
    from cairn.services.app import Cairn

app = typer.Typer(help="Your library of books, courses, tools and more: add, list, show, "
                  "start, done, suggest.", no_args_is_help=True)

KINDS = "book, course, tool, template, community, assessment"


def skill_label(skill_id: str, names: Mapping[str, str]) -> str:
    """'Programming (2.B.3.e)', or the bare id when the catalog does not name it."""
    name = names.get(skill_id)
    return f"{name} ({skill_id})" if name else skill_id


def _kind(title: str, given: str | None) -> str:
    """The kind given, else asked in a terminal; never guessed."""
    from cairn.core.errors import InvalidInput

    if given:
        return given
    if output.stdin_is_terminal():
        return str(typer.prompt(f"What kind of resource is {title!r} ({KINDS})"))
    raise InvalidInput(f"Say what kind of resource {title!r} is.",
                       f"Add --kind with one of: {KINDS}.")


@app.command("add")
def add(
    ctx: typer.Context,
    title: str = typer.Argument(..., help="The resource's title."),
    kind: str = typer.Option(None, "--kind", "-k", help=f"One of: {KINDS} (asked in a "
                             "terminal when left out)."),
    url: str = typer.Option("", "--url", help="Where to find it."),
    note: str = typer.Option("", "--note", help="A note to yourself."),
    skill: list[str] = typer.Option([], "--skill", "-s",
                                    help="O*NET skill element id, e.g. 2.A.1.a (repeatable)."),
    goal: list[int] = typer.Option([], "--goal", "-g", autocompletion=complete.goals,
                                   help="Id of a goal it serves "
                                        "(repeatable)."),
    area: list[str] = typer.Option([], "--area", "-a", autocompletion=complete.areas,
                                   help="Life area key (repeatable)."),
) -> None:
    """Add a resource to your library, linked to skills, goals and areas."""
    from cairn.core.parse import parse_choice
    from cairn.core.resources import ResourceKind

    c = cairn(ctx)
    r = c.resources.add(title, parse_choice(ResourceKind, _kind(title, kind), "resource kind"),
                        url=url, note=note, skills=skill, goal_ids=goal, areas=area)
    output.say("Added {} [bold]#{}[/] {}.", r.kind.value, r.id, r.title)
    if r.skills:
        names = c.resources.skill_names()
        output.say("Skills: {}.", ", ".join(skill_label(x, names) for x in r.skills))
        if not names:
            output.say("[yellow]Skill ids not checked:[/] the occupation catalog is not "
                       "installed (cairn catalog install).")


@app.command("list")
def list_resources(
    ctx: typer.Context,
    kind: str = typer.Option(None, "--kind", "-k", help=f"Only this kind: {KINDS}."),
    status: str = typer.Option(None, "--status", help="Only todo, in-progress or done."),
    skill: str = typer.Option(None, "--skill", "-s", help="Only those linked to this skill."),
    goal: int = typer.Option(None, "--goal", "-g", autocompletion=complete.goals,
                             help="Only those linked to this goal."),
    as_json: bool = typer.Option(False, "--json", help=output.JSON_HELP),
) -> None:
    """List your library."""
    from cairn.core.parse import parse_choice
    from cairn.core.resources import ResourceKind, ResourceStatus

    c = cairn(ctx)
    found = c.resources.find(
        statuses=(parse_choice(ResourceStatus, status, "status"),) if status else (),
        kind=parse_choice(ResourceKind, kind, "resource kind") if kind else None,
        skill=skill, goal_id=goal)
    names = c.resources.skill_names() if any(r.skills for r in found) else {}
    if as_json:
        from cairn.services import support_views as views

        output.print_json([views.resource(r, names) for r in found])
        return
    output.print_table(
        "Library", ["id", "title", "kind", "status", "skills", "goals"],
        ((r.id, r.title, r.kind.value, r.status.value,
          ", ".join(skill_label(x, names) for x in r.skills),
          ", ".join(f"#{g}" for g in r.goal_ids)) for r in found),
        empty="Your library is empty. Add something: cairn resource add 'title' --kind course",
    )


@app.command("show")
def show(ctx: typer.Context, resource_id: int = typer.Argument(..., help="The resource's id."),
         as_json: bool = typer.Option(False, "--json", help=output.JSON_HELP)) -> None:
    """Show one resource with its links."""
    from cairn.services import support_views as views

    c = cairn(ctx)
    r = c.resources.get(resource_id)
    names = c.resources.skill_names() if r.skills else {}
    doc = views.resource(r, names)
    if as_json:
        output.print_json(doc)
        return
    shown: dict[str, object] = {k: v for k, v in doc.items() if k != "skill_names"}
    shown["skills"] = ", ".join(skill_label(x, names) for x in r.skills)
    for key, value in shown.items():
        output.say("{}: {}", key, "-" if value in (None, [], "") else value)


@app.command("start")
def start(ctx: typer.Context,
          resource_id: int = typer.Argument(..., help="The resource's id.")) -> None:
    """Mark a resource in progress."""
    r = cairn(ctx).resources.start(resource_id)
    output.say("Started #{} {}.", r.id, r.title)


RAISE_HELP = ("Raise the self-rating of each linked skill one step (--raise), or leave the "
              "ratings as they are (--no-raise). Without either, Cairn asks in a terminal "
              "and changes nothing otherwise.")


def _rating(value: float | None) -> str:
    return "not rated" if value is None else f"{value:g}"


@app.command("done")
def done(ctx: typer.Context,
         resource_id: int = typer.Argument(..., help="The resource's id."),
         raise_: bool | None = typer.Option(None, "--raise/--no-raise", help=RAISE_HELP,
                                            show_default=False)) -> None:
    """Mark a resource done; linked skills get evidence, and their self-ratings can go up."""
    c = cairn(ctx)
    was_done = c.resources.get(resource_id).done_at is not None
    r, evidence = c.resources.done(resource_id)
    if was_done:
        output.say("#{} {} was already done.", r.id, r.title)
    else:
        output.say("Finished #{} {}.", r.id, r.title)
    names = c.resources.skill_names() if evidence else {}
    for e in evidence:
        output.say("Evidence recorded for skill {}.", skill_label(e.skill_id, names))
    # Newly finished: offer the skills it gave evidence for. Already finished: only on --raise.
    skills = [e.skill_id for e in evidence] if not was_done else (
        list(r.skills) if raise_ else [])
    if skills and raise_ is not False:
        _raise_ratings(c, r.id, skills, ask=not raise_)


def _raise_ratings(c: Cairn, resource_id: int, skills: list[str], *, ask: bool) -> None:
    """Raise each skill's self-rating one step: asking first (in a terminal) when ``ask``."""
    chosen: list[RatingOffer] = []
    unasked: list[RatingOffer] = []
    for o in c.resources.rating_offers(resource_id, skills):
        if o.proposed is None:
            output.say("Skill {}: {}; {}.", o.name, _rating(o.current), o.why_not)
        elif not ask:
            chosen.append(o)
        elif not output.stdin_is_terminal():
            unasked.append(o)
        elif typer.confirm(f"Raise your self-rating for {o.name} from {_rating(o.current)} "
                           f"to {o.proposed:g}?", default=True):
            chosen.append(o)
    for o in c.resources.raise_ratings(resource_id, chosen):
        output.say("Self-rating for {}: {} -> {}.", o.name, _rating(o.current),
                   _rating(o.proposed))
    if chosen:
        output.say("Kept as a new skills take (cairn assess history skills); matching and "
                   "gaps use it now.")
    if unasked:
        output.say("Self-ratings unchanged for {} (no terminal to ask in). To raise each one "
                   "step: cairn resource done {} --raise",
                   ", ".join(f"{o.name} ({_rating(o.current)} -> {o.proposed:g})"
                             for o in unasked), resource_id)


@app.command("evidence")
def evidence(
    ctx: typer.Context,
    skill: str = typer.Option(None, "--skill", "-s", help="Only this skill's evidence."),
    as_json: bool = typer.Option(False, "--json", help=output.JSON_HELP),
) -> None:
    """List skill evidence: finished resources that speak for a higher self-rating."""
    c = cairn(ctx)
    found = c.resources.evidence(skill)
    names = c.resources.skill_names() if found else {}
    if as_json:
        from cairn.services import support_views as views

        output.print_json([views.evidence(e, names) for e in found])
        return
    titles = {r.id: r.title for r in c.resources.find()}
    output.print_table(
        "Skill evidence", ["skill", "resource", "on"],
        ((skill_label(e.skill_id, names), f"#{e.resource_id} {titles.get(e.resource_id, '?')}",
          e.on)
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
        output.say("  Next: [cyan]{}[/]", command_line(n.rule.action))
