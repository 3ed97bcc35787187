"""The assessment's answer key, encoded so that it is not readable in the page.

The key (right options, feedback, explanations) travels with the assessment page as
one blob: UTF-8 JSON XOR-ed with a keystream (mulberry32, seeded by an FNV-1a hash of a
salt), then base64. exam.js decodes it with the same few lines only after the learner
submits. This keeps the answers out of the page text, search, "find in page" and
the data- attributes; it does not stop someone who reads the source and the runtime
(README, "Exam mode").
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Iterator
from typing import Any

MASK = 0xFFFFFFFF


def fnv1a(text: str) -> int:
    """32-bit FNV-1a over the UTF-16 code units of ``text`` (as JavaScript sees a string)."""
    h = 0x811C9DC5
    units = text.encode("utf-16-le")
    for i in range(0, len(units), 2):
        h ^= units[i] | units[i + 1] << 8
        h = (h * 0x01000193) & MASK
    return h


def _imul(a: int, b: int) -> int:
    return (a * b) & MASK


def mulberry32(seed: int) -> Iterator[int]:
    """The 32-bit numbers JavaScript's mulberry32 gives for ``seed`` (see store.js)."""
    a = seed & MASK
    while True:
        a = (a + 0x6D2B79F5) & MASK
        t = _imul(a ^ (a >> 15), a | 1)
        t = ((t + _imul(t ^ (t >> 7), t | 61)) & MASK) ^ t
        yield (t ^ (t >> 14)) & MASK


def keystream(seed: int, length: int) -> bytes:
    """The low bytes of the first ``length`` numbers of :func:`mulberry32` (``seed``),
    in one loop of local arithmetic (no generator, no call per byte: the pool's keys are
    about a megabyte at 100 scenarios in five languages)."""
    out = bytearray(length)
    a = seed & MASK
    for i in range(length):
        a = (a + 0x6D2B79F5) & MASK
        t = ((a ^ (a >> 15)) * (a | 1)) & MASK
        t = ((t + (((t ^ (t >> 7)) * (t | 61)) & MASK)) & MASK) ^ t
        out[i] = (t ^ (t >> 14)) & 0xFF
    return bytes(out)


def _xor(data: bytes, stream: bytes) -> bytes:
    mixed = int.from_bytes(data, "little") ^ int.from_bytes(stream, "little")
    return mixed.to_bytes(len(data), "little")


def salt_for(data: Any) -> str:
    """A salt that changes with the content (so equal builds give equal pages)."""
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:16]


def encode_key(data: Any) -> str:
    """``salt.base64``: the JSON of ``data``, not readable as text."""
    salt = salt_for(data)
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    out = _xor(raw, keystream(fnv1a(salt), len(raw)))
    return f"{salt}.{base64.b64encode(out).decode('ascii')}"


def decode_key(blob: str) -> Any:
    """The inverse of :func:`encode_key` (what exam.js does after Submit)."""
    salt, _, body = blob.partition(".")
    data = base64.b64decode(body)
    raw = _xor(data, keystream(fnv1a(salt), len(data)))
    return json.loads(raw.decode("utf-8"))
