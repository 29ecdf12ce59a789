"""``cairn serve``: the web app (pages and the REST API) on this machine, in the browser.

The web stack (FastAPI, uvicorn, Jinja2) is imported only here, when the command runs, so
that ``cairn --help`` and every other command start as fast as before.
"""

from __future__ import annotations

import os
import sys
import threading
import time

import typer

from cairn import settings
from cairn.cli import output
from cairn.cli.context import State, machine_zone

LOOPBACK = ("127.0.0.1", "localhost", "::1")
READY_SECONDS = 20.0


def address(host: str, port: int) -> str:
    """The address to open: loopback for a server on every interface, IPv6 in brackets."""
    shown = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host  # noqa: S104 - a name, not a bind
    if ":" in shown:
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/"


def has_browser() -> bool:
    """True where a graphical browser can open: Windows, macOS, or a desktop session on
    Linux (a text browser would take over the terminal the server runs in)."""
    if sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def open_browser(url: str) -> bool:
    """Open ``url`` in the person's browser where there is one; never fails."""
    if not has_browser():
        return False
    import webbrowser

    try:
        return webbrowser.open(url)
    except (webbrowser.Error, OSError):
        return False


def _port_is_free(host: str, port: int) -> bool:
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


def _when_ready(url: str, host: str, port: int) -> None:
    """Wait until the server answers, then open the browser (or say how to)."""
    import socket

    target = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host  # noqa: S104
    deadline = time.monotonic() + READY_SECONDS
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((target, port), timeout=0.5):
                break
        except OSError:
            time.sleep(0.1)
    if open_browser(url):
        output.say("Opened it in your browser.")
    else:
        output.say("Open that address in your browser.")


def serve(
    ctx: typer.Context,
    host: str = typer.Option("127.0.0.1", "--host",
                             help="Address to listen on. The default, loopback, is reachable "
                                  "from this machine only (there is no login)."),
    port: int = typer.Option(8765, "--port", min=1, max=65535, help="Port to listen on."),
    workers: int = typer.Option(1, "--workers", min=1, max=64,
                                help="Worker processes (more serve more people at once)."),
    no_browser: bool = typer.Option(False, "--no-browser",
                                    help="Do not open the browser."),
    multi_user: bool = typer.Option(
        False, "--multi-user",
        help="Serve many people, each signing in to an account (PostgreSQL only; "
             "accounts with `cairn admin`)."),
    forwarded_allow_ips: str = typer.Option(
        settings.FORWARDED_ALLOW_IPS.default, "--forwarded-allow-ips",
        envvar=settings.FORWARDED_ALLOW_IPS.env, show_envvar=True,
        help="Reverse proxies whose X-Forwarded-For/-Proto headers are trusted "
             "(comma-separated; * trusts any)."),
) -> None:
    """Start the web app: every page and the REST API (docs at /api/docs), in your browser.

    Prints the address and opens it in your browser where there is one. Ctrl+C stops it.
    """
    from cairn.core.errors import Conflict
    from cairn.services.people import local_person
    from cairn.store.db import Database
    from cairn.web.settings import HOSTS_ENV, hosts_for

    settings.person_settings()  # a bad setting is said here, not in every worker
    state = ctx.find_object(State)
    url = settings.database_url(state.db_url if state else None)
    if multi_user:
        _serve_many(url, host, port, workers, forwarded_allow_ips)
        return
    db = Database(url)  # migrate once, and find (or create) the person once, before workers
    try:
        person = local_person(db, settings.person_id(), machine_zone())
    finally:
        db.close()
    if not _port_is_free(host, port):
        raise Conflict(f"Port {port} on {host} is in use (is Cairn already running?).",
                       "Open the Cairn that runs, or pick another port with --port.")
    os.environ[settings.DATABASE_URL.env] = url
    os.environ[settings.PERSON.env] = str(person.id)
    os.environ[HOSTS_ENV] = ",".join(hosts_for(host, port))
    shown = address(host, port)
    output.say("Cairn is running at [bold]{}[/] (Ctrl+C stops it).", shown)
    if host not in LOOPBACK:
        output.say("[yellow]Anyone who can reach {} on port {} can read and change your data: "
                   "there is no login.[/]", host, port)
    if not no_browser:
        threading.Thread(target=_when_ready, args=(shown, host, port), daemon=True).start()
    import uvicorn

    uvicorn.run("cairn.web.app:factory", factory=True, host=host, port=port, workers=workers,
                log_level="warning", access_log=False, server_header=False,
                proxy_headers=True, forwarded_allow_ips=forwarded_allow_ips)


def _serve_many(url: str, host: str, port: int, workers: int, forwarded: str) -> None:
    """``cairn serve --multi-user``: PostgreSQL, accounts, no browser opened."""
    from cairn.core.errors import Conflict
    from cairn.services.accounts import Accounts, refuse_sqlite
    from cairn.store.db import Database
    from cairn.web.settings import HOSTS_ENV, MULTI_USER_ENV

    refuse_sqlite(url)
    policy = settings.account_policy()  # a bad setting is said here, not in every worker
    mail = settings.smtp_server()  # CAIRN_SMTP_URL too
    db = Database(url)  # an older schema is refused here: `cairn db upgrade` first
    try:
        admins = [a for a in Accounts(db, policy).list() if a.role == "admin"]
    finally:
        db.close()
    if not _port_is_free(host, port):
        raise Conflict(f"Port {port} on {host} is in use.", "Pick another port with --port.")
    os.environ[settings.DATABASE_URL.env] = url
    os.environ.pop(settings.PERSON.env, None)
    os.environ[MULTI_USER_ENV] = "1"
    os.environ[HOSTS_ENV] = ""  # every host name: people sign in, and a proxy names it
    output.say("Cairn serves many people at [bold]{}[/] (sign-up: {}; reset codes: {}; "
               "Ctrl+C stops it).", address(host, port), policy.sign_up.value,
               f"by e-mail through {mail.where}" if mail else "from an administrator")
    if not admins:
        output.say("[yellow]There is no administrator yet: make one with "
                   "`cairn admin create-admin EMAIL`.[/]")
    import uvicorn

    uvicorn.run("cairn.web.app:factory", factory=True, host=host, port=port, workers=workers,
                log_level="warning", access_log=False, server_header=False,
                proxy_headers=True, forwarded_allow_ips=forwarded)
