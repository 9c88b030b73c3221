"""Tracked records. A record belongs to a workspace and was created by a user (``user_id``: its
responsible member, who gets its reminders). Handlers read and change records through the
``*_in`` functions, scoped by the current workspace: a record of another workspace is not found.
The functions scoped by the creator's id serve the engine, the planner and older callers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bot.clock import to_iso
from bot.db import workspaces
from bot.db.connection import Database, Row

MAX_LABEL = 64


@dataclass(frozen=True, slots=True)
class Record:
    id: int
    user_id: int
    kind: str
    label: str
    event_date: dt.date
    route: str
    term: str
    status: str
    workspace_id: int | None = None  # None only for a draft not saved yet


def _record(row: Row) -> Record:
    return Record(
        id=row["id"],
        user_id=row["user_id"],
        kind=row["kind"],
        label=row["label"],
        event_date=dt.date.fromisoformat(row["event_date"]),
        route=row["route"],
        term=row["term"],
        status=row["status"],
        workspace_id=row["workspace_id"],
    )


async def add(
    db: Database,
    user_id: int,
    kind: str,
    event_date: dt.date,
    now: dt.datetime,
    label: str = "",
    route: str = "",
    term: str = "",
    workspace_id: int | None = None,
) -> int:
    """A new record in ``workspace_id`` (default: the creator's personal workspace)."""
    if workspace_id is None:
        workspace_id = await workspaces.personal(db, user_id, now)
    return await db.insert(
        "INSERT INTO records (user_id, workspace_id, kind, label, event_date, route, term, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            user_id,
            workspace_id,
            kind,
            label[:MAX_LABEL],
            event_date.isoformat(),
            route,
            term,
            to_iso(now),
        ),
    )


async def get_in(db: Database, workspace_id: int, record_id: int) -> Record | None:
    """A record of this workspace; None for another workspace's (a forged or old button)."""
    row = await db.fetchone(
        "SELECT * FROM records WHERE id = ? AND workspace_id = ?", (record_id, workspace_id)
    )
    return None if row is None else _record(row)


async def for_workspace(db: Database, workspace_id: int) -> list[Record]:
    rows = await db.fetchall(
        "SELECT * FROM records WHERE workspace_id = ? ORDER BY id", (workspace_id,)
    )
    return [_record(row) for row in rows]


async def get(db: Database, user_id: int, record_id: int) -> Record | None:
    row = await db.fetchone(
        "SELECT * FROM records WHERE id = ? AND user_id = ?", (record_id, user_id)
    )
    return None if row is None else _record(row)


async def by_ids(db: Database, record_ids: list[int]) -> dict[int, Record]:
    """Records by id, for the reminder engine (which acts for every user)."""
    if not record_ids:
        return {}
    marks = ",".join("?" * len(record_ids))
    rows = await db.fetchall(
        f"SELECT * FROM records WHERE id IN ({marks})",  # noqa: S608
        record_ids,
    )
    return {row["id"]: _record(row) for row in rows}


async def for_user(db: Database, user_id: int) -> list[Record]:
    rows = await db.fetchall("SELECT * FROM records WHERE user_id = ? ORDER BY id", (user_id,))
    return [_record(row) for row in rows]


async def set_status(db: Database, user_id: int, record_id: int, status: str) -> bool:
    changed = await db.execute(
        "UPDATE records SET status = ? WHERE id = ? AND user_id = ?", (status, record_id, user_id)
    )
    return changed == 1


async def delete(db: Database, user_id: int, record_id: int) -> bool:
    """Delete a record and (by cascade) its reminders."""
    changed = await db.execute(
        "DELETE FROM records WHERE id = ? AND user_id = ?", (record_id, user_id)
    )
    return changed == 1


async def update(
    db: Database,
    user_id: int,
    record_id: int,
    label: str | None = None,
    event_date: dt.date | None = None,
) -> bool:
    """Rename a record or move its event date (the caller re-plans its reminders)."""
    changed = 0
    if label is not None:
        changed += await db.execute(
            "UPDATE records SET label = ? WHERE id = ? AND user_id = ?",
            (label[:MAX_LABEL], record_id, user_id),
        )
    if event_date is not None:
        changed += await db.execute(
            "UPDATE records SET event_date = ? WHERE id = ? AND user_id = ?",
            (event_date.isoformat(), record_id, user_id),
        )
    return changed > 0


async def for_worker(db: Database, workspace_id: int, worker_id: int) -> list[Record]:
    """A worker's records (issue 14: ``records.worker_id``), oldest first."""
    rows = await db.fetchall(
        "SELECT * FROM records WHERE workspace_id = ? AND worker_id = ? ORDER BY event_date, id",
        (workspace_id, worker_id),
    )
    return [_record(row) for row in rows]
