"""``cairn contact``: mentors, coaches, peers and communities; follow-ups; feedback on goals."""

from __future__ import annotations

import typer

from cairn.cli import complete, output
from cairn.cli.context import cairn

app = typer.Typer(help="Your support network: add, list, show, log, due, ask, feedback.",
                  no_args_is_help=True)

KINDS = "mentor, coach, peer or community"


@app.command("add")
def add(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="The person's or community's name."),
    kind: str = typer.Option("peer", "--kind", "-k", help=f"One of: {KINDS}."),
    helps: str = typer.Option("", "--helps", help="How they help you, in a few words."),
    reach: str = typer.Option("", "--reach", help="How to reach them (email, link, place)."),
    every: int = typer.Option(0, "--every", "-e",
                              help="Follow up every N weeks (0: no reminders)."),
) -> None:
    """Add someone to your support network, with an optional follow-up cadence."""
    from cairn.core.parse import parse_choice
    from cairn.core.support import ContactKind

    c = cairn(ctx).support.add(name, parse_choice(ContactKind, kind, "contact kind"),
                               helps_with=helps, reach=reach, cadence_weeks=every or None)
    cadence = f", follow up every {c.cadence_weeks} weeks" if c.cadence_weeks else ""
    output.say("Added {} [bold]#{}[/] {}{}.", c.kind.value, c.id, c.name, cadence)


@app.command("list")
def list_contacts(
    ctx: typer.Context,
    all_: bool = typer.Option(False, "--all", help="Include archived contacts."),
    as_json: bool = typer.Option(False, "--json", help=output.JSON_HELP),
) -> None:
    """List your contacts with their last interaction and cadence."""
    from cairn.core.support import last_contacts

    c = cairn(ctx)
    contacts = c.support.contacts(include_archived=all_)
    if as_json:
        from cairn.services import support_views as views

        output.print_json([views.contact(x) for x in contacts])
        return
    last = last_contacts(c.support.interactions())
    output.print_table(
        "Support network", ["id", "name", "kind", "helps with", "every", "last contact"],
        ((x.id, x.name, x.kind.value, x.helps_with,
          f"{x.cadence_weeks} w" if x.cadence_weeks else "-", last.get(x.id, "-"))
         for x in contacts),
        empty="Nobody yet. Add someone: cairn contact add 'Sam Lee' --kind mentor --every 4",
    )


@app.command("show")
def show(ctx: typer.Context, contact_id: int = typer.Argument(..., autocompletion=complete.contacts,
                                                              help="The contact's id."),
         as_json: bool = typer.Option(False, "--json", help=output.JSON_HELP)) -> None:
    """Show a contact with their interactions and feedback requests."""
    from cairn.services import support_views as views

    c = cairn(ctx)
    contact = c.support.get(contact_id)
    interactions = c.support.interactions(contact_id)
    requests = c.support.requests(contact_id=contact_id)
    if as_json:
        output.print_json(views.contact(contact) | {
            "interactions": [views.interaction(i) for i in interactions],
            "feedback_requests": [views.feedback(r) for r in requests]})
        return
    output.say("[bold]#{} {}[/]  ({})", contact.id, contact.name, contact.kind.value)
    output.say("Helps with: {}", contact.helps_with or "-")
    output.say("Reach: {}", contact.reach or "-")
    output.say("Follow up: {}", f"every {contact.cadence_weeks} weeks"
               if contact.cadence_weeks else "no reminders")
    for i in interactions:
        output.say("  {}  {}", i.at.date(), i.note or "(no note)")
    for r in requests:
        output.say("  request #{} on goal #{}: {} -> {}", r.id, r.goal_id, r.question,
                   r.feedback or "waiting")


@app.command("log")
def log(ctx: typer.Context, contact_id: int = typer.Argument(..., autocompletion=complete.contacts,
                                                             help="The contact's id."),
        note: str = typer.Argument("", help="What you talked about.")) -> None:
    """Record an interaction; it restarts the follow-up clock."""
    c = cairn(ctx)
    c.support.log(contact_id, note)
    output.say("Logged an interaction with {}.", c.support.get(contact_id).name)


@app.command("due")
def due(
    ctx: typer.Context,
    within: int = typer.Option(0, "--within", "-w", help="Also show those due in N days."),
    as_json: bool = typer.Option(False, "--json", help=output.JSON_HELP),
) -> None:
    """List contacts due for a follow-up, most overdue first."""
    found = cairn(ctx).support.due_followups(within_days=within)
    if as_json:
        from cairn.services import support_views as views

        output.print_json([views.followup(f) for f in found])
        return
    output.print_table(
        "Follow-ups due", ["id", "name", "kind", "last contact", "due", "overdue"],
        ((f.contact.id, f.contact.name, f.contact.kind.value, f.last_contact or "never",
          f.due, f"{f.days_overdue} d" if f.days_overdue > 0 else "-") for f in found),
        empty="No follow-ups due.",
    )


@app.command("ask")
def ask(ctx: typer.Context, contact_id: int = typer.Argument(..., autocompletion=complete.contacts,
                                                             help="Who you ask."),
        goal_id: int = typer.Argument(..., autocompletion=complete.goals,
                                      help="The goal you want feedback on."),
        question: str = typer.Argument(..., help="What you ask them.")) -> None:
    """Record that you asked a contact for feedback on a goal."""
    r = cairn(ctx).support.ask(contact_id, goal_id, question)
    output.say("Feedback request [bold]#{}[/] recorded. When the answer comes: "
               'cairn contact feedback {} "..."', r.id, r.id)


@app.command("feedback")
def feedback(ctx: typer.Context,
             request_id: int = typer.Argument(..., help="The feedback request's id."),
             text: str = typer.Argument(..., help="The feedback you received.")) -> None:
    """Record the feedback a contact gave; it is shown on the goal."""
    r = cairn(ctx).support.record_feedback(request_id, text)
    output.say("Feedback recorded on goal #{}. See it with `cairn goal show {}`.", r.goal_id,
               r.goal_id)


@app.command("edit")
def edit(
    ctx: typer.Context,
    contact_id: int = typer.Argument(..., autocompletion=complete.contacts,
                                     help="The contact's id."),
    name: str = typer.Option(None, "--name", help="A new name."),
    kind: str = typer.Option(None, "--kind", "-k", help=f"One of: {KINDS}."),
    helps: str = typer.Option(None, "--helps", help="How they help you."),
    reach: str = typer.Option(None, "--reach", help="How to reach them."),
    every: int = typer.Option(None, "--every", "-e", help="Follow up every N weeks (0: never)."),
) -> None:
    """Change a contact's name, kind, help, reach or follow-up cadence."""
    from cairn.core.parse import parse_choice
    from cairn.core.support import ContactKind

    changes: dict[str, object] = {
        field: value for field, value in (("name", name), ("helps_with", helps),
                                          ("reach", reach), ("cadence_weeks", every))
        if value is not None}
    if kind is not None:
        changes["kind"] = parse_choice(ContactKind, kind, "contact kind")
    c = cairn(ctx).support.edit(contact_id, **changes)
    output.say("Contact #{} {} updated.", c.id, c.name)


@app.command("archive")
def archive(ctx: typer.Context,
            contact_id: int = typer.Argument(..., autocompletion=complete.contacts,
                                             help="The contact's id."),
            restore: bool = typer.Option(False, "--restore", help="Bring the contact back.")
            ) -> None:
    """Archive a contact (kept, no more reminders) or restore them."""
    c = cairn(ctx).support.edit(contact_id, archived=not restore)
    output.say("Contact #{} {} is {}.", c.id, c.name, "restored" if restore else "archived")
