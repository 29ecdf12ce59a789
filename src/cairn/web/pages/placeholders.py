"""Pages not built yet: each answers with what it will do and the commands that do it now.

When you build one of these pages, delete its entry here (a test checks that every
address in the navigation is served exactly once) and add its verbs to ``links.PAGES``.
"""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter, Request
from fastapi.responses import Response

from cairn.web.templating import render

router = APIRouter(include_in_schema=False)


@dataclass(frozen=True, slots=True)
class Placeholder:
    """A page to come: its title, what it will do, and the commands that do it today."""

    title: str
    purpose: str
    commands: tuple[str, ...]


PLACEHOLDERS: dict[str, Placeholder] = {
}


def _page(path: str) -> object:
    def show(request: Request) -> Response:
        return render(request, "placeholder.html",
                      {"title": PLACEHOLDERS[path].title, "page": PLACEHOLDERS[path]})

    show.__name__ = f"placeholder_{path.strip('/')}"
    return show


for _path in PLACEHOLDERS:
    router.add_api_route(_path, _page(_path), methods=["GET"])  # type: ignore[arg-type]
