"""The package manifests: imsmanifest.xml (SCORM 1.2, SCORM 2004 3rd edition) and cmi5.xml.

One SCO (or AU) launched by ``index.html``; every file of the package listed, relative
hrefs only, identifiers in [A-Za-z0-9_.-], the mastery score from the pass mark.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from builder.pillars import PILLAR_IDS

SCHEMAS = Path(__file__).resolve().parent.parent / "assets" / "lms" / "schemas"
LAUNCH = "index.html"

NS_12 = {
    "": "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
    "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}
LOCATIONS_12 = ("http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd "
                "http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd")
NS_2004 = {
    "": "http://www.imsglobal.org/xsd/imscp_v1p1",
    "adlcp": "http://www.adlnet.org/xsd/adlcp_v1p3",
    "adlseq": "http://www.adlnet.org/xsd/adlseq_v1p3",
    "adlnav": "http://www.adlnet.org/xsd/adlnav_v1p3",
    "imsss": "http://www.imsglobal.org/xsd/imsss",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}
LOCATIONS_2004 = ("http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd "
                  "http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd "
                  "http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd "
                  "http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd "
                  "http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd")
NS_CMI5 = "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"


@dataclass(frozen=True)
class PackageInfo:
    identifier: str  # [A-Za-z0-9_.-]
    title: str
    description: str
    language: str  # of the title
    pass_mark: int  # 0-100
    version: str


def identifier(*parts: str) -> str:
    """An identifier every LMS accepts: letters, digits, '_', '.', '-'."""
    text = ".".join(re.sub(r"[^A-Za-z0-9_-]+", "-", p).strip("-") for p in parts if p)
    return text or "carecourse"


def href(path: str) -> str:
    """A package path as a relative URI (spaces and other characters percent-encoded)."""
    return quote(path, safe="/-_.~")


def control_files(fmt: str) -> dict[str, Path]:
    """The ADL/IMS schema files that go unmodified into the package root."""
    folder = SCHEMAS / ("scorm12" if fmt == "scorm12" else "scorm2004")
    return {p.name: p for p in sorted(folder.iterdir()) if p.is_file()}


def _q(ns: dict[str, str], name: str) -> str:
    prefix, _, local = name.rpartition(":")
    return f"{{{ns[prefix]}}}{local}"


def _sub(parent: ET.Element, ns: dict[str, str], name: str, text: str | None = None,
         **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, _q(ns, name), {(_q(ns, k.replace("__", ":")) if "__" in k else k): v
                                             for k, v in attrs.items()})
    if text is not None:
        el.text = text
    return el


def _serialise(root: ET.Element, ns: dict[str, str]) -> bytes:
    for prefix, uri in ns.items():
        ET.register_namespace(prefix, uri)
    ET.indent(root)
    return ET.tostring(root, encoding="UTF-8", xml_declaration=True) + b"\n"


def _resource(parent: ET.Element, ns: dict[str, str], files: list[str], scorm_type: str) -> None:
    resources = _sub(parent, ns, "resources")
    res = _sub(resources, ns, "resource", identifier="sco", type="webcontent", href=LAUNCH,
               **{f"adlcp__{scorm_type}": "sco"})
    for name in files:
        _sub(res, ns, "file", href=href(name))


def scorm12_manifest(info: PackageInfo, files: list[str]) -> bytes:
    ns = NS_12
    root = ET.Element(_q(ns, "manifest"), {"identifier": info.identifier, "version": info.version,
                                           _q(ns, "xsi:schemaLocation"): LOCATIONS_12})
    meta = _sub(root, ns, "metadata")
    _sub(meta, ns, "schema", "ADL SCORM")
    _sub(meta, ns, "schemaversion", "1.2")
    orgs = _sub(root, ns, "organizations", default="course")
    org = _sub(orgs, ns, "organization", identifier="course")
    _sub(org, ns, "title", info.title)
    item = _sub(org, ns, "item", identifier="item", identifierref="sco", isvisible="true")
    _sub(item, ns, "title", info.title)
    _sub(item, ns, "adlcp:masteryscore", str(info.pass_mark))
    _resource(root, ns, files, "scormtype")
    return _serialise(root, ns)


def scorm2004_manifest(info: PackageInfo, files: list[str]) -> bytes:
    ns = NS_2004
    root = ET.Element(_q(ns, "manifest"), {"identifier": info.identifier, "version": info.version,
                                           _q(ns, "xsi:schemaLocation"): LOCATIONS_2004})
    meta = _sub(root, ns, "metadata")
    _sub(meta, ns, "schema", "ADL SCORM")
    _sub(meta, ns, "schemaversion", "2004 3rd Edition")
    orgs = _sub(root, ns, "organizations", default="course")
    org = _sub(orgs, ns, "organization", identifier="course")
    _sub(org, ns, "title", info.title)
    item = _sub(org, ns, "item", identifier="item", identifierref="sco")
    _sub(item, ns, "title", info.title)
    seq = _sub(item, ns, "imsss:sequencing")
    objectives = _sub(seq, ns, "imsss:objectives")
    primary = _sub(objectives, ns, "imsss:primaryObjective", objectiveID="course",
                   satisfiedByMeasure="true")
    _sub(primary, ns, "imsss:minNormalizedMeasure", f"{info.pass_mark / 100:g}")
    for pillar in PILLAR_IDS:
        _sub(objectives, ns, "imsss:objective", objectiveID=f"pillar-{pillar}")
    _sub(seq, ns, "imsss:deliveryControls", completionSetByContent="true",
         objectiveSetByContent="true")
    _resource(root, ns, files, "scormType")
    return _serialise(root, ns)


def cmi5_structure(info: PackageInfo) -> bytes:
    """cmi5.xml: one course with one AU, satisfied when completed or passed."""
    ns = {"": NS_CMI5}
    course_id = f"urn:carecourse:{info.identifier}"
    root = ET.Element(_q(ns, "courseStructure"))

    def texts(parent: ET.Element, name: str, text: str) -> None:
        _sub(_sub(parent, ns, name), ns, "langstring", text, lang=info.language)

    course = _sub(root, ns, "course", id=course_id)
    texts(course, "title", info.title)
    texts(course, "description", info.description)
    au = _sub(root, ns, "au", id=f"{course_id}:au", moveOn="CompletedOrPassed",
              masteryScore=f"{info.pass_mark / 100:g}", launchMethod="AnyWindow")
    texts(au, "title", info.title)
    texts(au, "description", info.description)
    _sub(au, ns, "url", LAUNCH)
    return _serialise(root, ns)
