"""Webhook mode answers Telegram before handling: a slow update never holds the HTTP 200 (else
Telegram times out and sends the update again, and its queue stalls behind it)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import aiohttp
from aiogram.types import TelegramObject

from bot.app import create_app
from bot.clock import FrozenClock
from bot.config import Settings
from bot.local_session import LocalSession
from bot.webhook import start_webhook, stop_webhook
from tests.conftest import DEFAULT_NOW
from tests.support.redis_server import free_port

SECRET = "background-secret"
USER = 3_300_001


def start_update(update_id: int) -> dict[str, Any]:
    sender = {"id": USER, "is_bot": False, "first_name": "S", "language_code": "en"}
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": int(DEFAULT_NOW.timestamp()),
            "chat": {"id": USER, "type": "private"},
            "from": sender,
            "text": "/start",
        },
    }


async def test_a_slow_update_is_answered_200_before_it_is_handled(tmp_path: Path) -> None:
    port = free_port()
    settings = Settings(
        _env_file=None,
        data_dir=tmp_path / "data",
        bot_token="123456:ABCdefGhIjKlmNoPqRsTuVwXyZ0123456789",
        webhook_host="127.0.0.1",
        webhook_port=port,
    )
    session = LocalSession()
    app = await create_app(settings, session=session, clock=FrozenClock(DEFAULT_NOW))
    entered, release = asyncio.Event(), asyncio.Event()

    async def slow(
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        entered.set()
        await release.wait()  # the handler cannot finish before the test lets it
        return await handler(event, data)

    app.dp.update.outer_middleware(slow)
    runner = await start_webhook(app, f"https://bot.example/hook/{port}", SECRET)
    try:
        async with (
            aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=20)) as client,
            client.post(
                f"http://127.0.0.1:{port}/hook/{port}",
                json=start_update(1),
                headers={"X-Telegram-Bot-Api-Secret-Token": SECRET},
            ) as response,
        ):
            assert response.status == 200
        await entered.wait()
        assert not session.chat(USER), "answered while the update is still being handled"
        release.set()
        for _ in range(500):  # the update goes on in the background and is answered
            if session.chat(USER):
                break
            await asyncio.sleep(0.01)
        assert session.chat(USER), "the update was handled after its 200"
    finally:
        release.set()
        await stop_webhook(app, runner)
