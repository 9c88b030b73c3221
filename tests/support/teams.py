"""Workspaces in tests: a user's personal workspace id (created as the bot would on first need)."""

from __future__ import annotations

from bot.db import Database, workspaces
from tests.support.today import E2E_NOW


async def personal(db: Database, user_id: int) -> int:
    return await workspaces.personal(db, user_id, E2E_NOW)
