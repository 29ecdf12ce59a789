"""``cairn explore``: search, show and browse occupations in the O*NET catalog."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from cairn.cli import complete, output
from cairn.cli.context import cairn

if TYPE_CHECKING:
    from cairn.core.occupations import ElementRating, Occupation, OccupationPage

app = typer.Typer(help="Explore occupations: search, show, browse; match, gap, path.",
                  no_args_is_help=True)
LIST_COLUMNS = ["code", "title", "zone", "RIASEC", "median a year", "an hour"]


def _rows(items: list[Occupation]) -> list[tuple[object, ...]]:
    from cairn.core.wages import SAME, annual_text, hourly_text

    def marked(o: Occupation, text: str) -> str:
        return f"{text} *" if o.wage is not None and o.wage.basis != SAME else text

    return [(o.code, o.title, o.job_zone or "-", o.riasec_code or "-",
             marked(o, annual_text(o.wage)), hourly_text(o.wage)) for o in items]


def _wage_notes(items: list[Occupation]) -> None:
    """Say where a wage comes from when it is not the occupation's own BLS code, and what
    "hourly only" means."""
    from cairn.core.wages import SAME

    broader: dict[tuple[str, str], list[str]] = {}
    for o in items:
        if o.wage is not None and o.wage.basis != SAME:
            broader.setdefault((o.wage.soc_code, o.wage.title), []).append(o.code)
    if broader:
        output.say("[dim]* BLS figure for a broader occupation that includes it: {}.[/]",
                   "; ".join(f"{soc} {title} (for {', '.join(codes)})"
                             for (soc, title), codes in sorted(broader.items())))
    if any(o.wage is not None and o.wage.hourly_only for o in items):
        output.say("[dim]hourly only: BLS publishes only an hourly median for it; a wage band "
                   "places it by Cairn's estimate (hourly x 2,080 hours).[/]")


@app.command("search")
def search(
    ctx: typer.Context,
    query: list[str] = typer.Argument(..., help="Words to look for, e.g. nurse."),
    limit: int = typer.Option(15, "--limit", "-n", help="How many results."),
    as_json: bool = typer.Option(False, "--json", help=output.JSON_HELP),
) -> None:
    """Full-text search over titles, other titles, descriptions and tasks."""
    from cairn.services import catalog_views

    c = cairn(ctx)
    hits = c.catalog.search(" ".join(query), limit)
    if as_json:
        credit = c.catalog.attribution()
        output.print_json([catalog_views.hit(h, credit) for h in hits])
        return
    output.print_table(f"Occupations matching {' '.join(query)!r}", LIST_COLUMNS,
                       _rows([h.occupation for h in hits]),
                       empty="No occupation matches; try fewer or other words.")
    _wage_notes([h.occupation for h in hits])
    output.say("[dim]{}[/]", c.catalog.attribution())


@app.command("browse")
def browse(
    ctx: typer.Context,
    zone: int = typer.Option(None, "--zone", "-z", help="Job zone 1-5 (preparation needed)."),
    riasec: str = typer.Option(None, "--riasec", "-r",
                               help="Interest letter or code, e.g. S or SEC (prefix match)."),
    wage: str = typer.Option(None, "--wage", "-w",
                             help="Median wage band: <40k, 40-60k, 60-80k, 80-100k, "
                                  "100-150k, 150k+ (needs `cairn catalog wages`; an "
                                  "hourly-only occupation by Cairn's estimate)."),
    limit: int = typer.Option(1000, "--limit", "-n", help="At most this many."),
    as_json: bool = typer.Option(False, "--json", help=output.JSON_HELP),
) -> None:
    """List occupations by job zone, RIASEC interest code and wage band."""
    from cairn.services import catalog_views

    c = cairn(ctx)
    found = c.catalog.browse(job_zone=zone, riasec=riasec, wage_band=wage,
                                      limit=limit + 1)  # one more tells whether any are left out
    more, found = len(found) > limit, found[:limit]
    if as_json:
        credit = c.catalog.attribution()
        output.print_json([catalog_views.occupation(o, credit) for o in found])
        return
    output.print_table(f"{len(found)} occupations", LIST_COLUMNS, _rows(found))
    _wage_notes(found)
    if more:
        every = len(c.catalog.browse(job_zone=zone, riasec=riasec, wage_band=wage,
                                     limit=1_000_000))
        output.say("[yellow]Showing {} of {} occupations:[/] add --limit {} to see them all, "
                   "or narrow with --zone, --riasec or --wage.", limit, every, every)
    output.say("[dim]{}[/]", c.catalog.attribution())


def _ratings(title: str, items: list[ElementRating]) -> None:
    output.print_table(title, ["", "importance (1-5)", "level (0-7)"],
                       [(r.name, f"{r.importance:.2f} {output.bar(r.importance / 5, 8)}",
                         f"{r.level:.2f} {output.bar(r.level / 7, 8)}") for r in items])


def _top_levels(p: OccupationPage) -> list[tuple[str, str, str]]:
    """For each kind (education, experience, training), the two levels most workers report."""
    rows = []
    for kind in ("education", "experience", "on-site training", "on-the-job training"):
        levels = sorted((e for e in p.education if e.kind == kind), key=lambda e: -e.percent)
        rows += [(kind if i == 0 else "", e.description, f"{e.percent:.0f}%")
                 for i, e in enumerate(levels[:2])]
    return rows


def _print_page(p: OccupationPage, tasks: int) -> None:
    from cairn.core.occupations import RIASEC_NAMES

    o = p.occupation
    output.say("[bold]{}[/] ({})", o.title, o.code)
    output.say("{}", p.description)
    if p.job_zone:
        z = p.job_zone
        output.say("\n[bold]{}[/] (job zone {} of 5)\n  Education: {}\n  Experience: {}\n"
                   "  Training: {}", z.name, z.zone, z.education, z.experience, z.training)
    if p.wage:
        from cairn.core.wages import describe, estimate_note

        output.say("[bold]Median wage[/]: {}", describe(o.code, p.wage))
        if p.wage.annual_estimate is not None:
            output.say("[dim]{} Cairn uses it only for income fit and wage bands.[/]",
                       estimate_note(p.wage))
    if p.interests:
        output.print_table(f"Interests — code {p.interests.high_point}", ["", "1-7"],
                           [(n, f"{v:.2f} {output.bar((v - 1) / 6)}")
                            for n, v in zip(RIASEC_NAMES, p.interests.scores, strict=True)])
    _ratings("Top skills", p.skills)
    _ratings("Top knowledge", p.knowledge)
    _ratings("Top abilities", p.abilities)
    output.print_table("Work values", ["", "extent (1-7)"],
                       [(v.name, f"{v.value:.2f}") for v in p.work_values])
    output.print_table("Work styles", ["", "impact (-3..3)"],
                       [(v.name, f"{v.value:+.2f}") for v in p.work_styles])
    core = [t for t in p.tasks if t.core] or p.tasks
    output.print_table("Core tasks", ["task"], [(t.statement,) for t in core[:tasks]])
    output.print_table("Technology", ["example", "kind", "flags"],
                       [(t.example, t.category,
                         " ".join(f for f, on in (("hot", t.hot), ("in-demand", t.in_demand))
                                  if on)) for t in p.technology[:15]])
    output.print_table("Education, experience and training (most reported)",
                       ["", "level", "share of workers"], _top_levels(p))
    output.print_table("Related occupations", ["code", "title", "tier"],
                       [(r.code, r.title, r.tier) for r in p.related[:10]])
    output.say("\n[dim]{}[/]", p.attribution)


@app.command("show")
def show(
    ctx: typer.Context,
    occupation: list[str] = typer.Argument(..., autocompletion=complete.occupations,
                                           help="An O*NET-SOC code (15-1252.00) "
                                                "or a title; the best match is shown."),
    top: int = typer.Option(10, "--top", help="How many skills, knowledge areas, abilities."),
    tasks: int = typer.Option(10, "--tasks", help="How many core tasks to list."),
    as_json: bool = typer.Option(False, "--json", help=output.JSON_HELP),
) -> None:
    """Show an occupation: description, job zone, interests, skills, tasks, wages, more."""
    from cairn.core.rules import check_count
    from cairn.services import catalog_views

    check_count(top, "--top", 1, 1000)
    check_count(tasks, "--tasks", 0, 1000)
    page = cairn(ctx).catalog.show(" ".join(occupation), top)
    if as_json:
        output.print_json(catalog_views.page(page))
        return
    _print_page(page, tasks)
