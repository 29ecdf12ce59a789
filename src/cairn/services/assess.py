"""Assessments: shipped and loaded instruments, takes that resume, scores with their dates."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, cast

from cairn.core.actions import Action
from cairn.core.assessment import (
    Answer,
    Instrument,
    Take,
    answer_item,
    check_answer,
    check_answers,
    score,
    with_items,
)
from cairn.core.errors import (
    CairnError,
    Conflict,
    ImportFormatError,
    InvalidInput,
    NotFound,
    NotReady,
)
from cairn.core.instruments import read_instrument
from cairn.core.levels import on_level_scale
from cairn.core.person import Constraints, Person, constraint_changes, read_constraints
from cairn.core.reassessment import changes
from cairn.services import instruments
from cairn.services.scope import Scope, reads, writes
from cairn.store import assess as store
from cairn.store import catalog as catalog_store

if TYPE_CHECKING:
    from cairn.services.profile import ProfileService

SHIPPED = ("interests", "values", "skills")
PASSIONS = "passions"
CHECKIN = "checkin"  # Cairn's own check-in (`cairn checkin`), on the same engine
RESERVED = (*SHIPPED, PASSIONS, CHECKIN)


def parse_answers(path: Path) -> dict[str, object]:
    """An answers file (TOML or JSON) as a dict; its values are whatever the file holds
    (``prepare`` and ``read_constraints`` check them)."""
    text = instruments.read_text(path)
    try:
        doc = json.loads(text) if path.suffix.lower() == ".json" else tomllib.loads(text)
    except (ValueError, tomllib.TOMLDecodeError) as exc:
        raise ImportFormatError(f"{path} is not valid TOML or JSON ({exc}).",
                                "Write the answers as `item_id = value` lines.") from exc
    except RecursionError:
        raise ImportFormatError(f"{path} is nested too deeply to be read.",
                                "Write the answers as `item_id = value` lines.") from None
    if not isinstance(doc, dict):
        raise ImportFormatError(f"{path} does not hold a table of answers.",
                                "Write the answers as `item_id = value` lines.")
    return doc


def flatten(answers: Mapping[str, object], prefix: str = "") -> dict[str, object]:
    """Nested tables as dotted keys: TOML's ``satisfaction.career = 7`` (parsed as a table)
    becomes ``{"satisfaction.career": 7}``, the key a per-area item is answered with."""
    flat: dict[str, object] = {}
    for key, value in answers.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(flatten(value, name + "."))
        else:
            flat[name] = value
    return flat


class AssessmentService:
    """Use cases of self-assessment: taking, resuming, scoring, history, loading instruments."""

    def __init__(self, scope: Scope, profile: ProfileService | None = None) -> None:
        self.scope = scope
        self.profile = profile  # life areas, for instruments with per-area items

    # -- instruments -----------------------------------------------------------------

    def instrument(self, key: str, *, knowledge: bool = False) -> Instrument:
        """A shipped or loaded instrument; catalog-backed items are filled in here."""
        if key in SHIPPED:
            inst = instruments.shipped(key)
        else:
            with self.scope.read() as s:
                found = store.instrument_source(s, key)
            if found is None:
                raise NotFound(f"There is no instrument {key!r}.",
                               "See {action}; a coach's own instrument is loaded from its file "
                               "first.", Action.to("assess.list"))
            inst = read_instrument(tomllib.loads(found))
        if inst.items_from:
            elements, anchors = self._elements(knowledge)
            inst = on_level_scale(with_items(inst, elements), anchors)
        return inst

    def _elements(self, knowledge: bool) -> tuple[list[tuple[str, str, str]],
                                                   dict[str, list[tuple[float, str]]]]:
        with self.scope.read() as s:
            found = catalog_store.elements(s, "skills")
            if knowledge:
                found += catalog_store.elements(s, "knowledge")
            anchors = catalog_store.level_anchors(s, [e[0] for e in found])
        if not found:
            raise NotReady("The skill list comes from the occupation catalog, which is not "
                           "installed.", "Run {action} first.", Action.to("catalog.install"))
        return found, anchors

    def instruments(self) -> list[tuple[str, str]]:
        """(key, title) of every instrument one can take."""
        shipped = [(k, instruments.shipped(k).title) for k in SHIPPED]
        return [*shipped, (PASSIONS, "Passions and constraints"), *self.loaded()]

    def loaded(self) -> list[tuple[str, str]]:
        """(key, title) of every instrument loaded from a file."""
        with self.scope.read() as s:
            return store.instrument_keys(s)

    def scored_keys(self) -> list[str]:
        """Keys of the instruments whose takes have scores (all but the passions form)."""
        return [*SHIPPED, *(k for k, _ in self.loaded())]

    @writes
    def load(self, path: Path) -> Instrument:
        """Check an instrument file (all problems at once) and keep it for taking."""
        inst, text = instruments.read_file(path)
        if inst.key in RESERVED:
            raise Conflict(f"{inst.key!r} is the key of an instrument Cairn ships.",
                           "Give your instrument another `key`.")
        if inst.items_from:
            raise InvalidInput("Loaded instruments must list their own items.",
                               "Remove `items_from` and add [[items]].")
        with self.scope.write() as s:
            store.save_instrument(s, inst.key, inst.title, inst.version, text, self.scope.now())
        return inst

    # -- taking ----------------------------------------------------------------------

    @writes
    def resume(self, key: str, version: str) -> tuple[Take, dict[str, float | None]]:
        """The unfinished take of an instrument (or a new one) and the answers so far
        (None for an item the person skipped). A take of another version of the instrument
        is not resumed: its items may have been worded (and scored) differently."""
        with self.scope.write() as s:
            found = store.unfinished_take(s, key)
            take = (found if found is not None and found.version == version
                    else store.start_take(s, key, version, self.scope.now()))
            got = store.answers(s, take.id)
        return take, {k: v for k, (v, _) in got.items()}

    @writes
    def answer(self, inst: Instrument, take_id: int, item_id: str,
               value: Answer | None) -> None:
        """Save one answer as soon as it is given (None records a skipped item; text
        items keep their text)."""
        if value is not None:
            check_answer(inst, item_id, value)
        number, text = (None, value) if isinstance(value, str) else (value, None)
        with self.scope.write() as s:
            store.save_answer(s, take_id, item_id, number, text, self.scope.now())

    @writes
    def finish(self, inst: Instrument, take_id: int) -> Take:
        """Score a take's answers and keep the scores with the date."""
        with self.scope.read() as s:
            got = store.answers(s, take_id)
        given: dict[str, Answer] = {}
        for k, (v, t) in got.items():
            if t is not None or v is not None:
                given[k] = t if t is not None else float(v or 0)
        result = score(inst, given)
        with self.scope.write() as s:
            return store.finish_take(s, take_id, result.by_scale(), result.code, self.scope.now())

    def area_keys(self) -> list[str] | None:
        """The life areas a per-area item can be answered for (None: not known here)."""
        return [a.key for a in self.profile.areas()] if self.profile is not None else None

    def prepare(self, inst: Instrument, answers: Mapping[str, object]) -> dict[str, Answer]:
        """Answers from a file or the command line, checked as a whole: nested tables as
        dotted keys, numbers written as text read as numbers; every problem at once."""
        values: dict[str, object] = {}
        for key, raw in flatten(answers).items():
            found = answer_item(inst, key)
            value = raw
            if isinstance(raw, str) and (found is None or found[0].kind != "text"):
                try:
                    value = float(raw.strip())
                except ValueError:
                    value = raw  # reported below as not a number
            elif isinstance(raw, int | float) and not isinstance(raw, bool):
                value = float(raw)
            values[key] = value
        per_area = any(it.per_area for it in inst.items)
        problems = check_answers(inst, values, areas=self.area_keys() if per_area else None)
        if problems:
            raise InvalidInput(f"The answers to {inst.title} cannot be scored:\n- "
                               + "\n- ".join(problems),
                               "Fix those answers and try again.")
        # check_answers reported every value that is not a number or a text item's text
        return cast("dict[str, Answer]", values)

    @writes
    def take(self, inst: Instrument, answers: Mapping[str, object]) -> Take:
        """Score a whole set of answers (from a file) and keep them as one new take."""
        values = self.prepare(inst, answers)
        result = score(inst, values)
        at = self.scope.now()
        with self.scope.write() as s:
            take = store.start_take(s, inst.key, inst.version, at)
            for item_id, v in values.items():
                number, text = (None, v) if isinstance(v, str) else (v, None)
                store.save_answer(s, take.id, item_id, number, text, at)
            return store.finish_take(s, take.id, result.by_scale(), result.code, at)

    @writes
    def rank_values(self, order: Sequence[str]) -> Take:
        """Keep a ranking of the six work values (most important first) as a values take.

        Ranks become scores on the rating scale in equal steps (first 5, last 1), so a
        ranking and a rating can be compared and matched the same way.
        """
        inst = self.instrument("values")
        names = {sc.name.lower(): sc.id for sc in inst.scales} | {sc.id: sc.id
                                                                   for sc in inst.scales}
        keys = [names.get(str(v).strip().lower().replace("_", " "),
                          names.get(str(v).strip().lower(), "")) for v in order]
        if sorted(k for k in keys if k) != sorted(sc.id for sc in inst.scales) or "" in keys:
            raise InvalidInput("A ranking must list each of the six work values once.",
                               "Give: " + ", ".join(sc.name for sc in inst.scales) + ".")
        step = (inst.high - inst.low) / (len(keys) - 1)
        scores = {k: round(inst.high - i * step, 4) for i, k in enumerate(keys)}
        at = self.scope.now()
        with self.scope.write() as s:
            take = store.start_take(s, inst.key, inst.version, at)
            for i, k in enumerate(keys, 1):
                store.save_answer(s, take.id, f"rank.{k}", float(i), None, at)
            return store.finish_take(s, take.id, scores, "", at)

    @writes
    def form_answers(self, *, start_over: bool = False
                     ) -> tuple[int, dict[str, tuple[float | None, str | None]]]:
        """The unfinished passions-and-constraints take (or a new one) and its answers;
        ``start_over`` begins a new take (the unfinished one is kept, not resumed)."""
        with self.scope.write() as s:
            found = None if start_over else store.unfinished_take(s, PASSIONS)
            take = found or store.start_take(s, PASSIONS, "1", self.scope.now())
            return take.id, store.answers(s, take.id)

    @writes
    def answer_form(self, take_id: int, item_id: str, value: float | None,
                    text: str | None = None) -> None:
        """Check and save one answer of the passions-and-constraints form at once."""
        if item_id in ("min_income", "max_hours", "max_job_zone"):
            read_constraints({item_id: value})
        if item_id == "current_occupation" and text:
            from cairn.services.catalog import CatalogService

            text = CatalogService(self.scope.db).resolve(text)
        with self.scope.write() as s:
            store.save_answer(s, take_id, item_id, value, text, self.scope.now())

    @writes
    def finish_form(self, take_id: int) -> Take:
        """Check the form's answers, as a whole, and keep them as a finished take."""
        with self.scope.read() as s:
            got = store.answers(s, take_id)
        passions: list[object] = []
        doc: dict[str, object] = {"passions": passions}
        for item_id, (value, text) in got.items():
            if item_id.startswith("passion."):
                passions.append(json.loads(text or "{}"))
            elif item_id in ("min_income", "max_hours", "max_job_zone"):
                doc[item_id] = int(value) if item_id == "max_job_zone" and value else value
            elif item_id == "current_occupation":
                doc[item_id] = text
        return self._finish_constraints(take_id, doc)

    @writes
    def save_constraints(self, doc: Mapping[str, object]) -> Take:
        """Keep passions and constraints as a new take (the document is checked first)."""
        read_constraints(doc)
        with self.scope.write() as s:
            take = store.start_take(s, PASSIONS, "1", self.scope.now())
        return self._finish_constraints(take.id, doc)

    def _finish_constraints(self, take_id: int, doc: Mapping[str, object]) -> Take:
        found = read_constraints(doc)
        code = found.current_occupation
        if code:
            from cairn.services.catalog import CatalogService

            code = CatalogService(self.scope.db).resolve(code)
        data = Constraints(found.min_income, found.max_hours, found.max_job_zone, code,
                           found.passions).as_json()
        at = self.scope.now()
        with self.scope.write() as s:
            store.save_answer(s, take_id, "form", None, json.dumps(data, sort_keys=True), at)
            return store.finish_take(s, take_id, data, "", at)

    @writes
    def rate_skills(self, ratings: Mapping[str, float], note: str = "") -> Take:
        """Change some skill self-ratings and keep the result as a new skills take: the
        latest take's other ratings are carried over, so matching and gaps (which read the
        latest take) see every rating, and ``assess history`` shows what moved. ``note``
        is kept as the text of each changed answer (where the change came from)."""
        inst = self.instrument("skills", knowledge=True)
        problems = []
        for item_id, value in ratings.items():
            try:
                check_answer(inst, item_id, value)
            except CairnError as err:
                problems.append(f"{item_id}: {err.message}")
        if problems:
            raise InvalidInput("These ratings cannot be kept: " + " ".join(problems),
                               f"Rate O*NET skills from {inst.low:g} to {inst.high:g}.")
        known = {it.id for it in inst.items}
        before = self.latest("skills")
        values = {k: float(v) for k, v in (before.scores if before else {}).items()
                  if k in known}
        values |= {k: float(v) for k, v in ratings.items()}
        result = score(inst, values)
        at = self.scope.now()
        with self.scope.write() as s:
            take = store.start_take(s, inst.key, inst.version, at)
            for item_id, v in sorted(values.items()):
                store.save_answer(s, take.id, item_id, v,
                                  (note or None) if item_id in ratings else None, at)
            return store.finish_take(s, take.id, result.by_scale(), result.code, at)

    # -- results ---------------------------------------------------------------------

    def latest(self, key: str) -> Take | None:
        """The latest finished take of an instrument."""
        with self.scope.read() as s:
            return store.latest(s, key)

    def takes(self, key: str) -> list[Take]:
        """Every finished take of an instrument, oldest first."""
        with self.scope.read() as s:
            return store.takes(s, key)

    def noted_items(self, key: str, noted: Callable[[str | None], bool]) -> set[str]:
        """Item ids whose answer, in any finished take of ``key``, carries a note that
        ``noted`` accepts (``rate_skills`` keeps where a change came from as that note)."""
        with self.scope.read() as s:
            return {item for take in store.takes(s, key)
                    for item, (_, text) in store.answers(s, take.id).items() if noted(text)}

    def loaded_takes(self) -> list[Take]:
        """Finished takes of instruments loaded from files (well-being scales, for
        instance), oldest first."""
        with self.scope.read() as s:
            return [t for t in store.takes(s) if t.instrument not in RESERVED]

    def history(self, key: str | None = None) -> list[tuple[Take, list[str]]]:
        """Every finished take, oldest first, with what changed since the previous take."""
        with self.scope.read() as s:
            found = store.takes(s, key)
        out: list[tuple[Take, list[str]]] = []
        previous: dict[str, Take] = {}
        for take in found:
            before = previous.get(take.instrument)
            moved: list[str] = []
            if before is not None and take.instrument != PASSIONS:
                moved = changes(before.scores, take.scores, self.names(take.instrument))
                if before.code != take.code and (before.code or take.code):
                    moved.insert(0, f"Code: {before.code or 'none (flat)'} -> "
                                    f"{take.code or 'none (flat)'}")
            elif before is not None:
                moved = constraint_changes(before.scores, take.scores)
            out.append((take, moved))
            previous[take.instrument] = take
        return out

    def names(self, key: str) -> dict[str, str]:
        """Scale id -> name, in the instrument's order ({} when it cannot be read now)."""
        try:
            inst = self.instrument(key, knowledge=True)
        except (NotFound, NotReady):
            return {}
        return {sc.id: sc.name for sc in inst.scales}

    @reads
    def person(self) -> Person:
        """What the latest takes say, for matching."""
        with self.scope.read() as s:
            interests, values = store.latest(s, "interests"), store.latest(s, "values")
            skills, form = store.latest(s, "skills"), store.latest(s, PASSIONS)
        return Person(
            interests=tuple(float(interests.scores[k]) for k in "RIASEC") if interests else None,
            values=tuple(float(values.scores[k]) for k in VALUE_KEYS) if values else None,
            levels={k: float(v) for k, v in skills.scores.items()} if skills else {},
            constraints=read_constraints(form.scores) if form else Constraints(),
        )


VALUE_KEYS = ("achievement", "working_conditions", "recognition", "relationships", "support",
              "independence")
