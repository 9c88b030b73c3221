"""Scale: 100,000 users and 1,000,000 reminders.

Targets: due-reminder query p99 ≤ 5 ms using an index; claiming a batch of 100 p99 ≤ 50 ms;
cold start to the first getUpdates ≤ 3 s; resident memory at idle ≤ the echo bot's + 60 MiB, and
no growth with the number of rows. ``BENCH_SCALE_USERS`` scales it down for a quick run.
"""

from __future__ import annotations

import asyncio
import os
import random
import sqlite3
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from bench.report import Figure, median, percentile, record
from bot.db import Database
from bot.reminders import repo
from tests.support.telegram_server import TelegramServer
from tests.support.today import E2E_NOW

USERS = int(os.environ.get("BENCH_SCALE_USERS", "100000"))
PER_USER = 10
ROOT = Path(__file__).resolve().parents[1]


def fill(path: Path, now: int) -> None:
    """Bulk rows with plain sqlite3 in one transaction; 1 % of reminders due in the last month.

    Every record sits in its user's personal workspace, as the bot keeps it since migration 0007.
    """
    rng = random.Random(7)
    stamp = "2026-01-01T00:00:00+00:00"
    with sqlite3.connect(path) as conn:
        conn.executemany(
            "INSERT INTO users (id, chat_id, lang, timezone, is_active, created_at, updated_at) "
            "VALUES (?, ?, 'ru', 'Asia/Almaty', 1, ?, ?)",
            ((uid, uid, stamp, stamp) for uid in range(1, USERS + 1)),
        )
        # Each user's personal workspace, owned and chosen, as the bot keeps it (migration 0007,
        # bot.db.workspaces.current); the workspace's id is its user's, for the records below.
        conn.executemany(
            "INSERT INTO workspaces (id, kind, personal_of, created_at) "
            "VALUES (?, 'personal', ?, ?)",
            ((uid, uid, stamp) for uid in range(1, USERS + 1)),
        )
        conn.executemany(
            "INSERT INTO members (workspace_id, user_id, role, joined_at) "
            "VALUES (?, ?, 'owner', ?)",
            ((uid, uid, stamp) for uid in range(1, USERS + 1)),
        )
        conn.execute("UPDATE users SET workspace_id = id")
        conn.executemany(
            "INSERT INTO records (id, user_id, workspace_id, kind, label, event_date, created_at) "
            "VALUES (?, ?, ?, 'permit', '', '2026-01-01', ?)",
            ((uid, uid, uid, stamp) for uid in range(1, USERS + 1)),
        )

        def reminders() -> Iterator[tuple[int, int, str, str, int, str]]:
            for uid in range(1, USERS + 1):
                for n in range(PER_USER):
                    due = rng.random() < 0.01
                    at = (
                        now - rng.randint(60, 25 * 86400)
                        if due
                        else now + rng.randint(60, 365 * 86400)
                    )
                    yield (uid, uid, f"k{n}", "2026-01-01", at, "renewal.window")

        conn.executemany(
            "INSERT INTO reminders (user_id, record_id, kind, due_date, send_at, fact_id) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            reminders(),
        )


async def queries(path: Path, now: int) -> list[Figure]:
    db = await Database.open(path)
    plan = await db.fetchall(
        "EXPLAIN QUERY PLAN SELECT * FROM reminders WHERE status = 'pending' AND send_at <= ? "
        "ORDER BY send_at LIMIT 100",
        (now,),
    )
    uses_index = any("reminders_due" in str(row[3]) for row in plan)
    stray = await db.fetchone(  # the fill keeps every record where the bot would find it
        "SELECT COUNT(*) AS n FROM records AS r LEFT JOIN members AS m "
        "ON m.workspace_id = r.workspace_id AND m.user_id = r.user_id WHERE m.user_id IS NULL"
    )
    outside = int(stray["n"]) if stray else -1
    due_times = []
    for _ in range(300):
        started = time.perf_counter()
        await db.fetchall(
            "SELECT * FROM reminders WHERE status = 'pending' AND send_at <= ? "
            "ORDER BY send_at LIMIT 100",
            (now - random.randint(0, 86400),),
        )
        due_times.append((time.perf_counter() - started) * 1000)
    claim_times = []
    for _ in range(100):
        started = time.perf_counter()
        claimed = await repo.claim_due(db, now, 100)
        claim_times.append((time.perf_counter() - started) * 1000)
        if len(claimed) < 100:  # a small run has fewer due rows
            break
    await db.close()
    due_p99, claim_p99 = percentile(due_times, 99), percentile(claim_times, 99)
    return [
        Figure("records outside their user's workspace", outside, "", "= 0", outside == 0),
        Figure("due-reminder query uses the index", float(uses_index), "bool", "= 1", uses_index),
        Figure("due-reminder query p50", median(due_times), "ms", "reported", None),
        Figure("due-reminder query p99", due_p99, "ms", "<= 5 ms", due_p99 <= 5),
        Figure("claim a batch of 100 p99", claim_p99, "ms", "<= 50 ms", claim_p99 <= 50),
    ]


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def start_process(
    args: list[str], env: dict[str, str], server: TelegramServer
) -> tuple[float, float]:
    """(seconds to the first getUpdates, resident MiB after settling) of a bot process."""
    seen = len(server.calls("getUpdates"))
    started = time.perf_counter()
    process = await asyncio.create_subprocess_exec(
        *args,
        cwd=ROOT,
        env={**os.environ, **env},
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )
    while len(server.calls("getUpdates")) == seen:
        await asyncio.sleep(0.01)
        if time.perf_counter() - started > 30:
            break
    cold = time.perf_counter() - started
    await asyncio.sleep(3)
    memory = rss_mib(process.pid)
    process.terminate()
    await process.wait()
    return cold, memory


async def main() -> None:
    now = int(E2E_NOW.timestamp())  # the bot processes below run on this clock too
    server = TelegramServer()
    await server.start()
    with tempfile.TemporaryDirectory() as big, tempfile.TemporaryDirectory() as empty:
        path = Path(big) / "permitbot.sqlite3"
        db = await Database.open(path)  # migrations
        await db.close()
        started = time.perf_counter()
        fill(path, now)
        fill_seconds = time.perf_counter() - started
        size = path.stat().st_size / 2**20
        figures = await queries(path, now)
        base = {
            "BOT_TOKEN": server.token,
            "TELEGRAM_API_URL": server.url,
            "LOG_LEVEL": "WARNING",
            "CLOCK_START": E2E_NOW.isoformat(),
        }
        _, echo_rss = await start_process([sys.executable, "-m", "bench.echo_bot"], base, server)
        cold_empty, rss_empty = await start_process(
            [sys.executable, "-m", "bot"], {**base, "DATA_DIR": empty}, server
        )
        cold, rss_full = await start_process(
            [sys.executable, "-m", "bot"],
            {**base, "DATA_DIR": big, "SEND_RATE_PER_SECOND": "1"},
            server,
        )
    await server.stop()
    figures += [
        Figure(
            f"database size ({USERS} users, {USERS * PER_USER} reminders)",
            size,
            "MiB",
            "reported",
            None,
        ),
        Figure("filling it", fill_seconds, "s", "reported", None),
        Figure("cold start to first getUpdates (full database)", cold, "s", "<= 3 s", cold <= 3),
        Figure(
            "cold start to first getUpdates (empty database)", cold_empty, "s", "reported", None
        ),
        Figure("echo bot resident memory at idle", echo_rss, "MiB", "reference", None),
        Figure(
            "PermitBot resident memory at idle (empty db)",
            rss_empty,
            "MiB",
            f"<= {echo_rss + 60:.0f}",
            rss_empty <= echo_rss + 60,
        ),
        Figure(
            "PermitBot resident memory at idle (full db)",
            rss_full,
            "MiB",
            f"<= {echo_rss + 60:.0f}",
            rss_full <= echo_rss + 60,
        ),
        Figure(
            "growth with the rows (full - empty)",
            rss_full - rss_empty,
            "MiB",
            "<= 10",
            rss_full - rss_empty <= 10,
        ),
    ]
    record("scale", figures, {"users": USERS, "reminders": USERS * PER_USER})


if __name__ == "__main__":
    asyncio.run(main())
