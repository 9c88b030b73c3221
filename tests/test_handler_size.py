"""No function in handlers/ over ~60 lines: a flow is small module-level handlers, and
``router()`` only registers them (docs/architecture.md, "One way to write a flow")."""

from __future__ import annotations

import ast
from pathlib import Path

HANDLERS = Path(__file__).resolve().parent.parent / "handlers"
LIMIT = 60


def long_functions(root: Path) -> list[tuple[str, str, int]]:
    found = []
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > LIMIT:
                    found.append((path.relative_to(root).as_posix(), node.name, length))
    return found


def test_no_long_functions_in_handlers() -> None:
    too_long = long_functions(HANDLERS)
    assert too_long == [], f"split these into module-level handlers: {too_long}"


def test_the_check_finds_a_long_function(tmp_path: Path) -> None:
    body = "\n".join(f"    x{i} = {i}" for i in range(LIMIT + 1))
    (tmp_path / "flow.py").write_text(f"def router():\n{body}\n", encoding="utf-8")
    assert long_functions(tmp_path) == [("flow.py", "router", LIMIT + 2)]
