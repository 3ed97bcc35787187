"""Zip a package folder so that strict LMS zip readers accept it.

The manifest first, then every file in sorted order; forward slashes, no folder entries,
deflate, MS-DOS attributes and a fixed date (the same package from the same course is
byte-for-byte the same zip). Written to a temporary name and moved into place.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

FIXED_DATE = (2020, 1, 1, 0, 0, 0)
FIRST = ("imsmanifest.xml", "cmi5.xml")


def package_files(root: Path) -> list[str]:
    """Every file under ``root`` as a relative POSIX path, manifests first."""
    names = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
    return sorted(names, key=lambda n: (n not in FIRST, n))


def write_zip(root: Path, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial-{os.getpid()}")
    try:
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED,
                             compresslevel=9) as archive:
            for name in package_files(root):
                info = zipfile.ZipInfo(name, date_time=FIXED_DATE)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.create_system = 0
                info.external_attr = 0
                archive.writestr(info, (root / name).read_bytes())
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
    return target
