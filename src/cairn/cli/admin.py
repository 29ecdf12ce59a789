"""``cairn admin``: the accounts of a server for many people (``cairn serve
--multi-user``): the first administrator, the list, disabling and enabling, invitations
and password reset codes (printed, or mailed with ``--send`` through ``CAIRN_SMTP_URL``).
Runs on PostgreSQL only, like the server.
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


def _accounts(ctx: typer.Context, mail: bool = False) -> Accounts:
    from cairn import settings
    from cairn.services.accounts import Accounts, refuse_sqlite
    from cairn.store.db import Database

    state = ctx.find_object(State)
    url = settings.database_url(state.db_url if state else None)
    refuse_sqlite(url)
    mailer = None
    if mail:  # only a command that sends reads the mail settings
        from cairn.services.mail import Mailer

        server = settings.smtp_server()
        if server is None:
            from cairn.core.errors import NotReady

            raise NotReady(f"--send needs a mail server, and {settings.SMTP_URL.env} is not "
                           "set.", f"Set {settings.SMTP_URL.env} and {settings.SMTP_FROM.env}, "
                           "or leave out --send and hand the code over yourself.")
        mailer = Mailer(server)
    return Accounts(Database(url), settings.account_policy(), zone=machine_zone(),
                    mailer=mailer)


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
        accounts.db.close()
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
        accounts.db.close()
    output.say("Invited {}. Their code: {}", email.strip().lower(), code)


@app.command("list")
def list_(ctx: typer.Context,
          as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """Every account: email, role, person, whether disabled, when made."""
    accounts = _accounts(ctx)
    try:
        found = accounts.list()
    finally:
        accounts.db.close()
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
        accounts.db.close()
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
        accounts.db.close()
    output.say("Disabled {}.", done.email)


@app.command("enable")
def enable(ctx: typer.Context, email: str = EMAIL) -> None:
    """Let a disabled account sign in again."""
    accounts = _accounts(ctx)
    try:
        done = accounts.disable(email, disabled=False)
    finally:
        accounts.db.close()
    output.say("Enabled {}.", done.email)


@app.command("reset-token")
def reset_token(
    ctx: typer.Context,
    email: str = EMAIL,
    send: bool = typer.Option(False, "--send",
                              help="Mail the code to the account's address instead of printing "
                                   "it (needs CAIRN_SMTP_URL and CAIRN_SMTP_FROM)."),
    url: str = typer.Option("", "--url", metavar="ADDRESS",
                            help="With --send: the server's address as people open it (e.g. "
                                 "https://cairn.example.org), for the link in the message."),
) -> None:
    """Print a one-time code that sets a new password on the /reset page (valid three
    days; hand it over in person or by a channel you trust), or mail it with --send."""
    if url and not send:
        from cairn.core.errors import InvalidInput

        raise InvalidInput("--url is the address in the message that --send mails.",
                           "Add --send, or leave out --url.")
    accounts = _accounts(ctx, mail=send)
    try:
        if send:
            account = accounts.mail_reset_token(email, _reset_address(url))
        else:
            code = accounts.issue_reset_token(email)
    finally:
        accounts.db.close()
    if send:
        output.say("Sent a reset code to {}.", account.email)
    else:
        output.say("Reset code for {}: {}", email.strip().lower(), code)


def _reset_address(url: str) -> str:
    """The address of the /reset page of the server at ``url`` ('' when not given)."""
    from cairn.core.errors import InvalidInput

    url = url.strip().rstrip("/")
    if not url:
        return ""
    if not url.startswith(("https://", "http://")) or any(c.isspace() for c in url):
        raise InvalidInput(f"--url {url!r} is not a web address.",
                           "Give the address people open, such as https://cairn.example.org.")
    return url if url.endswith("/reset") else f"{url}/reset"
