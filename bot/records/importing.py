"""Storing a checked import (``knowledge.importing``): every ready row or none, in one
transaction. A row updates the worker of its name and the record it matches — by permit number,
else worker + kind + date — instead of adding a second one; a record is re-planned (the tracking
flow's ``planning.replan_record``) only when it is new or something in it changed, so importing
the same file again changes nothing."""

from __future__ import annotations

import asyncio
import datetime as dt
from dataclasses import dataclass

from bot.clock import to_iso
from bot.db import Database, audit
from bot.db import records as records_repo
from bot.db import users as users_repo
from bot.db import workers as workers_repo
from bot.db.records import MAX_LABEL
from bot.db.users import User
from bot.records import planning
from knowledge.importing import Row

YIELD_EVERY = 50  # rows stored between two yields to the event loop


@dataclass
class Outcome:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    workers: int = 0  # workers added
    reminders: int = 0  # reminders planned for the records added or changed


# The columns an import writes, in the order of the UPDATE, as the history names them.
IMPORTED_FIELDS = (
    audit.Field.LABEL,
    audit.Field.DATE,
    audit.Field.ROUTE,
    audit.Field.TERM,
    audit.Field.REF,
    audit.Field.WORKER,
)


async def store(
    db: Database, user: User, workspace_id: int, rows: list[Row], now: dt.datetime
) -> Outcome:
    """Apply ``rows`` (all checked) for ``user``, who becomes responsible for new records."""
    outcome = Outcome()
    async with db.transaction():
        for index, row in enumerate(rows):
            if index % YIELD_EVERY == 0:
                await asyncio.sleep(0)  # sends in flight go on; other writers wait for the lock
            worker_id = await _worker(db, workspace_id, row, now, outcome)
            if row.kind:
                await _record(db, user, workspace_id, worker_id, row, now, outcome)
    return outcome


async def _worker(db: Database, ws: int, row: Row, now: dt.datetime, outcome: Outcome) -> int:
    found = await workers_repo.by_name(db, ws, row.worker)
    if found is None:
        new = await workers_repo.add(db, ws, row.worker, now)
        assert new is not None
        outcome.workers += 1
        found = await workers_repo.get(db, ws, new)
        assert found is not None
    for field in ("citizenship", "position", "category"):
        value = getattr(row, field)
        if value and value != getattr(found, field):  # a blank cell erases nothing
            await workers_repo.set_text(db, ws, found.id, field, value)
    for field in ("visa_until", "passport_until"):
        day = getattr(row, field)
        if day is not None and day != getattr(found, field):
            await workers_repo.set_date(db, ws, found.id, field, day)
    return found.id


async def _match(db: Database, ws: int, worker_id: int, row: Row) -> int | None:
    if row.kind == "permit" and row.ref:
        found = await db.fetchone(
            "SELECT id FROM records WHERE workspace_id = ? AND kind = 'permit' "
            "AND lower(ref) = lower(?) ORDER BY id LIMIT 1",
            (ws, row.ref),
        )
        if found is not None:
            return int(found["id"])
    assert row.date is not None
    found = await db.fetchone(
        "SELECT id FROM records WHERE workspace_id = ? AND worker_id = ? AND kind = ? "
        "AND event_date = ? ORDER BY id LIMIT 1",
        (ws, worker_id, row.kind, row.date.isoformat()),
    )
    return None if found is None else int(found["id"])


async def _record(
    db: Database,
    user: User,
    ws: int,
    worker_id: int,
    row: Row,
    now: dt.datetime,
    outcome: Outcome,
) -> None:
    assert row.date is not None
    route = row.category if row.kind == "permit" else ""  # a route is a permit's only
    values = (row.worker[:MAX_LABEL], row.date.isoformat(), route, row.term, row.ref)
    record_id = await _match(db, ws, worker_id, row)
    if record_id is None:
        record_id = await db.insert(
            "INSERT INTO records (user_id, workspace_id, worker_id, kind, label, event_date, "
            "route, term, ref, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (user.id, ws, worker_id, row.kind, *values, to_iso(now)),
        )
        await audit.log(db, record_id, user.id, audit.Action.CREATED, now)
        outcome.created += 1
    else:
        current = await db.fetchone(
            "SELECT label, event_date, route, term, ref, worker_id FROM records WHERE id = ?",
            (record_id,),
        )
        assert current is not None
        was = tuple(current[index] for index in range(len(IMPORTED_FIELDS)))
        if was == (*values, worker_id):
            outcome.unchanged += 1
            return
        await db.execute(
            "UPDATE records SET label = ?, event_date = ?, route = ?, term = ?, ref = ?, "
            "worker_id = ? WHERE id = ?",
            (*values, worker_id, record_id),
        )
        for field, old, new in zip(IMPORTED_FIELDS, was, (*values, worker_id), strict=True):
            if old != new:
                await audit.log(db, record_id, user.id, audit.Action.EDITED, now, field)
        outcome.updated += 1
    record = await records_repo.get_in(db, ws, record_id)
    assert record is not None
    responsible = user if record.user_id == user.id else await users_repo.get(db, record.user_id)
    outcome.reminders += await planning.replan_record(db, responsible or user, record, now)
