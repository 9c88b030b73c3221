"""Every state has a way out: a command typed in the middle of a conversation leaves it.

An outer message middleware: when a conversation is waiting for an answer and a command arrives,
the conversation is ended first and the command then runs as if typed outside it (so /status,
/track or /deletemydata work from a name prompt, and /cancel says what it cancelled).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.fsm.context import FSMContext
from aiogram.types import Message, TelegramObject

LEFT_FLOW = "left_flow"  # handler argument: True when this command ended a conversation


class LeaveFlowOnCommand(BaseMiddleware):
    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        state: FSMContext | None = data.get("state")
        data[LEFT_FLOW] = False
        if (
            isinstance(event, Message)
            and state is not None
            and (event.text or "").startswith("/")
            and await state.get_state() is not None
        ):
            await state.clear()
            data["raw_state"] = None  # what state filters read: already taken for this update
            data[LEFT_FLOW] = True
        return await handler(event, data)
