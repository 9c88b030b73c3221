"""Storing an import (``bot.records.importing``): matched by permit number, else worker + kind +
date; a changed row updates its record and re-plans it, an unchanged one writes nothing; a blank
cell erases nothing; another workspace's records are never matched."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from bot.db import Database, workers, workspaces
from bot.db import users as users_repo
from bot.records.importing import Outcome, store
from knowledge.importing import Row
from tests.support.today import E2E_NOW

PERMIT = Row(2, "Ali", "Uzbekistan", "welder", "cat2", "permit", dt.date(2026, 3, 2), "m12", "KZ-1")
CONTRACT = Row(3, "Ali", kind="contract", date=dt.date(2026, 11, 20))


async def rows_of(db: Database, sql: str) -> list[tuple[object, ...]]:
    return [tuple(row) for row in await db.fetchall(sql)]


async def test_matching_updating_and_nothing_twice(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "db.sqlite3")
    user = await users_repo.seen(db, 1, 1, "en", "Asia/Almaty", E2E_NOW)
    ws = await workspaces.personal(db, 1, E2E_NOW)
    first = await store(db, user, ws, [PERMIT, CONTRACT], E2E_NOW)
    assert (first.created, first.workers) == (2, 1) and first.reminders > 2

    reminders = await rows_of(db, "SELECT * FROM reminders ORDER BY id")
    again = await store(db, user, ws, [PERMIT, CONTRACT], E2E_NOW)
    assert again == Outcome(unchanged=2)
    assert await rows_of(db, "SELECT * FROM reminders ORDER BY id") == reminders

    moved = replace(PERMIT, date=dt.date(2026, 4, 1), citizenship="")  # same permit number
    changed = await store(db, user, ws, [moved], E2E_NOW)
    assert (changed.created, changed.updated) == (0, 1) and changed.reminders > 0
    records = await rows_of(db, "SELECT kind, event_date FROM records ORDER BY id")
    assert records == [("permit", "2026-04-01"), ("contract", "2026-11-20")]
    (ali,) = await workers.for_workspace(db, ws)
    assert ali.citizenship == "Uzbekistan", "a blank cell erases nothing"
    events = await rows_of(
        db, "SELECT record_id, actor, action, detail FROM record_events ORDER BY id"
    )
    assert events == [
        (1, 1, "created", ""),
        (2, 1, "created", ""),
        (1, 1, "edited", "date"),
    ], "the history says who imported and what a re-import changed; nothing for unchanged rows"

    other_user = await users_repo.seen(db, 2, 2, "en", "Asia/Almaty", E2E_NOW)
    other = await workspaces.personal(db, 2, E2E_NOW)
    theirs = await store(db, other_user, other, [PERMIT], E2E_NOW)
    assert theirs.created == 1, "another workspace's permit of that number is not matched"
    await db.close()
