"""The overlay walker: one translation file against its default-language scenario.

Which keys are texts, which are fixed and how nested lists are paired comes from
the schema's field markers (:class:`~builder.schema.Translatable`,
:class:`~builder.schema.Matched`, :class:`~builder.schema.Answer`), never from a
list kept beside it: a new schema field is translated (or kept) by declaring it.
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel

from builder.loader import display_path
from builder.problems import Path as DataPath
from builder.problems import Problem, did_you_mean, format_path, quoted_list
from builder.schema import Answer, Matched, Question, Translatable
from builder.yamlsource import SourceMap

Kind = Literal["text", "texts", "fixed", "answer", "nested", "by-id", "by-position"]


@dataclass(frozen=True)
class Rule:
    name: str
    kind: Kind
    model: type[BaseModel] | None = None  # the nested model, for nested kinds


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """``Roleplay | None`` -> Roleplay; ``list[Question]`` -> Question."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (list, types.UnionType, typing.Union):
        for arg in typing.get_args(annotation):
            found = _model_in(arg)
            if found is not None:
                return found
    return None


@cache
def rules(model: type[BaseModel]) -> tuple[Rule, ...]:
    """How a translation treats each field of ``model``: texts first, then nested ones."""
    out = []
    for name, info in model.model_fields.items():
        marks = info.metadata
        inner = _model_in(info.annotation)
        matched = next((m for m in marks if isinstance(m, Matched)), None)
        if any(isinstance(m, Translatable) for m in marks):
            is_list = typing.get_origin(info.annotation) is list
            out.append(Rule(name, "texts" if is_list else "text"))
        elif matched is not None and inner is not None:
            out.append(Rule(name, "by-id" if matched.by == "id" else "by-position", inner))
        elif inner is not None:
            out.append(Rule(name, "nested", inner))
        elif any(isinstance(m, Answer) for m in marks):
            out.append(Rule(name, "answer"))
        else:
            out.append(Rule(name, "fixed"))
    order = {"fixed": 0, "answer": 0, "text": 1, "texts": 1}
    return tuple(sorted(out, key=lambda r: order.get(r.kind, 2)))


def text_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The names of ``model``'s translatable texts (one text or a list of texts)."""
    return tuple(r.name for r in rules(model) if r.kind in ("text", "texts"))


def _noun(model: BaseModel) -> str:
    """What the schema calls a model's kind of item (``noun``: "question", "role-play")."""
    return str(getattr(type(model), "noun", "item"))


def _shown(value: Any) -> str:
    """A value as it is written in YAML: ``true``, ``'care'``, ``(not set)``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return "(not set)" if value is None else repr(value)


@dataclass
class Walk:
    """Walks one overlay file against its default-language scenario."""

    source: Path  # the default-language file
    path: Path  # the translation
    smap: SourceMap
    problems: list[Problem] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    questions_translated: int = 0

    def error(self, loc: DataPath, message: str, *, key: bool = False) -> None:
        pos = self.smap.key_pos(loc) if key else self.smap.value_pos(loc)
        self.problems.append(Problem(display_path(self.path), pos.line, pos.col,
                                     format_path(loc), message))

    def mapping(self, data: Any, loc: DataPath) -> dict[str, Any] | None:
        if isinstance(data, dict):
            return data
        self.error(loc, "expected a mapping of keys, as in the default-language file")
        return None

    def model(self, data: dict[str, Any], loc: DataPath, base: BaseModel,
              merged: dict[str, Any]) -> None:
        """One mapping: unknown keys, fixed values, texts, then what is nested in it."""
        before = (len(self.missing), len(self.problems))
        known = list(type(base).model_fields)
        for key in data:
            if key not in known:
                hint = did_you_mean(str(key), known) or f"; expected one of {quoted_list(known)}"
                self.error((*loc, key), f"unknown key '{key}'{hint}", key=True)
        for rule in rules(type(base)):
            want = getattr(base, rule.name)
            where = (*loc, rule.name)
            if rule.kind == "fixed" and rule.name in data and data[rule.name] != want:
                self.error(where, f"{_shown(data[rule.name])} differs from {_shown(want)} in "
                           f"{display_path(self.source)}; a translation keeps ids, pillars, "
                           "types and answers as they are")
            elif rule.kind == "answer" and bool(data.get(rule.name, False)) != want:
                self.error(where, f"this {_noun(base)} is {'' if want else 'not '}"
                           f"{rule.name} in {display_path(self.source)}; a translation keeps "
                           "the answers")
            elif rule.kind == "text" and want is not None:
                self.text(data.get(rule.name), where, merged, rule.name)
            elif rule.kind == "texts":
                self.texts(data.get(rule.name), where, merged, rule.name)
            elif rule.kind in ("nested", "by-id", "by-position"):
                self.nested(rule, data.get(rule.name), where, want, merged, _noun(base))
        if isinstance(base, Question) and before == (len(self.missing), len(self.problems)):
            self.questions_translated += 1

    def text(self, value: Any, loc: DataPath, merged: dict[str, Any], name: str) -> None:
        if value is None:
            self.missing.append(format_path(loc))
        elif not isinstance(value, str) or not value.strip():
            self.error(loc, "expected the translated text")
        else:
            merged[name] = value.strip()

    def texts(self, value: Any, loc: DataPath, merged: dict[str, Any], name: str) -> None:
        if value is None:
            self.missing.append(format_path(loc))
        elif (not isinstance(value, list) or not value
              or not all(isinstance(v, str) and v.strip() for v in value)):
            self.error(loc, "expected a list of translated prompts")
        else:
            merged[name] = [v.strip() for v in value]

    def nested(self, rule: Rule, value: Any, loc: DataPath, base: Any,
               merged: dict[str, Any], owner: str) -> None:
        assert rule.model is not None
        noun = rule.model.noun  # type: ignore[attr-defined]
        if base is None:
            if value is not None:
                self.error(loc, f"{display_path(self.source)} has no {noun} to translate")
            return
        if value is None:
            self.missing.append(format_path(loc))
            return
        if rule.kind == "nested":
            data = self.mapping(value, loc)
            if data is not None:
                self.model(data, loc, base, merged[rule.name])
        elif not isinstance(value, list):
            self.error(loc, f"expected a list of {noun}s, as in the default-language file")
        elif rule.kind == "by-id":
            self.by_id(value, loc, base, merged[rule.name], noun)
        else:
            self.by_position(value, loc, base, merged[rule.name], owner, rule.name)

    def by_id(self, items: list[Any], loc: DataPath, base: list[Any],
              merged: list[dict[str, Any]], noun: str) -> None:
        known = [b.id for b in base]
        where = display_path(self.source)
        if loc[0] == "roleplay":
            where = f"the role-play of {where}"
        found: dict[str, tuple[int, dict[str, Any]]] = {}
        for i, item in enumerate(items):
            data = self.mapping(item, (*loc, i))
            if data is None:
                continue
            item_id = str(data.get("id"))
            if item_id not in known:
                hint = (did_you_mean(str(item_id), known)
                        or f"; the {noun}s are {quoted_list(known)}")
                self.error((*loc, i, "id"), f"there is no {noun} '{item_id}' in {where}{hint}")
            elif item_id in found:
                self.error((*loc, i, "id"), f"{noun} '{item_id}' is translated twice")
            else:
                found[item_id] = (i, data)
        for n, base_item in enumerate(base):
            if base_item.id not in found:
                self.missing.append(format_path((*loc, n)))
                continue
            i, data = found[base_item.id]
            self.model(data, (*loc, i), base_item, merged[n])

    def by_position(self, items: list[Any], loc: DataPath, base: list[Any],
                    merged: list[dict[str, Any]], owner: str, name: str) -> None:
        if len(items) != len(base):
            self.error(loc, f"has {len(items)} {name} but the {owner} in "
                       f"{display_path(self.source)} has {len(base)}; keep the same {name} in "
                       "the same order")
            return
        for j, (item, base_item) in enumerate(zip(items, base, strict=True)):
            data = self.mapping(item, (*loc, j))
            if data is not None:
                self.model(data, (*loc, j), base_item, merged[j])
