"""Scale on PostgreSQL: 100,000 users and 1,000,000 reminders, claims as replicas make them.

The same targets as bench/scale.py for SQLite: claiming a batch of 100 p99 ≤ 50 ms, the due query
by the index. Measured on a throwaway server from the system's packages (tests/support/postgres.py,
durability off as in the tests: the figures are the query plans' cost, not the disk's), once with
one claimer and once with two claiming at the same time (``FOR UPDATE SKIP LOCKED``: neither waits
for the other, and no row is taken twice). ``BENCH_SCALE_USERS`` scales it down.
"""

from __future__ import annotations

import asyncio
import os
import random
import time
from collections.abc import Iterator

import asyncpg

from bench.report import Figure, median, percentile, record
from bot.db.postgres import PostgresDatabase
from bot.reminders import repo
from tests.support import postgres
from tests.support.today import E2E_NOW

USERS = int(os.environ.get("BENCH_SCALE_USERS", "100000"))
PER_USER = 10
STAMP = "2026-01-01T00:00:00+00:00"


def reminders(now: int) -> Iterator[tuple[int, int, str, str, int, str]]:
    """1 % due in the last 25 days, the rest within a year (as bench/scale.py)."""
    rng = random.Random(7)
    for uid in range(1, USERS + 1):
        for n in range(PER_USER):
            due = rng.random() < 0.01
            at = now - rng.randint(60, 25 * 86400) if due else now + rng.randint(60, 365 * 86400)
            yield (uid, uid, f"k{n}", "2026-01-01", at, "renewal.window")


async def fill(url: str, now: int) -> None:
    conn = await asyncpg.connect(url)
    try:
        ids = range(1, USERS + 1)
        await conn.copy_records_to_table(
            "users",
            records=[(u, u, "ru", "Asia/Almaty", 1, STAMP, STAMP) for u in ids],
            columns=["id", "chat_id", "lang", "timezone", "is_active", "created_at", "updated_at"],
        )
        await conn.copy_records_to_table(
            "workspaces",
            records=[(u, "personal", u, STAMP) for u in ids],
            columns=["id", "kind", "personal_of", "created_at"],
        )
        await conn.copy_records_to_table(
            "members",
            records=[(u, u, "owner", STAMP) for u in ids],
            columns=["workspace_id", "user_id", "role", "joined_at"],
        )
        await conn.execute("UPDATE users SET workspace_id = id")
        await conn.copy_records_to_table(
            "records",
            records=[(u, u, u, "permit", "", "2026-01-01", STAMP) for u in ids],
            columns=["id", "user_id", "workspace_id", "kind", "label", "event_date", "created_at"],
        )
        await conn.copy_records_to_table(
            "reminders",
            records=reminders(now),
            columns=["user_id", "record_id", "kind", "due_date", "send_at", "fact_id"],
        )
        await conn.execute("ANALYZE")
    finally:
        await conn.close()


async def claim_times(db: PostgresDatabase, now: int, rounds: int) -> tuple[list[float], list[int]]:
    times, taken = [], []
    for _ in range(rounds):
        started = time.perf_counter()
        claimed = await repo.claim_due(db, now, 100, since=now - 30 * 86400)
        times.append((time.perf_counter() - started) * 1000)
        taken += [reminder.id for reminder in claimed]
        if len(claimed) < 100:
            break
    return times, taken


async def measure(url: str, now: int) -> list[Figure]:
    db = await PostgresDatabase.connect(url, max_size=4)
    plan = await db.fetchall(
        "EXPLAIN SELECT id FROM reminders WHERE status = 'pending' AND send_at BETWEEN ? AND ? "
        "ORDER BY send_at LIMIT 100 FOR UPDATE SKIP LOCKED",
        (now - 30 * 86400, now),
    )
    # Read in the index's order: no sort of every due row.
    uses_index = any("Index Scan using reminders_due" in row[0] for row in plan) and not any(
        "Sort" in row[0] for row in plan
    )
    due_times = []
    for _ in range(300):
        started = time.perf_counter()
        await db.fetchall(
            "SELECT * FROM reminders WHERE status = 'pending' AND send_at <= ? "
            "ORDER BY send_at LIMIT 100",
            (now - random.randint(0, 86400),),
        )
        due_times.append((time.perf_counter() - started) * 1000)
    one, _ = await claim_times(db, now, 40)
    await db.execute("UPDATE reminders SET status = 'pending' WHERE status = 'sending'")
    (first, a), (second, b) = await asyncio.gather(
        claim_times(db, now, 40), claim_times(db, now, 40)
    )
    both = first + second
    overlap = len(set(a) & set(b))
    await db.close()
    due_p99, one_p99, both_p99 = (percentile(t, 99) for t in (due_times, one, both))
    return [
        Figure("claim query uses the due index", float(uses_index), "bool", "= 1", uses_index),
        Figure("due-reminder query p50", median(due_times), "ms", "reported", None),
        Figure("due-reminder query p99", due_p99, "ms", "<= 5 ms", due_p99 <= 5),
        Figure("claim a batch of 100 p50 (one replica)", median(one), "ms", "reported", None),
        Figure("claim a batch of 100 p99 (one replica)", one_p99, "ms", "<= 50 ms", one_p99 <= 50),
        Figure(
            "claim a batch of 100 p99 (two at once)", both_p99, "ms", "<= 50 ms", both_p99 <= 50
        ),
        Figure("rows claimed by both of two replicas", overlap, "", "= 0", overlap == 0),
    ]


async def main() -> None:
    reason = postgres.missing()
    if reason is not None:  # ``make bench`` goes on without it
        print(f"bench.scale_postgres skipped: {reason}")
        return
    now = int(E2E_NOW.timestamp())
    with postgres.running() as server:
        server.create_template()
        url = await asyncio.to_thread(server.new_database)
        started = time.perf_counter()
        await fill(url, now)
        fill_seconds = time.perf_counter() - started
        figures = await measure(url, now)
    figures.append(Figure("filling it (COPY)", fill_seconds, "s", "reported", None))
    record("scale_postgres", figures, {"users": USERS, "reminders": USERS * PER_USER})


if __name__ == "__main__":
    asyncio.run(main())
