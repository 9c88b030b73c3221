"""Document checklists per route (``data/checklists.toml``), each item resting on cited facts.

Pure: the items, what each checklist needs, and progress over the ids a user ticked off. The
status of an item is the weakest of its facts, so an item from a 2017 description says so.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from knowledge.loader import DATA_DIR, KnowledgeDataError, load_knowledge
from knowledge.models import LocalText, Status

ChecklistId = Literal["new", "renewal", "cat4", "seasonal", "ict"]
CHECKLISTS: tuple[ChecklistId, ...] = ("new", "renewal", "cat4", "seasonal", "ict")
Need = Literal["needed", "not_needed", "unclear"]


class Item(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    fact_ids: list[str]
    routes: dict[ChecklistId, Need]
    name: LocalText
    why: LocalText


@dataclass(frozen=True)
class Entry:
    item: Item
    need: Need
    status: Status


@dataclass(frozen=True)
class Progress:
    collected: int
    total: int  # the items needed; "unclear" ones are shown but not counted


@cache
def items(path: Path = DATA_DIR / "checklists.toml") -> tuple[Item, ...]:
    with path.open("rb") as handle:
        raw = tomllib.load(handle)
    kb, loaded = load_knowledge(), []
    for index, entry in enumerate(raw.get("item", [])):
        try:
            item = Item.model_validate(entry)
        except ValidationError as exc:
            raise KnowledgeDataError(
                f"{path.name}: item[{index}]: {exc.errors()[0]['msg']}"
            ) from None
        missing = [fact_id for fact_id in item.fact_ids if not kb.has(fact_id)]
        if missing or not item.fact_ids:
            raise KnowledgeDataError(f"{path.name}: item {item.id!r} cites {missing or 'no facts'}")
        loaded.append(item)
    return tuple(loaded)


def checklist(route: ChecklistId) -> list[Entry]:
    """The items of one checklist, including what is not needed (a renewal shows it saves work)."""
    kb = load_knowledge()
    return [
        Entry(item, item.routes[route], kb.status(item.fact_ids))
        for item in items()
        if route in item.routes
    ]


def progress(route: ChecklistId, ticked: set[str]) -> Progress:
    """'5 of 7 collected': the needed items ticked off, out of the needed items."""
    needed = {entry.item.id for entry in checklist(route) if entry.need == "needed"}
    return Progress(collected=len(needed & ticked), total=len(needed))


def for_permit(route_id: str, renewal: bool = False) -> ChecklistId:
    """The checklist of a permit route (categories 1–3 share "new")."""
    if renewal:
        return "renewal"
    if route_id in ("cat4", "seasonal", "ict"):
        return route_id  # type: ignore[return-value]
    return "new"
