"""Two senders of one token sharing one budget through Redis (``bot.replicas.SharedLimiter``), over
HTTP to a local Bot API server enforcing Telegram's limits (30 messages a second overall).

Each sender is a full ``create_bot`` session (retries, gate) as a replica has, with four workers
like the reminder engine's (``Engine.workers``); together they send ``BENCH_SHARED_MESSAGES``
(default 600) messages to as many chats from one queue.
Target: together ≥ 0.9 of 30/s with zero 429s. Needs ``redis-server`` (Debian's package).
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import time
from pathlib import Path

from aiogram import Bot

from bench.report import Figure, record
from bot import replicas
from bot.app import create_bot
from bot.config import Settings
from bot.replicas import SharedLimiter
from tests.support.redis_server import RedisServer, redis_server_program
from tests.support.telegram_server import TelegramServer

MESSAGES = int(os.environ.get("BENCH_SHARED_MESSAGES", "600"))
FIRST = 5_000_000
WORKERS = 4  # per replica, as the reminder engine


async def main() -> None:
    program = redis_server_program()
    if program is None:
        print("bench.shared_rate: redis-server is not installed; skipped", file=sys.stderr)
        return
    with tempfile.TemporaryDirectory() as tmp:
        redis_server = RedisServer(program, Path(tmp))
        try:
            elapsed, server = await run(redis_server.url)
        finally:
            redis_server.stop()
    rate = len(server.all_messages()) / elapsed
    refused = len(server.rate_limited)
    record(
        "shared_rate",
        [
            Figure(
                f"messages delivered of {MESSAGES}",
                len(server.all_messages()),
                "msgs",
                f"= {MESSAGES}",
                len(server.all_messages()) == MESSAGES,
            ),
            Figure(
                "two replicas together, as a fraction of Telegram's 30/s",
                rate / 30,
                "x",
                ">= 0.9",
                rate / 30 >= 0.9,
            ),
            Figure("429 answers", refused, "", "= 0", refused == 0),
            Figure("elapsed", elapsed, "s", "reported", None),
        ],
        {"messages": MESSAGES, "replicas": 2},
    )


async def run(url: str) -> tuple[float, TelegramServer]:
    server = TelegramServer()
    await server.start()
    users = range(FIRST, FIRST + MESSAGES)
    for uid in users:
        server.user(uid, "en")
    redis = replicas.connect(url)
    bot_id = int(server.token.split(":")[0])
    settings = Settings(_env_file=None, bot_token=server.token, telegram_api_url=server.url)
    bots = [create_bot(settings, limiter=SharedLimiter(redis, bot_id)) for _ in range(2)]
    queue: asyncio.Queue[int] = asyncio.Queue()
    for uid in users:
        queue.put_nowait(uid)

    async def worker(bot: Bot) -> None:
        while not queue.empty():
            uid = queue.get_nowait()
            await bot.send_message(uid, f"n{uid}")

    started = time.perf_counter()
    await asyncio.gather(*(worker(bot) for bot in bots for _ in range(WORKERS)))
    elapsed = time.perf_counter() - started
    for bot in bots:
        await bot.session.close()
    await redis.aclose()
    await server.stop()
    return elapsed, server


if __name__ == "__main__":
    asyncio.run(main())
