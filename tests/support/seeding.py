"""Bulk test data: users with one record each and due reminders (for e2e tests and benchmarks)."""

from __future__ import annotations

from bot.db import Database

STAMP = "2026-11-25T00:00:00+00:00"


async def seed_due_reminders(
    db: Database, users: range, kinds: tuple[str, ...], send_at: int, label: str = "worker {uid}"
) -> None:
    """Each user: a chat, an "arrival" record named ``label``, and one reminder per kind."""
    await db.executemany(
        "INSERT INTO users (id, chat_id, lang, timezone, is_active, created_at, updated_at) "
        "VALUES (?, ?, 'en', 'Asia/Almaty', 1, ?, ?)",
        [(uid, uid, STAMP, STAMP) for uid in users],
    )
    await db.executemany(
        "INSERT INTO records (id, user_id, kind, label, event_date, created_at) "
        "VALUES (?, ?, 'arrival', ?, '2026-11-25', ?)",
        [(uid, uid, label.format(uid=uid), STAMP) for uid in users],
    )
    await db.executemany(
        "INSERT INTO reminders (user_id, record_id, kind, due_date, send_at, fact_id) "
        "VALUES (?, ?, ?, '2026-11-25', ?, 'obligation.arrival_notice')",
        [(uid, uid, kind, send_at) for uid in users for kind in kinds],
    )
