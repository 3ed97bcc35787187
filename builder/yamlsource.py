"""Read YAML and remember where every key and value came from.

PyYAML's composer keeps a line and column for each node; we keep them in a map
from data path (``('quiz', 2, 'pillar')``) to position, so validation errors can
point a trainer at the exact spot in the file.

Scenario, translation and locale files are written by hand, so loading has
limits that keep a careless or hostile file from costing more than its size:
no aliases (``*name``: a 2 KB file of nested aliases expands to gigabytes),
at most :data:`MAX_FILE_BYTES` per file and :data:`MAX_TEXT_CHARS` per text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path as FsPath
from typing import Any

import yaml

from builder.problems import Path

MAX_FILE_BYTES = 1_000_000  # a long scenario with a role-play is about 30 KB
MAX_TEXT_CHARS = 20_000  # about 3,000 words: far more than any story needs


@dataclass(frozen=True)
class Pos:
    line: int  # 1-based
    col: int  # 1-based


@dataclass
class SourceMap:
    values: dict[Path, Pos] = field(default_factory=dict)
    keys: dict[Path, Pos] = field(default_factory=dict)
    duplicate_keys: list[tuple[Path, Pos]] = field(default_factory=list)
    long_texts: list[tuple[Path, Pos, int]] = field(default_factory=list)  # path, where, length

    def value_pos(self, path: Path) -> Pos:
        """Where the value at ``path`` is, or the nearest enclosing one."""
        for n in range(len(path), -1, -1):
            if path[:n] in self.values:
                return self.values[path[:n]]
        return Pos(1, 1)

    def key_pos(self, path: Path) -> Pos:
        """Where the key of ``path`` is written (falls back to its value)."""
        return self.keys.get(path) or self.value_pos(path)


# libyaml's parser when PyYAML has it (about ten times faster); same nodes and marks
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YamlSyntaxError(Exception):
    """A file that cannot be read as YAML at all (syntax, encoding, size, aliases)."""

    def __init__(self, message: str, pos: Pos) -> None:
        super().__init__(message)
        self.message = message
        self.pos = pos


_BREAKS = re.compile(r"\r\n|\r|\n|\x85|\u2028|\u2029")  # line breaks, as YAML counts them


class _Lines:
    """Positions inside a text: YAML's marks can point just past its end (an empty value
    after the last line), which is brought back to the end of the last line."""

    def __init__(self, text: str) -> None:
        self.lengths = [len(line) for line in _BREAKS.split(text)]

    def pos(self, line0: int, col0: int) -> Pos:
        line = min(line0, len(self.lengths) - 1)
        col = col0 if line == line0 else self.lengths[line]
        return Pos(line + 1, min(col, self.lengths[line]) + 1)


def _pos(node: yaml.Node | yaml.Event, lines: _Lines) -> Pos:
    mark = node.start_mark
    return lines.pos(mark.line, mark.column) if mark is not None else Pos(1, 1)


def decode(raw: bytes) -> str:
    """UTF-8 text (a BOM is allowed); invalid bytes are reported where they are."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = _BREAKS.split(raw[:exc.start].decode("utf-8-sig", "replace"))
        line, col = len(before), len(before[-1]) + 1
        byte = raw[exc.start:exc.start + 1].hex()
        raise YamlSyntaxError(
            f"the file is not UTF-8 text (byte 0x{byte} here); save it as UTF-8",
            Pos(line, col)) from None


def read_text(path: FsPath, *, max_bytes: int = MAX_FILE_BYTES) -> str:
    """A hand-written file's text, refused when it is too big or not UTF-8."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise YamlSyntaxError(
                f"the file has {size:,} bytes; a file may have at most {max_bytes:,} bytes "
                "(shorten its texts)", Pos(1, 1))
        with path.open("rb") as f:
            raw = f.read(max_bytes + 1)
    except OSError as exc:
        raise YamlSyntaxError(f"cannot read the file ({exc.strerror or exc})", Pos(1, 1)) from None
    if len(raw) > max_bytes:  # it grew while we looked
        raise YamlSyntaxError(f"the file has more than {max_bytes:,} bytes", Pos(1, 1))
    return decode(raw)


def _first_alias(text: str) -> yaml.AliasEvent | None:
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            return event
    return None


def _walk(root: yaml.Node, smap: SourceMap, text: str, *, aliases: bool = False) -> None:
    """Positions of every node; a node reached twice is an alias, which is refused (or,
    with ``aliases``, mapped where it is first written)."""
    lines = _Lines(text)
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, Path]] = [(root, ())]
    while stack:
        node, path = stack.pop()
        if id(node) in seen and aliases:
            continue
        if id(node) in seen:
            alias = _first_alias(text)
            where = _pos(alias if alias is not None else node, lines)
            name = f" ('*{alias.anchor}')" if alias is not None else ""
            raise YamlSyntaxError(
                f"YAML aliases{name} are not allowed; write the value out in "
                "full", where)
        seen.add(id(node))
        smap.values[path] = _pos(node, lines)
        if isinstance(node, yaml.MappingNode):
            keys: set[Any] = set()
            for key_node, value_node in node.value:
                key = key_node.value if isinstance(key_node, yaml.ScalarNode) else "(complex key)"
                if key in keys:
                    smap.duplicate_keys.append(((*path, key), _pos(key_node, lines)))
                keys.add(key)
                smap.keys[(*path, key)] = _pos(key_node, lines)
                stack.append((value_node, (*path, key)))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(((item, (*path, i)) for i, item in enumerate(node.value)))
        elif isinstance(node, yaml.ScalarNode) and len(node.value) > MAX_TEXT_CHARS:
            smap.long_texts.append((path, _pos(node, lines), len(node.value)))


_NEVER_CLOSED = {
    "a quoted scalar": "this quoted text has no closing quote",
    "a flow sequence": "this '[' list is never closed (add the missing ']')",
    "a flow mapping": "this '{' mapping is never closed (add the missing '}')",
}


def _syntax_error(exc: yaml.MarkedYAMLError, text: str) -> YamlSyntaxError:
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or "invalid YAML"
    context = f" ({exc.context})" if exc.context else ""
    at_end = mark is not None and not text[mark.index:].strip()
    if ("end of stream" in problem or at_end) and exc.context_mark is not None:
        # an unclosed quote or bracket: point at where it opens, not at the end of the file
        what = (exc.context or "").removeprefix("while scanning ").removeprefix("while parsing ")
        problem = _NEVER_CLOSED.get(what, f"{what or 'this'} is never closed")
        mark, context = exc.context_mark, ""
    pos = _Lines(text).pos(mark.line, mark.column) if mark else Pos(1, 1)
    hint = ""
    if "mapping values are not allowed" in problem:
        # libyaml and PyYAML word this differently; say it one way
        problem, context = "a 'key: value' is not allowed here", ""
    if "mapping values are not allowed" in str(exc) or "expected <block end>" in problem:
        hint = "; check the indentation of this line and the one above"
    return YamlSyntaxError(f"YAML syntax error: {problem}{context}{hint}", pos)


def load(text: str) -> tuple[Any, SourceMap]:
    """Parse one YAML document; raise :class:`YamlSyntaxError` with a position."""
    loader = _Loader(text)
    smap = SourceMap()
    try:
        node = loader.get_single_node()
        if node is None:
            return None, smap
        _walk(node, smap, text)  # before constructing: refuses aliases
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(exc, text) from None
    except yaml.reader.ReaderError as exc:  # a control character
        before = _BREAKS.split(text[:exc.position])
        line, col = len(before), len(before[-1]) + 1
        char = exc.character
        code = char if isinstance(char, int) else ord(str(char)[:1] or " ")
        raise YamlSyntaxError(f"the character U+{code:04X} is not allowed in a YAML file; "
                              "remove it", Pos(line, col)) from None
    except yaml.YAMLError as exc:  # unmarked errors are rare
        raise YamlSyntaxError(f"YAML syntax error: {exc}", Pos(1, 1)) from None
    except RecursionError:  # the pure-Python parser on very deep nesting
        raise YamlSyntaxError("YAML nested too deeply", Pos(1, 1)) from None
    finally:
        loader.dispose()
    return data, smap


def load_file(path: FsPath) -> tuple[Any, SourceMap]:
    """:func:`read_text` + :func:`load`."""
    return load(read_text(path))


def node_source_map(node: yaml.Node | None, text: str) -> SourceMap:
    """Positions of an already composed document ``text`` (for loaders with extra tags,
    e.g. ``mkdocs.yml``, whose aliases are allowed)."""
    smap = SourceMap()
    if node is not None:
        _walk(node, smap, text, aliases=True)
    return smap
