"""Output folders: never an input, replaced in one atomic step, no leftovers, usual modes.

A build writes into ``.<site>.building-*`` beside the target and then exchanges the two
folders with ``renameat2(RENAME_EXCHANGE)`` (Linux), so readers see the old site or the
new one, never none. Where that call is missing the swap is two renames, and a build
killed between them leaves ``.<site>.old-*``, which the next build puts back first.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import fcntl
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

RENAME_EXCHANGE = 2
AT_FDCWD = -100


class OutputError(Exception):
    """The output folder would overwrite or sit among the course's own files."""


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or path.is_relative_to(folder)


def looks_like_site(folder: Path) -> bool:
    """A folder a carecourse build made (one language at the root, or one per folder)."""
    if (folder / "assets" / "carecourse").is_dir():
        return True
    return any((sub / "assets" / "carecourse").is_dir() for sub in folder.iterdir()
               if sub.is_dir())


def check_output(target: Path, project: Path, inputs: list[Path], *, what: str = "site") -> Path:
    """``target`` resolved, or :class:`OutputError` if writing there could lose a file."""
    target = Path(target).resolve()
    project = project.resolve()
    shown = os.path.relpath(target)
    if _inside(project, target):
        raise OutputError(f"the {what} folder '{shown}' is (or contains) the project folder; "
                          "writing there would replace mkdocs.yml, scenarios/ and content/. "
                          "Choose a new folder such as 'site'")
    for source in inputs:
        source = source.resolve()
        if _inside(source, target) or _inside(target, source):
            rel = os.path.relpath(source)
            raise OutputError(f"the {what} folder '{shown}' overlaps '{rel}', which the build "
                              f"reads; choose a folder outside it, such as 'site'")
    if target.exists() and not target.is_dir():
        raise OutputError(f"'{shown}' is a file, not a folder")
    if what == "site" and target.is_dir() and any(target.iterdir()) \
            and not looks_like_site(target):
        raise OutputError(f"'{shown}' holds files that are not a carecourse site; the build "
                          "would replace them. Choose an empty or new folder")
    return target


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def usual_mode(folder: Path) -> None:
    """``mkdtemp`` makes 0700 folders: give the site the modes the umask allows."""
    os.chmod(folder, 0o777 & ~_umask())


def staging_dir(target: Path) -> Path:
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.building-", dir=target.parent))
    usual_mode(staging)
    return staging


def _renameat2() -> Any:
    name = ctypes.util.find_library("c")
    try:
        func = ctypes.CDLL(name, use_errno=True).renameat2
    except (AttributeError, OSError, TypeError):
        return None
    func.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                     ctypes.c_uint]
    return func


def exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically; False when the system cannot."""
    func = _renameat2()
    if func is None:
        return False
    # non-zero: ENOSYS, EINVAL (a file system without it): the two-step swap instead
    return func(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0


def swap_into_place(built: Path, target: Path) -> None:
    """Replace ``target`` with ``built`` in one step where the system allows it."""
    if not target.exists():
        os.rename(built, target)
        return
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    if exchange(built, target):
        os.rename(built, old)
    else:
        os.rename(target, old)  # killed right here: the next build renames it back
        os.rename(built, target)
    shutil.rmtree(old, ignore_errors=True)


def leftovers(target: Path) -> list[Path]:
    prefixes = (f".{target.name}.building-", f".{target.name}.old-")
    if not target.parent.is_dir():
        return []
    return sorted(p for p in target.parent.iterdir() if p.name.startswith(prefixes))


def recover(target: Path) -> None:
    """Undo what a killed build left: put back a swapped-out site, remove staging folders."""
    found = leftovers(target)
    olds = [p for p in found if ".old-" in p.name]
    if not target.exists() and olds:
        newest = max(olds, key=lambda p: p.stat().st_mtime)
        os.rename(newest, target)
        found.remove(newest)
    for path in found:
        shutil.rmtree(path, ignore_errors=True)


@contextlib.contextmanager
def locked(lock_file: Path) -> Iterator[None]:
    """One build at a time per project (a second one waits)."""
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_file, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def link_copy(source: Path, target: Path) -> None:
    """A copy of a built site made of hard links (instant, no extra space)."""
    def link(src: str, dst: str) -> None:
        try:
            os.link(src, dst)
        except OSError:
            shutil.copy2(src, dst)

    shutil.copytree(source, target, copy_function=link)
