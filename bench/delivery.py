"""Reminder delivery: the real engine, over HTTP, to a local Bot API server enforcing Telegram's
limits (30 messages a second overall, one a second per chat).

Target: ≥ 27 messages a second sustained (90 % of the limit), zero 429s, losses and duplicates.
``BENCH_DELIVERY_REMINDERS`` (default 10,000, two per chat) makes a quicker run possible.
"""

from __future__ import annotations

import asyncio
import os
import tempfile
import time
from collections import Counter
from pathlib import Path

from bench.report import Figure, record
from bot.app import create_app
from bot.config import Settings
from bot.db import Database
from tests.support.botapi import FakeBotApi

REMINDERS = int(os.environ.get("BENCH_DELIVERY_REMINDERS", "10000"))
PER_CHAT = 2
FIRST = 1_000_000


async def seed(app_db: Database, chats: int) -> None:
    stamp = "2026-11-25T00:00:00+00:00"
    due = int(time.time()) - 60
    users = range(FIRST, FIRST + chats)
    await app_db.executemany(
        "INSERT INTO users (id, chat_id, lang, timezone, is_active, created_at, updated_at) "
        "VALUES (?, ?, 'en', 'Asia/Almaty', 1, ?, ?)",
        [(uid, uid, stamp, stamp) for uid in users],
    )
    await app_db.executemany(
        "INSERT INTO records (id, user_id, kind, label, event_date, created_at) "
        "VALUES (?, ?, 'arrival', 'w', '2026-11-25', ?)",
        [(uid, uid, stamp) for uid in users],
    )
    await app_db.executemany(
        "INSERT INTO reminders (user_id, record_id, kind, due_date, send_at, fact_id) "
        "VALUES (?, ?, ?, '2026-11-25', ?, 'obligation.arrival_notice')",
        [(uid, uid, kind, due) for uid in users for kind in ("arrival_due_soon", "arrival_due")][
            : chats * PER_CHAT
        ],
    )


async def main() -> None:
    chats = REMINDERS // PER_CHAT
    server = FakeBotApi(per_second=30, per_chat_interval=1.0)
    await server.start()
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(
            _env_file=None, data_dir=Path(tmp), bot_token=server.token, telegram_api_url=server.url
        )
        app = await create_app(settings)
        await seed(app.db, chats)
        started = time.perf_counter()
        await app.engine.run_once()
        elapsed = time.perf_counter() - started
        await app.bot.session.close()
        await app.db.close()
    await server.stop()
    texts = Counter((sent.chat_id, sent.text) for sent in server.sent)
    delivered = len(texts)
    duplicates = sum(count - 1 for count in texts.values())
    rate = len(server.sent) / elapsed
    record(
        "delivery",
        [
            Figure(
                f"reminders delivered of {REMINDERS} ({chats} chats)",
                delivered,
                "msgs",
                f"= {REMINDERS}",
                delivered == REMINDERS,
            ),
            Figure("sustained rate", rate, "msg/s", ">= 27", rate >= 27),
            Figure(
                "rate as a fraction of Telegram's 30/s", rate / 30, "x", ">= 0.9", rate / 30 >= 0.9
            ),
            Figure("429 answers", server.rate_limited, "", "= 0", server.rate_limited == 0),
            Figure("duplicates", duplicates, "", "= 0", duplicates == 0),
            Figure("losses", REMINDERS - delivered, "", "= 0", delivered == REMINDERS),
            Figure("elapsed", elapsed, "s", "reported", None),
        ],
        {"reminders": REMINDERS, "chats": chats},
    )


if __name__ == "__main__":
    asyncio.run(main())
