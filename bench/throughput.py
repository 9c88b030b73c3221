"""Update handling: PermitBot's full Dispatcher against a bare aiogram echo bot, in one run.

Both get the same stream of updates and a session that records requests instead of sending them,
so the ratio isolates the cost of our middlewares, i18n, database and FSM storage.
Targets: read path ≥ 0.5× the echo bot's updates per second, write path ≥ 0.25×.
"""

from __future__ import annotations

import asyncio
import itertools
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from aiogram import Bot, Dispatcher, Router
from aiogram.types import CallbackQuery, Chat, Message, Update, User

from bench.report import Figure, median, percentile, record
from bot.app import create_app
from bot.clock import FrozenClock
from bot.config import Settings
from bot.local_session import LocalSession
from tests.support.today import E2E_NOW

USERS = 200
# Many short alternations, each bot's best kept: on a shared machine a quiet moment comes to
# both in a dozen tries, where three long runs each caught other processes' bursts.
REPEATS = 12
_ids = itertools.count(1)


def message(user_id: int, text: str) -> Update:
    user = User(id=user_id, is_bot=False, first_name="U", language_code="ru")
    msg = Message(
        message_id=next(_ids),
        date=E2E_NOW,  # Telegram's stamp; the bot reads its calendar from its clock
        chat=Chat(id=user_id, type="private"),
        from_user=user,
        text=text,
    )
    return Update(update_id=next(_ids), message=msg)


SESSIONS: list[LocalSession] = []  # the session under test: buttons are pressed on its messages


def callback(user_id: int, data: str) -> Update:
    user = User(id=user_id, is_bot=False, first_name="U", language_code="ru")
    sent = SESSIONS[-1].chat(user_id) if SESSIONS else []
    msg = Message(
        message_id=sent[-1].message_id if sent else next(_ids),
        date=E2E_NOW,  # Telegram's stamp; the bot reads its calendar from its clock
        chat=Chat(id=user_id, type="private"),
        text="menu",
    )
    query = CallbackQuery(
        id=str(next(_ids)), from_user=user, chat_instance="c", message=msg, data=data
    )
    return Update(update_id=next(_ids), callback_query=query)


# Each workload: a list of update factories per user, replayed round-robin over USERS users.
READ_PATH: list[Callable[[int], Update]] = [
    lambda u: message(u, "/start"),
    lambda u: message(u, "/help"),
    lambda u: callback(u, "m:help"),
    lambda u: message(u, "сколько действует разрешение на работу 2 категории"),
    lambda u: message(u, "/status"),
]
# Tracking a vacancy: the calculator's steps, "Track this", a name, Save (a record + reminders).
WRITE_PATH: list[Callable[[int], Update]] = [
    lambda u: message(u, "/deadlines"),
    lambda u: callback(u, "dl:event:vacancy"),
    lambda u: message(u, "01.09.2026"),
    lambda u: callback(u, "tr:vacancy:20260901::"),
    lambda u: message(u, "Инженер"),
    lambda u: callback(u, "trk:save"),
]


def echo_dispatcher() -> Dispatcher:
    router = Router()

    @router.message()
    async def echo(msg: Message) -> None:
        await msg.answer(msg.text or "")

    @router.callback_query()
    async def answer(query: CallbackQuery) -> None:
        await query.answer()

    dp = Dispatcher()
    dp.include_router(router)
    return dp


Step = Callable[[], Update]


async def replay(dp: Dispatcher, bot: Bot, steps: list[Step]) -> tuple[float, list[float]]:
    """Feed the updates one by one; each is built just before (a button needs the last message)."""
    assert isinstance(bot.session, LocalSession)
    SESSIONS.append(bot.session)
    latencies = []
    for step in steps:
        update = step()
        t0 = time.perf_counter()
        await dp.feed_update(bot, update)
        latencies.append((time.perf_counter() - t0) * 1000)
    return sum(latencies) / 1000, latencies  # time inside the Dispatcher only


def stream(workload: list[Callable[[int], Update]], rounds: int) -> list[Step]:
    """Each user goes through the workload in order; users interleave."""
    return [
        partial(make, 1000 + u) for _ in range(rounds) for make in workload for u in range(USERS)
    ]


async def measure(name: str, workload: list[Callable[[int], Update]], rounds: int) -> list[Figure]:
    echo_bot = Bot("1:echo", session=LocalSession())
    echo_dp = echo_dispatcher()
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(_env_file=None, data_dir=Path(tmp), bot_token=None)
        app = await create_app(settings, session=LocalSession(), clock=FrozenClock(E2E_NOW))
        # Warm-up: caches, catalogs, the knowledge index, registered users.
        await replay(echo_dp, echo_bot, stream(workload, 1))
        await replay(app.dp, app.bot, stream(workload, 1))
        # Alternate the two, several times, and keep each one's best run: the machine is shared.
        echo_time, full_time = float("inf"), float("inf")
        echo_lat: list[float] = []
        full_lat: list[float] = []
        for _ in range(REPEATS):
            seconds, latencies = await replay(echo_dp, echo_bot, stream(workload, rounds))
            echo_lat += latencies
            echo_time = min(echo_time, seconds)
            seconds, latencies = await replay(app.dp, app.bot, stream(workload, rounds))
            full_lat += latencies
            full_time = min(full_time, seconds)
        await app.db.close()
    count = rounds * USERS * len(workload)
    echo_rate, full_rate = count / echo_time, count / full_time
    ratio = full_rate / echo_rate
    target = 0.5 if name == "read" else 0.25
    return [
        Figure(f"{name} path: echo bot updates/s", echo_rate, "upd/s", "reference", None),
        Figure(f"{name} path: PermitBot updates/s", full_rate, "upd/s", "reported", None),
        Figure(f"{name} path: PermitBot / echo", ratio, "x", f">= {target}", ratio >= target),
        Figure(f"{name} path: echo p50", median(echo_lat), "ms", "reference", None),
        Figure(f"{name} path: echo p99", percentile(echo_lat, 99), "ms", "reference", None),
        Figure(f"{name} path: PermitBot p50", median(full_lat), "ms", "reported", None),
        Figure(f"{name} path: PermitBot p99", percentile(full_lat, 99), "ms", "reported", None),
    ]


async def main() -> None:
    figures = await measure("read", READ_PATH, rounds=1)
    figures += await measure("write", WRITE_PATH, rounds=1)
    record("throughput", figures, {"users": USERS})


if __name__ == "__main__":
    asyncio.run(main())
