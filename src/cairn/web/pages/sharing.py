"""Sharing with a mentor (a server for many people): ``/sharing`` is the owner's page
(share chosen parts with an account, revoke, the audit log, comments received);
``/shared`` lists the people who share with the signed-in account, and
``/shared/{share_id}`` shows what one of them shares, with a comment form where they
allow comments. 404 in single-person mode.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import RedirectResponse, Response

from cairn.core.errors import CairnError
from cairn.services.sharing import PARTS, Sharing
from cairn.web.deps import Server
from cairn.web.forms import Form, Posted
from cairn.web.pages.accounts import accounts_of
from cairn.web.templating import render

router = APIRouter(include_in_schema=False)
Id = Annotated[int, Path(ge=1, le=2**31 - 1)]


def sharing_of(request: Request) -> Sharing:
    """The sharing service of this server (404 in single-person mode)."""
    return Sharing(accounts_of(request).db)


def _owner_page(request: Request, form: Form | None = None, status_code: int = 200
                ) -> Response:
    sharing = sharing_of(request)
    me = request.state.account
    context: dict[str, Any] = {
        "title": "Sharing", "form": form or Form({"part_goals": "on"}), "parts": PARTS,
        "shares": sharing.shares(me), "audit": sharing.audit(me),
        "comments": sharing.comments_for(me), "suggestions": sharing.suggestions(me)}
    return render(request, "sharing/owner.html", context, status_code=status_code)


@router.get("/sharing")
def owner_page(request: Request, w: Server) -> Response:  # noqa: ARG001 - signs in
    """What you share, with whom; who saw what; comments on your goals."""
    return _owner_page(request)


@router.post("/sharing")
def share(request: Request, w: Server, fields: Posted) -> Response:  # noqa: ARG001
    """Share the chosen parts with an account."""
    form = Form({"email": ""} | fields)
    chosen = [p for p in PARTS if form.text(f"part_{p}") == "on"]
    try:
        sharing_of(request).share(request.state.account, form.text("email"), chosen,
                                  form.text("comments") == "on")
    except CairnError as err:
        if getattr(err, "field", None) == "parts":
            form.error("parts", err)
        else:
            form.fail(err)
        return _owner_page(request, form, 422 if err.http_status >= 500 else err.http_status)
    return RedirectResponse("/sharing", status_code=303)


@router.post("/sharing/{share_id}/revoke")
def revoke(request: Request, w: Server, share_id: Id) -> Response:  # noqa: ARG001
    """End a share now."""
    sharing_of(request).revoke(request.state.account, share_id)
    return RedirectResponse("/sharing", status_code=303)


@router.get("/shared")
def shared_with_me(request: Request, w: Server) -> Response:  # noqa: ARG001 - signs in
    """The people who share with you (in the order they shared; never ranked)."""
    shares = sharing_of(request).shared_with(request.state.account)
    return render(request, "sharing/mentor.html", {"title": "Shared with you",
                                                   "shares": shares, "parts": PARTS})


def _shared_page(request: Request, share_id: int, form: Form | None = None,
                 status_code: int = 200) -> Response:
    view = sharing_of(request).view(request.state.account, share_id)
    return render(request, "sharing/view.html",
                  {"title": f"Shared by {view.share.owner_email}", "view": view,
                   "parts": PARTS, "form": form or Form()}, status_code=status_code)


@router.get("/shared/{share_id}")
def shared(request: Request, w: Server, share_id: Id) -> Response:  # noqa: ARG001
    """What one person shares with you (recorded in their audit log)."""
    return _shared_page(request, share_id)


@router.post("/shared/{share_id}/goals/{goal_id}/comments")
def comment(request: Request, w: Server, share_id: Id, goal_id: Id,  # noqa: ARG001
            fields: Posted) -> Response:
    """Comment on one of their goals (where they allow comments)."""
    form = Form({"body": ""} | fields)
    try:
        sharing_of(request).comment(request.state.account, share_id, goal_id,
                                    form.text("body"))
    except CairnError as err:
        if err.http_status != 422:
            raise
        form.fail(err)
        return _shared_page(request, share_id, form, 422)
    return RedirectResponse(f"/shared/{share_id}#goal-{goal_id}", status_code=303)


@router.post("/shared/{share_id}/suggestions")
def suggest(request: Request, w: Server, share_id: Id, fields: Posted) -> Response:  # noqa: ARG001
    """Suggest a goal to them (where they allow comments and suggestions)."""
    form = Form({"title": "", "why": ""} | fields)
    try:
        sharing_of(request).suggest(request.state.account, share_id, form.text("title"),
                                    form.text("why"))
    except CairnError as err:
        if err.http_status != 422:
            raise
        form.fail(err)
        return _shared_page(request, share_id, form, 422)
    return RedirectResponse(f"/shared/{share_id}", status_code=303)


@router.post("/sharing/suggestions/{suggestion_id}/accept")
def accept(request: Request, w: Server, suggestion_id: Id) -> Response:  # noqa: ARG001
    """Make a suggested goal your own."""
    sharing_of(request).accept(request.state.account, suggestion_id)
    return RedirectResponse("/sharing", status_code=303)


@router.post("/sharing/suggestions/{suggestion_id}/decline")
def decline(request: Request, w: Server, suggestion_id: Id) -> Response:  # noqa: ARG001
    """Decline a suggested goal."""
    sharing_of(request).decline(request.state.account, suggestion_id)
    return RedirectResponse("/sharing", status_code=303)
