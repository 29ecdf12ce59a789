"""``cairn log``, ``win``, ``checkin``, ``event``, ``rest`` and ``achievements``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from cairn.cli import complete, output
from cairn.cli.context import cairn, listings, today
from cairn.cli.groups import default_group

if TYPE_CHECKING:
    from cairn.core.assessment import Instrument
    from cairn.services.app import Cairn

DATE_HELP = "A date: YYYY-MM-DD or a phrase like 'yesterday'."

log_app = typer.Typer(cls=default_group("add"), no_args_is_help=True,
                      help="Time spent per life area: `cairn log 1h30 learning [note]` records "
                      "it, `cairn log list` shows it.")
win_app = typer.Typer(cls=default_group("add"), no_args_is_help=True,
                      help='The wins journal: `cairn win "text"` adds one, `cairn win list`.')
checkin_app = typer.Typer(cls=default_group("take", when_empty=True),
                          help="Check in (energy, stress, satisfaction per area, hours): "
                          "`cairn checkin` asks, flags answer (see `cairn checkin take "
                          "--help`); `cairn checkin list`.")
event_app = typer.Typer(no_args_is_help=True, help="Life events that prompt a review: add, list.")
rest_app = typer.Typer(no_args_is_help=True,
                       help="Rest mode and holidays: plans pause, streaks never break.")


def _area_keys(c: Cairn) -> dict[int, str]:
    return {a.id: a.key for a in c.profile.areas(include_archived=True)}


@log_app.command("add")
def log(
    ctx: typer.Context,
    duration: str = typer.Argument(..., help="Time spent: 90m, 1h30, 1.5h, 2h."),
    area: str = typer.Argument(..., autocompletion=complete.areas,
                               help="Life area (key, name or id); '-' takes the task's "
                               "or the habit's."),
    note: list[str] = typer.Argument(None, help="A short note on what you did."),
    task: int = typer.Option(None, "--task", "-t", help="Id of the task the time went to."),
    habit: int = typer.Option(None, "--habit", help="Id of the habit this was a session of "
                              "(counts for its streak; `cairn habit list`)."),
    date: str = typer.Option(None, "--date", "-d", help=f"When (default today). {DATE_HELP}"),
) -> None:
    """Record time spent in a life area: `cairn log 1h30 learning --task 4 read chapter 2`."""
    from cairn.core.parse import parse_optional_date
    from cairn.core.tracking import format_minutes, parse_duration

    c = cairn(ctx)
    entry = c.track.record.log(parse_duration(duration), None if area == "-" else area,
                               task_id=task, on=parse_optional_date(date, today(ctx)),
                               note=" ".join(note or []), habit_id=habit)
    output.say("Logged {} in {} on {}.", format_minutes(entry.minutes),
               _area_keys(c)[entry.area_id], entry.on)
    if habit is not None:
        done = next(s for s in c.track.wellbeing.habit_streaks() if s.habit_id == habit)
        output.say("{}: {} of {} session(s) this week; streak {} week(s).", done.title,
                   done.this_week, done.per_week, done.weeks)


@log_app.command("list")
def log_list(
    ctx: typer.Context,
    since: str = typer.Option("7 days ago", "--since", help=f"From this day. {DATE_HELP}"),
    as_json: bool = typer.Option(False, "--json", help=output.JSON_HELP),
) -> None:
    """Time logged since a day (a week by default), with totals per area."""
    from cairn.core.parse import parse_date
    from cairn.core.tracking import format_minutes

    c = listings(ctx)
    entries = c.time_entries(parse_date(since, c.today()))
    keys = {a.id: a.key for a in c.areas(include_archived=True)}
    if as_json:
        from cairn.services import track_views

        output.print_json([track_views.time_entry(e, keys) for e in entries])
        return
    output.print_table("Time logged", ["id", "on", "area", "time", "task", "habit", "note"],
                       ((e.id, e.on, keys[e.area_id], format_minutes(e.minutes),
                         e.task_id or "", e.habit_id or "", e.note) for e in entries),
                       empty="No time logged in that span. Log some with `cairn log 1h career`.")
    totals: dict[str, int] = {}
    for e in entries:
        totals[keys[e.area_id]] = totals.get(keys[e.area_id], 0) + e.minutes
    if totals:
        output.say("Totals: {}.", ", ".join(f"{k} {format_minutes(m)}" for k, m in
                                             sorted(totals.items(), key=lambda kv: -kv[1])))


@win_app.command("add")
def win_add(ctx: typer.Context,
            text: list[str] = typer.Argument(..., help="What went well."),
            date: str = typer.Option(None, "--date", "-d", help=DATE_HELP)) -> None:
    """Add a win to the journal."""
    from cairn.core.parse import parse_optional_date

    w = cairn(ctx).track.record.add_win(" ".join(text), parse_optional_date(date, today(ctx)))
    output.say("[green]Win #{} noted:[/] {}", w.id, w.text)


@win_app.command("list")
def win_list(ctx: typer.Context,
             as_json: bool = typer.Option(False, "--json", help=output.JSON_HELP)) -> None:
    """The wins journal, newest first."""
    wins = listings(ctx).wins()
    if as_json:
        from cairn.services import track_views

        output.print_json([track_views.win(w) for w in wins])
        return
    output.print_table("Wins", ["id", "on", "win"], ((w.id, w.on, w.text) for w in wins),
                       empty='No wins yet. Note one with `cairn win "..."`.')


def _pairs(values: list[str], what: str) -> dict[str, str]:
    from cairn.core.errors import InvalidInput

    pairs: dict[str, str] = {}
    for item in values:
        key, sep, value = item.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise InvalidInput(f"Cannot read {what} {item!r}.", f"Write {what} as name=value.")
        pairs[key.strip()] = value.strip()
    return pairs


def _ask(form: Instrument, item_id: str, area: str = "") -> str:
    """Ask one check-in item (for one area's name) until the answer fits it; '' when an
    optional item is skipped."""
    from cairn.core.assessment import check_answer, required
    from cairn.core.errors import InvalidInput

    item = form.item(item_id)
    prompt = item.text.replace("{area}", area) + (f" ({item.help})" if item.help else "")
    optional = item.per_area or not required(form, item)
    key = f"{item_id}.{area}" if item.per_area else item_id
    while True:
        text = str(typer.prompt(prompt, default="" if optional else None,
                                show_default=False)).strip()
        if not text or item.kind == "text":
            return text
        try:
            check_answer(form, key, float(text))
        except ValueError:
            output.say("Give a number.")
        except InvalidInput as err:
            output.say("{}", err.message)
        else:
            return text


@checkin_app.command("take")
def checkin_take(
    ctx: typer.Context,
    energy: int = typer.Option(None, "--energy", "-e", help="Energy this week, 0-10."),
    stress: int = typer.Option(None, "--stress", "-s", help="Stress this week, 0-10."),
    hours: float = typer.Option(None, "--hours", help="Hours worked this week."),
    satisfaction: list[str] = typer.Option([], "--satisfaction", help="AREA=0-10, repeatable."),
    note: str = typer.Option("", "--note", "-n", help="A note on the week."),
    instrument: str = typer.Option(None, "--instrument", help="Take a questionnaire from a "
                                   "TOML file instead (a well-being scale, for instance); "
                                   "once taken, its key works too."),
    answer: list[str] = typer.Option([], "--answer", help="ITEM=value for --instrument "
                                     "(ITEM.AREA=value for a per-area item)."),
) -> None:
    """Check in: with no flags Cairn asks (under a minute); Enter skips optional questions."""
    c = cairn(ctx)
    if instrument is not None:
        _take_instrument(c, instrument, _pairs(answer, "an answer"))
        return
    ratings = {k: _int(v, f"satisfaction with {k}") for k, v in
               _pairs(satisfaction, "a satisfaction").items()}
    if energy is None and stress is None and not ratings and hours is None:
        from cairn.services.tracking import checkin_instrument

        form = checkin_instrument()
        energy = _int(_ask(form, "energy"), "energy")
        stress = _int(_ask(form, "stress"), "stress")
        for area in c.profile.areas():
            given = _ask(form, "satisfaction", area.name)
            if given:
                ratings[area.key] = _int(given, f"satisfaction with {area.key}")
        given = _ask(form, "hours")
        hours = float(given) if given else None
        note = _ask(form, "note")
        asked = True
    else:
        asked = False
    if energy is None or stress is None:
        from cairn.core.errors import InvalidInput

        raise InvalidInput("A check-in needs both --energy and --stress.",
                           "Give both (0-10), or run `cairn checkin` alone to be asked.")
    entry = c.track.record.checkin(energy, stress, hours_worked=hours, satisfaction=ratings,
                                   note=note)
    index = c.track.record.checkin_scores().get(entry.id)
    output.say("[green]Checked in.[/] Check-in index {} / 100.",
               "-" if index is None else f"{index:.0f}")
    risk = c.track.wellbeing.burnout()
    if risk.level != "low":
        output.say("[yellow]Burnout risk {}:[/] {} — see `cairn burnout`.", risk.level,
                   "; ".join(r.message for r in risk.reasons))
    if risk.offer_rest and asked and typer.confirm(
            "Turn on rest mode now? Plans pause without penalty.", default=False):
        c.track.record.start_rest("offered at check-in")
        output.say("[green]Rest mode is on.[/] Stop it with `cairn rest stop`.")
    elif risk.offer_rest:
        output.say("Rest mode pauses plans without penalty: `cairn rest start`.")
    output.say("Check-in streak: {} week(s).", c.track.wellbeing.streaks()["checkin_weeks"])


def _int(text: str, what: str) -> int:
    from cairn.core.errors import InvalidInput

    try:
        return int(text)
    except ValueError:
        raise InvalidInput(f"{what} is {text!r}, not a whole number.", "Use 0-10.") from None


def _take_instrument(c: Cairn, ref: str, given: dict[str, str]) -> None:
    """Take a questionnaire from a file (loading it) or by the key it was loaded under."""
    from cairn.cli.assess import ask, show_take

    path = Path(ref)
    from_file = path.suffix != "" or path.exists()
    inst = c.assess.load(path) if from_file else c.assess.instrument(ref)
    take = c.assess.take(inst, given) if given else ask(c, inst)
    if take is None:
        return
    show_take(inst, take, as_json=False)
    if from_file:
        output.say("Kept as `{}`: next time `cairn checkin --instrument {}`; results in "
                   "`cairn checkin scores`.", inst.key, inst.key)


@checkin_app.command("list")
def checkin_list(ctx: typer.Context,
                 as_json: bool = typer.Option(False, "--json", help=output.JSON_HELP)) -> None:
    """Past check-ins, oldest first."""
    from cairn.cli import timefmt

    c = listings(ctx)
    found, scores = c.checkins(), c.checkin_scores()
    keys = {a.id: a.key for a in c.areas(include_archived=True)}
    if as_json:
        from cairn.services import track_views

        output.print_json([track_views.checkin(x, keys, scores.get(x.id)) for x in found])
        return
    zone = c.zone
    output.print_table(
        "Check-ins", ["id", "when", "energy", "stress", "hours", "index", "satisfaction",
                      "note"],
        ((x.id, timefmt.minute(x.at, zone), x.energy, x.stress,
          "" if x.hours_worked is None else output.hours(x.hours_worked),
          _fmt(scores.get(x.id)), " ".join(f"{keys[a]}={v}" for a, v in x.satisfaction.items()),
          x.note) for x in found),
        empty="No check-ins yet. Run `cairn checkin`.", drop=("index", "hours"))


@checkin_app.command("scores")
def checkin_scores(ctx: typer.Context,
                   as_json: bool = typer.Option(False, "--json", help=output.JSON_HELP)) -> None:
    """Results of questionnaires taken from files (--instrument), oldest first."""
    import datetime as dt

    from cairn.cli import timefmt
    from cairn.services import track_views

    c = cairn(ctx)
    found = track_views.questionnaire_results(c.track.record.legacy_results(),
                                              c.assess.loaded_takes())
    if as_json:
        output.print_json(found)
        return
    zone = timefmt.zone_of(c)
    output.print_table("Questionnaire results", ["id", "instrument", "taken", "score"],
                       ((r["id"], r["instrument"],
                         timefmt.minute(dt.datetime.fromisoformat(r["taken_at"]), zone)
                         if r["taken_at"] else "",  # a finished take has its time
                         ", ".join(f"{v:g}" if len(r["scores"]) == 1 else f"{k} {v:g}"
                                   for k, v in r["scores"].items()))
                        for r in found),
                       empty="No questionnaires taken yet: `cairn checkin --instrument FILE`.")


def _fmt(value: float | None) -> str:
    return "" if value is None else f"{value:.0f}"


@event_app.command("add")
def event_add(
    ctx: typer.Context,
    kind: str = typer.Argument(..., help="family, health, move, job-change, new-interest, "
                               "market-shift, milestone-reached or other."),
    description: str = typer.Argument(..., help="What happened, in a few words."),
    date: str = typer.Option(None, "--date", "-d", help=f"When (default today). {DATE_HELP}"),
) -> None:
    """Record a life event; it makes a review due."""
    from cairn.core.parse import parse_choice, parse_optional_date
    from cairn.core.tracking import EventKind

    e = cairn(ctx).track.record.add_event(parse_choice(EventKind, kind, "kind of event"),
                                          description, parse_optional_date(date, today(ctx)))
    output.say("Noted event #{} ({}): {}.", e.id, e.kind.value, e.description)
    output.say("Life changed, so a review is due: run `cairn review`.")


@event_app.command("list")
def event_list(ctx: typer.Context,
               as_json: bool = typer.Option(False, "--json", help=output.JSON_HELP)) -> None:
    """Life events, newest first, with the review that took each into account."""
    from cairn.services import track_views

    events = cairn(ctx).track.record.events()
    if as_json:
        output.print_json([track_views.event(e) for e in events])
        return
    output.print_table("Life events", ["id", "on", "kind", "description", "reviewed in"],
                       ((e.id, e.on, e.kind.value, e.description,
                         f"#{e.review_id}" if e.review_id else "not yet") for e in events),
                       empty="No life events recorded.")


@rest_app.command("start")
def rest_start(
    ctx: typer.Context,
    reason: str = typer.Option("", "--reason", "-r", help="Why: 'holiday', 'recovering'..."),
    start: str = typer.Option(None, "--from", help=f"First day (default today). {DATE_HELP}"),
    until: str = typer.Option(None, "--until", help=f"Last day, if known. {DATE_HELP}"),
) -> None:
    """Turn rest mode on (or plan a holiday): plans pause without penalty."""
    from cairn.core.parse import parse_optional_date

    r = cairn(ctx).track.record.start_rest(reason, parse_optional_date(until, today(ctx)),
                                           parse_optional_date(start, today(ctx)))
    output.say("[green]Rest mode from {}{}.[/] Plans pause; streaks and reviews wait for you.",
               r.start, f" to {r.end}" if r.end else "")


@rest_app.command("stop")
def rest_stop(ctx: typer.Context) -> None:
    """Turn rest mode off."""
    r = cairn(ctx).track.record.stop_rest()
    output.say("Rest mode is off (it ran from {}). Welcome back.", r.start)


@rest_app.command("list")
def rest_list(ctx: typer.Context,
              as_json: bool = typer.Option(False, "--json", help=output.JSON_HELP)) -> None:
    """Every rest period and holiday."""
    from cairn.services import track_views

    rests = cairn(ctx).track.record.rests()
    if as_json:
        output.print_json([track_views.rest(r) for r in rests])
        return
    output.print_table("Rest periods", ["id", "from", "to", "reason"],
                       ((r.id, r.start, r.end or "(on)", r.reason) for r in rests),
                       empty="No rest periods yet.")


def achievements(ctx: typer.Context,
                 as_json: bool = typer.Option(False, "--json", help=output.JSON_HELP)) -> None:
    """Every goal completed and milestone reached, newest first."""
    found = cairn(ctx).track.record.achievements()
    rows: list[dict[str, Any]] = [{"at": at.isoformat(), "kind": kind, "goal_id": gid,
                                   "title": title} for at, kind, gid, title in found]
    if as_json:
        output.print_json(rows)
        return
    output.print_table("Achievements", ["when", "what", "goal", "title"],
                       ((r["at"][:10], r["kind"], f"#{r['goal_id']}", r["title"]) for r in rows),
                       empty="Nothing completed yet: every milestone reached will show here.")
