"""What a compiled tree needs to work offline: the MkDocs hook, the service worker
template, the web app manifest and its icons.

The hook (``builder/offline_hook.py``, copied as ``hooks/offline.py``) runs after
the build, in stock MkDocs or ProperDocs alike: it writes the search index as compact
UTF-8 and, when the course is offline-capable (``extra.carecourse_offline``), the
service worker ``sw.js`` with the list of files it precaches. The manifest and icons
are plain files under ``docs/``; the hook links the manifest from every page when the
course is offline-capable, and the runtime registers the worker only on such pages,
over http(s) (a generator that runs no hooks gets neither). LMS packages are compiled
with ``offline`` off: no worker, no manifest.
"""

from __future__ import annotations

import json
from pathlib import Path

from builder.course import Edition
from builder.runtime import ASSETS, DIST

HOOK = Path(__file__).with_name("offline_hook.py")
HOOK_FILE = "hooks/offline.py"  # in the compiled tree, next to mkdocs.yml
ICONS = ASSETS / "icons"
ICON_URI = "assets/carecourse/icons/"
MANIFEST = "manifest.webmanifest"
THEME_COLOUR = "#00695c"  # --cc-primary (colours.css)


def hook_files() -> dict[str, bytes]:
    """The hook and the worker's template, relative to the compiled tree's root."""
    return {HOOK_FILE: HOOK.read_bytes(), "hooks/sw.js": (DIST / "sw.js").read_bytes()}


def web_manifest(edition: Edition) -> str:
    icons = [{"src": f"{ICON_URI}{p.name}", "sizes": "{0}x{0}".format(p.stem.split("-")[1]),
              "type": "image/png", "purpose": "maskable" if "maskable" in p.name else "any"}
             for p in sorted(ICONS.glob("icon-*.png"))]
    data = {"name": edition.site_name, "short_name": edition.site_name,
            "lang": edition.language, "start_url": "./index.html", "scope": "./",
            "display": "standalone", "theme_color": THEME_COLOUR,
            "background_color": "#ffffff", "icons": icons}
    description = edition.settings.description_for(edition.language)
    if description:
        data["description"] = description
    return json.dumps(data, ensure_ascii=False, indent=1)


def docs_files(edition: Edition) -> dict[str, bytes]:
    """The manifest and the icons, under ``docs/``."""
    files = {f"{ICON_URI}{p.name}": p.read_bytes() for p in sorted(ICONS.glob("icon-*.png"))}
    files[MANIFEST] = web_manifest(edition).encode("utf-8")
    return files
