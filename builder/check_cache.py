"""``carecourse check`` remembered by content hash: an unchanged course is not read again.

The key covers every file the course is made from (``Settings.inputs``), the settings,
the working folder (messages name files relative to it) and carecourse's own code; the
stored result is what check prints (problems, coverage rows, summary), as JSON.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict
from typing import Any

from builder.cache import CACHE_DIR, Cache, content_key
from builder.coverage import Row
from builder.problems import Problem
from builder.settings import Settings

KIND = "check"


def inputs_digest(settings: Settings) -> str:
    """A hash of the name and content of every input file."""
    digest = hashlib.sha256()
    for source in settings.inputs:
        paths = sorted(source.rglob("*")) if source.is_dir() else [source]
        for path in paths:
            if path.is_file():
                digest.update(str(path).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def check_key(settings: Settings) -> str:
    return content_key(KIND, os.getcwd(), settings.model_dump_json(), inputs_digest(settings))


def _cache(settings: Settings) -> Cache:
    return Cache(settings.project_dir / CACHE_DIR)


def recall(settings: Settings, key: str) -> tuple[list[Problem], list[Row], str] | None:
    data = _cache(settings).get(KIND, key, ".json")
    if data is None:
        return None
    try:
        found: dict[str, Any] = json.loads(data)
        problems = [Problem(**p) for p in found["problems"]]
        rows = [Row(r["language"], tuple(r["scenarios"]), tuple(r["pages"]),
                    tuple(r["questions"])) for r in found["rows"]]
        return problems, rows, str(found["summary"])
    except (ValueError, KeyError, TypeError):
        return None


def remember(settings: Settings, key: str, problems: list[Problem], rows: list[Row],
             summary: str) -> None:
    data = {"problems": [asdict(p) for p in problems], "rows": [asdict(r) for r in rows],
            "summary": summary}
    _cache(settings).put(KIND, key, json.dumps(data, ensure_ascii=False).encode(), ".json")

