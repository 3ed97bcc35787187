"""Running the site generator (stock MkDocs or ProperDocs) on a compiled language tree.

The generator runs as its own process, exactly as a user would run it, and dies with
its parent (``PR_SET_PDEATHSIG``): a killed build leaves no worker behind.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

GENERATORS = ("mkdocs", "properdocs")
PR_SET_PDEATHSIG = 1
_QUIET = ("INFO", "DEBUG")


def die_with_parent() -> None:
    """Ask Linux to kill this process when its parent dies (no-op elsewhere)."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (AttributeError, OSError, TypeError):  # not Linux
        pass
    if os.getppid() == 1:  # the parent died before the request took effect
        os._exit(1)


def generator_command(generator: str, config_file: Path, site_dir: Path, *,
                      strict: bool = False) -> list[str]:
    if generator not in GENERATORS:
        raise ValueError(f"unknown generator {generator!r}")
    command = [sys.executable, "-m", generator, "build", "-q", "-f", str(config_file),
               "-d", str(site_dir)]
    return [*command, "--strict"] if strict else command


@dataclass(frozen=True)
class Generated:
    ok: bool
    said: str  # what the generator said that a trainer should read (warnings, errors)
    crash: str | None = None  # the last line of a traceback: the generator itself stopped


def run_generator(generator: str, config_file: Path, site_dir: Path, *,
                  strict: bool = False) -> Generated:
    """Build one compiled tree with the generator, as its own process."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        generator_command(generator, config_file, site_dir, strict=strict),
        cwd=config_file.parent, env=env, capture_output=True, text=True,
        preexec_fn=die_with_parent,  # build workers run no threads
    )
    lines = [line for line in (result.stdout + result.stderr).splitlines() if line.strip()]
    if any(line.startswith("Traceback") for line in lines):
        return Generated(False, "", lines[-1].strip())
    said = "\n".join(line for line in lines if not line.startswith(_QUIET))
    return Generated(result.returncode == 0, said)
