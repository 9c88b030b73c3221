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


# The folder ``load_knowledge()`` reads by default: the package's, or one the bot was pointed at
# (a release's data, or a test's edited copy: see ``use_data_dir``).
_active = [DATA_DIR]


def use_data_dir(data_dir: Path | None) -> None:
    """Make ``data_dir`` (None: the package's) the rules every caller gets; loaded once each."""
    _active[0] = data_dir or DATA_DIR


def active_data_dir() -> Path:
    return _active[0]


def load_knowledge(data_dir: Path | None = None) -> KnowledgeBase:
    """The rules data in ``data_dir`` (read anew), or the active folder's (read once)."""
    return _load(data_dir) if data_dir is not None else _cached(_active[0])


@cache
def _cached(data_dir: Path) -> KnowledgeBase:
    return _load(data_dir)


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
