"""Migration 0007 over a database of schema 6 with rows: every record, reminder, setting and
profile is kept, and each user's rows move into their own personal workspace."""

from __future__ import annotations

import shutil
from pathlib import Path

from bot.db import Database, workspaces
from bot.db import records as records_repo
from bot.db.connection import migration_files
from bot.records import profile
from bot.reminders import repo as reminders_repo
from knowledge.teams import Role
from tests.support.postgres_plugin import OpenDb, engine_migrations
from tests.support.today import E2E_NOW

STAMP = "2026-06-01T06:00:00+00:00"


def migrations_to_6(tmp_path: Path) -> Path:
    folder = tmp_path / "migrations_6"
    folder.mkdir()
    for number, path in migration_files(engine_migrations())[:6]:
        assert number <= 6
        shutil.copy(path, folder / path.name)
    return folder


async def schema_6(tmp_path: Path, open_db: OpenDb) -> Database:
    folder = migrations_to_6(tmp_path)
    db = await open_db(migrations=folder)
    assert await db.schema_version() == 6
    return db


async def fill(db: Database) -> None:
    for uid, hour in ((1, 8), (2, 10)):
        await db.execute(
            "INSERT INTO users (id, chat_id, lang, timezone, created_at, updated_at, "
            "reminder_hour, muted) VALUES (?, ?, 'ru', 'Asia/Almaty', ?, ?, ?, 'expiry')",
            (uid, uid, STAMP, STAMP, hour),
        )
    for rid, uid in ((10, 1), (11, 1), (12, 2)):
        await db.execute(
            "INSERT INTO records (id, user_id, kind, label, event_date, created_at, ref) "
            "VALUES (?, ?, 'permit', ?, '2026-05-01', ?, 'KZ-1')",
            (rid, uid, f"worker {rid}", STAMP),
        )
        await db.execute(
            "INSERT INTO reminders (user_id, record_id, kind, due_date, send_at, fact_id) "
            "VALUES (?, ?, 'renewal_opens', '2026-09-01', 1788000000, 'f')",
            (uid, rid),
        )
    await db.execute("INSERT INTO company_profiles VALUES (1, 120, 0, 0, 6, 4, 95, 5, ?)", (STAMP,))


async def test_upgrade_keeps_every_row_in_the_owners_personal_workspace(
    tmp_path: Path, open_db: OpenDb
) -> None:
    db = await schema_6(tmp_path, open_db)
    await fill(db)
    applied = await db.migrate()  # 0008: escalation, group chat; 0009: audit; 0010: workers
    assert applied == [7, 8, 9, 10]
    first, second = [await workspaces.current(db, uid, E2E_NOW) for uid in (1, 2)]
    assert first.workspace.kind == second.workspace.kind == "personal"
    assert first.workspace.id != second.workspace.id
    assert first.role == second.role == Role.OWNER
    assert [r.id for r in await records_repo.for_workspace(db, first.workspace.id)] == [10, 11]
    assert [r.id for r in await records_repo.for_workspace(db, second.workspace.id)] == [12]
    assert len(await reminders_repo.upcoming(db, 1)) == 2
    assert len(await reminders_repo.upcoming(db, 2)) == 1
    stored = await profile.get(db, first.workspace.id)
    assert stored == profile.CompanyProfile(120, False, False, 6, 4, 95, 5)
    assert await profile.get(db, second.workspace.id) is None
    row = await db.fetchone("SELECT reminder_hour, muted FROM users WHERE id = 2")
    assert row is not None and (row["reminder_hour"], row["muted"]) == (10, "expiry")
    refs = await db.fetchall("SELECT ref FROM records")
    assert [r["ref"] for r in refs] == ["KZ-1"] * 3, "details stay"
    assert first.workspace.escalate_days == 3, "the default ladder"
    snoozed = await db.fetchone("SELECT COUNT(*) AS n FROM reminders WHERE snoozed = 0")
    assert snoozed is not None and snoozed["n"] == 3, "every reminder kept, none snoozed"
    unowned = await db.fetchone("SELECT COUNT(*) AS n FROM records WHERE worker_id IS NULL")
    assert unowned is not None and unowned["n"] == 3, "records keep no worker until one is set"
    await db.close()
