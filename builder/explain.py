"""Turning pydantic's validation errors into sentences a trainer understands."""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel

from builder.pillars import PILLAR_IDS
from builder.plural import count_of
from builder.problems import Path, did_you_mean, quoted_list, slugify
from builder.schema import Scenario


def without_typo_twins(errs: list[Any]) -> list[Any]:
    """Drop "'x' is missing" when the same mapping has a misspelled key for it.

    ``explenation:`` yields both a missing 'explanation' and an unknown
    'explenation'; the second message (with its "did you mean") says it all.
    """
    unknown = {(tuple(e["loc"][:-1]), str(e["loc"][-1]))
               for e in errs if e["type"] == "extra_forbidden"}
    out = []
    for e in errs:
        if e["type"] == "missing":
            parent, name = tuple(e["loc"][:-1]), str(e["loc"][-1])
            if any(p == parent and did_you_mean(k, [name]) for p, k in unknown):
                continue
        out.append(e)
    return out


# --- turning pydantic's errors into sentences ------------------------------------------------


def kind_of(value: Any) -> str:
    """What a value is, as a trainer would say it: 'text', 'a list', ..."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if value is None:
        return "nothing"
    return type(value).__name__


def _short(value: Any) -> str:
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _model_at(loc: Path) -> type[BaseModel] | None:
    """The schema model that describes the mapping at ``loc`` (for key suggestions)."""
    model: Any = Scenario
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(model, type) and issubclass(model, BaseModel)):
            return None
        info = model.model_fields.get(str(part))
        if info is None:
            return None
        model = _inner_model(info.annotation)
    return model if isinstance(model, type) and issubclass(model, BaseModel) else None


def _inner_model(annotation: Any) -> Any:
    args = typing.get_args(annotation)
    origin = typing.get_origin(annotation)
    if origin in (list, tuple, types.UnionType, typing.Union) and args:
        return _inner_model(args[0])
    return annotation


_EXPECTED = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list (lines starting with '- ')",
    "model_type": "a mapping of keys",
    "dict_type": "a mapping of keys",
}


def explain(err: Any) -> tuple[Path, str, bool]:
    """What a pydantic error means: where (a data path), what, and whether at the key."""
    loc: Path = tuple(err["loc"])
    kind = err["type"]
    value = err.get("input")
    ctx = err.get("ctx") or {}
    if kind == "carecourse":
        loc = (*loc, *ctx.get("at", []))
        message = err["msg"]
    elif kind == "missing":
        parent, name = loc[:-1], loc[-1]
        model = _model_at(parent)
        what = "" if model is None else f" ({_field_help(model, str(name))})"
        return parent, f"missing required key '{name}'{what}", False
    elif kind == "extra_forbidden":
        model = _model_at(loc[:-1])
        known = list(model.model_fields) if model else []
        hint = did_you_mean(str(loc[-1]), known) or (
            f"; expected one of {quoted_list(known)}" if known else "")
        return loc, f"unknown key '{loc[-1]}'{hint}", True
    elif kind == "literal_error":
        allowed = [a.strip("'") for a in str(ctx.get("expected", "")).replace(" or ", ", ")
                   .split(", ")]
        field_name = next((p for p in reversed(loc) if isinstance(p, str)), "")
        if field_name in ("pillar", "pillars"):
            allowed = list(PILLAR_IDS)
            what = "a pillar"
        elif field_name == "type":
            what = "a question type"
        else:
            what = "allowed here"
        hint = did_you_mean(str(value), allowed) or f" (use one of {quoted_list(allowed)})"
        message = f"{_short(value)} is not {what}{hint}"
    elif kind == "string_pattern_mismatch":
        example = slugify(value) if isinstance(value, str) else ""
        message = (f"{_short(value)} is not a valid id: use lowercase letters, digits and "
                   f"hyphens, like '{example or 'my-id'}'")
    elif kind in ("string_too_short", "too_short") and isinstance(value, str | type(None)):
        message = "must not be empty"
    elif kind == "too_short":
        least = int(ctx.get("min_length") or 0)
        message = f"needs at least {count_of(least, 'item', 'items')}, has {len(value or [])}"
    elif kind == "too_long":
        message = f"can have at most {ctx.get('max_length')} items, has {len(value or [])}"
    elif kind in _EXPECTED:
        message = f"expected {_EXPECTED[kind]}, got {kind_of(value)}"
        if kind_of(value) in ("text", "a number"):
            message += f" ({_short(value)})"
    else:
        message = err["msg"][0].lower() + err["msg"][1:]
    return loc, message, False


def _field_help(model: type[BaseModel], name: str) -> str:
    info = model.model_fields.get(name)
    if info is None:
        return "text"
    kind = _inner_model(info.annotation)
    origin = typing.get_origin(info.annotation)
    if origin is list:
        return "a list"
    if isinstance(kind, type) and issubclass(kind, BaseModel):
        return "a mapping"
    if kind is int:
        return "a whole number"
    if kind is bool:
        return "true or false"
    return "text"
