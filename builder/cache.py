"""A content-addressed cache beside ``mkdocs.yml`` (``.cache/carecourse/``).

Compiled pages and PDFs are stored under a hash of everything they are made from (their
inputs and the code that renders them), so an unchanged language is not re-rendered. The
cache may be deleted at any time; it only makes builds faster.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

import builder

CACHE_DIR = ".cache/carecourse"
_CODE = Path(builder.__file__).parent
_CODE_SUFFIXES = (".py", ".j2", ".js", ".css", ".yaml", ".html")


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of carecourse's own code, templates, assets and locales."""
    digest = hashlib.sha256()
    for path in sorted(_CODE.rglob("*")):
        if path.suffix in _CODE_SUFFIXES and "__pycache__" not in path.parts:
            digest.update(path.relative_to(_CODE).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def content_key(*parts: Any) -> str:
    """A stable hash of ``parts`` (text, bytes or JSON-able values) and the code."""
    digest = hashlib.sha256(code_fingerprint().encode())
    for part in parts:
        if isinstance(part, bytes):
            data = part
        elif isinstance(part, str):
            data = part.encode()
        else:
            data = json.dumps(part, sort_keys=True, ensure_ascii=False, default=str).encode()
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


class Cache:
    """Files named by content keys, written atomically (a killed build leaves no half file)."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def path(self, kind: str, key: str, suffix: str = "") -> Path:
        return self.root / kind / key[:2] / f"{key}{suffix}"

    def get(self, kind: str, key: str, suffix: str = "") -> bytes | None:
        try:
            return self.path(kind, key, suffix).read_bytes()
        except OSError:
            return None

    def put(self, kind: str, key: str, data: bytes, suffix: str = "") -> None:
        target = self.path(kind, key, suffix)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
            tmp.write_bytes(data)
            os.replace(tmp, target)
        except OSError:  # a read-only or full disk only costs speed
            pass

    def read_json(self, name: str) -> dict[str, Any]:
        try:
            data = json.loads((self.root / name).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def write_json(self, name: str, data: dict[str, Any]) -> None:
        self.put_file(self.root / name, json.dumps(data, indent=1).encode())

    @staticmethod
    def put_file(target: Path, data: bytes) -> None:
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
            tmp.write_bytes(data)
            os.replace(tmp, target)
        except OSError:
            pass
