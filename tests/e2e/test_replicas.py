"""Two replicas on one Redis against the local Bot API server (its real flood limits).

- Two ``python -m bot`` processes in webhook mode on one ``DATA_DIR`` (SQLite in WAL mode; the
  conversation itself lives in Redis): a conversation begun on one continues on the other while
  both run.
- Two senders of one token with the shared limiter stay within Telegram's 30 messages a second
  together (no 429); with in-process limiters each keeps its own 29 and together they get 429s.
  (``bench/shared_rate.py`` measures the shared rate over 600 messages.)
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from aiogram import Bot
from redis.asyncio import Redis

from bot import replicas
from bot.app import create_bot
from bot.config import Settings
from bot.notify import Limiter
from bot.replicas import SharedLimiter
from tests.e2e.test_webhook import get, started_webhook, webhook_env
from tests.support.engine import query
from tests.support.redis_server import free_port
from tests.support.server_plugin import SpawnBot
from tests.support.telegram_server import TelegramServer

pytestmark = pytest.mark.e2e
USER = 4_100_001


async def test_a_conversation_begun_on_one_replica_continues_on_the_other(
    telegram_server: TelegramServer, spawn_bot: SpawnBot, redis_url: str, tmp_path: Path
) -> None:
    server = telegram_server
    first_port, second_port, health = free_port(), free_port(), free_port()
    first = await started_webhook(
        server, spawn_bot, {**webhook_env(first_port, free_port()), "REDIS_URL": redis_url}
    )
    asked = await server.say(USER, "/deadlines", "en")
    assert "Vacancy" in " ".join(asked.labels()), asked.text

    # The second replica takes over the webhook URL, as a load balancer would send it the next
    # update; the first keeps running.
    env = {**webhook_env(second_port, health), "REDIS_URL": redis_url}
    second = await spawn_bot(first.now(), ready=False, **env)
    await server.wait_for(
        lambda: f":{second_port}/" in server.webhook_url or second.process.returncode is not None,
        timeout=90,
    )
    assert second.process.returncode is None, second.stderr
    await server.tap(USER, "Vacancy")
    result = await server.say(USER, "01.09.2025", "en")
    assert "17 September 2025" in result.text, "the second replica finished the first's flow"
    assert first.process.returncode is None, "both replicas ran throughout"

    status, body = await get(f"http://127.0.0.1:{health}/readyz")
    assert status == 200, body
    assert '"redis": "ok"' in body
    assert query(tmp_path / "data", "SELECT COUNT(*) FROM fsm_state") == [(0,)], "state in Redis"
    assert await second.stop() == 0
    assert await first.stop() == 0
    server.assert_clean()


def sender(server: TelegramServer, limiter: Limiter) -> Bot:
    settings = Settings(
        _env_file=None, bot_token=server.token, telegram_api_url=server.url, request_timeout=5
    )
    return create_bot(settings, limiter=limiter)


async def send_from_two(server: TelegramServer, limiters: tuple[Limiter, Limiter]) -> None:
    """90 messages to 90 chats from one queue, four workers per sender (as the reminder
    engine's)."""
    users = range(4_200_000, 4_200_090)
    queue: asyncio.Queue[int] = asyncio.Queue()
    for uid in users:
        server.user(uid, "en")
        queue.put_nowait(uid)
    bots = [sender(server, limiter) for limiter in limiters]

    async def worker(bot: Bot) -> None:
        while not queue.empty():
            uid = queue.get_nowait()
            await bot.send_message(uid, f"notice {uid}")

    try:
        await asyncio.gather(*(worker(bot) for bot in bots for _ in range(4)))
    finally:
        for bot in bots:
            await bot.session.close()
    assert all(server.messages(uid) for uid in users), "every message arrived"


async def test_two_senders_of_one_token_share_one_budget(
    telegram_server: TelegramServer, redis_url: str
) -> None:
    server = telegram_server
    redis: Redis = replicas.connect(redis_url)
    bot_id = int(server.token.split(":")[0])
    try:
        await send_from_two(server, (SharedLimiter(redis, bot_id), SharedLimiter(redis, bot_id)))
    finally:
        await redis.aclose()
    assert server.rate_limited == [], "together within Telegram's 30 messages a second"
    server.assert_clean()


async def test_two_senders_with_their_own_budgets_get_429s(
    telegram_server: TelegramServer,
) -> None:
    """The contrast: what the shared budget prevents."""
    server = telegram_server
    await send_from_two(server, (Limiter(), Limiter()))
    assert server.rate_limited, "two processes at 29 a second each exceed one token's limit"
