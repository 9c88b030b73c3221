"""What each record's plan was computed from, and the "your dates moved" messages waiting to go.

A row per record: the version of every fact its plan rests on and its key dates (see
``knowledge.versions``). Written whenever a record is planned; compared at start-up.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from bot.clock import to_iso
from bot.db import Database


@dataclass(frozen=True, slots=True)
class PlanRow:
    record_id: int
    user_id: int
    versions: dict[str, str]
    dates: dict[str, str]


@dataclass(frozen=True, slots=True)
class Alert:
    id: int
    user_id: int
    changes: dict[str, Any]


async def save(
    db: Database,
    user_id: int,
    record_id: int,
    versions: dict[str, str],
    dates: dict[str, str],
    now: dt.datetime,
) -> None:
    await db.execute(
        "INSERT INTO plan_versions (record_id, user_id, versions, dates, updated_at) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (record_id) DO UPDATE SET "
        "versions = excluded.versions, dates = excluded.dates, updated_at = excluded.updated_at",
        (record_id, user_id, json.dumps(versions), json.dumps(dates), to_iso(now)),
    )


async def for_user(db: Database, user_id: int) -> dict[int, PlanRow]:
    rows = await db.fetchall("SELECT * FROM plan_versions WHERE user_id = ?", (user_id,))
    return {
        row["record_id"]: PlanRow(
            row["record_id"], row["user_id"], json.loads(row["versions"]), json.loads(row["dates"])
        )
        for row in rows
    }


async def users_with_open_records(db: Database) -> list[int]:
    rows = await db.fetchall(
        "SELECT DISTINCT user_id FROM records WHERE status = 'open' ORDER BY user_id"
    )
    return [row["user_id"] for row in rows]


async def add_alert(db: Database, user_id: int, changes: dict[str, Any], now: dt.datetime) -> None:
    await db.execute(
        "INSERT INTO impact_alerts (user_id, changes, created_at) VALUES (?, ?, ?)",
        (user_id, json.dumps(changes, ensure_ascii=False), to_iso(now)),
    )


async def pending_alerts(db: Database, limit: int = 200) -> list[Alert]:
    rows = await db.fetchall(
        "SELECT * FROM impact_alerts WHERE status = 'pending' ORDER BY id LIMIT ?", (limit,)
    )
    return [Alert(row["id"], row["user_id"], json.loads(row["changes"])) for row in rows]


async def close_alert(db: Database, alert_id: int, status: str) -> None:
    await db.execute("UPDATE impact_alerts SET status = ? WHERE id = ?", (status, alert_id))


async def fingerprint(db: Database) -> str | None:
    row = await db.fetchone("SELECT fingerprint FROM rules_state WHERE id = 1")
    return None if row is None else str(row["fingerprint"])


async def set_fingerprint(db: Database, value: str, now: dt.datetime) -> None:
    await db.execute(
        "INSERT INTO rules_state (id, fingerprint, updated_at) VALUES (1, ?, ?) "
        "ON CONFLICT (id) DO UPDATE SET fingerprint = excluded.fingerprint, "
        "updated_at = excluded.updated_at",
        (value, to_iso(now)),
    )
