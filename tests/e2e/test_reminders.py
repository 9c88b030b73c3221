"""Reminders through the real process: delivery, kills mid-backlog, a user who blocked the bot."""

from __future__ import annotations

import asyncio
import signal
import sqlite3
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.db import Database
from tests.e2e.conftest import StartBot
from tests.support.botapi import FakeBotApi
from tests.support.seeding import seed_due_reminders

pytestmark = pytest.mark.e2e
BACKLOG = 2000
FIRST_USER = 100_000


async def seed(data_dir: Path, users: range) -> None:
    """Users, one record each and one reminder due a minute ago, written before the bot starts."""
    data_dir.mkdir(parents=True, exist_ok=True)  # noqa: ASYNC240 - test set-up, before the bot runs
    db = await Database.open(data_dir / "permitbot.sqlite3")
    await seed_due_reminders(db, users, ("arrival_due",), int(time.time()) - 60)
    await db.close()


def statuses(data_dir: Path) -> Counter[str]:
    with sqlite3.connect(data_dir / "permitbot.sqlite3") as conn:
        return Counter(status for (status,) in conn.execute("SELECT status FROM reminders"))


def delivered(botapi: FakeBotApi) -> Counter[int]:
    return Counter(sent.chat_id for sent in botapi.sent if sent.chat_id >= FIRST_USER)


async def wait_until(predicate, timeout: float = 90) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.05)


@pytest.fixture
def fast(monkeypatch: pytest.MonkeyPatch) -> None:
    # The local server does not throttle; the rate limiter's speed is the benchmark's business.
    monkeypatch.setenv("SEND_RATE_PER_SECOND", "5000")
    monkeypatch.setenv("SEND_CHAT_INTERVAL", "0")


async def test_a_due_reminder_arrives_and_done_closes_it(
    botapi: FakeBotApi, start_bot: StartBot, tmp_path: Path, fast: None
) -> None:
    await seed(tmp_path / "data", range(FIRST_USER, FIRST_USER + 1))
    bot = await start_bot()
    message = await botapi.wait_for_message(FIRST_USER, "worker 100000", timeout=30)
    assert {"✓ Done", "Open", "⏰ 1 day", "⏰ 1 week"} <= set(message.labels())
    botapi.press(FIRST_USER, "Done")
    await wait_until(lambda: statuses(tmp_path / "data")["done"] == 1, timeout=20)
    assert await bot.stop() == 0
    assert botapi.violations == []


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
async def test_stop_mid_backlog_then_restart(
    botapi: FakeBotApi,
    start_bot: StartBot,
    tmp_path: Path,
    fast: None,
    sig: signal.Signals,
    record_property: Callable[[str, object], None],
) -> None:
    await seed(tmp_path / "data", range(FIRST_USER, FIRST_USER + BACKLOG))
    first = await start_bot()
    await wait_until(lambda: len(delivered(botapi)) >= BACKLOG // 4)
    code = await first.stop(sig)
    sent_before_restart = sum(delivered(botapi).values())
    assert sent_before_restart < BACKLOG, "stopped mid-backlog"
    if sig is signal.SIGTERM:
        assert code == 0 and "Traceback" not in first.stderr

    second = await start_bot()
    await wait_until(lambda: len(delivered(botapi)) == BACKLOG)
    await wait_until(lambda: statuses(tmp_path / "data")["sent"] == BACKLOG, timeout=30)
    assert await second.stop() == 0
    counts = delivered(botapi)
    duplicates = sum(count - 1 for count in counts.values())
    record_property("duplicates", duplicates)
    print(f"\n{sig.name}: {sent_before_restart} sent before the restart, {duplicates} duplicates")
    assert len(counts) == BACKLOG, "nothing lost"
    if sig is signal.SIGTERM:
        assert duplicates == 0
    else:
        assert duplicates <= 4, "at most the messages in flight (one per sending worker)"
    assert botapi.violations == []


async def test_blocked_user_is_tried_once(
    botapi: FakeBotApi, start_bot: StartBot, tmp_path: Path, fast: None
) -> None:
    blocked = FIRST_USER + 1
    await seed(tmp_path / "data", range(FIRST_USER, FIRST_USER + 3))
    botapi.blocked.add(blocked)
    bot = await start_bot()
    await wait_until(lambda: len(delivered(botapi)) == 2, timeout=30)
    await asyncio.sleep(1.5)  # a few more ticks
    attempts = [
        p
        for _t, method, p in botapi.requests
        if method == "sendMessage" and int(p["chat_id"]) == blocked
    ]
    assert len(attempts) == 1
    with sqlite3.connect(tmp_path / "data" / "permitbot.sqlite3") as conn:
        (active,) = conn.execute("SELECT is_active FROM users WHERE id = ?", (blocked,)).fetchone()
    assert active == 0 and statuses(tmp_path / "data")["paused"] == 1
    assert await bot.stop() == 0
