"""Where a person fits: ranked matches, skill gaps (and goals from them), career paths."""

from __future__ import annotations

import math
import threading
import weakref
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from cairn.core import matching, paths
from cairn.core.actions import Action
from cairn.core.errors import InvalidInput, NotFound, NotReady
from cairn.core.gaps import Gap, Unrated, learning_schedule, skill_gaps
from cairn.core.matching import Match, Matrices
from cairn.core.model import Goal, Horizon, Metric, Milestone
from cairn.core.pace import Pace, area_pace
from cairn.core.paths import CareerPath
from cairn.core.person import Person
from cairn.core.rules import check_count
from cairn.services.assess import AssessmentService
from cairn.services.catalog import CatalogService
from cairn.services.goals import GoalService
from cairn.services.scope import Scope, writes
from cairn.store import assess as assess_store
from cairn.store import catalog as catalog_store
from cairn.store import catalog_search
from cairn.store import planning as planning_store

LEARNING = "learning"  # the area a goal made from gaps goes in
TECHNOLOGY_RELEVANCE = 0.8  # a technology the passion names: strong, below a title match
MAX_LISTED = 10_000  # more than every occupation O*NET has
MAX_GOAL_GAPS = 20  # a milestone per gap: more would not be one goal

# The catalog as matrices (and its graph), shared by every facade on one database: a
# server builds a facade per request, and building them takes about a second. They are
# read-only; an install or a wage import changes the stamp, and they are built again.
_BUILT: weakref.WeakKeyDictionary[object, tuple[object, Matrices]] = weakref.WeakKeyDictionary()
_GRAPHS: weakref.WeakKeyDictionary[Matrices, tuple[paths.Graph, paths.Graph]] = (
    weakref.WeakKeyDictionary())
_SHARED = threading.Lock()


class FitService:
    """Use cases of matching, gaps and paths over matrices loaded once per catalog install."""

    def __init__(self, scope: Scope, assess: AssessmentService, catalog: CatalogService) -> None:
        self.scope = scope
        self.assess = assess
        self.catalog = catalog
        self._matrices: tuple[object, Matrices] | None = None
        self._graph: tuple[Matrices, paths.Graph, paths.Graph] | None = None

    def matrices(self) -> Matrices:
        """The catalog as matrices, loaded on first use and whenever the catalog changes."""
        status = self.catalog.status()
        stamp = (status.installed_at, status.wages_installed_at)
        if self._matrices is not None and self._matrices[0] == stamp:
            return self._matrices[1]
        with _SHARED:
            shared = _BUILT.get(self.scope.db)
        if shared is not None and shared[0] == stamp:
            self._matrices = shared
            return shared[1]
        with self.scope.read() as s:
            listing = catalog_store.browse(s, limit=100_000)
            built = matching.build(
                titles={o.code: o.title for o in listing},
                interests=catalog_store.interest_matrix(s),
                values=catalog_store.work_values_matrix(s),
                skills=catalog_store.element_matrix(s, "skills"),
                knowledge=catalog_store.element_matrix(s, "knowledge"),
                zones={o.code: o.job_zone for o in listing if o.job_zone is not None},
                wages={o.code: o.wage for o in listing if o.wage is not None},
                anchors=catalog_store.level_anchors(s),
            )
        self._matrices = (stamp, built)
        with _SHARED:
            _BUILT[self.scope.db] = self._matrices
        return built

    def person(self) -> Person:
        """The latest assessments; refuses when there is nothing to match on."""
        person = self.assess.person()
        c = person.constraints
        if (person.interests is None and person.values is None and not person.levels
                and not c.passions):
            raise NotReady("There are no assessments to match on yet.",
                           "Start with {action} (about 10 minutes).",
                           Action.to("assess", instrument="interests"))
        return person

    def passion_hits(self, person: Person) -> dict[str, dict[str, float]]:
        """For each passion the person would like income from, the occupations whose titles,
        tasks or technology name it (passions kept as hobbies do not steer the ranking)."""
        hits: dict[str, dict[str, float]] = {}
        with self.scope.read() as s:
            for p in person.constraints.passions:
                if not p.income:
                    continue
                relevance, _ = catalog_search.candidates(s, p.name)
                found = dict(relevance)
                for code in assess_store.technology_codes(s, p.name):
                    found[code] = max(found.get(code, 0.0), TECHNOLOGY_RELEVANCE)
                hits[p.name] = found
        return hits

    def match(self, weights: Sequence[str] = (), job_zones: Sequence[int] = (),
              min_wage: float | None = None, limit: int = 20,
              person: Person | None = None) -> list[Match]:
        """Every occupation ranked for the person; the best ``limit``, each explained."""
        check_count(limit, "The limit", 1, MAX_LISTED)
        if min_wage is not None and not 0 <= min_wage < math.inf:
            raise InvalidInput(f"The minimum wage {min_wage:g} is not an amount.",
                               "Give a yearly wage such as 50000.")
        bad = [z for z in job_zones if not 1 <= z <= 5]
        if bad:
            raise InvalidInput(f"Job zone {bad[0]} does not exist.", "Give 1 to 5.")
        if min_wage is not None and self.catalog.status().wages_source is None:
            raise NotReady("Wages are not installed, so --min-wage cannot filter.",
                           "Import the BLS OEWS national file with {action}.",
                           Action.to("catalog.wages.load", file=None))
        m = self.matrices()
        person = person or self.person()
        return matching.rank(m, person, matching.parse_weights(weights),
                             passion_hits=self.passion_hits(person), job_zones=job_zones,
                             min_wage=min_wage, limit=limit)

    def gaps(self, code_or_title: str, person: Person | None = None
             ) -> tuple[str, str, list[Gap], list[Unrated]]:
        """(code, title, gaps ranked by importance x shortfall, important unrated elements)."""
        m = self.matrices()
        code = self.catalog.resolve(code_or_title)
        levels = (person or self.assess.person()).levels
        found, unrated = skill_gaps(m, code, levels)
        return code, m.titles[m.index(code)], found, unrated

    @writes
    def make_goal(self, goals: GoalService, code_or_title: str, top: int = 5, *,
                  hours_per_week: float | None = None) -> GapPlan:
        """Turn the top gaps into one short-term learning goal, a milestone per gap, paced
        by the rule of :mod:`cairn.core.pace` (as goal templates are): at
        ``hours_per_week``, else the learning budget's floor, else 4 h a week; the gaps
        that would run past a year are left for a later goal."""
        check_count(top, "The number of gaps (--top)", 1, MAX_GOAL_GAPS)
        code, title, found, _ = self.gaps(code_or_title)
        chosen = found[:top]
        if not chosen:
            raise NotReady(f"You have no rated skill gaps for {title}.",
                           "Rate your skills with {action} first, or pick another occupation.",
                           Action.to("assess", instrument="skills", knowledge=True))
        with self.scope.read() as s:
            budgets = {b.area: (b.floor, b.cap) for b in planning_store.list_budgets(s)}
        rate = area_pace(LEARNING, budgets, hours_per_week)
        dues = learning_schedule(chosen, self.scope.today(), rate.hours_per_week)
        chosen, left = chosen[:len(dues)], chosen[len(dues):]
        goal = goals.add(
            (f"Close my top {len(chosen)} skill gaps for {title}" if len(chosen) > 1
             else f"Close my top skill gap for {title}")[:200], area=LEARNING,
            horizon=Horizon.SHORT_TERM,
            why=f"To move towards {title} ({code}): these are its most important skills and "
                "knowledge where I am below the level the work needs.",
            metric=Metric("skills at the target level", "skills", 0.0, float(len(chosen)),
                          0.0),
            deadline=dues[-1])
        milestones = [goals.add_milestone(
            goal.id, f"{g.name}: reach level {g.required:.1f} of 7 (now {g.current:g}): "
                     f"{g.meaning}"[:200], due)
            for g, due in zip(chosen, dues, strict=True)]
        with self.scope.write() as s:
            assess_store.link_goal(s, goal.id, code, self.scope.now())
        return GapPlan(goal, milestones, chosen, rate, left)

    def graph(self) -> tuple[paths.Graph, paths.Graph]:
        """Related occupations weighted by skill distance, and the same graph reversed;
        built once per catalog install."""
        m = self.matrices()
        if self._graph is None or self._graph[0] is not m:
            with _SHARED:
                shared = _GRAPHS.get(m)
            if shared is None:
                with self.scope.read() as s:
                    edges = assess_store.related_edges(s)
                forward = paths.build_graph(m, edges)
                shared = (forward, paths.reverse(forward))
                with _SHARED:
                    _GRAPHS[m] = shared
            self._graph = (m, *shared)
        return self._graph[1], self._graph[2]

    def paths(self, source: str | None, target: str, k: int = 3,
              person: Person | None = None) -> list[CareerPath]:
        """The best path and up to ``k - 1`` alternatives from one occupation to another."""
        check_count(k, "The number of paths (-k)", 1, paths.MAX_PATHS)
        m = self.matrices()
        person = person or self.assess.person()
        start = source or person.constraints.current_occupation
        if not start:
            raise InvalidInput("Where does the path start?",
                               "Give FROM, or record your current occupation with {action}.",
                               Action.to("assess", instrument="passions"))
        a, b = self.catalog.resolve(start), self.catalog.resolve(target)
        if a == b:
            raise InvalidInput("The path starts where it ends.", "Give two occupations.")
        graph, backwards = self.graph()
        found = paths.k_shortest(graph, m.index(a), m.index(b), k, backwards)
        if not found:
            raise NotFound(f"No chain of related occupations leads from {a} to {b}.",
                           "Try a nearer target, or one of its related occupations ({action}).",
                           Action.to("explore.show", code=b))
        return [paths.describe(m, graph, p, cost, person.levels) for cost, p in found]

    def weights(self, pairs: Sequence[str]) -> Mapping[str, float]:
        """The weights in use after ``--weight`` pairs."""
        return matching.parse_weights(pairs)


@dataclass(frozen=True)
class GapPlan:
    """What ``make_goal`` made: the goal, its milestones, and the gaps they close."""

    goal: Goal
    milestones: list[Milestone]
    gaps: list[Gap]
    pace: Pace | None = None
    left: list[Gap] = field(default_factory=list)  # past a year at this pace: a later goal
