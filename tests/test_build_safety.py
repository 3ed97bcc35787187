"""The build never loses a file: refused output folders, atomic swap, killed builds,
a full disk, a read-only folder, and the usual permissions (issue 9)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from builder.outdir import exchange, recover

FIXTURE = Path(__file__).parent / "fixtures" / "site"


def run(*args: str, cwd: Path, **kwargs: object) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "builder.cli", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=600, **kwargs)  # type: ignore[call-overload]


def listing(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file() and ".cache" not in p.parts}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURE, tmp_path / "course")
    return tmp_path / "course"


def edit_a_scenario(project: Path) -> None:
    path = project / "scenarios" / "warm-welcome.yaml"
    path.write_text(path.read_text().replace("title: ", "title: Edited — ", 1))


@pytest.mark.parametrize("folder", [".", "content", "content/en", "content/en/new",
                                    "scenarios", "..", "mkdocs.yml"])
def test_refuses_an_output_folder_among_the_inputs(project: Path, folder: str) -> None:
    before = listing(project.parent)
    for command in (["build", "--no-pdf", "-d", folder], ["compile", "-o", folder]):
        result = run(*command, cwd=project)
        assert result.returncode == 2, result.stderr
        assert "Traceback" not in result.stderr and "choose" in result.stderr.lower()
    assert listing(project.parent) == before, "nothing was touched"


def test_refuses_a_folder_of_other_files(project: Path, tmp_path: Path) -> None:
    mine = tmp_path / "my-documents"
    mine.mkdir()
    (mine / "letter.txt").write_text("keep me")
    result = run("build", "--no-pdf", "-d", str(mine), cwd=project)
    assert result.returncode == 2 and "not a carecourse site" in result.stderr
    assert listing(mine) == {"letter.txt": b"keep me"}


def test_exchange_swaps_two_folders_atomically(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x").write_text("a")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "x").write_text("b")
    assert exchange(tmp_path / "a", tmp_path / "b"), "renameat2 works on this file system"
    assert (tmp_path / "a" / "x").read_text() == "b" and (tmp_path / "b" / "x").read_text() == "a"


def test_recover_puts_back_a_site_swapped_out_by_a_killed_build(tmp_path: Path) -> None:
    old = tmp_path / ".site.old-4242"
    old.mkdir()
    (old / "index.html").write_text("old site")
    (tmp_path / ".site.building-abc").mkdir()
    recover(tmp_path / "site")
    assert (tmp_path / "site" / "index.html").read_text() == "old site"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_site_has_usual_permissions_and_second_build_reuses(project: Path) -> None:
    result = run("build", "--no-pdf", cwd=project, preexec_fn=lambda: os.umask(0o022))
    assert result.returncode == 0, result.stderr
    assert (project / "site").stat().st_mode & 0o777 == 0o755
    assert (project / "site" / "en" / "index.html").stat().st_mode & 0o777 == 0o644
    first = listing(project / "site")
    result = run("build", "--no-pdf", cwd=project)
    assert result.returncode == 0 and "unchanged since the last build: en, nl" in result.stderr
    assert listing(project / "site") == first
    assert not [p for p in project.iterdir() if p.name.startswith(".site.")]


def _children(pid: int) -> set[int]:
    """Every living descendant of ``pid`` (from /proc)."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            parents[int(stat.parent.name)] = int(fields[1])
        except (OSError, IndexError, ValueError):
            continue
    found, todo = set(), [pid]
    while todo:
        current = todo.pop()
        kids = {p for p, ppid in parents.items() if ppid == current}
        found |= kids
        todo.extend(kids)
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_killed_build_leaves_no_workers_and_the_next_build_cleans_up(project: Path) -> None:
    assert run("build", "--no-pdf", cwd=project).returncode == 0
    before = listing(project / "site")
    edit_a_scenario(project)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    build = subprocess.Popen([sys.executable, "-m", "builder.cli", "build", "--no-pdf"],
                             cwd=project, env=env, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    workers: set[int] = set()
    while time.monotonic() < deadline and not any(
            b"mkdocs" in Path(f"/proc/{p}/cmdline").read_bytes() for p in workers
            if Path(f"/proc/{p}/cmdline").exists()):
        workers = _children(build.pid)
        time.sleep(0.05)
    assert workers, "the build started its workers"
    build.send_signal(signal.SIGKILL)
    build.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(p) for p in workers):
        time.sleep(0.1)
    assert not [p for p in workers if _alive(p)], "workers die with the build"
    assert listing(project / "site") == before, "the old site is still whole"
    assert [p for p in project.iterdir() if p.name.startswith(".site.building-")]
    result = run("build", "--no-pdf", cwd=project)
    assert result.returncode == 0, result.stderr
    assert not [p for p in project.iterdir() if p.name.startswith(".site.")], "cleaned up"
    assert "Edited — ".encode() in (project / "site" / "en" / "index.html").read_bytes()


@contextmanager
def small_disk(folder: Path, size: str) -> Iterator[Path]:
    """A real file system of ``size`` at ``folder`` (tmpfs; the tests run as root in CI)."""
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs",
                              str(folder)], capture_output=True)
    if mounted.returncode != 0:
        pytest.fail(f"cannot mount a tmpfs for the fault tests: {mounted.stderr!r}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


@pytest.mark.parametrize("fault", ["disk-full", "read-only"])
def test_a_failing_disk_keeps_the_old_site(project: Path, tmp_path: Path, fault: str) -> None:
    with small_disk(tmp_path / "disk", "16m") as disk:
        target = disk / "site"
        assert run("build", "--no-pdf", "-d", str(target), cwd=project).returncode == 0
        before = listing(target)
        edit_a_scenario(project)
        if fault == "read-only":
            subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        result = run("build", "--no-pdf", "-d", str(target), cwd=project)
        assert result.returncode == 3, result.stderr
        lines = [line for line in result.stderr.splitlines()
                 if line.startswith("carecourse:")]
        assert len(lines) == 1 and "nothing was replaced" in lines[0], result.stderr
        assert "Traceback" not in result.stderr
        assert listing(target) == before
        assert sorted(p.name for p in disk.iterdir()) == ["site"], "no half-built leftovers"
