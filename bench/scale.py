"""Scale: 100,000 users, 10,000 company workspaces and 1,000,000 reminders.

Targets: due-reminder query p99 ≤ 5 ms using an index; claiming a batch of 100 p99 ≤ 50 ms;
/status of one company (10 records, 100 reminders) p99 ≤ 20 ms and the combined dashboard of a
consultant in 20 companies p99 ≤ 100 ms, both reading by index (no scan of reminders or
records); cold start to the first getUpdates ≤ 3 s; resident memory at idle ≤ the echo bot's +
60 MiB, and no growth with the number of rows. ``BENCH_SCALE_USERS`` scales it down for a quick
run; ``BENCH_SCALE_PROCESS=0`` skips the process part (cold start, memory).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import random
import sqlite3
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from bench.report import Figure, median, percentile, record
from bot.db import Database, users
from bot.records import dashboard as board_reads
from bot.reminders import repo
from tests.support.telegram_server import TelegramServer
from tests.support.today import E2E_NOW

USERS = int(os.environ.get("BENCH_SCALE_USERS", "100000"))
PER_USER = 10
PER_COMPANY = 10  # users (and records) per company workspace: 10,000 companies at full size
COMPANIES = max(1, USERS // PER_COMPANY)
CONSULTANT_IN = 20  # companies the consultant of the combined dashboard belongs to
CONSULTANT = USERS  # the last user: a member of their own company and CONSULTANT_IN - 1 more
ROOT = Path(__file__).resolve().parents[1]


def company(uid: int) -> int:
    """The company workspace of a user: users 1..COMPANIES own one each, the rest are members."""
    return USERS + 1 + (uid - 1) % COMPANIES


def fill(path: Path, now: int) -> None:
    """Bulk rows with plain sqlite3 in one transaction; 1 % of reminders due in the last month.

    Every user has their personal workspace (migration 0007) and is a member of one of the
    company workspaces (ten a company, the first its owner), where their record sits: 10,000
    companies with 100 reminders each at full size. The consultant also belongs to 19 more.
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
            "INSERT INTO workspaces (id, kind, name, created_at) VALUES (?, 'company', ?, ?)",
            ((USERS + c, f"Company {c}", stamp) for c in range(1, COMPANIES + 1)),
        )
        conn.executemany(
            "INSERT INTO members (workspace_id, user_id, role, joined_at) VALUES (?, ?, ?, ?)",
            (
                (company(uid), uid, "owner" if uid <= COMPANIES else "member", stamp)
                for uid in range(1, USERS + 1)
            ),
        )
        own = company(CONSULTANT) - USERS - 1
        others = [USERS + 1 + (own + k) % COMPANIES for k in range(1, CONSULTANT_IN)]
        conn.executemany(
            "INSERT OR IGNORE INTO members (workspace_id, user_id, role, joined_at) "
            "VALUES (?, ?, 'viewer', ?)",
            ((ws, CONSULTANT, stamp) for ws in others),
        )
        conn.executemany(
            "INSERT INTO records (id, user_id, workspace_id, kind, label, event_date, route, "
            "term, created_at) VALUES (?, ?, ?, 'permit', '', '2026-01-01', 'cat2', 'm12', ?)",
            ((uid, uid, company(uid), stamp) for uid in range(1, USERS + 1)),
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
                    day = dt.datetime.fromtimestamp(at, dt.UTC).date().isoformat()
                    yield (uid, uid, f"k{n}", day, at, "renewal.window")

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


DASHBOARD_PLANS = (  # the reads of /status (bot.records.dashboard.entries), one workspace
    "SELECT * FROM records WHERE workspace_id = ? ORDER BY id",
    "SELECT id, region, ref, renewals_used, end_date, stage FROM records WHERE workspace_id = ?",
    "SELECT r.* FROM records AS rec CROSS JOIN reminders AS r ON r.record_id = rec.id "
    "WHERE rec.workspace_id = ? AND r.status IN ('pending', 'sent', 'paused') "
    "ORDER BY r.due_date, r.id",
    "SELECT w.*, m.role FROM members AS m JOIN workspaces AS w ON w.id = m.workspace_id "
    "WHERE m.user_id = ? ORDER BY w.kind = 'company', w.id",
)


async def dashboard(path: Path, now: int) -> list[Figure]:
    """/status of one company and the consultant's combined dashboard, as the handlers read
    them (bot.records.dashboard), on the full database."""
    db = await Database.open(path)
    scans = []
    for sql in DASHBOARD_PLANS:
        for row in await db.fetchall(f"EXPLAIN QUERY PLAN {sql}", (1,)):
            detail = str(row[3])
            if (detail.startswith("SCAN") and "USING" not in detail) or "reminders_due" in detail:
                scans.append(detail)  # a table read whole, or every pending reminder
    user = await users.get(db, CONSULTANT)
    assert user is not None
    today = dt.datetime.fromtimestamp(now, dt.UTC).date()
    one, every, sections = [], [], []
    for n in range(200):
        started = time.perf_counter()
        await board_reads.entries(db, user, today, company(1 + n * 37 % USERS))
        one.append((time.perf_counter() - started) * 1000)
    for _ in range(50):
        started = time.perf_counter()
        sections = await board_reads.combined(db, user, today)
        every.append((time.perf_counter() - started) * 1000)
    await db.close()
    urgent = sum(len(s.entries) for s in sections)
    one_p99, every_p99 = percentile(one, 99), percentile(every, 99)
    return [
        Figure(
            "dashboard reads by workspace, not all reminders",
            float(len(scans)),
            "scans",
            "= 0",
            not scans,
        ),
        Figure("/status of one company p50", median(one), "ms", "reported", None),
        Figure("/status of one company p99", one_p99, "ms", "<= 20 ms", one_p99 <= 20),
        Figure(
            f"combined dashboard, consultant in {len(sections)} workspaces p50",
            median(every),
            "ms",
            "reported",
            None,
        ),
        Figure(
            f"combined dashboard p99 ({urgent} urgent items)",
            every_p99,
            "ms",
            "<= 100 ms",
            every_p99 <= 100,
        ),
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
        figures += await dashboard(path, now)
        if os.environ.get("BENCH_SCALE_PROCESS", "1") == "0":
            await server.stop()
            record("scale-dashboard", figures, {"users": USERS, "workspaces": COMPANIES})
            return
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
    extra = {"users": USERS, "workspaces": COMPANIES, "reminders": USERS * PER_USER}
    record("scale", figures, extra)


if __name__ == "__main__":
    asyncio.run(main())
