"""The one place a workspace role is checked (issue 14).

A handler states the role it needs as a flag, ``flags={"role": Role.MEMBER}``; this inner
middleware (after the filters matched, so the callback data is parsed) finds the workspace —
the one the button names (``callback_data.ws``), else the user's current one — reads the
membership from the database (a removed member's old buttons fail at once), refuses with one
answer when the role is too low, and gives the handler ``access``. Handlers without the flag
touch no workspace data and cost no query.
"""

from __future__ import annotations

from typing import Any

from aiogram import BaseMiddleware
from aiogram.dispatcher.flags import get_flag
from aiogram.types import CallbackQuery, Message, TelegramObject

from bot.clock import Clock
from bot.db import workspaces
from bot.db.connection import Database
from bot.db.users import User
from bot.i18n import Translator
from bot.middlewares import Handler
from knowledge.teams import Role, allows


class WorkspaceRole(BaseMiddleware):
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        need: Role | None = get_flag(data, "role")
        user: User | None = data.get("user")
        if need is None or user is None:
            return await handler(event, data)
        named = getattr(data.get("callback_data"), "ws", None)
        if isinstance(named, int):
            access = await workspaces.access(self.db, user.id, named)
        else:
            access = await workspaces.current(self.db, user.id, self.clock.now())
        if access is None or not allows(access.role, need):
            await _refuse(event, data["t"])
            return None
        data["access"] = access
        return await handler(event, data)


async def _refuse(event: TelegramObject, t: Translator) -> None:
    """Says so once: an alert on the pressed button, a reply to a message."""
    if isinstance(event, CallbackQuery):
        await event.answer(t("ws-denied"), show_alert=True)
    elif isinstance(event, Message):
        await event.answer(t("ws-denied"))
