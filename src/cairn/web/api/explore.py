"""``/api/v1/explore``: search the occupation catalog, read an occupation, rank matches and
list gaps, as ``cairn explore search|show|match|gap --json`` print them."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query
from fastapi.responses import JSONResponse
from pydantic import Field, FiniteFloat

from cairn.core.matching import COMPONENTS
from cairn.services import explore_pages
from cairn.services.explore_views import GapsView, MatchView, OccupationView, SearchHitView
from cairn.web.api import PREFIX, problems, respond
from cairn.web.deps import Person
from cairn.web.schema import model_of

router = APIRouter(prefix=PREFIX + "/explore", tags=["explore"])
Code = Annotated[str, Path(pattern=r"^\d{2}-\d{4}\.\d{2}$",
                           description="An O*NET-SOC code, such as 15-1252.00.")]
Limit = Annotated[int, Field(ge=1, le=1000)]
Weight = Annotated[str, Field(pattern=r"^(" + "|".join(COMPONENTS) + r")=[0-9]+(\.[0-9]+)?$",
                              max_length=40)]


@router.get("/search", response_model=list[model_of(SearchHitView)],  # type: ignore[misc]
            responses=problems(409, 422), summary="Search occupations",
            operation_id="searchOccupations")
def search(c: Person,
           words: Annotated[str, Query(min_length=1, max_length=1000, pattern=r"\S",
                                       description="Words to look for, e.g. nurse.")],
           limit: Annotated[Limit, Query(description="How many results.")] = 15,
           ) -> JSONResponse:
    """Occupations whose titles, other titles, descriptions or tasks match the words, best
    first: the fields of `cairn explore search --json`."""
    return respond(explore_pages.search(c, words, limit))


@router.get("/match", response_model=list[model_of(MatchView)],  # type: ignore[misc]
            responses=problems(409, 422), summary="Rank occupations for you",
            operation_id="matchOccupations")
def match(c: Person,
          weight: Annotated[list[Weight] | None,
                            Query(max_length=len(COMPONENTS),
                                  description="A component's weight, NAME=NUMBER "
                                              "(interests, skills, values, preparation, "
                                              "income, passions); repeat.")] = None,
          job_zone: Annotated[list[Annotated[int, Field(ge=1, le=5)]] | None,
                              Query(max_length=5, description="Only these job zones.")] = None,
          min_wage: Annotated[FiniteFloat | None,
                              Query(ge=0, le=1e9, description="Only occupations whose annual "
                                    "median wage is at least this (needs wages).")] = None,
          limit: Annotated[Limit, Query(description="How many occupations.")] = 10,
          ) -> JSONResponse:
    """Every occupation ranked for you with each component's fit and reason: the fields of
    `cairn explore match --json`."""
    page = explore_pages.matches(c, weight or (), job_zone or (), min_wage, limit)
    return respond(page.matches)


@router.get("/occupations/{code}", response_model=model_of(OccupationView),
            responses=problems(404, 409, 422), summary="Show an occupation",
            operation_id="showOccupation")
def occupation(c: Person, code: Code,
               top: Annotated[Limit, Query(description="How many skills, knowledge areas "
                                                       "and abilities.")] = 10,
               ) -> JSONResponse:
    """Everything the catalog has on one occupation: the fields of `cairn explore show
    --json`."""
    return respond(explore_pages.occupation(c, code, top))


@router.get("/occupations/{code}/gap", response_model=model_of(GapsView),
            responses=problems(404, 409, 422), summary="Your gaps for an occupation",
            operation_id="occupationGaps")
def gap(c: Person, code: Code,
        limit: Annotated[Limit, Query(description="How many gaps to list.")] = 15,
        ) -> JSONResponse:
    """Your skill and knowledge gaps for the occupation, by importance x shortfall: the
    fields of `cairn explore gap --json`."""
    return respond(explore_pages.gaps(c, code, limit))
