"""Translations of scenarios: overlay files beside each scenario.

``scenarios/margarine-run.nl.yaml`` is the Dutch translation of
``scenarios/margarine-run.yaml``: a copy of it with the texts translated. A
translator works in their own files only. A translation must keep the ids,
question types, pillars, options and correct answers of the default language
(a mismatch is an error); a text it lacks falls back to the default language
(a warning, and a visible "not translated yet" note on the page).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from builder.loader import Course, display_path
from builder.problems import Path as DataPath
from builder.problems import Problem, did_you_mean, format_path, quoted_list
from builder.schema import Question, Scenario
from builder.yamlsource import SourceMap, YamlSyntaxError, load

SCENARIO_TEXTS = ("title", "summary", "setting", "story", "what_staff_did", "why_it_worked")
SCENARIO_FIXED = ("id", "order", "pillars")
QUESTION_TEXTS = ("prompt", "explanation")
QUESTION_FIXED = ("id", "type", "pillar", "assessment")
OPTION_TEXTS = ("text", "feedback")
OPTION_FIXED = ("correct", "fixed")


def overlay_path(source: Path, language: str) -> Path:
    return source.with_name(f"{source.stem}.{language}{source.suffix}")


@dataclass
class Coverage:
    """How much of one scenario a language has."""

    texts: int = 0
    texts_translated: int = 0
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
    """The course's scenarios in ``language``, with what is missing or inconsistent."""
    out = LocalizedCourse(language)
    for scenario in course.scenarios:
        if language == default:
            out.scenarios.append(scenario)
            out.coverage[scenario.id] = _full_coverage(scenario)
            continue
        source = course.sources[scenario.id]
        localized, coverage, problems = localize(scenario, source, language)
        out.scenarios.append(localized)
        out.coverage[scenario.id] = coverage
        out.problems.extend(problems)
    out.problems.sort()
    return out


def _count_texts(scenario: Scenario) -> tuple[int, int]:
    texts = len(SCENARIO_TEXTS) + 1  # + discussion
    for q in scenario.quiz:
        texts += len(QUESTION_TEXTS) + len(OPTION_TEXTS) * len(q.options)
    play = scenario.roleplay
    if play is not None:
        texts += int(play.title is not None) + len(play.endings)
        for point in play.points:
            texts += 1 + sum(1 + (c.feedback is not None) for c in point.choices)
    return texts, len(scenario.quiz)


def _full_coverage(scenario: Scenario) -> Coverage:
    texts, questions = _count_texts(scenario)
    return Coverage(texts=texts, texts_translated=texts, questions=questions,
                    questions_translated=questions)


def _empty_coverage(scenario: Scenario, *missing: str) -> Coverage:
    texts, questions = _count_texts(scenario)
    return Coverage(texts=texts, questions=questions, missing=list(missing))


class _Overlay:
    """Walks one overlay file against its default-language scenario."""

    def __init__(self, base: Scenario, source: Path, path: Path, smap: SourceMap) -> None:
        self.base = base
        self.source = source
        self.path = path
        self.name = display_path(path)
        self.smap = smap
        self.problems: list[Problem] = []
        self.coverage = _empty_coverage(base)

    def error(self, loc: DataPath, message: str, *, key: bool = False) -> None:
        pos = self.smap.key_pos(loc) if key else self.smap.value_pos(loc)
        self.problems.append(Problem(self.name, pos.line, pos.col, format_path(loc), message))

    def missing(self, loc: DataPath) -> None:
        self.coverage.missing.append(format_path(loc))

    def mapping(self, data: Any, loc: DataPath) -> dict[str, Any] | None:
        if isinstance(data, dict):
            return data
        self.error(loc, "expected a mapping of keys, as in the default-language file")
        return None

    def keys(self, data: dict[str, Any], loc: DataPath, allowed: tuple[str, ...]) -> None:
        for key in data:
            if key not in allowed:
                hint = did_you_mean(str(key), allowed) or (
                    f"; expected one of {quoted_list(allowed)}")
                self.error((*loc, key), f"unknown key '{key}'{hint}", key=True)

    def fixed(self, data: dict[str, Any], loc: DataPath, names: tuple[str, ...], base: Any) -> None:
        for name in names:
            if name in data and data[name] != getattr(base, name):
                want = getattr(base, name)
                self.error((*loc, name),
                           f"{data[name]!r} differs from {want!r} in {display_path(self.source)}; "
                           "a translation keeps ids, pillars, types and answers as they are")

    def texts(self, data: dict[str, Any], loc: DataPath, names: tuple[str, ...],
              merged: dict[str, Any]) -> int:
        done = 0
        for name in names:
            value = data.get(name)
            if value is None:
                self.missing((*loc, name))
            elif not isinstance(value, str) or not value.strip():
                self.error((*loc, name), "expected the translated text")
            else:
                merged[name] = value.strip()
                done += 1
        return done

    def run(self, data: Any) -> dict[str, Any]:
        merged = self.base.model_dump()
        top = self.mapping(data, ())
        if top is None:
            return merged
        self.keys(top, (), (*SCENARIO_TEXTS, *SCENARIO_FIXED, "discussion", "quiz", "roleplay"))
        self.fixed(top, (), SCENARIO_FIXED, self.base)
        done = self.texts(top, (), SCENARIO_TEXTS, merged)
        discussion = top.get("discussion")
        if discussion is None:
            self.missing(("discussion",))
        elif (not isinstance(discussion, list) or not discussion
              or not all(isinstance(d, str) and d.strip() for d in discussion)):
            self.error(("discussion",), "expected a list of translated prompts")
        else:
            merged["discussion"] = [d.strip() for d in discussion]
            done += 1
        quiz = top.get("quiz")
        by_id: dict[str, tuple[int, dict[str, Any]]] = {}
        if quiz is not None and not isinstance(quiz, list):
            self.error(("quiz",), "expected a list of questions, as in the default-language file")
        for i, item in enumerate(quiz or []):
            q = self.mapping(item, ("quiz", i))
            if q is None:
                continue
            qid = q.get("id")
            known = [bq.id for bq in self.base.quiz]
            if qid not in known:
                hint = did_you_mean(str(qid), known) or f"; the questions are {quoted_list(known)}"
                self.error(("quiz", i, "id"), f"there is no question '{qid}' in "
                           f"{display_path(self.source)}{hint}")
                continue
            if qid in by_id:
                self.error(("quiz", i, "id"), f"question '{qid}' is translated twice")
                continue
            by_id[qid] = (i, q)
        for n, base_q in enumerate(self.base.quiz):
            if base_q.id not in by_id:
                self.missing(("quiz", n))
                continue
            i, q = by_id[base_q.id]
            done += self.question(q, ("quiz", i), base_q, merged["quiz"][n])
        if self.base.roleplay is not None:
            done += self.roleplay(top.get("roleplay"), merged["roleplay"])
        elif top.get("roleplay") is not None:
            self.error(("roleplay",), f"{display_path(self.source)} has no role-play to translate")
        self.coverage.texts_translated = done
        return merged

    def roleplay(self, data: Any, merged: dict[str, Any]) -> int:
        """Role-play texts, matched by point and ending id; choices by position."""
        play = self.base.roleplay
        assert play is not None
        if data is None:
            self.missing(("roleplay",))
            return 0
        top = self.mapping(data, ("roleplay",))
        if top is None:
            return 0
        loc: DataPath = ("roleplay",)
        self.keys(top, loc, ("title", "start", "points", "endings"))
        self.fixed(top, loc, ("start",), play)
        done = 0
        if play.title is not None:
            done += self.texts(top, loc, ("title",), merged)
        groups: tuple[tuple[str, list[Any], tuple[str, ...]], ...] = (
            ("points", play.points, ("id",)),
            ("endings", play.endings, ("id", "rating", "pillars", "recover")))
        for kind, base_nodes, fixed in groups:
            items = top.get(kind)
            if items is not None and not isinstance(items, list):
                self.error((*loc, kind), f"expected a list of {kind}")
                items = None
            by_id: dict[str, tuple[int, dict[str, Any]]] = {}
            known = [n.id for n in base_nodes]
            for i, item in enumerate(items or []):
                node = self.mapping(item, (*loc, kind, i))
                if node is None:
                    continue
                if node.get("id") not in known:
                    hint = did_you_mean(str(node.get("id")), known)
                    self.error((*loc, kind, i, "id"),
                               f"there is no {kind[:-1]} '{node.get('id')}' in the role-play of "
                               f"{display_path(self.source)}{hint}")
                    continue
                by_id[node["id"]] = (i, node)
            for n, base_node in enumerate(base_nodes):
                if base_node.id not in by_id:
                    self.missing((*loc, kind, n))
                    continue
                i, node = by_id[base_node.id]
                where = (*loc, kind, i)
                target = merged[kind][n]
                self.fixed(node, where, fixed, base_node)
                if kind == "endings":
                    self.keys(node, where, ("text", *fixed))
                    done += self.texts(node, where, ("text",), target)
                    continue
                self.keys(node, where, ("id", "text", "choices"))
                done += self.texts(node, where, ("text",), target)
                done += self.choices(node.get("choices"), (*where, "choices"), base_node, target)
        return done

    def choices(self, data: Any, loc: DataPath, base: Any, merged: dict[str, Any]) -> int:
        if data is None:
            self.missing(loc)
            return 0
        if not isinstance(data, list) or len(data) != len(base.choices):
            got = len(data) if isinstance(data, list) else 0
            self.error(loc, f"has {got} choices but the point in {display_path(self.source)} has "
                       f"{len(base.choices)}; keep the same choices in the same order")
            return 0
        done = 0
        for j, (item, base_choice) in enumerate(zip(data, base.choices, strict=True)):
            choice = self.mapping(item, (*loc, j))
            if choice is None:
                continue
            self.keys(choice, (*loc, j), ("text", "goto", "feedback"))
            self.fixed(choice, (*loc, j), ("goto",), base_choice)
            names = ("text", "feedback") if base_choice.feedback is not None else ("text",)
            done += self.texts(choice, (*loc, j), names, merged["choices"][j])
        return done

    def question(self, q: dict[str, Any], loc: DataPath, base: Question,
                 merged: dict[str, Any]) -> int:
        self.keys(q, loc, (*QUESTION_TEXTS, *QUESTION_FIXED, "options"))
        self.fixed(q, loc, QUESTION_FIXED, base)
        done = self.texts(q, loc, QUESTION_TEXTS, merged)
        complete = done == len(QUESTION_TEXTS)
        options = q.get("options")
        if options is None:
            self.missing((*loc, "options"))
            complete = False
        elif not isinstance(options, list) or len(options) != len(base.options):
            got = len(options) if isinstance(options, list) else 0
            self.error((*loc, "options"),
                       f"has {got} options but the question in {display_path(self.source)} "
                       f"has {len(base.options)}; keep the same options in the same order")
            complete = False
        else:
            for j, (opt, base_opt) in enumerate(zip(options, base.options, strict=True)):
                o = self.mapping(opt, (*loc, "options", j))
                if o is None:
                    complete = False
                    continue
                self.keys(o, (*loc, "options", j), (*OPTION_TEXTS, *OPTION_FIXED))
                if bool(o.get("correct", False)) != base_opt.correct:
                    self.error((*loc, "options", j, "correct"),
                               f"this option is {'' if base_opt.correct else 'not '}correct in "
                               f"{display_path(self.source)}; a translation keeps the answers")
                n = self.texts(o, (*loc, "options", j), OPTION_TEXTS, merged["options"][j])
                done += n
                complete = complete and n == len(OPTION_TEXTS)
        if complete:
            self.coverage.questions_translated += 1
        return done


def localize(
    base: Scenario, source: Path, language: str
) -> tuple[Scenario, Coverage, list[Problem]]:
    """``base`` in ``language`` from its overlay file, falling back text by text."""
    path = overlay_path(source, language)
    if not path.is_file():
        cov = _empty_coverage(base, "(whole file)")
        warn = Problem(display_path(source), 1, 1, "",
                       f"not translated into '{language}' yet (no {display_path(path)})",
                       "warning")
        return base, cov, [warn]
    try:
        data, smap = load(path.read_text(encoding="utf-8"))
    except YamlSyntaxError as exc:
        cov = _empty_coverage(base, "(whole file)")
        return base, cov, [Problem(display_path(path), exc.pos.line, exc.pos.col, "", exc.message)]
    walker = _Overlay(base, source, path, smap)
    merged = walker.run(data)
    problems = walker.problems
    cov = walker.coverage
    if cov.missing and not problems:
        shown = ", ".join(cov.missing[:4]) + (f" and {len(cov.missing) - 4} more"
                                               if len(cov.missing) > 4 else "")
        problems.append(Problem(display_path(path), 1, 1, "",
                                f"{len(cov.missing)} text(s) not translated yet: {shown}",
                                "warning"))
    try:
        localized = Scenario.model_validate(merged)
    except ValueError:  # only reachable through errors already reported above
        localized = base
    return localized, cov, problems
