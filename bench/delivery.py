"""Reminder delivery: the real engine, over HTTP, to a local Bot API server enforcing Telegram's
limits (30 messages a second overall, one a second per chat with a burst of three).

Target: ≥ 27 messages a second sustained (90 % of the limit), zero 429s, losses and duplicates.
``BENCH_DELIVERY_REMINDERS`` (default 10,000, two per chat) makes a quicker run possible.
A chat's two reminders are about two different duties, so two messages with the same text in one
chat are a real duplicate (an obligation's day-before nudge and its deadline reminder, due
together, would go out as one message: ``bot.reminders.engine``).
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
from bot.clock import FrozenClock
from bot.config import Settings
from tests.support.seeding import seed_due_reminders
from tests.support.telegram_server import TelegramServer
from tests.support.today import E2E_NOW

REMINDERS = int(os.environ.get("BENCH_DELIVERY_REMINDERS", "10000"))
PER_CHAT = 2
KINDS = ("arrival_due", "contract_due")  # two deadlines: two different messages
FIRST = 1_000_000


async def main() -> None:
    chats = REMINDERS // PER_CHAT
    server = TelegramServer()  # with Telegram's flood limits
    await server.start()
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(
            _env_file=None, data_dir=Path(tmp), bot_token=server.token, telegram_api_url=server.url
        )
        app = await create_app(settings, clock=FrozenClock(E2E_NOW))
        users = range(FIRST, FIRST + chats)
        for uid in users:
            server.user(uid, "en")
        await seed_due_reminders(app.db, users, KINDS[:PER_CHAT], E2E_NOW, "w")
        started = time.perf_counter()
        await app.engine.run_once()
        elapsed = time.perf_counter() - started
        await app.bot.session.close()
        await app.db.close()
    await server.stop()
    sent = server.all_messages()
    texts = Counter((message.chat_id, message.text) for message in sent)
    delivered = len(texts)
    duplicates = sum(count - 1 for count in texts.values())
    rate = len(sent) / elapsed
    refused = len(server.rate_limited)
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
            Figure("429 answers", refused, "", "= 0", refused == 0),
            Figure("duplicates", duplicates, "", "= 0", duplicates == 0),
            Figure("losses", REMINDERS - delivered, "", "= 0", delivered == REMINDERS),
            Figure("elapsed", elapsed, "s", "reported", None),
        ],
        {"reminders": REMINDERS, "chats": chats},
    )


if __name__ == "__main__":
    asyncio.run(main())
