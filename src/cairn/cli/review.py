"""``cairn review``: a guided review that shows the facts, asks, and records decisions."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from cairn.cli import output
from cairn.cli.context import cairn, listings
from cairn.cli.groups import default_group

if TYPE_CHECKING:
    from collections.abc import Callable

    from cairn.core.assessment import Answer, Instrument
    from cairn.core.review import DueReview
    from cairn.core.tracking import ReviewKind
    from cairn.services.app import Cairn
    from cairn.services.review_facts import ReviewFacts

app = typer.Typer(cls=default_group("run", when_empty=True),
                  help="Reviews: `cairn review [--kind K] [--summary]` holds one (options: "
                  "`cairn review run --help`); `review list`, `review show ID`.")
QUESTIONS = (
    "What went well since the last review?",
    "What got in the way?",
    "Is what you spend time on still what matters most to you?",
)
DECISION_HELP = ("Decisions, one per line (empty line to finish): pause ID, resume ID, "
                 "done ID, drop ID reason, deadline ID DATE, target ID N, priority ID LEVEL, "
                 "add AREA title, retake ASSESSMENT (asked at once), note text.")
REASSESSED = ("interests", "values", "skills")


def _pct(value: float | None) -> str:
    return output.percent(value)


def print_facts(f: ReviewFacts) -> None:
    """The facts first: progress, stale goals, overdue milestones, drift, trends, events."""
    key = f.areas.get
    output.say("[bold]{} review[/] — {} (facts since {})", f.kind.value.capitalize(), f.today,
               f.since)
    output.print_table("Progress per goal", ["id", "area", "priority", "title", "progress"],
                       ((g.id, key(g.area_id), g.priority.value, g.title,
                         f"{output.bar(p)} {_pct(p)}") for g, p in f.progress),
                       empty="No open goals.")
    for st in f.stale:
        output.say("[yellow]Stale:[/] goal #{} {} — no progress for {} days (since {}).",
                   st.goal.id, st.goal.title, st.days, st.last_activity)
    for m in f.overdue:
        output.say("[yellow]Overdue milestone:[/] #{} {} (goal #{}, due {}).", m.id, m.title,
                   m.goal_id, m.due)
    for d in f.drift:
        what = ("gets little time for its high priority" if d.kind == "neglected"
                else "takes much time for its low priority")
        output.say("[yellow]Drift:[/] {} {}: {} of logged time, {} expected by priority.",
                   key(d.area_id), what, _pct(d.actual_share), _pct(d.expected_share))
    if f.hours_by_area:
        output.say("Time logged since {}: {}.", f.since, ", ".join(
            f"{key(a)} {h:.1f} h" for a, h in sorted(f.hours_by_area.items(),
                                                     key=lambda kv: -kv[1])))
    t = f.trend

    def pair(values: tuple[float | None, float | None]) -> str:
        before, now = ("-" if v is None else f"{v:.1f}" for v in values)
        return f"{before} -> {now}"

    output.say("Check-ins: {} since the last review. Energy {}, stress {}, satisfaction {}, "
               "index {} (before -> since).", t.count_now, pair(t.energy), pair(t.stress),
               pair(t.satisfaction), pair(t.index))
    output.say("Burnout risk: {}{}{}.", f"{f.burnout_before} -> " if f.burnout_before else "",
               f.burnout.level,
               (" (" + ", ".join(r.code for r in f.burnout.reasons) + ")")
               if f.burnout.reasons else "")
    if len(f.burnout_trend) > 1:
        output.say("Burnout risk by week: {}.", ", ".join(
            f"{day:%m-%d} {risk.level}" for day, risk in f.burnout_trend))
    for e in f.events:
        output.say("Life event: {} — {} ({}).", e.kind.value, e.description, e.on)


def _read_answers(path: Path) -> tuple[list[str], str]:
    from cairn import files

    hint = 'Write decisions = ["pause 3", ...] and notes = "...".'
    text = files.read_text(path, "answers file", hint)
    if path.suffix != ".toml":
        return text.splitlines(), ""
    data = files.parse_toml(text, path, hint)
    decisions = data.get("decisions", [])
    if not isinstance(decisions, list):
        decisions = [decisions]
    return [str(x) for x in decisions], str(data.get("notes", ""))


def print_assessment_changes(found: object) -> None:
    """What changed in the assessments a review compared (kept in its facts)."""
    if not isinstance(found, list) or not found:
        return
    output.say("[bold]What changed in your assessments[/]")
    for comparison in found:
        lines = comparison.get("lines") if isinstance(comparison, dict) else None
        if not isinstance(lines, list) or not lines:
            continue
        output.say("  {}", lines[0])
        for line in lines[1:]:
            output.say("    {}", line)


def _retake(c: Cairn, key: str) -> bool:
    """Retake an assessment through the same flow as `cairn assess KEY`; True when done."""
    from cairn.cli.assess import ask, show_take
    from cairn.core.errors import CairnError

    try:
        inst = c.assess.instrument(key)
    except CairnError as err:  # skills without the catalog, for instance
        output.print_error(err)
        return False
    take = ask(c, inst)
    if take is not None:
        show_take(inst, take, as_json=False)
    return take is not None


def _retake_all(c: Cairn) -> list[str]:
    """The six-monthly reassessment: offer to retake each assessment; the retake lines."""
    output.say("\n[bold]Reassessment[/]: retake your assessments to see what changed "
               "(answer n to skip one).")
    lines = []
    for key in REASSESSED:
        latest = c.assess.latest(key)
        when = f"last taken {latest.finished_at:%Y-%m-%d}" if latest else "not taken yet"
        if typer.confirm(f"Retake {key} now ({when})?", default=True) and _retake(c, key):
            lines.append(f"retake {key}")
    return lines


def _prepare_retakes(c: Cairn, given: list[str]) -> list[tuple[Instrument, dict[str, Answer]]]:
    """Read and check every answers file (KEY=FILE) before anything prints or is kept."""
    from cairn.core.errors import InvalidInput
    from cairn.services.assess import parse_answers

    prepared = []
    for pair in given:
        key, sep, file = pair.partition("=")
        if not sep or not key.strip() or not file.strip():
            raise InvalidInput(f"Cannot read --retake {pair!r}.",
                               "Write --retake KEY=FILE, e.g. --retake interests=answers.toml.")
        inst = c.assess.instrument(key.strip().lower())
        prepared.append((inst, c.assess.prepare(inst, parse_answers(Path(file.strip())))))
    return prepared


def _retake_files(c: Cairn, prepared: list[tuple[Instrument, dict[str, Answer]]]) -> list[str]:
    """Keep the retakes prepared (and checked) by :func:`_prepare_retakes`."""
    for inst, answers in prepared:
        c.assess.take(inst, answers)
    return [f"retake {inst.key}" for inst, _ in prepared]


def _ask(c: Cairn, f: ReviewFacts) -> tuple[list[str], str]:
    from cairn.core.errors import CairnError

    notes = []
    for question in QUESTIONS:
        answer = str(typer.prompt(question, default="", show_default=False)).strip()
        if answer:
            notes.append(f"{question} {answer}")
    for st in f.stale:
        output.say("Goal #{} {} is stale: keep it, pause it, drop it or move its deadline?",
                   st.goal.id, st.goal.title)
    output.say(DECISION_HELP)
    lines: list[str] = []
    while True:
        line = str(typer.prompt("decision", default="", show_default=False)).strip()
        if not line:
            break
        try:
            [decision] = c.track.reviews.check_decisions([line])  # say at once when wrong
        except CairnError as err:
            output.print_error(err)
            continue
        if decision.action == "retake":
            _retake(c, decision.value.lower())
        lines.append(line)
    return lines, "\n".join(notes)


def _kind(given: str | None, due: Callable[[], list[DueReview]]) -> ReviewKind:
    """The kind of review asked for, else the longest one due, else weekly."""
    from cairn.core.parse import parse_choice
    from cairn.core.tracking import ReviewKind

    if given is not None:
        return parse_choice(ReviewKind, given, "kind of review")
    longest = sorted(due(), key=lambda d: -d.kind.rank)
    return longest[0].kind if longest else ReviewKind.WEEKLY


@app.command("run")
def run(
    ctx: typer.Context,
    kind: str = typer.Option(None, "--kind", "-k", help="weekly, monthly or six-monthly "
                             "(default: the longest one due, else weekly)."),
    summary: bool = typer.Option(False, "--summary", help="Print the facts only; record nothing."),
    decide: list[str] = typer.Option([], "--decide", help="A decision line, e.g. 'pause 3' or "
                                     "'drop 4 no longer matters' (repeatable)."),
    answers: Path = typer.Option(None, "--answers", help="A file of decisions: lines, or TOML "
                                 "with decisions = [...] and notes = '...'."),
    retake: list[str] = typer.Option([], "--retake", help="Retake an assessment from an "
                                     "answers file first, as KEY=FILE (repeatable), e.g. "
                                     "interests=answers.toml; the review shows what changed."),
    note: str = typer.Option("", "--note", "-n", help="Notes to keep with the review."),
    as_json: bool = typer.Option(False, "--json", help="With --summary: the facts as JSON."),
) -> None:
    """Hold a review: facts first, then questions; decisions land in each goal's history."""
    from cairn.core.tracking import ReviewKind
    from cairn.services import review_facts

    if summary:  # only reads: the quick way where the database allows
        quick = listings(ctx)
        facts = quick.review_facts(_kind(kind, quick.due_reviews))
        if as_json:
            output.print_json(review_facts.to_json(facts))
        else:
            print_facts(facts)
        return
    c = cairn(ctx)
    chosen = _kind(kind, c.track.reviews.due)
    facts = c.track.reviews.facts(chosen)
    lines, notes = list(decide), note
    if answers is not None:
        file_lines, file_notes = _read_answers(answers)
        lines += file_lines
        notes = "\n".join(x for x in (notes, file_notes) if x)
    if decide or answers is not None:  # bad input is found before the facts print
        c.track.reviews.check_decisions(lines)
    prepared = _prepare_retakes(c, retake)
    print_facts(facts)
    lines += [line for line in _retake_files(c, prepared) if line not in lines]
    if not decide and answers is None and not retake:
        if chosen is ReviewKind.SIX_MONTHLY:
            lines += _retake_all(c)
        asked_lines, asked = _ask(c, facts)
        lines += asked_lines
        notes = "\n".join(x for x in (notes, asked) if x)
    held = c.track.reviews.hold(chosen, lines, notes, facts)
    output.say("[green]Review #{} recorded[/] ({}).", held.review.id, chosen.value)
    for line in held.applied:
        output.say("  applied: {}", line)
    print_assessment_changes(held.review.facts.get("assessments"))
    for line in held.review.pending:
        output.say("  pending: {}", line)


@app.command("list")
def list_reviews(ctx: typer.Context,
                 as_json: bool = typer.Option(False, "--json", help=output.JSON_HELP)) -> None:
    """Past reviews, oldest first."""
    from cairn.cli import timefmt

    c = listings(ctx)
    reviews = c.reviews()
    if as_json:
        from cairn.services import track_views

        output.print_json([track_views.review(r) for r in reviews])
        return
    zone = c.zone
    output.print_table("Reviews", ["id", "when", "kind", "decisions", "pending"],
                       ((r.id, timefmt.minute(r.at, zone), r.kind.value,
                         len(r.decisions), len(r.pending)) for r in reviews),
                       empty="No reviews yet. Hold one with `cairn review`.")


@app.command("show")
def show(ctx: typer.Context, review_id: int = typer.Argument(..., help="The review's id."),
         as_json: bool = typer.Option(False, "--json", help=output.JSON_HELP)) -> None:
    """Replay a past review: the facts it saw, its decisions and the goal changes they made."""
    from cairn.cli import timefmt
    from cairn.services import track_views

    c = cairn(ctx)
    review, changes = c.track.reviews.get(review_id)
    if as_json:
        output.print_json(track_views.review(review, changes))
        return
    f = review.facts
    output.say("[bold]Review #{}[/] ({}, {})", review.id, review.kind.value,
               timefmt.with_zone(review.at, timefmt.zone_of(c)))
    for name in ("stale", "overdue", "drift", "events"):
        items = f.get(name) or []
        if isinstance(items, list) and items:
            output.say("{}: {}", name, "; ".join(str(i.get("title") or i.get("area")
                                                     or i.get("description"))
                                                 for i in items if isinstance(i, dict)))
    burnout = f.get("burnout")
    if isinstance(burnout, dict):
        output.say("burnout risk then: {}", burnout.get("level"))
        trend = burnout.get("trend")
        if isinstance(trend, list) and len(trend) > 1:
            output.say("burnout risk by week: {}", ", ".join(
                f"{p.get('on')} {p.get('level')}" for p in trend if isinstance(p, dict)))
    print_assessment_changes(f.get("assessments"))
    if review.notes:
        output.say("Notes: {}", review.notes)
    for d in review.decisions:
        output.say("  decided: {}", d)
    from cairn.cli import wording

    keys = {a.id: a.key for a in c.profile.areas(include_archived=True)}
    for ch in changes:
        output.say("  goal #{} {}: {} -> {} ({})", ch.goal_id, wording.field(ch.field),
                   wording.value(ch.field, ch.old, keys), wording.value(ch.field, ch.new, keys),
                   ch.reason)
    for p in review.pending:
        output.say("  pending: {}", p)
