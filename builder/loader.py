"""Load every scenario file, validate it once, and report every problem at once."""

from __future__ import annotations

import os
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path as FsPath
from typing import Any

from pydantic import BaseModel, ValidationError

from builder.pillars import PILLAR_IDS
from builder.problems import Path, Problem, did_you_mean, format_path, quoted_list, slugify
from builder.roleplay import graph_problems
from builder.schema import Scenario
from builder.yamlsource import MAX_TEXT_CHARS, SourceMap, YamlSyntaxError, load_file

MIN_QUESTIONS = 4
MIN_QUIZ_PILLARS = 2


@dataclass
class Course:
    """The validated scenarios, in course order, and what was wrong on the way."""

    scenarios: list[Scenario] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    sources: dict[str, FsPath] = field(default_factory=dict)
    # scenario files that did not validate: their translations are still read for problems
    rejected: list[FsPath] = field(default_factory=list)
    directory: FsPath | None = None  # the scenarios folder

    @property
    def ok(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)


def display_path(path: FsPath) -> str:
    """A path as the trainer would type it: relative to the working directory."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


def scenario_files(directory: FsPath) -> list[FsPath]:
    """The default-language scenario files (``id.yaml``), not translations (``id.nl.yaml``)."""
    if not directory.is_dir():
        return []
    files = [*directory.glob("*.yaml"), *directory.glob("*.yml")]
    return sorted(f for f in files if "." not in f.stem)


def load_course(directory: FsPath) -> Course:
    course = Course(directory=directory)
    if not directory.is_dir():
        course.problems.append(
            Problem(display_path(directory), 1, 1, "", "the scenarios folder does not exist")
        )
        return course
    files = scenario_files(directory)
    if not files:
        course.problems.append(
            Problem(display_path(directory), 1, 1, "", "no scenario files (*.yaml) in this folder")
        )
    loaded: list[tuple[FsPath, Scenario, SourceMap]] = []
    for path in files:
        scenario, problems, smap = load_scenario(path)
        course.problems.extend(problems)
        if scenario is not None:
            loaded.append((path, scenario, smap))
        else:
            course.rejected.append(path)
    owners: dict[str, list[FsPath]] = {}
    for path, scenario, _ in loaded:
        owners.setdefault(scenario.id, []).append(path)
    for path, scenario, smap in loaded:
        others = [display_path(p) for p in owners[scenario.id] if p != path]
        if others and path.stem != scenario.id:
            course.problems.append(
                _at(path, smap, ("id",),
                    f"'{scenario.id}' is already used by {', '.join(others)}; "
                    f"give this scenario its own id, such as '{path.stem}'")
            )
        elif scenario.id != path.stem:
            course.problems.append(
                _at(path, smap, ("id",),
                    f"'{scenario.id}' does not match the file name; rename the file to "
                    f"'{scenario.id}{path.suffix}' or set id: {path.stem}")
            )
        else:
            course.sources[scenario.id] = path
            course.scenarios.append(scenario)
            continue
        course.rejected.append(path)
    course.scenarios.sort(key=lambda s: (s.order, s.title.casefold(), s.id))
    course.problems.sort()
    return course


def load_scenario(path: FsPath) -> tuple[Scenario | None, list[Problem], SourceMap]:
    """Validate one file; return the scenario (or None), its problems and source map."""
    name = display_path(path)
    smap = SourceMap()
    try:
        data, smap = load_file(path)
    except YamlSyntaxError as exc:
        return None, [Problem(name, exc.pos.line, exc.pos.col, "", exc.message)], smap
    problems = source_problems(name, smap)
    if smap.long_texts:
        return None, problems, smap
    if not isinstance(data, dict):
        got = "an empty file" if data is None else _kind(data)
        problems.append(
            Problem(name, 1, 1, "", f"a scenario must be a mapping of keys (id:, title:, ...), "
                    f"not {got}")
        )
        return None, problems, smap
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        problems.extend(_explain(path, smap, err) for err in _without_typo_twins(exc.errors()))
        return None, problems, smap
    graph = graph_problems(scenario.roleplay) if scenario.roleplay else []
    problems.extend(_at(path, smap, ("roleplay", *loc), msg) for loc, msg in graph)
    if graph:
        return None, problems, smap
    problems.extend(_advice(path, smap, scenario))
    return scenario, problems, smap


def source_problems(name: str, smap: SourceMap) -> list[Problem]:
    """Keys written twice and texts over the length limit, as errors."""
    problems = [
        Problem(name, pos.line, pos.col, format_path(key), "this key is written twice")
        for key, pos in smap.duplicate_keys
    ]
    problems.extend(
        Problem(name, pos.line, pos.col, format_path(loc),
                f"this text has {length:,} characters; a text may have at most "
                f"{MAX_TEXT_CHARS:,}")
        for loc, pos, length in smap.long_texts
    )
    return problems


def _advice(path: FsPath, smap: SourceMap, scenario: Scenario) -> list[Problem]:
    out = []
    if len(scenario.practice) < MIN_QUESTIONS:
        out.append(_at(path, smap, ("quiz",),
                       f"has {len(scenario.practice)} practice question(s); a good quiz has "
                       f"at least {MIN_QUESTIONS}", severity="warning"))
    if len(scenario.quiz_pillars) < MIN_QUIZ_PILLARS:
        out.append(_at(path, smap, ("quiz",),
                       f"covers only {quoted_list(scenario.quiz_pillars)}; cover at least "
                       f"{MIN_QUIZ_PILLARS} pillars", severity="warning"))
    return out


def _at(path: FsPath, smap: SourceMap | None, loc: Path, message: str,
        *, key: bool = False, severity: str = "error") -> Problem:
    pos = (smap.key_pos(loc) if key else smap.value_pos(loc)) if smap else None
    line, col = (pos.line, pos.col) if pos else (1, 1)
    return Problem(display_path(path), line, col, format_path(loc), message, severity)  # type: ignore[arg-type]


def _without_typo_twins(errs: list[Any]) -> list[Any]:
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


def _kind(value: Any) -> str:
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


def _explain(path: FsPath, smap: SourceMap, err: Any) -> Problem:
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
        return _at(path, smap, parent, f"missing required key '{name}'{what}")
    elif kind == "extra_forbidden":
        model = _model_at(loc[:-1])
        known = list(model.model_fields) if model else []
        hint = did_you_mean(str(loc[-1]), known) or (
            f"; expected one of {quoted_list(known)}" if known else "")
        return _at(path, smap, loc, f"unknown key '{loc[-1]}'{hint}", key=True)
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
        message = f"needs at least {ctx.get('min_length')} item(s), has {len(value or [])}"
    elif kind == "too_long":
        message = f"can have at most {ctx.get('max_length')} items, has {len(value or [])}"
    elif kind in _EXPECTED:
        message = f"expected {_EXPECTED[kind]}, got {_kind(value)}"
        if _kind(value) in ("text", "a number"):
            message += f" ({_short(value)})"
    else:
        message = err["msg"][0].lower() + err["msg"][1:]
    return _at(path, smap, loc, message)


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
