"""``cairn assess``: interests, work values, skills, passions; history; loading instruments."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from cairn.cli import complete, output
from cairn.cli.context import cairn
from cairn.core.errors import CairnError

if TYPE_CHECKING:

    from cairn.core.assessment import Instrument, Item, Take
    from cairn.services.app import Cairn


app = typer.Typer(help="Know yourself: interests, work values, skills, passions and limits.",
                  no_args_is_help=True)
ANSWERS_HELP = "Take it non-interactively from a TOML or JSON file of `item_id = answer`."
KNOWLEDGE_PREFIX = "2.C."  # O*NET element ids of knowledge areas


def ask(c: Cairn, inst: Instrument) -> Take | None:
    """Ask every unanswered item, saving each answer at once; None when the person quits.

    Rating items are answered on the response scale, number and text items as they
    are; a per-area item is asked once per life area.
    """
    from cairn.services import assess_pages

    take, answered = c.assess.resume(inst.key, inst.version)
    asked = assess_pages.questions(c, inst)  # a per-area item once for each life area
    total = len(asked)
    if answered:
        done = sum(1 for q in asked if q.key in answered)
        output.say("Resuming: {} of {} questions already answered.", done, total)
    output.say("[bold]{}[/]\n{}", inst.title, inst.description)
    if inst.licence:
        output.say("[dim]Licence: {}[/]", inst.licence)
    if len(inst.labels) > 5:
        output.say("Answers:")
        for k, v in sorted(inst.labels.items()):
            output.say("  {} = {}", k, v)
    elif inst.labels:
        output.say("Answers: {}.", ", ".join(f"{k} = {v}" for k, v in sorted(inst.labels.items())))
    output.say("[dim]Enter q to stop; your answers are kept and the same command resumes.[/]")
    for n, q in enumerate(asked, 1):
        if q.key in answered:
            continue
        output.say("\n[dim]question {} of {}[/]  [bold]{}[/]", n, total, q.text)
        if q.item.help:
            output.say("[dim]{}[/]", q.item.help)
        if not _answer(c, inst, take.id, q.item, q.key):
            output.say("Stopped at question {} of {}. Run the same command to resume.", n, total)
            return None
    return c.assess.finish(inst, take.id)


def _answer(c: Cairn, inst: Instrument, take_id: int, item: Item, key: str) -> bool:
    """Ask one item until the answer is valid and saved; False when the person quits."""
    from cairn.core.assessment import required

    skippable = not required(inst, item)
    hint = {"rating": f"{inst.low}-{inst.high}", "number": "a number"}.get(item.kind, "answer")
    while True:
        raw = typer.prompt(hint + (", Enter to skip" if skippable else ""),
                           default="" if skippable else None, show_default=False)
        text = str(raw).strip()
        if text.lower() == "q":
            return False
        if not text and skippable:
            c.assess.answer(inst, take_id, key, None)
            return True
        try:
            c.assess.answer(inst, take_id, key, text if item.kind == "text" else float(text))
        except ValueError:
            output.say("Give a number" + (f" from {inst.low} to {inst.high}."
                                          if item.kind == "rating" else "."))
        except CairnError as err:  # the item's id means nothing to the person answering
            output.say("{}", err.message.removeprefix(f"{key}: "))
        else:
            return True


def show_take(inst: Instrument, take: Take, as_json: bool) -> None:
    """A take's scores: a table with bars, bands and meanings, or JSON."""
    from cairn.services import assess_views

    if as_json:
        output.print_json(assess_views.take(take, inst))
        return
    rows = assess_views.score_rows(take, inst)

    def fraction(scale: str, value: float) -> float:
        low, high = inst.score_range(scale)
        return (value - low) / (high - low) if high > low else 0.0

    output.print_table(f"{inst.title}, taken {take.finished_at:%Y-%m-%d}",
                       ["scale", "score", "", "band", "what it means"],
                       [(r["name"], output.score(r["score"]),
                         output.bar(fraction(r["scale"], r["score"])),
                         r["band"], r["meaning"]) for r in rows])
    if take.code:
        output.say("Your code: [bold]{}[/]", take.code)
    for note in assess_views.code_notes(take, inst):
        output.say("[dim]{}[/]", note)
    if inst.licence:
        output.say("[dim]Licence: {}[/]", inst.licence)


def _run(ctx: typer.Context, key: str, answers: Path | None, as_json: bool,
         knowledge: bool = False) -> None:
    c = cairn(ctx)
    inst = c.assess.instrument(key, knowledge=knowledge)
    if answers is not None:
        from cairn.services.assess import parse_answers

        given = parse_answers(answers)
        try:
            take: Take | None = c.assess.take(inst, given)
        except CairnError as err:
            if key == "skills" and not knowledge and any(
                    str(k).startswith(KNOWLEDGE_PREFIX) for k in given):
                err.hint = ("Ids starting 2.C. are O*NET knowledge areas: add --knowledge "
                            f"(cairn assess skills --knowledge --answers {answers}).")
            raise
    else:
        take = ask(c, inst)
    if take is not None:
        show_take(inst, take, as_json)


@app.command("interests")
def interests(
    ctx: typer.Context,
    answers: Path = typer.Option(None, "--answers", help=ANSWERS_HELP),
    as_json: bool = typer.Option(False, "--json", help=output.JSON_HELP),
) -> None:
    """60 work activities, like or dislike: six RIASEC scores and a three-letter code."""
    _run(ctx, "interests", answers, as_json)


@app.command("values")
def values(
    ctx: typer.Context,
    answers: Path = typer.Option(None, "--answers", help=ANSWERS_HELP),
    rank: bool = typer.Option(False, "--rank", help="Rank the six values instead of rating "
                              "18 statements."),
    order: str = typer.Option(None, "--order", help="With --rank, non-interactive: the six "
                              "values most important first, comma-separated."),
    as_json: bool = typer.Option(False, "--json", help=output.JSON_HELP),
) -> None:
    """Rate (or --rank) how important the six O*NET work values are to you."""
    if not rank:
        _run(ctx, "values", answers, as_json)
        return
    c = cairn(ctx)
    inst = c.assess.instrument("values")
    if order is not None:
        show_take(inst, c.assess.rank_values([v for v in order.split(",") if v.strip()]),
                  as_json)
        return
    for n, sc in enumerate(inst.scales, 1):
        output.say("  {}. [bold]{}[/]: {}", n, sc.name, sc.description)
    count = len(inst.scales)
    while True:  # a line that is not a ranking is asked again, in the prompt's own terms
        raw = str(typer.prompt("Their numbers, most important first (e.g. 6 1 3 2 5 4)"))
        picked = raw.replace(",", " ").split()
        if sorted(picked) == [str(n) for n in range(1, count + 1)]:
            break
        output.say("Give each number from 1 to {} once, most important first.", count)
    show_take(inst, c.assess.rank_values([inst.scales[int(p) - 1].name for p in picked]),
              as_json)


@app.command("skills")
def skills(
    ctx: typer.Context,
    answers: Path = typer.Option(None, "--answers", help=ANSWERS_HELP + ' Ids are O*NET '
                                 'element ids, e.g. "2.A.1.a" = 4.'),
    knowledge: bool = typer.Option(False, "--knowledge",
                                   help="Also rate the O*NET knowledge areas."),
    as_json: bool = typer.Option(False, "--json", help=output.JSON_HELP),
) -> None:
    """Rate your level (0-7) on the O*NET skills you choose; skip the others."""
    _run(ctx, "skills", answers, as_json, knowledge)


@app.command("take")
def take_other(
    ctx: typer.Context,
    key: str = typer.Argument(..., autocompletion=complete.instruments,
                              help="Key of a loaded instrument (see `cairn assess list`)."),
    answers: Path = typer.Option(None, "--answers", help=ANSWERS_HELP),
    as_json: bool = typer.Option(False, "--json", help=output.JSON_HELP),
) -> None:
    """Take an instrument a coach loaded with `cairn assess load`."""
    _run(ctx, key, answers, as_json)


@app.command("passions")
def passions(
    ctx: typer.Context,
    answers: Path = typer.Option(None, "--answers", help="A TOML or JSON file with min_income, "
                                 "max_hours, max_job_zone, current_occupation and "
                                 "[[passions]] (name, hours, income)."),
    as_json: bool = typer.Option(False, "--json", help=output.JSON_HELP),
) -> None:
    """Your passions and hobbies, and your limits: income, hours, preparation, current job."""
    from cairn.services.assess import parse_answers

    c = cairn(ctx)
    take = (c.assess.save_constraints(parse_answers(answers)) if answers is not None
            else _ask_passions(c))
    if as_json:
        output.print_json(dict(take.scores))
        return
    output.say("Saved on {}.", f"{take.finished_at:%Y-%m-%d}")
    for k, v in take.scores.items():
        if k != "passions":
            output.say("  {}: {}", k.replace("_", " "), "-" if v is None else v)
    for p in take.scores["passions"]:
        output.say("  passion: {} ({} h a week{})", p["name"], p["hours"],
                   ", would like income from it" if p["income"] else "")


def _number(question: str, example: str) -> float | None:
    while True:
        raw = str(typer.prompt(question + " (Enter to skip)", default="",
                               show_default=False)).strip()
        try:
            return float(raw.replace(",", "")) if raw else None
        except ValueError:
            output.say("Give a number, e.g. {}, or press Enter to skip.", example)


QUESTIONS = (  # item id, question, an example answer
    ("min_income", "Minimum yearly income you need", "45000"),
    ("max_hours", "Most hours a week you want to work", "40"),
    ("max_job_zone", "Most preparation you would take on, as a job zone 1-5 (1 little, "
                     "3 vocational or associate, 4 bachelor's, 5 graduate)", "4"),
)


def _ask_passions(c: Cairn) -> Take:
    """Ask the form, saving each answer at once, so an interrupted session resumes."""
    take_id, got = c.assess.form_answers()
    if got:
        output.say("Resuming: {} answers already given:", len(got))
        for line in _given(got):
            output.say("  {}", line)
        if not typer.confirm("Go on from there? (n starts over; these answers stay in "
                             "the unfinished take)", default=True):
            take_id, got = c.assess.form_answers(start_over=True)
    for item_id, question, example in QUESTIONS:
        while item_id not in got:
            try:
                c.assess.answer_form(take_id, item_id, _number(question, example))
                got[item_id] = (None, None)
            except CairnError as err:
                output.say("{}", err.message)
    while "current_occupation" not in got:
        code = str(typer.prompt("Your current occupation (code or title, Enter to skip)",
                                default="", show_default=False)).strip()
        try:
            c.assess.answer_form(take_id, "current_occupation", None, code or None)
            got["current_occupation"] = (None, code)
        except CairnError as err:
            output.say("{}", err.message)
    if "passions.done" not in got:
        n = sum(1 for k in got if k.startswith("passion."))
        while name := str(typer.prompt(f"Passion or hobby {n + 1} (Enter to finish)",
                                       default="", show_default=False)).strip():
            hours = _number(f"Hours a week you want for {name}", "5") or 0.0
            income = typer.confirm(f"Would you like income from {name}?", default=False)
            n += 1
            c.assess.answer_form(take_id, f"passion.{n}", None,
                                 json.dumps({"name": name, "hours": hours, "income": income}))
        c.assess.answer_form(take_id, "passions.done", 1.0)
    return c.assess.finish_form(take_id)


def _given(got: dict[str, tuple[float | None, str | None]]) -> list[str]:
    """The answers of a half-finished form, in words."""
    from cairn.core.person import CONSTRAINT_LABELS, describe_answer

    lines = []
    for item_id, (value, text) in got.items():
        if item_id.startswith("passion."):
            lines.append("passion: " + describe_answer("passions", [json.loads(text or "{}")]))
        elif item_id in CONSTRAINT_LABELS:
            lines.append(f"{CONSTRAINT_LABELS[item_id]}: "
                         f"{describe_answer(item_id, text if value is None else value)}")
    return lines


@app.command("history")
def history(
    ctx: typer.Context,
    key: str = typer.Argument(None, autocompletion=complete.instruments,
                              help="Only this instrument (interests, values, ...)."),
    as_json: bool = typer.Option(False, "--json", help=output.JSON_HELP),
) -> None:
    """Every take, with the date and what changed since the previous take."""
    from cairn.services import assess_views

    found = cairn(ctx).assess.history(key)
    if as_json:
        output.print_json([assess_views.history_entry(t, moved) for t, moved in found])
        return
    output.print_table("Assessment history", ["#", "instrument", "taken", "code", "changes"],
                       [(t.id, t.instrument, f"{t.finished_at:%Y-%m-%d %H:%M}", t.code or "-",
                         "\n".join(moved[:6]) or ("first take" if not moved else ""))
                        for t, moved in found],
                       empty="No assessments yet: start with `cairn assess interests`.")


@app.command("list")
def list_instruments(
    ctx: typer.Context,
    as_json: bool = typer.Option(False, "--json", help=output.JSON_HELP),
) -> None:
    """Instruments you can take: shipped and loaded."""
    found = cairn(ctx).assess.instruments()
    if as_json:
        output.print_json([{"key": k, "title": t} for k, t in found])
        return
    output.print_table("Instruments", ["key", "title"], found)


@app.command("load")
def load(
    ctx: typer.Context,
    file: Path = typer.Argument(..., help="An instrument TOML file (format in the README)."),
) -> None:
    """Check and load another instrument from a file; every problem is reported at once."""
    inst = cairn(ctx).assess.load(file)
    output.say("Loaded {} ({} items, {} scales). Take it with `cairn assess take {}`.",
               inst.title, len(inst.items), len(inst.scales), inst.key)
