"""What crosses the service boundary is typed (issue 11): no ``dict[str, Any]``.

An AST scan of ``src/cairn/services``: a public function's or method's signature, a public
class's fields and a module's type aliases must not say ``dict[str, Any]`` (nor
``Mapping[str, Any]``, nor ``**kwargs: Any``, the same thing), and no public return
annotation may say ``Any`` at all. A JSON shape gets a TypedDict (the ``*views`` modules),
a record a frozen dataclass, JSON by nature ``viewmodel.JsonValue``.

The TypedDicts that mypy cannot hold to their builders (a view model written by
``viewmodel.to_json``, a core record's fields written one by one) are held to them here:
the same keys, in the same order, as the JSON that is written.
"""

from __future__ import annotations

import ast
import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest

from cairn.core import occupations, wages
from cairn.services import catalog_views, support_views
from cairn.services.viewmodel import json_name

SERVICES = Path(__file__).resolve().parents[1] / "src" / "cairn" / "services"

ANY_DICT = ("dict[str, Any]", "Dict[str, Any]", "Mapping[str, Any]", "MutableMapping[str, Any]")
FIX = ("give the shape a TypedDict (a JSON shape, in a *views module), a frozen dataclass "
       "(a record) or viewmodel.JsonValue (JSON by nature); see services/docs.md")


def _text(node: ast.expr | None) -> str:
    return "" if node is None else ast.unparse(node)


def _names_any(node: ast.expr | None) -> bool:
    """True when the annotation mentions ``Any`` (as a name, typing.Any, or in a string)."""
    if node is None:
        return False
    for n in ast.walk(node):
        if isinstance(n, ast.Name) and n.id == "Any":
            return True
        if isinstance(n, ast.Attribute) and n.attr == "Any":
            return True
        if isinstance(n, ast.Constant) and isinstance(n.value, str):
            try:
                if _names_any(ast.parse(n.value, mode="eval").body):
                    return True
            except SyntaxError:
                continue
    return False


def _any_dict(node: ast.expr | None) -> bool:
    text = _text(node).replace("typing.", "").replace("'", "").replace('"', "")
    return any(d in text for d in ANY_DICT)


def _signature_problems(fn: ast.FunctionDef | ast.AsyncFunctionDef, where: str
                        ) -> Iterator[str]:
    a = fn.args
    params = [*a.posonlyargs, *a.args, *a.kwonlyargs,
              *([a.vararg] if a.vararg else [])]
    for p in params:
        if _any_dict(p.annotation):
            yield f"{where}: parameter {p.arg!r} is {_text(p.annotation)}"
    if a.kwarg is not None and (_any_dict(a.kwarg.annotation)
                                or _text(a.kwarg.annotation) == "Any"):
        yield f"{where}: **{a.kwarg.arg}: {_text(a.kwarg.annotation)} is a dict[str, Any]"
    if _any_dict(fn.returns):
        yield f"{where}: returns {_text(fn.returns)}"
    elif _names_any(fn.returns):
        yield f"{where}: returns {_text(fn.returns)} (Any in a return annotation)"


def problems_in(source: str, name: str) -> list[str]:
    """Every untyped boundary in one module's source, as ``file:line what``."""
    found: list[str] = []
    for node in ast.parse(source).body:
        at = f"{name}:{getattr(node, 'lineno', 0)}"
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            if not node.name.startswith("_"):
                found += _signature_problems(node, f"{at} {node.name}()")
        elif isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
            for item in node.body:
                where = f"{name}:{item.lineno} {node.name}"
                if (isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef)
                        and (not item.name.startswith("_") or item.name == "__init__")):
                    found += _signature_problems(item, f"{where}.{item.name}()")
                elif (isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name)
                      and _any_dict(item.annotation)):
                    found.append(f"{where}.{item.target.id}: field is {_text(item.annotation)}")
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            value = node.value if isinstance(node, ast.Assign) else node.annotation
            if _any_dict(value) or (isinstance(node, ast.AnnAssign) and _any_dict(node.value)):
                target = _text(node.targets[0] if isinstance(node, ast.Assign) else node.target)
                found.append(f"{at} {target}: type alias says dict[str, Any]")
    return found


def test_no_dict_str_any_crosses_the_service_boundary():
    found = []
    for path in sorted(SERVICES.glob("*.py")):
        found += problems_in(path.read_text("utf-8"), f"services/{path.name}")
    assert not found, ("Untyped shapes cross the service boundary (" + FIX + "):\n"
                       + "\n".join(found))


@pytest.mark.parametrize(("source", "what"), [
    ("def f() -> dict[str, Any]: ...", "returns dict[str, Any]"),
    ("def f() -> list[dict[str, Any]]: ...", "returns list[dict[str, Any]]"),
    ("def f() -> 'dict[str, Any] | None': ...", "returns"),
    ("def f() -> Any: ...", "Any in a return annotation"),
    ("def f() -> tuple[str, Any]: ...", "Any in a return annotation"),
    ("def f(doc: Mapping[str, Any]) -> None: ...", "parameter 'doc'"),
    ("def f(**changes: Any) -> None: ...", "**changes: Any"),
    ("class S:\n    def read(self) -> dict[str, Any]: ...", "S.read()"),
    ("class S:\n    facts: dict[str, Any]", "S.facts: field"),
    ("Provider = Callable[[int], dict[str, Any]]", "Provider: type alias"),
])
def test_the_scan_finds_each_kind_of_untyped_boundary(source: str, what: str):
    found = problems_in(source, "x.py")
    assert len(found) == 1 and what in found[0], found


@pytest.mark.parametrize("source", [
    "def _private() -> dict[str, Any]: ...",  # not public
    "def f(x: Any) -> int: ...",  # Any taken in, never handed out as a dict
    "class _Hidden:\n    facts: dict[str, Any]",
    "def f() -> dict[str, object]: ...",
    "def f(**changes: object) -> None: ...",
])
def test_the_scan_lets_typed_and_private_code_be(source: str):
    assert problems_in(source, "x.py") == []


# -- TypedDicts held to the JSON they describe ----------------------------------------


def _keys(shape: type) -> list[str]:
    return list(shape.__annotations__)  # a TypedDict's keys, its bases' first, in order


@pytest.mark.parametrize(("shape", "view"), [
    (support_views.ContactJson, support_views.ContactView),
    (support_views.InteractionJson, support_views.InteractionView),
    (support_views.FollowUpJson, support_views.FollowUpView),
    (support_views.FeedbackJson, support_views.FeedbackView),
    (support_views.ResourceJson, support_views.ResourceView),
    (support_views.EvidenceJson, support_views.EvidenceView),
    (support_views.NeedJson, support_views.NeedView),
    (support_views.AdviceJson, support_views.AdviceView),
    (support_views.TemplateJson, support_views.TemplateView),
])
def test_a_view_models_typed_dict_has_its_json_fields(shape: type, view: type):
    fields = [json_name(f.name) for f in dataclasses.fields(view)]
    assert _keys(shape) == fields, f"{shape.__name__} must list {view.__name__}'s JSON fields"


@pytest.mark.parametrize(("shape", "record"), [
    (catalog_views.JobZoneJson, occupations.JobZone),
    (catalog_views.ElementJson, occupations.ElementRating),
    (catalog_views.RatingJson, occupations.Rating),
    (catalog_views.TaskStatementJson, occupations.TaskStatement),
    (catalog_views.TechnologyJson, occupations.Technology),
    (catalog_views.EducationJson, occupations.EducationLevel),
    (catalog_views.RelatedJson, occupations.Related),
])
def test_an_occupation_pages_rows_are_their_records_fields(shape: type, record: type):
    assert _keys(shape) == [f.name for f in dataclasses.fields(record)], (
        f"{shape.__name__} must list {record.__name__}'s fields (a page wrote them all)")


def test_a_wage_is_its_records_fields_then_cairns_own():
    w = wages.Wage("15-1252", None, 60.5, 1000, top_coded=False, title="Developers",
                   hourly_only=True)
    doc = catalog_views.wage("15-1252.00", w)
    assert doc is not None
    assert list(doc) == _keys(catalog_views.WageJson)
    assert {k: doc[k] for k in (f.name for f in dataclasses.fields(w))} == dataclasses.asdict(w)
    assert list(doc)[:len(dataclasses.fields(w))] == [f.name for f in dataclasses.fields(w)]
    assert doc["annual_estimate"] == round(60.5 * 2080)
