"""A record's audit trail (issue 14; migration 0009): who created, edited, marked done, snoozed
or reassigned it, and when. Callers write an event inside the transaction of the change it
records, so the trail never says what did not happen nor misses what did.

People are kept as user ids only; the history names them from the workspace's members now, so a
member who left or erased their data (``actor`` set NULL by the foreign key) is "a former
member" and no name outlives its owner's data.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from bot.clock import to_iso
from bot.db.connection import Database

HISTORY_LIMIT = 12  # the latest events a phone shows; older ones are counted


class Action(StrEnum):
    CREATED = "created"
    EDITED = "edited"
    DONE = "done"
    SNOOZED = "snoozed"
    REASSIGNED = "reassigned"


class Field(StrEnum):
    """What an ``edited`` event changed."""

    LABEL = "label"
    DATE = "date"
    REGION = "region"
    REF = "ref"
    END = "end"
    RENEWALS = "renewals"
    STAGE = "stage"
    DOCUMENTS = "documents"
    ROUTE = "route"
    TERM = "term"
    WORKER = "worker"


@dataclass(frozen=True, slots=True)
class Person:
    """Someone named in the history: ``member`` False for a former member (left or erased)."""

    user_id: int | None
    name: str
    member: bool


@dataclass(frozen=True, slots=True)
class Event:
    action: Action
    actor: Person
    detail: str
    target: Person | None
    at: dt.datetime


async def log(
    db: Database,
    record_id: int,
    actor: int | None,
    action: Action,
    now: dt.datetime,
    detail: str = "",
    target: int | None = None,
) -> None:
    """One event; call it inside the change's transaction (``db.transaction()``)."""
    await db.execute(
        "INSERT INTO record_events (record_id, actor, action, detail, target, at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (record_id, actor, action.value, detail, target, to_iso(now)),
    )


_HISTORY = (
    "SELECT e.action, e.actor, e.detail, e.target, e.at, "
    "am.user_id AS actor_in, am.name AS actor_name, tm.user_id AS target_in, "
    "tm.name AS target_name FROM record_events AS e JOIN records AS r ON r.id = e.record_id "
    "LEFT JOIN members AS am ON am.workspace_id = r.workspace_id AND am.user_id = e.actor "
    "LEFT JOIN members AS tm ON tm.workspace_id = r.workspace_id AND tm.user_id = e.target "
    "WHERE e.record_id = ? AND r.workspace_id = ? ORDER BY e.id DESC LIMIT ?"
)


async def history(
    db: Database, workspace_id: int, record_id: int, limit: int = HISTORY_LIMIT
) -> tuple[list[Event], int]:
    """The latest events of a record of this workspace, newest first, and how many there are in
    all (another workspace's record has none)."""
    rows = await db.fetchall(_HISTORY, (record_id, workspace_id, limit))
    total = await db.fetchone(
        "SELECT COUNT(*) AS n FROM record_events AS e JOIN records AS r ON r.id = e.record_id "
        "WHERE e.record_id = ? AND r.workspace_id = ?",
        (record_id, workspace_id),
    )
    events = [
        Event(
            action=Action(row["action"]),
            actor=Person(row["actor"], row["actor_name"] or "", row["actor_in"] is not None),
            detail=row["detail"],
            target=None
            if row["action"] != Action.REASSIGNED
            else Person(row["target"], row["target_name"] or "", row["target_in"] is not None),
            at=dt.datetime.fromisoformat(row["at"]),
        )
        for row in rows
    ]
    return events, 0 if total is None else int(total["n"])
