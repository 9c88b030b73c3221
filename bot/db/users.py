"""Users: language, time zone, and whether Telegram still lets us write to them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bot.clock import to_iso
from bot.db.connection import Database, Row
from bot.db.workspaces import CACHES as WORKSPACE_CACHES
from knowledge.l10n import Lang, normalize_lang


@dataclass(frozen=True, slots=True)
class User:
    id: int
    chat_id: int
    lang: Lang
    timezone: str
    is_active: bool
    reminder_hour: int = 9
    quiet_start: int = 21
    quiet_end: int = 9
    muted: frozenset[str] = frozenset()
    lead_recommended: int = 45
    lead_expiry: int = 7


def _user(row: Row) -> User:
    return User(
        id=row["id"],
        chat_id=row["chat_id"],
        lang=normalize_lang(row["lang"]),
        timezone=row["timezone"],
        is_active=bool(row["is_active"]),
        reminder_hour=row["reminder_hour"],
        quiet_start=row["quiet_start"],
        quiet_end=row["quiet_end"],
        muted=frozenset(filter(None, row["muted"].split(","))),
        lead_recommended=row["lead_recommended"],
        lead_expiry=row["lead_expiry"],
    )


def _cache(db: Database) -> dict[int, User]:
    """Users by id; every write below goes through it (see ``Database.cached``)."""
    return db.cached("users")


async def get(db: Database, user_id: int) -> User | None:
    cache = _cache(db)
    if user_id in cache:
        return cache[user_id]
    row = await db.fetchone("SELECT * FROM users WHERE id = ?", (user_id,))
    if row is None:
        return None
    cache[user_id] = user = _user(row)
    return user


async def _reload(db: Database, user_id: int) -> None:
    _cache(db).pop(user_id, None)
    await get(db, user_id)


async def seen(
    db: Database,
    user_id: int,
    chat_id: int,
    language_code: str | None,
    timezone: str,
    now: dt.datetime,
) -> User:
    """Record contact. The language follows Telegram's only at first; writing reactivates."""
    stamp = to_iso(now)
    row = await db.fetchone(
        "INSERT INTO users (id, chat_id, lang, timezone, is_active, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, 1, ?, ?) "
        "ON CONFLICT(id) DO UPDATE SET chat_id = excluded.chat_id, is_active = 1, "
        "updated_at = CASE WHEN users.is_active = 0 OR users.chat_id != excluded.chat_id "
        "THEN excluded.updated_at ELSE users.updated_at END "
        "RETURNING *",
        (user_id, chat_id, normalize_lang(language_code), timezone, stamp, stamp),
    )
    if row is None:
        raise RuntimeError("upsert returned no row")
    _cache(db)[user_id] = user = _user(row)
    return user


async def set_lang(db: Database, user_id: int, lang: Lang, now: dt.datetime) -> None:
    await db.execute(
        "UPDATE users SET lang = ?, updated_at = ? WHERE id = ?", (lang, to_iso(now), user_id)
    )
    await _reload(db, user_id)


async def set_active(db: Database, user_id: int, active: bool, now: dt.datetime) -> None:
    await db.execute(
        "UPDATE users SET is_active = ?, updated_at = ? WHERE id = ?",
        (int(active), to_iso(now), user_id),
    )
    await _reload(db, user_id)


async def set_timezone(db: Database, user_id: int, timezone: str, now: dt.datetime) -> None:
    await db.execute(
        "UPDATE users SET timezone = ?, updated_at = ? WHERE id = ?",
        (timezone, to_iso(now), user_id),
    )
    await _reload(db, user_id)


SETTINGS = {
    "reminder_hour",
    "quiet_start",
    "quiet_end",
    "timezone",
    "muted",
    "lead_recommended",
    "lead_expiry",
}


async def update_settings(db: Database, user_id: int, now: dt.datetime, **values: object) -> None:
    """Change reminder settings (column names are checked against ``SETTINGS``)."""
    unknown = set(values) - SETTINGS
    if unknown or not values:
        raise ValueError(f"not a setting: {sorted(unknown)}")
    assignments = ", ".join(f"{name} = ?" for name in values)
    await db.execute(
        f"UPDATE users SET {assignments}, updated_at = ? WHERE id = ?",  # noqa: S608
        (*values.values(), to_iso(now), user_id),
    )
    await _reload(db, user_id)


async def delete(db: Database, user_id: int) -> None:
    """Delete the user row (rows referencing it go by ON DELETE CASCADE) and replies kept for
    their chat (``reply_outbox`` is keyed by chat, so no cascade reaches it)."""
    await db.execute(
        "DELETE FROM reply_outbox WHERE chat_id IN (SELECT chat_id FROM users WHERE id = ?)",
        (user_id,),
    )
    await db.execute("DELETE FROM users WHERE id = ?", (user_id,))
    _cache(db).pop(user_id, None)
    db.forget(*WORKSPACE_CACHES)  # their memberships went by cascade


def forget_cached(db: Database, user_id: int | None = None) -> None:
    """After writing ``users`` with plain SQL elsewhere, drop the cached copy (or all)."""
    if user_id is None:
        _cache(db).clear()
    else:
        _cache(db).pop(user_id, None)
