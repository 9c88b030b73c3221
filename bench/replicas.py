"""Reminder delivery by two replicas (issue 15): two ``python -m bot`` processes in webhook mode
on one PostgreSQL database and one Redis, to a local Bot API server enforcing Telegram's limits
(30 messages a second, one a second per chat), each replica pacing at ``SEND_RATE_PER_SECOND=27``
as in docker-compose.yml.

Figures: the two together ÷ Telegram's 30/s (from the server's arrival stamps, first to last
reminder), 429 answers, duplicates, losses, each replica's share. ``BENCH_REPLICA_REMINDERS``
(default 3,000; issue 15's run: 10,000). Needs PostgreSQL and ``redis-server`` (Debian's packages).
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import tempfile
from collections import Counter
from pathlib import Path

from bench.report import Figure, record
from bot.db.postgres import PostgresDatabase
from tests.e2e.test_webhook import webhook_env
from tests.support import postgres
from tests.support.redis_server import RedisServer, free_port, redis_server_program
from tests.support.seeding import seed_due_reminders
from tests.support.server_plugin import BotProcess, launch
from tests.support.telegram_server import TelegramServer
from tests.support.today import E2E_NOW

REMINDERS = int(os.environ.get("BENCH_REPLICA_REMINDERS", "3000"))
FIRST = 2_000_000


def replica_env(database_url: str, redis_url: str) -> dict[str, str]:
    return {
        **webhook_env(free_port(), free_port()),
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "SEND_RATE_PER_SECOND": "27",
        "LOG_LEVEL": "WARNING",
    }


async def deliver(database_url: str, redis_url: str, folder: Path) -> TelegramServer:
    server = TelegramServer()  # with Telegram's flood limits
    await server.start()
    users = range(FIRST, FIRST + REMINDERS)
    db = await PostgresDatabase.connect(database_url)
    await seed_due_reminders(db, users, ("arrival_due",), E2E_NOW)
    await db.close()
    for uid in users:
        server.user(uid, "en")
    bots: list[BotProcess] = []
    for number in range(2):
        env = replica_env(database_url, redis_url)
        bots.append(await launch(server, folder / "data", folder, number, E2E_NOW, env))
    await server.wait_for(lambda: server.sent_count >= REMINDERS, timeout=120 + REMINDERS / 20)
    await asyncio.sleep(2)  # a duplicate would come after
    for bot in bots:
        await bot.stop(signal.SIGTERM)
    await server.stop()
    return server


async def main() -> None:
    program, missing = redis_server_program(), postgres.missing()
    if program is None or missing is not None:
        print(f"bench.replicas: skipped ({missing or 'redis-server is not installed'})")
        return
    with tempfile.TemporaryDirectory() as tmp, postgres.running() as pg:
        pg.create_template()
        redis = RedisServer(program, Path(tmp))
        try:
            server = await deliver(pg.new_database(), redis.url, Path(tmp))
        finally:
            redis.stop()
    sent = [m for m in server.all_messages() if m.chat_id >= FIRST]
    chats = Counter(m.chat_id for m in sent)
    arrivals = sorted(r.at for r in server.calls("sendMessage") if (r.chat_id or 0) >= FIRST)
    rate = (len(arrivals) - 1) / (arrivals[-1] - arrivals[0])
    refused, duplicates = len(server.rate_limited), sum(n - 1 for n in chats.values())
    record(
        "replicas",
        [
            Figure(
                f"reminders delivered of {REMINDERS}",
                len(chats),
                "msgs",
                f"= {REMINDERS}",
                len(chats) == REMINDERS,
            ),
            Figure(
                "two replicas together ÷ Telegram's 30/s",
                rate / 30,
                "x",
                ">= 0.85",
                rate / 30 >= 0.85,
            ),
            Figure("429 answers", refused, "", "= 0", refused == 0),
            Figure("duplicates", duplicates, "", "= 0", duplicates == 0),
            Figure("losses", REMINDERS - len(chats), "", "= 0", len(chats) == REMINDERS),
        ],
        {"reminders": REMINDERS, "replicas": 2, "rate_per_replica_setting": 27},
    )


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
