"""Read YAML and remember where every key and value came from.

PyYAML's composer keeps a line and column for each node; we keep them in a map
from data path (``('quiz', 2, 'pillar')``) to position, so validation errors can
point a trainer at the exact spot in the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from builder.problems import Path


@dataclass(frozen=True)
class Pos:
    line: int  # 1-based
    col: int  # 1-based


@dataclass
class SourceMap:
    values: dict[Path, Pos] = field(default_factory=dict)
    keys: dict[Path, Pos] = field(default_factory=dict)
    duplicate_keys: list[tuple[Path, Pos]] = field(default_factory=list)

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
    def __init__(self, message: str, pos: Pos) -> None:
        super().__init__(message)
        self.message = message
        self.pos = pos


def _pos(node: yaml.Node) -> Pos:
    return Pos(node.start_mark.line + 1, node.start_mark.column + 1)


def _walk(node: yaml.Node, path: Path, smap: SourceMap) -> None:
    smap.values[path] = _pos(node)
    if isinstance(node, yaml.MappingNode):
        seen: set[Any] = set()
        for key_node, value_node in node.value:
            key = key_node.value
            if key in seen:
                smap.duplicate_keys.append(((*path, key), _pos(key_node)))
            seen.add(key)
            smap.keys[(*path, key)] = _pos(key_node)
            _walk(value_node, (*path, key), smap)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, (*path, i), smap)


def load(text: str) -> tuple[Any, SourceMap]:
    """Parse one YAML document; raise :class:`YamlSyntaxError` with a position."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        pos = Pos(mark.line + 1, mark.column + 1) if mark else Pos(1, 1)
        problem = exc.problem or "invalid YAML"
        context = f" ({exc.context})" if exc.context else ""
        hint = ""
        if "mapping values are not allowed" in problem:
            # libyaml and PyYAML word this differently; say it one way
            problem, context = "a 'key: value' is not allowed here", ""
        if "mapping values are not allowed" in str(exc) or "expected <block end>" in problem:
            hint = "; check the indentation of this line and the one above"
        raise YamlSyntaxError(f"YAML syntax error: {problem}{context}{hint}", pos) from None
    except yaml.YAMLError as exc:  # pragma: no cover - unmarked errors are rare
        raise YamlSyntaxError(f"YAML syntax error: {exc}", Pos(1, 1)) from None
    finally:
        loader.dispose()
    smap = SourceMap()
    if node is not None:
        _walk(node, (), smap)
    return data, smap


def node_source_map(node: yaml.Node | None) -> SourceMap:
    """Positions of an already composed document (for loaders with extra tags, e.g. mkdocs.yml)."""
    smap = SourceMap()
    if node is not None:
        _walk(node, (), smap)
    return smap
