"""The launch shell of a package: ``index.html``, its script and the course tables it reads."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import rjsmin
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from builder.lms.course import LmsCourse
from builder.lms.words import shell_words

ASSETS = Path(__file__).resolve().parent.parent / "assets" / "lms"
SCRIPT = "lms/launch.js"
CMI5_LIBRARY = "lms/cmi5.umd.js"
# The shell's modules in load order; the runtime in the middle depends on the format.
_BEFORE = ("codec.js", "state.js", "facts.js")
_RUNTIME = {"scorm12": "scorm.js", "scorm2004": "scorm.js", "cmi5": "cmi5.js"}
_AFTER = ("shell.js",)


@lru_cache(maxsize=4)
def shell_script(fmt: str) -> str:
    """The shell's JavaScript for one format, minified into one file."""
    names = (*_BEFORE, _RUNTIME[fmt], *_AFTER)
    return rjsmin.jsmin("\n".join((ASSETS / n).read_text(encoding="utf-8") for n in names))


def shell_data(course: LmsCourse, fmt: str) -> dict[str, Any]:
    return {
        "format": fmt,
        "fp": course.fingerprint,
        "pass": course.pass_mark,
        **course.tables(),
        "languages": [{"code": s.code, "title": s.title, "ui": shell_words(s.code)}
                      for s in course.languages],
    }


def _script_json(data: dict[str, Any]) -> Markup:
    """JSON that is safe inside <script>: nothing in it can close the element."""
    text = json.dumps(data, ensure_ascii=True, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def write_shell(root: Path, course: LmsCourse, fmt: str) -> list[Path]:
    """Write the launch page and its scripts into the package folder ``root``."""
    env = Environment(loader=FileSystemLoader(str(ASSETS)), autoescape=True,
                      undefined=StrictUndefined)
    scripts = [CMI5_LIBRARY] if fmt == "cmi5" else []
    scripts.append(SCRIPT)
    first = course.languages[0]
    page = env.get_template("launch.html").render(
        language=first.code, title=first.title, data=_script_json(shell_data(course, fmt)),
        scripts=scripts)
    (root / "lms").mkdir(parents=True, exist_ok=True)
    (root / "index.html").write_text(page, encoding="utf-8")
    (root / SCRIPT).write_text(shell_script(fmt), encoding="utf-8")
    written = [root / "index.html", root / SCRIPT]
    if fmt == "cmi5":
        (root / CMI5_LIBRARY).write_bytes((ASSETS / "vendor" / "cmi5.umd.js").read_bytes())
        written.append(root / CMI5_LIBRARY)
    return written
