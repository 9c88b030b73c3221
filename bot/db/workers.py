"""Workers of a workspace: a name or alias, citizenship, position, category, and the last days
of their C3 visa and passport. Every query is scoped by the workspace: another workspace's
worker is not found. Records point at their worker (``records.worker_id``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bot.clock import to_iso
from bot.db.connection import Database, Row

MAX_TEXT = 64
FIELDS = ("name", "citizenship", "position", "category")
DATES = ("visa_until", "passport_until")


@dataclass(frozen=True, slots=True)
class Worker:
    id: int
    workspace_id: int
    name: str
    citizenship: str = ""
    position: str = ""
    category: str = ""  # a route id, or ""
    visa_until: dt.date | None = None
    passport_until: dt.date | None = None


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _worker(row: Row) -> Worker:
    return Worker(
        id=row["id"],
        workspace_id=row["workspace_id"],
        name=row["name"],
        citizenship=row["citizenship"],
        position=row["position"],
        category=row["category"],
        visa_until=_day(row["visa_until"]),
        passport_until=_day(row["passport_until"]),
    )


async def add(db: Database, workspace_id: int, name: str, now: dt.datetime) -> int | None:
    """A new worker; None when the workspace has one of that name already."""
    # ON CONFLICT rather than catching the error: on PostgreSQL a failed statement would end
    # the transaction around it (an import's). fetchall runs the statement to its end.
    rows = await db.fetchall(
        "INSERT INTO workers (workspace_id, name, created_at) VALUES (?, ?, ?) "
        "ON CONFLICT (workspace_id, name) DO NOTHING RETURNING id",
        (workspace_id, name[:MAX_TEXT], to_iso(now)),
    )
    return int(rows[0][0]) if rows else None


async def get(db: Database, workspace_id: int, worker_id: int) -> Worker | None:
    row = await db.fetchone(
        "SELECT * FROM workers WHERE id = ? AND workspace_id = ?", (worker_id, workspace_id)
    )
    return None if row is None else _worker(row)


async def by_name(db: Database, workspace_id: int, name: str) -> Worker | None:
    row = await db.fetchone(
        "SELECT * FROM workers WHERE workspace_id = ? AND name = ?", (workspace_id, name)
    )
    return None if row is None else _worker(row)


async def for_workspace(db: Database, workspace_id: int) -> list[Worker]:
    rows = await db.fetchall(
        "SELECT * FROM workers WHERE workspace_id = ? ORDER BY lower(name), name, id",
        (workspace_id,),
    )
    return [_worker(row) for row in rows]


async def set_text(db: Database, workspace_id: int, worker_id: int, field: str, value: str) -> bool:
    """Name, citizenship, position or category; False if not found (or the name is taken)."""
    if field not in FIELDS:
        raise ValueError(f"not a worker field: {field}")
    value = value[:MAX_TEXT]
    if field == "name" and await _name_taken(db, workspace_id, worker_id, value):
        return False  # checked first: a failed statement would end a PostgreSQL transaction
    changed = await db.execute(
        f"UPDATE workers SET {field} = ? WHERE id = ? AND workspace_id = ?",  # noqa: S608
        (value, worker_id, workspace_id),
    )
    return changed == 1


async def _name_taken(db: Database, workspace_id: int, worker_id: int, name: str) -> bool:
    row = await db.fetchone(
        "SELECT 1 FROM workers WHERE workspace_id = ? AND name = ? AND id <> ?",
        (workspace_id, name, worker_id),
    )
    return row is not None


async def set_date(
    db: Database, workspace_id: int, worker_id: int, field: str, value: dt.date | None
) -> bool:
    if field not in DATES:
        raise ValueError(f"not a worker date: {field}")
    changed = await db.execute(
        f"UPDATE workers SET {field} = ? WHERE id = ? AND workspace_id = ?",  # noqa: S608
        (value.isoformat() if value else None, worker_id, workspace_id),
    )
    return changed == 1


async def delete(db: Database, workspace_id: int, worker_id: int) -> bool:
    """The worker goes; their records stay, with no worker."""
    changed = await db.execute(
        "DELETE FROM workers WHERE id = ? AND workspace_id = ?", (worker_id, workspace_id)
    )
    return changed == 1


async def attach(db: Database, workspace_id: int, record_id: int, worker_id: int | None) -> bool:
    """The record (of this workspace) now belongs to the worker (of this workspace), or none."""
    if worker_id is not None and await get(db, workspace_id, worker_id) is None:
        return False
    changed = await db.execute(
        "UPDATE records SET worker_id = ? WHERE id = ? AND workspace_id = ?",
        (worker_id, record_id, workspace_id),
    )
    return changed == 1


async def of_records(db: Database, workspace_id: int) -> dict[int, int]:
    """Record id → worker id, for the records of the workspace that have a worker."""
    rows = await db.fetchall(
        "SELECT id, worker_id FROM records WHERE workspace_id = ? AND worker_id IS NOT NULL",
        (workspace_id,),
    )
    return {row["id"]: row["worker_id"] for row in rows}


async def record_counts(db: Database, workspace_id: int) -> dict[int, int]:
    rows = await db.fetchall(
        "SELECT worker_id, COUNT(*) AS n FROM records WHERE workspace_id = ? "
        "AND worker_id IS NOT NULL GROUP BY worker_id",
        (workspace_id,),
    )
    return {row["worker_id"]: row["n"] for row in rows}
