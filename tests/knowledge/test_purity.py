"""knowledge/ stays pure: no module imports the bot frameworks, so it runs and is tested alone."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"
FORBIDDEN = {"aiogram", "aiosqlite", "apscheduler"}


def imported_modules(source: str) -> list[str]:
    """Every module an import statement names, at any depth (also inside functions)."""
    names: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


def forbidden_imports(source: str) -> list[str]:
    return [name for name in imported_modules(source) if name.split(".")[0] in FORBIDDEN]


@pytest.mark.parametrize(
    ("source", "found"),
    [
        ("import aiogram", ["aiogram"]),
        ("from aiosqlite import connect", ["aiosqlite"]),
        ("def f():\n    import apscheduler.schedulers.asyncio", ["apscheduler.schedulers.asyncio"]),
        ("import holidays, datetime", []),
        ("from .aiogram import x", []),  # a relative module of that name is not the framework
        ("aiogram = 1", []),
    ],
)
def test_the_checker_finds_forbidden_imports(source: str, found: list[str]) -> None:
    assert forbidden_imports(source) == found


def test_no_knowledge_module_imports_the_bot_frameworks() -> None:
    paths = sorted(KNOWLEDGE.rglob("*.py"))
    assert len(paths) > 5, "the knowledge package was not found"
    offenders = {
        str(path.relative_to(KNOWLEDGE)): names
        for path in paths
        if (names := forbidden_imports(path.read_text(encoding="utf-8")))
    }
    assert offenders == {}
