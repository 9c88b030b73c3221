"""A workspace's group chat (issue 14): one group per workspace and one workspace per group."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bot.clock import to_iso
from bot.db.connection import Database


@dataclass(frozen=True, slots=True)
class GroupLink:
    chat_id: int
    workspace_id: int
    linked_by: int | None
    lang: str
    digest_week: str


async def link(
    db: Database, chat_id: int, workspace_id: int, by: int, lang: str, now: dt.datetime
) -> None:
    """Link (or move) the group; a workspace's earlier group is unlinked."""
    async with db.transaction():
        await db.execute(
            "DELETE FROM group_links WHERE chat_id = ? OR workspace_id = ?", (chat_id, workspace_id)
        )
        await db.execute(
            "INSERT INTO group_links (chat_id, workspace_id, linked_by, lang, linked_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (chat_id, workspace_id, by, lang, to_iso(now)),
        )


async def unlink(db: Database, chat_id: int) -> bool:
    return await db.execute("DELETE FROM group_links WHERE chat_id = ?", (chat_id,)) == 1


async def of_chat(db: Database, chat_id: int) -> GroupLink | None:
    row = await db.fetchone("SELECT * FROM group_links WHERE chat_id = ?", (chat_id,))
    return None if row is None else GroupLink(**{k: row[k] for k in GroupLink.__slots__})


async def all_links(db: Database) -> list[GroupLink]:
    rows = await db.fetchall("SELECT * FROM group_links ORDER BY chat_id")
    return [GroupLink(**{k: row[k] for k in GroupLink.__slots__}) for row in rows]


async def digest_sent(db: Database, chat_id: int, week: str) -> None:
    await db.execute("UPDATE group_links SET digest_week = ? WHERE chat_id = ?", (week, chat_id))


async def claim_digest(db: Database, chat_id: int, week: str) -> bool:
    """Take this week's digest for the group; False if it was already taken."""
    changed = await db.execute(
        "UPDATE group_links SET digest_week = ? WHERE chat_id = ? AND digest_week != ?",
        (week, chat_id, week),
    )
    return changed == 1
