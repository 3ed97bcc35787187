"""Make LMS packages: build the course site, wrap it in the launch shell, write the manifest,
check it, zip it. One zip per format and language (or one holding every language)."""

from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from builder.course import Editions
from builder.lms.check import outside_loads, service_workers
from builder.lms.course import LanguageSite, LmsCourse, PackageError, load_lms_course
from builder.lms.manifest import (
    PackageInfo,
    cmi5_structure,
    control_files,
    identifier,
    scorm12_manifest,
    scorm2004_manifest,
)
from builder.lms.shell import write_shell
from builder.lms.site import build_language
from builder.lms.suspend import SuspendReport, check_suspend
from builder.lms.zipper import package_files, write_zip
from builder.settings import Settings

# left out of packages: debugging aids and files only a web host uses (sitemap.xml stays:
# Material reads it when the language selector is used)
_SKIPPED = ("*.map", "sitemap.xml.gz", "404.html")
MANIFEST = {"scorm12": "imsmanifest.xml", "scorm2004": "imsmanifest.xml", "cmi5": "cmi5.xml"}


@dataclass(frozen=True)
class Made:
    path: Path
    fmt: str
    label: str  # the language code, or "all"
    files: int
    suspend: SuspendReport
    course: LmsCourse


def slug(settings: Settings) -> str:
    """The course title as a file name: "Service that cares" -> "service-that-cares"."""
    title = settings.site_name_for(settings.default_language)
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") or "course"


def _info(settings: Settings, course: LmsCourse, label: str) -> PackageInfo:
    first = course.languages[0]
    return PackageInfo(identifier=identifier("carecourse", slug(settings), label),
                       title=first.title,
                       description=settings.site_description or settings.site_name,
                       language=first.code, pass_mark=course.pass_mark,
                       version=settings.course.course_version or "1")


def _manifest(fmt: str, info: PackageInfo, root: Path) -> bytes:
    if fmt == "cmi5":
        return cmi5_structure(info)
    controls = set(control_files(fmt))
    files = [n for n in package_files(root) if n not in controls and n != MANIFEST[fmt]]
    return (scorm12_manifest if fmt == "scorm12" else scorm2004_manifest)(info, files)


def assemble(fmt: str, sites: list[LanguageSite], settings: Settings, root: Path,
             label: str) -> tuple[LmsCourse, SuspendReport]:
    """Lay out one package in the empty folder ``root`` (not zipped yet)."""
    for site in sites:
        shutil.copytree(site.root, root / "course" / site.code,
                        ignore=shutil.ignore_patterns(*_SKIPPED))
    packaged = [LanguageSite(s.code, s.title, root / "course" / s.code) for s in sites]
    course = load_lms_course(packaged, max_attempts=settings.course.assessment.max_attempts)
    suspend = check_suspend(course, fmt)
    write_shell(root, course, fmt)
    if fmt != "cmi5":
        for name, source in control_files(fmt).items():
            shutil.copyfile(source, root / name)
    (root / MANIFEST[fmt]).write_bytes(_manifest(fmt, _info(settings, course, label), root))
    problems = [f"loads from outside the package: {p}" for p in outside_loads(root)]
    problems += [f"registers a service worker: {p}" for p in service_workers(root)]
    if problems:
        raise PackageError(f"{fmt}: the course would not work inside an LMS:\n  "
                           + "\n  ".join(problems))
    return course, suspend


def _groups(settings: Settings, language: str | None,
            all_languages: bool) -> list[tuple[str, list[str]]]:
    """(label, languages) per package; ``language`` is one of the course's (the command
    checked it)."""
    codes = list(settings.languages)
    if all_languages:
        return [("all", codes)]
    return [(c, [c]) for c in ([language] if language else codes)]


def make_packages(editions: Editions, formats: list[str], out: Path, *,
                  language: str | None = None, all_languages: bool = False,
                  pdf: bool = True) -> tuple[list[Made], list[str]]:
    """Every requested package, from the validated course (compiled with
    :func:`builder.lms.site.packaged_settings`); returns what was made and what failed."""
    settings = editions.settings
    groups = _groups(settings, language, all_languages)
    made: list[Made] = []
    failures: list[str] = []
    with tempfile.TemporaryDirectory(prefix="carecourse-package-") as tmp:
        built = Path(tmp) / "sites"
        for code in dict.fromkeys(c for _, group in groups for c in group):
            failure = build_language(editions[code], Path(tmp) / "compiled", built / code,
                                     single=not all_languages, pdf=pdf)
            failures += [failure] if failure else []
        if failures:
            return made, failures
        for label, group in groups:
            sites = [LanguageSite(c, settings.site_name_for(c), built / c) for c in group]
            for fmt in formats:
                root = Path(tmp) / f"{fmt}-{label}"
                try:
                    course, suspend = assemble(fmt, sites, settings, root, label)
                except PackageError as exc:
                    failures.append(str(exc))
                    continue
                path = write_zip(root, out / f"{slug(settings)}-{fmt}-{label}.zip")
                made.append(Made(path, fmt, label, len(package_files(root)), suspend, course))
    return made, failures
