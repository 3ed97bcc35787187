"""Translations of scenarios: overlay files beside each scenario.

``scenarios/margarine-run.nl.yaml`` is the Dutch translation of
``scenarios/margarine-run.yaml``: a copy of it with the texts translated. A
translator works in their own files only. A translation must keep the ids,
question types, pillars, options and correct answers of the default language
(a mismatch is an error); a text it lacks falls back to the default language
(a warning, and a visible "not translated yet" note on the page). Which fields
are texts is declared in the schema (:mod:`builder.schema`, walked by
:mod:`builder.overlay`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from builder.loader import Course, display_path, source_problems
from builder.overlay import Walk, text_fields
from builder.plural import count_of
from builder.problems import Problem, did_you_mean
from builder.schema import Scenario
from builder.yamlsource import SourceMap, YamlSyntaxError, load_file

SCENARIO_TEXTS = text_fields(Scenario)
WHOLE_FILE = "(whole file)"


def overlay_path(source: Path, language: str) -> Path:
    return source.with_name(f"{source.stem}.{language}{source.suffix}")


@dataclass
class Coverage:
    """How much of one scenario a language has."""

    questions: int = 0
    questions_translated: int = 0
    missing: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.missing


@dataclass
class LocalizedCourse:
    language: str
    scenarios: list[Scenario] = field(default_factory=list)
    coverage: dict[str, Coverage] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def untranslated(self, scenario_id: str) -> bool:
        cov = self.coverage.get(scenario_id)
        return bool(cov and cov.missing)


def localize_course(course: Course, language: str, default: str) -> LocalizedCourse:
    """The course's scenarios in ``language``, with what is missing or inconsistent.

    The translations of scenarios that did not validate are still read, so that
    their own problems are reported at the same time.
    """
    out = LocalizedCourse(language)
    for scenario in course.scenarios:
        if language == default:
            out.scenarios.append(scenario)
            out.coverage[scenario.id] = Coverage(len(scenario.quiz), len(scenario.quiz))
            continue
        source = course.sources[scenario.id]
        localized, coverage, problems = localize(scenario, source, language)
        out.scenarios.append(localized)
        out.coverage[scenario.id] = coverage
        out.problems.extend(problems)
    if language != default:
        for source in course.rejected:
            out.problems.extend(_read(overlay_path(source, language))[2])
    out.problems.sort()
    return out


def _read(path: Path) -> tuple[Any, SourceMap, list[Problem]]:
    """A translation file's data and the problems that stop it being used."""
    if not path.is_file():
        return None, SourceMap(), []
    try:
        data, smap = load_file(path)
    except YamlSyntaxError as exc:
        problem = Problem(display_path(path), exc.pos.line, exc.pos.col, "", exc.message)
        return None, SourceMap(), [problem]
    return data, smap, source_problems(display_path(path), smap)


def localize(
    base: Scenario, source: Path, language: str
) -> tuple[Scenario, Coverage, list[Problem]]:
    """``base`` in ``language`` from its overlay file, falling back text by text."""
    path = overlay_path(source, language)
    questions = len(base.quiz)
    if not path.is_file():
        warn = Problem(display_path(source), 1, 1, "",
                       f"not translated into '{language}' yet (no {display_path(path)})",
                       "warning")
        return base, Coverage(questions, missing=[WHOLE_FILE]), [warn]
    data, smap, problems = _read(path)
    if problems and not smap.values:  # not YAML at all
        return base, Coverage(questions, missing=[WHOLE_FILE]), problems
    walk = Walk(source, path, smap, problems=problems)
    merged = base.model_dump()
    top = walk.mapping(data, ())
    if top is not None:
        walk.model(top, (), base, merged)
    cov = Coverage(questions, walk.questions_translated, walk.missing)
    if cov.missing and not walk.problems:
        shown = ", ".join(cov.missing[:4]) + (f" and {len(cov.missing) - 4} more"
                                               if len(cov.missing) > 4 else "")
        walk.problems.append(Problem(display_path(path), 1, 1, "",
                                     f"{count_of(len(cov.missing), 'text', 'texts')} not "
                                     f"translated yet: {shown}",
                                     "warning"))
    try:
        localized = Scenario.model_validate(merged)
    except ValueError:  # only reachable through errors already reported above
        localized = base
    return localized, cov, walk.problems


def stray_translations(directory: Path, languages: list[str]) -> list[Problem]:
    """A warning for each ``<id>.<lang>.yaml`` that no build would read."""
    if not directory.is_dir():
        return []
    files = sorted([*directory.glob("*.yaml"), *directory.glob("*.yml")])
    scenarios = {f.stem for f in files if "." not in f.stem}
    default, others = languages[0], languages[1:]
    problems = []
    for path in files:
        stem, _, code = path.stem.rpartition(".")
        if not stem:
            continue
        name = display_path(path)
        hint = ""
        if code not in languages:
            if code.lower() in languages:
                hint = (f"language codes are lowercase: rename it to "
                        f"'{stem}.{code.lower()}{path.suffix}'")
            else:
                close = did_you_mean(code, others).removeprefix("; ")
                hint = (f"'{code}' is not one of the course languages ({', '.join(languages)}); "
                        f"add it under 'languages:' in mkdocs.yml or rename the file"
                        + (f" ({close})" if close else ""))
        elif code == default:
            hint = f"'{code}' is the default language: its texts belong in '{stem}{path.suffix}'"
        elif stem not in scenarios:
            close = did_you_mean(stem, sorted(scenarios))
            hint = f"there is no scenario '{stem}' to translate{close}"
        if hint:
            problems.append(Problem(name, 1, 1, "", f"this file is not used: {hint}", "warning"))
    return problems
