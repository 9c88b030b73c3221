"""Loading the rules data: TOML files validated by pydantic, failing loudly with file and field."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from knowledge.models import Fact, Route
from knowledge.rules import KnowledgeBase

DATA_DIR = Path(__file__).parent / "data"
M = TypeVar("M", bound=BaseModel)


class KnowledgeDataError(Exception):
    """A data file is missing, unreadable or invalid; the message names the file and field."""


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise KnowledgeDataError(f"{path.name}: file not found in {path.parent}") from None
    except tomllib.TOMLDecodeError as exc:
        raise KnowledgeDataError(f"{path.name}: not valid TOML: {exc}") from None


def _items(
    path: Path, key: str, model: type[M], prepare: Callable[[dict[str, Any]], dict[str, Any]]
) -> list[M]:
    raw = _read(path)
    entries = raw.get(key)
    if not isinstance(entries, list) or not entries:
        raise KnowledgeDataError(f"{path.name}: expected one or more [[{key}]] tables")
    items = []
    for index, entry in enumerate(entries):
        try:
            items.append(model.model_validate(prepare(entry)))
        except ValidationError as exc:
            error = exc.errors()[0]
            field = ".".join(str(part) for part in error["loc"])
            name = entry.get("id", "?") if isinstance(entry, dict) else "?"
            raise KnowledgeDataError(
                f"{path.name}: {key}[{index}] (id {name!r}).{field}: {error['msg']}"
            ) from None
    return items


def load_knowledge(data_dir: Path | None = None) -> KnowledgeBase:
    """The rules data in ``data_dir`` (default: the package's), validated and cross-checked."""
    if data_dir is None:
        return _default()
    return _load(data_dir)


@cache
def _default() -> KnowledgeBase:
    return _load(DATA_DIR)


def _load(data_dir: Path) -> KnowledgeBase:
    facts_path = data_dir / "facts.toml"
    verified = _read(facts_path).get("verified")

    def with_default_verified(entry: dict[str, Any]) -> dict[str, Any]:
        return {"verified": verified, **entry} if verified is not None else entry

    facts = _items(facts_path, "fact", Fact, with_default_verified)
    routes = _items(data_dir / "routes.toml", "route", Route, lambda entry: entry)
    try:
        return KnowledgeBase(facts, routes)
    except ValueError as exc:
        raise KnowledgeDataError(str(exc)) from None
