"""Load every scenario file, validate it once, and report every problem at once."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path as FsPath

from pydantic import ValidationError

from builder.explain import explain, kind_of, without_typo_twins
from builder.plural import count_of
from builder.problems import Path, Problem, format_path, quoted_list
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
        got = "an empty file" if data is None else kind_of(data)
        problems.append(
            Problem(name, 1, 1, "", f"a scenario must be a mapping of keys (id:, title:, ...), "
                    f"not {got}")
        )
        return None, problems, smap
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        for err in without_typo_twins(exc.errors()):
            loc, message, at_key = explain(err)
            problems.append(_at(path, smap, loc, message, key=at_key))
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
        has = count_of(len(scenario.practice), "practice question", "practice questions")
        out.append(_at(path, smap, ("quiz",),
                       f"has {has}; a good quiz has at least {MIN_QUESTIONS}",
                       severity="warning"))
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
