"""The carecourse command as a trainer uses it: check, build, a fifth scenario, broken files."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from builder.loader import load_course
from builder.quality import quality_problems

REPO = Path(__file__).resolve().parent.parent
BROKEN = Path(__file__).parent / "fixtures" / "broken"


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "builder.cli", *args],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=600,
    )


def copy_course(target: Path) -> Path:
    for name in ("content", "scenarios"):
        shutil.copytree(REPO / name, target / name)
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    return target


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the shipped course, as a trainer's clone would have it."""
    return copy_course(tmp_path)


@pytest.fixture(scope="module")
def built_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped course, built once with the CLI (copied by the tests that need a site)."""
    path = copy_course(tmp_path_factory.mktemp("built"))
    result = run("build", cwd=path)
    assert result.returncode == 0, result.stderr
    return path


@pytest.fixture
def built(built_once: Path, tmp_path: Path) -> Path:
    shutil.copytree(built_once, tmp_path / "course")
    return tmp_path / "course"


def test_check_shipped_course(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = run("check", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "OK — 4 scenarios" in result.stdout
    # until the content rewrite (issue 8) lands, item-quality warnings are the only ones;
    # then test_quality_cli.py's `check --strict` asks for no warning at all
    monkeypatch.chdir(project)
    quality = quality_problems(load_course(Path("scenarios")), ["en", "nl", "ru", "tr", "it"])
    assert set(result.stderr.splitlines()) <= {str(p) for p in quality}, result.stderr


def test_build_then_a_fifth_scenario_needs_no_code(built: Path) -> None:
    project = built
    assert (project / "site" / "index.html").is_file(), "the language chooser"
    for lang in ("en", "nl", "ru", "tr", "it"):
        for kind in ("handbook", "answer-key"):
            assert (project / "site" / lang / "downloads" / f"{kind}-{lang}.pdf").is_file()
    site = project / "site" / "en"
    pages = ["index.html", "lesson.html", "assessment.html"]
    pages += [f"pillars/{p}.html" for p in ("care", "spontaneity", "recovery")]
    ids = [s.stem for s in (project / "scenarios").glob("*.yaml") if "." not in s.stem]
    pages += [f"scenarios/{i}.html" for i in ids]
    assert len(pages) == 10
    for page in pages:
        assert (site / page).is_file(), page

    text = (project / "scenarios" / "margarine-run.yaml").read_text(encoding="utf-8")
    text = text.replace("id: margarine-run", "id: lemon-slices", 1)
    text = text.replace("title: ", "title: Lemon slices, not ", 1)
    (project / "scenarios" / "lemon-slices.yaml").write_text(text, encoding="utf-8")
    result = run("build", "--no-pdf", cwd=project)
    assert result.returncode == 0, result.stderr
    html = (site / "scenarios/lemon-slices.html").read_text(encoding="utf-8")
    assert "Lemon slices, not" in html and 'data-cc-q="lemon-slices/' in html
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "scenarios/lemon-slices.html" in home, "the new scenario is in the navigation"


@pytest.mark.parametrize("case", ["bad-indentation", "missing-field", "wrong-type",
                                  "unknown-pillar", "no-correct-option", "duplicate-id"])
def test_broken_scenario_fails_cleanly_and_keeps_site(built: Path, case: str) -> None:
    project = built
    before = sorted(p.relative_to(project) for p in (project / "site").rglob("*"))
    marker = (project / "site" / "index.html").read_bytes()
    for f in (BROKEN / case / "scenarios").glob("*.yaml"):
        shutil.copy(f, project / "scenarios" / f.name)

    for command in ("check", "build"):
        result = run(command, cwd=project)
        assert result.returncode == 1
        assert "Traceback" not in result.stderr
        expected = (BROKEN / case / "expected.txt").read_text(encoding="utf-8").strip()
        assert expected in result.stderr

    assert sorted(p.relative_to(project) for p in (project / "site").rglob("*")) == before
    assert (project / "site" / "index.html").read_bytes() == marker
    assert not [p for p in project.iterdir() if p.name.startswith(".site")], "no leftovers"


def test_mkdocs_build_strict_on_shipped_course(project: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=project, env=env, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stderr


def test_missing_config_is_a_message(tmp_path: Path) -> None:
    result = run("check", cwd=tmp_path)
    assert result.returncode == 2, "a missing mkdocs.yml is a usage error"
    assert "mkdocs.yml not found" in result.stderr and "Traceback" not in result.stderr


def test_an_unexpected_error_is_one_line_and_exit_3(
        project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from builder import cli

    def broken(settings: object, args: object) -> int:
        raise KeyError("a bug in carecourse")

    monkeypatch.chdir(project)
    monkeypatch.setitem(cli.COMMANDS, "check", broken)
    assert cli.main(["check"]) == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith("carecourse: unexpected error (KeyError") and "report" in err
    assert cli.main(["check", "-v"]) == 3
    assert "Traceback" in capsys.readouterr().err, "-v adds the details for a bug report"


def test_bad_usage_exits_2(project: Path) -> None:
    result = run("build", "--no-such-option", cwd=project)
    assert result.returncode == 2 and "usage:" in result.stderr
    result = run("serve", "--language", "xx", cwd=project)
    assert result.returncode == 2 and "'xx' is not one of the course languages" in result.stderr
