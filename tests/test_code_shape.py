"""The shape the developers' guide asks of the code: small modules, short JS functions.

No Python module of builder/ over 300 lines, the MkDocs plugin at most 150 (a thin adapter),
and no JavaScript function of ours (builder/assets, not the minified or vendored copies)
over 60 lines, arrow functions and methods included, measured on a real JS parse tree.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import tree_sitter_javascript
from tree_sitter import Language, Node, Parser

BUILDER = Path(__file__).resolve().parents[1] / "builder"
FUNCTIONS = {"function_declaration", "function_expression", "arrow_function",
             "method_definition", "generator_function_declaration", "generator_function"}
OUR_JS = sorted(p for p in BUILDER.glob("assets/**/*.js")
                if not {"dist", "vendor"} & set(p.relative_to(BUILDER).parts))


def lines(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


@pytest.mark.parametrize("path", sorted(BUILDER.rglob("*.py")), ids=lambda p: p.name)
def test_no_python_module_over_300_lines(path: Path) -> None:
    name = path.relative_to(BUILDER)
    assert lines(path) <= 300, f"{name}: {lines(path)} lines; split it by what it does"


def test_the_plugin_is_a_thin_adapter() -> None:
    assert lines(BUILDER / "plugin.py") <= 150


def long_functions(source: bytes) -> list[tuple[int, int]]:
    """(first line, length in lines) of every function longer than 60 lines."""
    tree = Parser(Language(tree_sitter_javascript.language())).parse(source)
    assert not tree.root_node.has_error, "the JS does not parse"
    found: list[tuple[int, int]] = []
    stack: list[Node] = [tree.root_node]
    while stack:
        node = stack.pop()
        if node.type in FUNCTIONS and not wraps_the_module(node):
            length = node.end_point[0] - node.start_point[0] + 1
            if length > 60:
                found.append((node.start_point[0] + 1, length))
        stack.extend(node.children)
    return found


def test_the_measure_sees_a_long_function() -> None:
    body = "\n".join(f"  x += {i};" for i in range(61))
    assert long_functions(f"const f = (x) => {{\n{body}\n}};".encode()) == [(1, 63)]
    assert long_functions(b"function g() { return 1; }") == []
    assert long_functions(f"(() => {{\n{body}\n}})();".encode()) == [], "the module wrapper"
    assert long_functions(f"(() => {{ const f = () => {{\n{body}\n}}; }})();".encode()) == [(1, 63)]


def wraps_the_module(node: Node) -> bool:
    """The function a file is wrapped in, `(() => { ... })();` at the top: a scope, not a unit."""
    up = node.parent
    while up is not None and up.type == "parenthesized_expression":
        up = up.parent
    if up is None or up.type != "call_expression":
        return False
    statement = up.parent
    return statement is not None and statement.type == "expression_statement" \
        and statement.parent is not None and statement.parent.type == "program"


@pytest.mark.parametrize("path", OUR_JS, ids=lambda p: p.name)
def test_no_js_function_over_60_lines(path: Path) -> None:
    found = long_functions(path.read_bytes())
    assert not found, f"{path.name}: functions over 60 lines (first line, length): {found}"
