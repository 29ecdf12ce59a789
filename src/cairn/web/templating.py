"""Jinja2 for the pages: one environment, the layout's globals and the filters pages share.

Templates live in ``templates/`` (``base.html`` is the layout every page extends); static
files in ``static/`` are addressed with :func:`static`, which adds a hash of the file so a
browser never keeps an old copy. Undefined names fail loudly (``StrictUndefined``): a
typo in a template is a test failure, not an empty spot on a page.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context, select_autoescape
from jinja2.runtime import Context
from markupsafe import Markup
from starlette.templating import Jinja2Templates

from cairn import __version__
from cairn.core.actions import Action
from cairn.web import links

if TYPE_CHECKING:
    from fastapi import Request
    from starlette.responses import Response

DASH = "\u2013"  # an en dash: the figure is unknown
HERE = Path(__file__).parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"


@functools.cache
def static(path: str) -> str:
    """The address of a static file, with a hash of its content for caching."""
    digest = hashlib.sha256((STATIC / path).read_bytes()).hexdigest()[:12]
    return f"/static/{path}?v={digest}"


def action(verb: str, **params: Any) -> Action:
    """An action, for templates: ``link(action('review', kind='weekly'))``."""
    return Action.to(verb, **params)


def hours(value: float | None, empty: str = DASH) -> str:
    """1.25 -> '1.2'; None -> a dash."""
    return empty if value is None else f"{value:.1f}"


def number(value: float | None, empty: str = DASH) -> str:
    """38.0 -> '38'; 32.5 -> '32.5'; None -> a dash."""
    return empty if value is None else f"{value:g}"


def percent(fraction: float | None, empty: str = DASH) -> str:
    """0.4 -> '40%'; None -> a dash."""
    return empty if fraction is None else f"{fraction:.0%}"


def day(value: dt.date | None, empty: str = DASH) -> str:
    """A date as people read it: 'Mon 23 Nov 2026'."""
    return empty if value is None else f"{value:%a} {value.day} {value:%b %Y}"


def clock(value: dt.datetime) -> str:
    """A time of day: '18:30'."""
    return f"{value:%H:%M}"


def _csrf(context: Context) -> str:
    request = context.get("request")
    state = getattr(request, "state", None)
    return str(getattr(state, "csrf", "") or "")


@pass_context
def csrf_field(context: Context) -> Markup:
    """The hidden field with the session's anti-forgery token, for every form that posts
    (empty in single-person mode, which has no sessions)."""
    token = _csrf(context)
    if not token:
        return Markup("")
    return Markup('<input type="hidden" name="csrf_token" value="{}">').format(token)


@pass_context
def csrf_headers(context: Context) -> str:
    """``hx-headers``' JSON with the anti-forgery token, for htmx's requests ('' without a
    session)."""
    import json

    token = _csrf(context)
    return json.dumps({"X-CSRF-Token": token}) if token else ""


@pass_context
def signed_in_as(context: Context) -> str:
    """The signed-in account's email ('' in single-person mode)."""
    request = context.get("request")
    account = getattr(getattr(request, "state", None), "account", None)
    return str(account.email) if account is not None else ""


@functools.cache
def templates() -> Jinja2Templates:
    """The one template environment."""
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.globals.update(static=static, link=links.link, href=links.href,
                       hint_html=links.hint_html, action=action, nav=links.NAV,
                       version=__version__, csrf_field=csrf_field,
                       csrf_headers=csrf_headers, signed_in_as=signed_in_as)
    env.filters.update(hours=hours, number=number, percent=percent, day=day, clock=clock)
    return Jinja2Templates(env=env)


def render(request: Request, name: str, context: dict[str, Any] | None = None, *,
           status_code: int = 200) -> Response:
    """The page ``name`` rendered for ``request`` (the layout marks the current page)."""
    values = {"path": request.url.path, "title": "", **(context or {})}
    return templates().TemplateResponse(request, name, values, status_code=status_code)


def html(request: Request, name: str, context: dict[str, Any] | None = None) -> str:
    """The page ``name`` as HTML text, for a page kept in the view cache (its HTML must
    depend on nothing of the request but its path)."""
    values = {"request": request, "path": request.url.path, "title": "", **(context or {})}
    return templates().get_template(name).render(values)
