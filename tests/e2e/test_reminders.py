"""Reminders through the real process: delivery under Telegram's limits, kills mid-backlog, a user
who blocked the bot, and buttons pressed on somebody else's reminder."""

from __future__ import annotations

import asyncio
import itertools
import signal
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.engine import open_for, query
from tests.support.seeding import seed_due_reminders
from tests.support.server_plugin import SpawnBot
from tests.support.telegram_server import TelegramServer
from tests.support.today import E2E_NOW

pytestmark = pytest.mark.e2e
BACKLOG = 2000
FIRST_USER = 100_000
# Telegram's flood limits get their own small test below; the backlogs go as fast as the machine
# allows (the rate under the limits is what bench/delivery.py measures).
UNTHROTTLED = {"SEND_RATE_PER_SECOND": "5000", "SEND_CHAT_INTERVAL": "0"}
SHORT_LEASE = {"CLAIM_LEASE_SECONDS": "10"}


async def seed(server: TelegramServer, data_dir: Path, users: range, kinds: int = 1) -> None:
    """Users, one record each and ``kinds`` reminders due a minute before ``E2E_NOW`` (the bot's
    clock), before the bot starts."""
    data_dir.mkdir(parents=True, exist_ok=True)  # noqa: ASYNC240 - test set-up, before the bot runs
    db = await open_for(data_dir)  # SQLite in DATA_DIR, or the test's PostgreSQL database
    names = ("arrival_due", "contract_due", "iin_due")[:kinds]
    await seed_due_reminders(db, users, names, E2E_NOW)
    await db.close()
    for uid in users:
        server.user(uid, "en")


def statuses(data_dir: Path) -> Counter[str]:
    return Counter(status for (status,) in query(data_dir, "SELECT status FROM reminders"))


def scalar(data_dir: Path, sql: str, *params: object) -> object:
    return query(data_dir, sql, *params)[0][0]


def delivered(server: TelegramServer) -> Counter[int]:
    return Counter(m.chat_id for m in server.all_messages() if m.chat_id >= FIRST_USER)


def reached(server: TelegramServer, chats: int) -> bool:
    """At least ``chats`` seeded chats got a reminder. The full count runs only once that many
    messages went out: counting every chat after every request would stall the server's loop
    under a 10,000 backlog, and a stalled server stamps the requests queued behind it at once,
    which its flood limit then counts as a burst the bot never sent."""
    return server.sent_count >= chats and len(delivered(server)) >= chats


async def test_a_due_reminder_arrives_and_done_closes_it(
    telegram_server: TelegramServer, spawn_bot: SpawnBot, tmp_path: Path
) -> None:
    server, data = telegram_server, tmp_path / "data"
    await seed(server, data, range(FIRST_USER, FIRST_USER + 1))
    bot = await spawn_bot()
    message = await server.wait_for_message(FIRST_USER, "worker 100000", timeout=30)
    assert {"✓ Done", "Open", "⏰ 1 day", "⏰ 1 week"} <= set(message.labels())
    closed = await server.tap(FIRST_USER, "Done")
    assert statuses(data)["done"] == 1
    assert closed.message_id == message.message_id, "the reminder itself is updated"
    assert await bot.stop() == 0
    server.assert_clean()


async def test_delivery_keeps_within_telegrams_limits(
    telegram_server: TelegramServer, spawn_bot: SpawnBot, tmp_path: Path
) -> None:
    """60 reminders to 20 chats (3 each) against the server's real flood limits: no 429 at all."""
    server, data = telegram_server, tmp_path / "data"
    await seed(server, data, range(FIRST_USER, FIRST_USER + 20), kinds=3)
    bot = await spawn_bot()
    await server.wait_for(lambda: sum(delivered(server).values()) == 60, timeout=30)
    assert await bot.stop() == 0
    assert server.rate_limited == [], "the bot kept to the limits by itself"
    for uid in range(FIRST_USER, FIRST_USER + 20):
        times = [m.sent_at for m in server.messages(uid)]
        # Paced about a second apart (unpaced they would be milliseconds apart; the slack is
        # for a loaded machine, the server's own limiter is what judges).
        assert min(b - a for a, b in itertools.pairwise(times)) >= 0.5
    server.assert_clean()


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM], ids=["kill-9", "sigterm"])
async def test_stop_mid_backlog_then_restart(
    telegram_server: TelegramServer,
    spawn_bot: SpawnBot,
    tmp_path: Path,
    sig: signal.Signals,
    record_property: Callable[[str, object], None],
) -> None:
    server, data = telegram_server, tmp_path / "data"
    server.set_limits(None)
    await seed(server, data, range(FIRST_USER, FIRST_USER + BACKLOG))
    # On PostgreSQL the killed process's claims are leased (replicas may still be sending them):
    # the restart takes them back when the lease ends, the shortest here. (SQLite: at once.)
    first = await spawn_bot(**UNTHROTTLED, **SHORT_LEASE)
    await server.wait_for(lambda: reached(server, BACKLOG // 4), timeout=90)
    code = await first.stop(sig)
    sent_before_restart = sum(delivered(server).values())
    assert sent_before_restart < BACKLOG, "stopped mid-backlog"
    if sig is signal.SIGTERM:
        assert code == 0 and "Traceback" not in first.stderr

    second = await spawn_bot(first.now(), **UNTHROTTLED, **SHORT_LEASE)  # its clock goes on
    await server.wait_for(lambda: reached(server, BACKLOG), timeout=90)
    await server.wait_for(lambda: statuses(data)["sent"] == BACKLOG, timeout=30)
    assert await second.stop() == 0
    counts = delivered(server)
    duplicates = sum(count - 1 for count in counts.values())
    record_property("duplicates", duplicates)
    print(f"\n{sig.name}: {sent_before_restart} sent before the restart, {duplicates} duplicates")
    assert len(counts) == BACKLOG, "nothing lost"
    if sig is signal.SIGTERM:
        assert duplicates == 0
    else:
        assert duplicates <= 4, "at most the messages in flight (one per sending worker)"
    server.assert_clean()


async def test_blocked_user_is_tried_once(
    telegram_server: TelegramServer, spawn_bot: SpawnBot, tmp_path: Path
) -> None:
    server, data = telegram_server, tmp_path / "data"
    blocked = FIRST_USER + 1
    await seed(server, data, range(FIRST_USER, FIRST_USER + 3))
    server.block(blocked)
    bot = await spawn_bot()
    await server.wait_for(lambda: len(delivered(server)) == 2, timeout=30)
    await server.wait_for(lambda: statuses(data)["paused"] == 1, timeout=10)
    sends = len(server.calls("sendMessage"))
    await asyncio.sleep(1.5)  # three more ticks of the reminder engine
    assert [r.status for r in server.calls("sendMessage", blocked)] == [403], "one attempt"
    assert len(server.calls("sendMessage")) == sends
    assert scalar(data, "SELECT is_active FROM users WHERE id = ?", blocked) == 0
    assert await bot.stop() == 0
    server.assert_clean()


async def test_buttons_of_another_users_reminder_change_nothing(
    telegram_server: TelegramServer, spawn_bot: SpawnBot, tmp_path: Path
) -> None:
    server, data = telegram_server, tmp_path / "data"
    owner, intruder = FIRST_USER, FIRST_USER + 1
    await seed(server, data, range(owner, owner + 2))
    bot = await spawn_bot()
    await server.wait_for(lambda: len(delivered(server)) == 2, timeout=30)
    theirs = server.messages(owner)[-1]
    mine = server.messages(intruder)[-1]
    for button in theirs.buttons():  # the owner's callback data, pressed in the intruder's chat
        server.press_data(intruder, mine.message_id, button["callback_data"])
    await server.wait_for(lambda: len(server.callback_answers) == len(theirs.buttons()), 15)
    assert scalar(data, "SELECT status FROM reminders WHERE user_id = ?", owner) == "sent"
    assert "worker 100000" not in "".join(m.text for m in server.messages(intruder))
    assert await bot.stop() == 0
    server.assert_clean()
