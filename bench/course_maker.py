"""A throw-away course of N scenarios for the bench, made from the shipped one.

Copy *k* of a shipped scenario gets the id ``<orig>-<k>``, ``order: k`` and `` (k)`` after
every text that contains a space, and so do its translation overlays: no two scenarios
share a text, so no text-keyed cache can flatter the figures. The project passes
``carecourse check``.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent


def _mark_texts(value: Any, k: int) -> Any:
    """Append `` (k)`` to every text with a space (ids, pillars and types have none)."""
    if isinstance(value, dict):
        return {name: _mark_texts(v, k) for name, v in value.items()}
    if isinstance(value, list):
        return [_mark_texts(v, k) for v in value]
    if isinstance(value, str) and any(c.isspace() for c in value.strip()):
        body = value.rstrip("\n")
        return f"{body} ({k})" + value[len(body):]
    return value


class _Dumper(yaml.SafeDumper):
    """Multi-line texts as ``|`` blocks, as the shipped scenarios are written."""


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value.rstrip("\n") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def variant(text: str, k: int) -> str:
    data = yaml.safe_load(text)
    new = {**_mark_texts(data, k), "id": f"{data['id']}-{k}", "order": k}
    return yaml.dump(new, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def make_course(dest: Path, n: int, src: Path = ROOT) -> Path:
    """``dest``: mkdocs.yml, content/, locales/ as shipped and ``n`` scenarios."""
    dest.mkdir(parents=True)
    shutil.copy2(src / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(src / "content", dest / "content")
    if (src / "locales").is_dir():
        shutil.copytree(src / "locales", dest / "locales")
    shipped = sorted(p for p in (src / "scenarios").glob("*.yaml") if "." not in p.stem)
    overlays = {p: sorted(src.joinpath("scenarios").glob(f"{p.stem}.*.yaml")) for p in shipped}
    out = dest / "scenarios"
    out.mkdir()
    for k in range(1, n + 1):
        base = shipped[(k - 1) % len(shipped)]
        (out / f"{base.stem}-{k}.yaml").write_text(variant(base.read_text("utf-8"), k), "utf-8")
        for overlay in overlays[base]:
            code = overlay.stem.rsplit(".", 1)[1]
            (out / f"{base.stem}-{k}.{code}.yaml").write_text(
                variant(overlay.read_text("utf-8"), k), "utf-8")
    return dest
