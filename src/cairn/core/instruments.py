"""Reading an instrument document (parsed TOML) into an :class:`Instrument`, every problem at once.

The document's format is in ``cairn/instruments/docs.md`` and the README; this
module only checks the parsed mapping and builds the records.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Mapping
from typing import Any

from cairn.core.assessment import (
    ITEM_KINDS,
    MISSING,
    RULES,
    Band,
    Instrument,
    Item,
    Scale,
)
from cairn.core.errors import InvalidInput

KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,39}")
MAX_RESPONSE_STEPS = 1000  # a 0-100 slider is plausible; a million steps is not a rating


def _get(doc: Mapping[str, Any], key: str, kind: type | tuple[type, ...], where: str,
         problems: list[str], default: Any = None) -> Any:
    value = doc.get(key, default)
    if value is None:
        problems.append(f"{where}: `{key}` is missing.")
    elif not isinstance(value, kind) or (isinstance(value, bool) and kind in (int, float)):
        problems.append(f"{where}: `{key}` must be {getattr(kind, '__name__', kind)}, "
                        f"not {value!r}.")
        return None
    elif isinstance(value, str) and not value.strip():
        problems.append(f"{where}: `{key}` is empty.")
        return None
    elif isinstance(value, float) and not math.isfinite(value):
        problems.append(f"{where}: `{key}` must be a finite number, not {value!r}.")
        return None
    return value


def _array(doc: Mapping[str, Any], name: str, problems: list[str]) -> list[Any]:
    """The ``[[name]]`` tables of a document (a problem when it is something else)."""
    found = doc.get(name) or []
    if not isinstance(found, list):
        problems.append(f"{name}: must be [[{name}]] tables, not {found!r}.")
        return []
    return found


def _scales(doc: Mapping[str, Any], problems: list[str]) -> list[Scale]:
    scales: list[Scale] = []
    for i, raw in enumerate(_array(doc, "scales", problems), 1):
        if not isinstance(raw, dict):
            problems.append(f"scale {i}: must be a table.")
            continue
        sid, name = _get(raw, "id", str, f"scale {i}", problems), _get(
            raw, "name", str, f"scale {i}", problems)
        if sid and name:
            scales.append(Scale(sid, name, str(raw.get("description", ""))))
    if not scales:
        problems.append("instrument: at least one [[scales]] entry is needed.")
    ids = [s.id for s in scales]
    problems += [f"scale {d!r} is defined twice." for d in sorted({i for i in ids
                                                                     if ids.count(i) > 1})]
    return scales


def _item(raw: Mapping[str, Any], where: str, scale_ids: set[str],
          problems: list[str]) -> Item | None:
    kind = raw.get("kind", "rating")
    if kind not in ITEM_KINDS:
        problems.append(f"{where}: `kind` must be one of {', '.join(ITEM_KINDS)}, "
                        f"not {kind!r}.")
        kind = "rating"
    iid = _get(raw, "id", str, where, problems)
    text = _get(raw, "text", str, where, problems)
    scale = ""
    if kind == "rating":
        scale = _get(raw, "scale", str, where, problems) or ""
        if scale and scale not in scale_ids:
            problems.append(f"{where}: scale {scale!r} is not one of the [[scales]].")
    elif "scale" in raw:
        problems.append(f"{where}: a {kind} item is recorded, not scored, so it takes no "
                        "`scale`.")
    flags = {}
    for flag, default in (("reverse", False), ("per_area", False),
                          ("optional", kind != "rating")):
        value = raw.get(flag, default)
        if not isinstance(value, bool):
            problems.append(f"{where}: `{flag}` must be true or false.")
        flags[flag] = value is True
    if flags["reverse"] and kind != "rating":
        problems.append(f"{where}: only rating items can be reverse-keyed.")
    if flags["per_area"] and kind == "text":
        problems.append(f"{where}: a text item cannot be asked per life area.")
    low, high = _bounds(raw, kind, where, problems)
    if not (iid and text and (scale or kind != "rating")):
        return None
    return Item(iid, scale, text, flags["reverse"], str(raw.get("help", "")), kind,
                flags["per_area"], flags["optional"], low, high)


def _bounds(raw: Mapping[str, Any], kind: str, where: str,
            problems: list[str]) -> tuple[float | None, float | None]:
    """A number item's optional `min` and `max`."""
    bounds: list[float | None] = []
    for end in ("min", "max"):
        value = raw.get(end)
        if value is not None and kind != "number":
            problems.append(f"{where}: `{end}` belongs to number items; ratings use the "
                            "[response] scale.")
            value = None
        elif value is not None and (isinstance(value, bool)
                                    or not isinstance(value, int | float)
                                    or not math.isfinite(value)):
            problems.append(f"{where}: `{end}` must be a number, not {value!r}.")
            value = None
        bounds.append(None if value is None else float(value))
    low, high = bounds
    if low is not None and high is not None and low >= high:
        problems.append(f"{where}: `min` ({low:g}) must be below `max` ({high:g}).")
    return low, high


def _items(doc: Mapping[str, Any], scale_ids: set[str], problems: list[str]) -> list[Item]:
    items: list[Item] = []
    for i, raw in enumerate(_array(doc, "items", problems), 1):
        if not isinstance(raw, dict):
            problems.append(f"item {i}: must be a table.")
            continue
        item = _item(raw, f"item {i} ({raw.get('id', '?')})", scale_ids, problems)
        if item is not None:
            items.append(item)
    ids = [it.id for it in items]
    problems += [f"item {d!r} is defined twice." for d in sorted({i for i in ids
                                                                    if ids.count(i) > 1})]
    return items


def _bands(doc: Mapping[str, Any], problems: list[str]) -> list[Band]:
    bands: list[Band] = []
    for i, raw in enumerate(_array(doc, "bands", problems), 1):
        where = f"band {i}"
        if not isinstance(raw, dict):
            problems.append(f"{where}: must be a table.")
            continue
        low = _get(raw, "low", (int, float), where, problems)
        high = _get(raw, "high", (int, float), where, problems)
        label = _get(raw, "label", str, where, problems)
        if low is not None and high is not None and low >= high:
            problems.append(f"{where}: `low` ({low}) must be below `high` ({high}).")
        elif low is not None and high is not None and label:
            bands.append(Band(float(low), float(high), label, str(raw.get("meaning", ""))))
    bands.sort(key=lambda b: b.low)
    problems += [f"bands {a.label!r} and {b.label!r} overlap."
                 for a, b in itertools.pairwise(bands) if b.low < a.high]
    return bands


def _response(doc: Mapping[str, Any], problems: list[str]) -> tuple[int, int, dict[int, str]]:
    response = doc.get("response")
    low = high = 0
    labels: dict[int, str] = {}
    if not isinstance(response, dict):
        problems.append("response: the [response] table is missing.")
        return low, high, labels
    low = _get(response, "min", int, "response", problems) or 0
    high = _get(response, "max", int, "response", problems) or 0
    if low >= high:
        problems.append(f"response: `min` ({low}) must be below `max` ({high}).")
    elif high - low > MAX_RESPONSE_STEPS:
        problems.append(f"response: `min` to `max` spans {high - low} steps (at most "
                        f"{MAX_RESPONSE_STEPS}).")
    labels_doc = response.get("labels") or {}
    if not isinstance(labels_doc, dict):
        problems.append(f"response: `labels` must be a table, not {labels_doc!r}.")
        labels_doc = {}
    for k, v in labels_doc.items():
        if not str(k).lstrip("-").isdigit() or not low <= int(k) <= high:
            problems.append(f"response: label {k!r} is not a whole number in {low}-{high}.")
        else:
            labels[int(k)] = str(v)
    return low, high, labels


def read_instrument(doc: Mapping[str, Any]) -> Instrument:
    """Check a parsed instrument document and build it; every problem is reported at once."""
    problems: list[str] = []
    head = doc.get("instrument")
    if not isinstance(head, dict):
        problems.append("instrument: the [instrument] table is missing.")
        head = {}
    key = _get(head, "key", str, "instrument", problems)
    if key and not KEY.fullmatch(key):
        problems.append(f"instrument: `key` {key!r} must be a short word (letters, digits, "
                        "- or _; up to 40): people type it to take the instrument.")
    title = _get(head, "title", str, "instrument", problems)
    version = str(head.get("version", "1"))
    rule = head.get("scoring", "mean")
    if rule not in RULES:
        problems.append(f"instrument: `scoring` must be one of {', '.join(RULES)}, not {rule!r}.")
    missing = head.get("missing", "refuse")
    if missing not in MISSING:
        problems.append(f"instrument: `missing` must be one of {', '.join(MISSING)}, "
                        f"not {missing!r}.")
    transform = head.get("transform", {})
    multiply = transform.get("multiply", 1.0) if isinstance(transform, dict) else None
    add = transform.get("add", 0.0) if isinstance(transform, dict) else None
    if (not isinstance(multiply, int | float) or not isinstance(add, int | float)
            or not math.isfinite(multiply) or not math.isfinite(add)):
        problems.append("instrument: `transform` needs numbers `multiply` and `add`.")
        multiply, add = 1.0, 0.0
    low, high, labels = _response(doc, problems)
    items_from = str(head.get("items_from", ""))
    scales = _scales(doc, problems) if not items_from else []
    items = _items(doc, {s.id for s in scales}, problems) if not items_from else []
    if not items_from and not items:
        problems.append("instrument: at least one [[items]] entry is needed.")
    unused = [s.id for s in scales if not any(it.scale == s.id and it.scored for it in items)]
    problems += [f"scale {u!r} has no items." for u in unused if items]
    letters = head.get("code_letters", 0)
    if not isinstance(letters, int) or not 0 <= letters <= len(scales or [0]):
        problems.append("instrument: `code_letters` must be a whole number up to the scales.")
    elif letters and len({s.id[0] for s in scales}) < len(scales):
        problems.append("instrument: with `code_letters`, every scale id must start with a "
                        "different letter (the code is made of those letters).")
    bands = _bands(doc, problems)
    if problems:
        raise InvalidInput(f"The instrument has {len(problems)} problem(s):\n- "
                           + "\n- ".join(problems),
                           "Fix the file and load it again.")
    licence = str(head.get("licence", head.get("license", "")))
    return Instrument(key, title, version, str(head.get("description", "")), tuple(items),
                      tuple(scales), low, high, labels, rule, float(multiply), float(add),
                      missing, tuple(bands), int(letters), items_from, licence)


