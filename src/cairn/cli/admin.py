"""``cairn admin``: the accounts of a server for many people (``cairn serve
--multi-user``): the first administrator, the list, disabling and enabling, invitations
and password reset codes. Runs on PostgreSQL only, like the server.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from cairn.cli import output
from cairn.cli.context import State, machine_zone

if TYPE_CHECKING:
    from cairn.services.accounts import Accounts

app = typer.Typer(help="Accounts of a server for many people (cairn serve --multi-user).",
                  no_args_is_help=True)

EMAIL = typer.Argument(..., help="The account's email address.")


def _accounts(ctx: typer.Context) -> Accounts:
    from cairn import settings
    from cairn.services.accounts import Accounts, refuse_sqlite
    from cairn.store.db import Database

    state = ctx.find_object(State)
    url = settings.database_url(state.db_url if state else None)
    refuse_sqlite(url)
    return Accounts(Database(url), settings.account_policy(), zone=machine_zone())


def _password(given: str | None) -> str:
    if given is not None:
        return given
    return str(typer.prompt("Password (at least 10 characters)", hide_input=True,
                            confirmation_prompt=True))


@app.command("create-admin")
def create_admin(
    ctx: typer.Context,
    email: str = EMAIL,
    password: str = typer.Option(None, "--password", envvar="CAIRN_ADMIN_PASSWORD",
                                 help="The password (asked for, hidden, when left out)."),
) -> None:
    """Make an administrator's account (the first one, or another)."""
    from cairn.services.accounts import Role

    accounts = _accounts(ctx)
    try:
        made = accounts.sign_up(email, _password(password), role=Role.ADMIN, by_admin=True)
    finally:
        accounts.db.dispose()
    output.say("Made the administrator {} (person {}).", made.email, made.person_id)


@app.command("invite")
def invite(ctx: typer.Context, email: str = EMAIL,
           admin: bool = typer.Option(False, "--admin", help="Make it an administrator.")
           ) -> None:
    """Make an account with no password yet and print the code that sets it (hand it over;
    it works once, for three days, on the sign-up or reset page)."""
    from cairn.services.accounts import Role

    accounts = _accounts(ctx)
    try:
        code = accounts.invite(email, Role.ADMIN if admin else Role.MEMBER)
    finally:
        accounts.db.dispose()
    output.say("Invited {}. Their code: {}", email.strip().lower(), code)


@app.command("list")
def list_(ctx: typer.Context,
          as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """Every account: email, role, person, whether disabled, when made."""
    accounts = _accounts(ctx)
    try:
        found = accounts.list()
    finally:
        accounts.db.dispose()
    rows = [{"id": a.id, "email": a.email, "role": a.role, "person_id": a.person_id,
             "disabled": a.disabled, "created_at": a.created_at.isoformat()} for a in found]
    if as_json:
        output.print_json(rows)
        return
    output.print_table("Accounts", ["id", "email", "role", "person", "disabled", "made"],
                       [[r["id"], r["email"], r["role"], r["person_id"],
                         "yes" if r["disabled"] else "no", str(r["created_at"])[:16]]
                        for r in rows])


@app.command("deleted")
def deleted(ctx: typer.Context,
            as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """What is left of deleted accounts: counts only (never who)."""
    accounts = _accounts(ctx)
    try:
        counts = accounts.deleted()
    finally:
        accounts.db.dispose()
    if as_json:
        output.print_json({"accounts": counts.accounts, "audit_entries": counts.audit_entries,
                           "shares_given": counts.shares_given,
                           "shares_received": counts.shares_received,
                           "comments_written": counts.comments_written})
        return
    output.say("{} account(s) deleted, kept only as counts: {} audit entries about them, {} "
               "share(s) given, {} received, {} comment(s) or suggestion(s) written.",
               counts.accounts, counts.audit_entries, counts.shares_given,
               counts.shares_received, counts.comments_written)


@app.command("disable")
def disable(ctx: typer.Context, email: str = EMAIL) -> None:
    """Disable an account: it is signed out everywhere and cannot sign in."""
    accounts = _accounts(ctx)
    try:
        done = accounts.disable(email)
    finally:
        accounts.db.dispose()
    output.say("Disabled {}.", done.email)


@app.command("enable")
def enable(ctx: typer.Context, email: str = EMAIL) -> None:
    """Let a disabled account sign in again."""
    accounts = _accounts(ctx)
    try:
        done = accounts.disable(email, disabled=False)
    finally:
        accounts.db.dispose()
    output.say("Enabled {}.", done.email)


@app.command("reset-token")
def reset_token(ctx: typer.Context, email: str = EMAIL) -> None:
    """Print a one-time code that sets a new password on the /reset page (valid three
    days; hand it over in person or by a channel you trust)."""
    accounts = _accounts(ctx)
    try:
        code = accounts.issue_reset_token(email)
    finally:
        accounts.db.dispose()
    output.say("Reset code for {}: {}", email.strip().lower(), code)
