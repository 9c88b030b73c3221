"""Bulk test data: users with one record each and due reminders (for e2e tests and benchmarks)."""

from __future__ import annotations

import datetime as dt

from bot.clock import to_iso
from bot.db import Database
from tests.support.today import local_day


async def seed_due_reminders(
    db: Database,
    users: range,
    kinds: tuple[str, ...],
    now: dt.datetime,
    label: str = "worker {uid}",
) -> None:
    """Each user: a chat, an "arrival" record named ``label`` that happened on ``now``'s day, and
    one reminder per kind due on that day, to be sent a minute before ``now`` (the clock the bot
    runs on)."""
    stamp, day = to_iso(now), local_day(now).isoformat()
    send_at = int(now.timestamp()) - 60
    await db.executemany(
        "INSERT INTO users (id, chat_id, lang, timezone, is_active, created_at, updated_at) "
        "VALUES (?, ?, 'en', 'Asia/Almaty', 1, ?, ?)",
        [(uid, uid, stamp, stamp) for uid in users],
    )
    await db.executemany(
        "INSERT INTO workspaces (kind, personal_of, created_at) VALUES ('personal', ?, ?)",
        [(uid, stamp) for uid in users],
    )
    await db.executemany(  # each record in its user's personal workspace, as the bot keeps it
        "INSERT INTO members (workspace_id, user_id, role, joined_at) "
        "SELECT id, personal_of, 'owner', created_at FROM workspaces WHERE personal_of = ?",
        [(uid,) for uid in users],
    )
    await db.executemany(
        "INSERT INTO records (id, user_id, workspace_id, kind, label, event_date, created_at) "
        "VALUES (?, ?, (SELECT id FROM workspaces WHERE personal_of = ?), 'arrival', ?, ?, ?)",
        [(uid, uid, uid, label.format(uid=uid), day, stamp) for uid in users],
    )
    await db.executemany(
        "INSERT INTO reminders (user_id, record_id, kind, due_date, send_at, fact_id) "
        "VALUES (?, ?, ?, ?, ?, 'obligation.arrival_notice')",
        [(uid, uid, kind, day, send_at) for uid in users for kind in kinds],
    )
    if db.engine == "postgres":  # the ids given above: the next record the bot adds comes after
        await db.execute(
            "SELECT setval(pg_get_serial_sequence('records', 'id'), (SELECT max(id) FROM records))"
        )
