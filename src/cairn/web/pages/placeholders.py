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
    "/goals": Placeholder("Goals", "The goal tree with progress, SMART findings and history.",
                          ("cairn goal tree", "cairn goal add TITLE", "cairn goal check")),
    "/explore": Placeholder("Explore", "Occupations from O*NET: search, matches, gaps and "
                            "career paths.",
                            ("cairn explore search WORDS", "cairn explore match")),
    "/checkin": Placeholder("Check-in", "A quick weekly check-in, time logs and wins.",
                            ("cairn checkin", "cairn log 1h career", "cairn win add TEXT")),
    "/review": Placeholder("Review", "The guided review: facts first, then decisions.",
                           ("cairn review",)),
    "/network": Placeholder("Network", "Contacts, follow-ups and feedback on your goals.",
                            ("cairn contact list", "cairn contact add NAME")),
    "/library": Placeholder("Library", "Books, courses and tools, and the skills they raise.",
                            ("cairn resource list", "cairn resource suggest")),
    "/guide": Placeholder("Guide", "Advice for your life stage, and goal templates.",
                          ("cairn guide", "cairn template list")),
    "/reports": Placeholder("Reports", "The plan on a page, to read or download.",
                            ("cairn report",)),
    "/data": Placeholder("Your data", "Export, import, or delete everything.",
                         ("cairn export FILE", "cairn import FILE", "cairn delete-all-data")),
}


def _page(path: str) -> object:
    def show(request: Request) -> Response:
        return render(request, "placeholder.html",
                      {"title": PLACEHOLDERS[path].title, "page": PLACEHOLDERS[path]})

    show.__name__ = f"placeholder_{path.strip('/')}"
    return show


for _path in PLACEHOLDERS:
    router.add_api_route(_path, _page(_path), methods=["GET"])  # type: ignore[arg-type]
