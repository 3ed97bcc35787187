"""The assessment's pool as files the browser loads when an attempt starts.

The page stays small at any course size: it names the pool's version only. Under
``assets/exam-pool/`` (classic scripts, so that they load from ``file://`` too):

- ``index.js``: per question key, its pillar and the number of its file (what exam.js
  needs to draw an attempt);
- ``<n>.js``: the markup of up to :data:`CHUNK_SIZE` questions of one pillar (without
  answers, as on the page before) and the encoded key of those questions
  (:mod:`builder.examkey`).

An attempt loads the index and only the chunks its questions are in. Each file hands its
data to ``window.carecourse.chunk(name, data)`` (``builder/assets/exampool.js``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from builder.assessment import exam_pool
from builder.exam_page import answer_key, pool_item
from builder.examkey import encode_key
from builder.render import compact, template_env
from builder.schema import Question, Scenario

POOL_DIR = "assets/exam-pool/"
CHUNK_SIZE = 8  # questions per file: an attempt of 3 per pillar loads about 3 small files


@dataclass(frozen=True)
class PoolFiles:
    version: str  # changes with any file of the pool (the page names it; the URLs carry it)
    files: dict[str, str]  # served URI -> text


def chunks(pool: Sequence[tuple[Scenario, Question]]) -> list[list[tuple[Scenario, Question]]]:
    """The pool in files of one pillar each, in pool order."""
    out: list[list[tuple[Scenario, Question]]] = []
    for scenario, question in pool:
        last = out[-1] if out else None
        if last is None or len(last) == CHUNK_SIZE or last[0][1].pillar != question.pillar:
            out.append([])
        out[-1].append((scenario, question))
    return out


def script(name: str, data: Any) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return f"window.carecourse.chunk({json.dumps(name)},{text});\n"


def short_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def pool_files(scenarios: Sequence[Scenario], ui: dict[str, Any]) -> PoolFiles:
    """Every file of the assessment's pool (none when there is no exam-only question)."""
    pool = exam_pool(scenarios)
    if not pool:
        return PoolFiles("", {})
    question = template_env().get_template("_question.html.j2").module.question  # type: ignore[attr-defined]
    files: dict[str, str] = {}
    index: dict[str, tuple[str, int]] = {}
    for n, chunk in enumerate(chunks(pool), start=1):
        items = [pool_item(s, q) for s, q in chunk]
        data = {"h": "".join(compact(str(question(item, ui, exam=True))) for item in items),
                "k": encode_key(answer_key(chunk))}
        files[f"{POOL_DIR}{n}.js"] = script(str(n), data)
        index.update({item.key: (item.question.pillar, n) for item in items})
    files[f"{POOL_DIR}index.js"] = script("index", index)
    return PoolFiles(short_hash("".join(files[uri] for uri in sorted(files))), files)
