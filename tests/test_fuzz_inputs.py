"""Fuzzing the loaders: random bytes and YAML-shaped nonsense never raise, and every
problem points inside the file it names (line and column)."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder.loader import load_course
from builder.locale import locale_problems, ui_strings
from builder.plural import Counted
from builder.problems import Problem
from builder.translate import localize_course

SITE = Path(__file__).parent / "fixtures" / "site"
SOUP = (SITE / "scenarios" / "cold-soup.yaml").read_text(encoding="utf-8")
SOUP_NL = (SITE / "scenarios" / "cold-soup.nl.yaml").read_text(encoding="utf-8")
YAML_BREAKS = re.compile(r"\r\n|\r|\n|\x85|\u2028|\u2029")
FUZZ = settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "120")), deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])

# pieces a hand-edited YAML file is made of, well and badly
TOKENS = st.sampled_from([
    "id", "title", "quiz", "options", "text", "feedback", "correct", "pillar", "type",
    "roleplay", "points", "choices", "goto", "discussion", "prompt", "explanation",
    ": ", ":", "- ", "  ", "    ", "\n", "\t", "\r\n", '"', "'", "[", "]", "{", "}", ",",
    "&a ", "*a", "<<: ", "!!python/object ", "!x ", "? ", "|", ">-", "#", "%YAML 1.1\n",
    "---\n", "...\n", "true", "null", "~", "1e9", "0x1F", "care", "single", "é", "Ж",
    "\u2028", "\x85", "\x00", "\ufeff", "😀", "{count}", "<script>", "\\",
])
YAMLISH = st.lists(TOKENS, max_size=60).map("".join)


def mutate(base: str) -> st.SearchStrategy[str]:
    """The base file with a random slice replaced by YAML-shaped nonsense."""
    return st.tuples(st.integers(0, len(base)), st.integers(0, 40), YAMLISH).map(
        lambda t: base[:t[0]] + t[2] + base[t[0] + t[1]:])


def assert_inside(problems: list[Problem], root: Path) -> None:
    for p in problems:
        path = root / p.file
        if not path.is_file():  # a folder-level problem ("no scenario files")
            assert p.line == 1 and p.col == 1, p
            continue
        text = path.read_bytes().decode("utf-8", "replace")
        lines = YAML_BREAKS.split(text)
        assert 1 <= p.line <= len(lines), (p, len(lines))
        assert 1 <= p.col <= len(lines[p.line - 1]) + 1, (p, lines[p.line - 1][:80])


def fresh(tmp: Path) -> Path:
    """An empty scenarios folder in ``tmp``."""
    shutil.rmtree(tmp / "scenarios", ignore_errors=True)
    (tmp / "scenarios").mkdir(parents=True)
    return tmp / "scenarios"


@FUZZ
@given(data=st.one_of(st.binary(max_size=400), YAMLISH.map(str.encode),
                      mutate(SOUP).map(lambda s: s.encode("utf-8", "surrogatepass"))))
def test_scenario_loader_never_raises(tmp_path_factory, data: bytes) -> None:
    root = tmp_path_factory.mktemp("fuzz")
    (fresh(root) / "cold-soup.yaml").write_bytes(data)
    course = load_course(root / "scenarios")
    assert_inside(course.problems, Path.cwd())


@FUZZ
@given(data=st.one_of(st.binary(max_size=400), YAMLISH.map(str.encode),
                      mutate(SOUP_NL).map(lambda s: s.encode("utf-8", "surrogatepass"))))
def test_translation_loader_never_raises(tmp_path_factory, data: bytes) -> None:
    root = tmp_path_factory.mktemp("fuzz")
    scenarios = fresh(root)
    (scenarios / "cold-soup.yaml").write_text(SOUP, encoding="utf-8")
    (scenarios / "cold-soup.nl.yaml").write_bytes(data)
    localized = localize_course(load_course(scenarios), "nl", "en")
    assert [s.id for s in localized.scenarios] == ["cold-soup"]
    assert_inside(localized.problems, Path.cwd())


@FUZZ
@given(data=st.one_of(st.binary(max_size=300), YAMLISH.map(str.encode),
                      st.dictionaries(st.sampled_from(["pages", "quiz", "pdf", "x"]),
                                      st.one_of(st.text(max_size=20),
                                                st.dictionaries(st.sampled_from(
                                                    ["scenarios", "moved", "check", "y"]),
                                                    st.text(max_size=30), max_size=3)),
                                      max_size=3).map(lambda d: repr(d).encode())))
def test_locale_loader_never_raises(tmp_path_factory, data: bytes) -> None:
    root = tmp_path_factory.mktemp("fuzz")
    (root / "locales").mkdir()
    (root / "locales" / "nl.yaml").write_bytes(data)
    problems = locale_problems(root, ["en", "nl"])
    assert all(Path(p.file).name == "nl.yaml" for p in problems)
    assert_inside(problems, Path.cwd())
    ui = ui_strings("nl", str(root))
    ui["quiz"]["moved"].format(pos=1, total=2)
    ui["pages"]["practise_pillar_intro"].format(count=1)
    assert all(isinstance(v, str | Counted) for v in ui["pages"].values())
