"""Two ``python -m bot`` replicas on one PostgreSQL database (issue 15): due reminders are shared
between them with no duplicates, and when one is killed (-9) mid-backlog the other delivers the
rest once the dead one's claims run out of lease: nothing lost, duplicates bounded by the sends
the dead one had in flight.

Both replicas run in webhook mode, as replicas behind one URL do (two long-polling processes on
one token would terminate each other's getUpdates). The shared 429 budget across replicas is
Redis's (another part of issue 15): Telegram's limits are off in the server here, and the
replicas send unthrottled.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
from collections import Counter
from collections.abc import AsyncIterator, Callable

import asyncpg
import pytest

from bot.db.postgres import PostgresDatabase
from tests.e2e.test_reminders import FIRST_USER, UNTHROTTLED, delivered, reached
from tests.e2e.test_webhook import get, metric, webhook_env
from tests.support.postgres import PostgresServer
from tests.support.redis_server import free_port
from tests.support.seeding import seed_due_reminders
from tests.support.server_plugin import BotProcess, SpawnBot
from tests.support.telegram_server import TelegramServer
from tests.support.today import E2E_NOW

BACKLOG = int(os.environ.get("E2E_REPLICA_BACKLOG", "2000"))  # issue 15's run: 10000
pytestmark = [pytest.mark.e2e, pytest.mark.timeout(150 + BACKLOG // 20)]
LEASE = 10  # seconds (the smallest CLAIM_LEASE_SECONDS): the survivor waits this long


@pytest.fixture
async def shared_db(postgres_server: PostgresServer) -> AsyncIterator[str]:
    """A database of its own (whatever TEST_DATABASE says), seeded before the replicas start."""
    url = await asyncio.to_thread(postgres_server.new_database)
    yield url
    await asyncio.to_thread(postgres_server.drop_database, url)


async def seed(server: TelegramServer, url: str, users: range) -> None:
    db = await PostgresDatabase.connect(url)
    await seed_due_reminders(db, users, ("arrival_due",), E2E_NOW)
    await db.close()
    for uid in users:
        server.user(uid, "en")


async def statuses(url: str) -> Counter[str]:
    conn = await asyncpg.connect(url)
    try:
        rows = await conn.fetch("SELECT status, COUNT(*) AS n FROM reminders GROUP BY status")
    finally:
        await conn.close()
    return Counter({row["status"]: row["n"] for row in rows})


class Replica:
    def __init__(self, process: BotProcess, health: int) -> None:
        self.process, self.health = process, health

    async def sent(self) -> float:
        _status, text = await get(f"http://127.0.0.1:{self.health}/metrics")
        return metric(text, "permitbot_reminders_total", outcome="sent")


async def start_replicas(
    server: TelegramServer,
    spawn_bot: SpawnBot,
    url: str,
    count: int = 2,
    unthrottled: bool = True,
    extra: dict[str, str] | None = None,
) -> list[Replica]:
    """Start ``count`` replicas at once; each is up when /healthz answers."""
    replicas = []
    for _ in range(count):
        port, health = free_port(), free_port()
        env = {
            **webhook_env(port, health),
            **(UNTHROTTLED if unthrottled else {}),
            "DATABASE_URL": url,
            "CLAIM_LEASE_SECONDS": str(LEASE),
            "LOG_FORMAT": "text",
            **(extra or {}),
        }
        replicas.append(Replica(await spawn_bot(ready=False, **env), health))
    for replica in replicas:
        process = replica.process.process
        await server.wait_for(
            lambda r=replica, p=process: p.returncode is not None or _listening(r.health),  # type: ignore[misc]
            timeout=90,
        )
        assert process.returncode is None, replica.process.stderr[-2000:]
    return replicas


def _listening(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


async def wait_sent(server: TelegramServer, url: str, total: int, timeout: float) -> None:
    await server.wait_for(lambda: reached(server, total), timeout=timeout)
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 30
    while (await statuses(url))["sent"] != total:
        assert loop.time() < deadline, f"not all marked sent: {await statuses(url)}"
        await asyncio.sleep(0.2)


async def test_two_replicas_share_a_backlog_with_no_duplicates(
    telegram_server: TelegramServer,
    spawn_bot: SpawnBot,
    shared_db: str,
    record_property: Callable[[str, object], None],
) -> None:
    server = telegram_server
    server.set_limits(None)
    await seed(server, shared_db, range(FIRST_USER, FIRST_USER + BACKLOG))
    replicas = await start_replicas(server, spawn_bot, shared_db)
    await wait_sent(server, shared_db, BACKLOG, timeout=60 + BACKLOG / 25)
    counts = delivered(server)
    shares = [await replica.sent() for replica in replicas]
    record_property("shares", shares)
    print(f"\nshares of {BACKLOG} reminders: {shares}")
    assert len(counts) == BACKLOG and set(counts.values()) == {1}, "each exactly once"
    assert sum(shares) == BACKLOG
    for replica in replicas:
        assert await replica.process.stop() == 0
    server.assert_clean()


async def test_kill_9_one_replica_mid_backlog_the_other_delivers_the_rest(
    telegram_server: TelegramServer,
    spawn_bot: SpawnBot,
    shared_db: str,
    record_property: Callable[[str, object], None],
) -> None:
    server = telegram_server
    server.set_limits(None)
    await seed(server, shared_db, range(FIRST_USER, FIRST_USER + BACKLOG))
    victim, survivor = await start_replicas(server, spawn_bot, shared_db)
    await server.wait_for(lambda: reached(server, BACKLOG // 4), timeout=60 + BACKLOG / 50)
    await victim.process.stop(signal.SIGKILL)
    sent_before = sum(delivered(server).values())
    assert sent_before < BACKLOG, "killed mid-backlog"

    await wait_sent(server, shared_db, BACKLOG, timeout=60 + BACKLOG / 25 + LEASE)
    counts = delivered(server)
    duplicates = sum(count - 1 for count in counts.values())
    record_property("duplicates", duplicates)
    print(f"\nkill -9: {sent_before} sent before, {duplicates} duplicates")
    assert len(counts) == BACKLOG, "nothing lost"
    assert duplicates <= 4, "at most the dead replica's sends in flight (one per worker)"
    assert await survivor.process.stop() == 0
    server.assert_clean()


SHARED_BACKLOG = int(os.environ.get("E2E_SHARED_BACKLOG", "600"))  # issue 15's run: 10000


@pytest.mark.timeout(120 + SHARED_BACKLOG // 10)
async def test_two_replicas_on_postgres_and_redis_keep_one_budget(
    telegram_server: TelegramServer,
    spawn_bot: SpawnBot,
    shared_db: str,
    redis_url: str,
    record_property: Callable[[str, object], None],
) -> None:
    """The production shape: one PostgreSQL, one Redis, two replicas of one token, Telegram's
    real flood limits in the server (30 a second, 1 a second a chat): every reminder once,
    no 429 — the send rate is the token's, shared through Redis, not each replica's."""
    server = telegram_server  # its default flood limits stay on
    await seed(server, shared_db, range(FIRST_USER, FIRST_USER + SHARED_BACKLOG))
    replicas = await start_replicas(
        server,
        spawn_bot,
        shared_db,
        unthrottled=False,
        extra={"REDIS_URL": redis_url, "SEND_RATE_PER_SECOND": "27"},  # as docker-compose.yml
    )
    started = asyncio.get_running_loop().time()
    await wait_sent(server, shared_db, SHARED_BACKLOG, timeout=60 + SHARED_BACKLOG / 20)
    took = asyncio.get_running_loop().time() - started
    counts = delivered(server)
    shares = [await replica.sent() for replica in replicas]
    record_property("shares", shares)
    print(f"\n{SHARED_BACKLOG} reminders by two replicas in {took:.1f} s: {shares}")
    assert len(counts) == SHARED_BACKLOG and set(counts.values()) == {1}, "each exactly once"
    assert all(share > 0 for share in shares), "both replicas sent"
    assert server.rate_limited == [], "one token's budget, shared: no 429"
    for replica in replicas:
        assert await replica.process.stop() == 0
    server.assert_clean()
