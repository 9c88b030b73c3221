"""APScheduler wiring. The database is the source of truth; jobs only wake code that reads it.

Jobs live in memory (never pickled) and are re-added at every start from code.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from apscheduler.jobstores.memory import MemoryJobStore
from apscheduler.schedulers.asyncio import AsyncIOScheduler

Tick = Callable[[], Awaitable[object]]


def create_scheduler() -> AsyncIOScheduler:
    return AsyncIOScheduler(
        jobstores={"default": MemoryJobStore()},
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": None},
        timezone="UTC",
    )


def add_tick(scheduler: AsyncIOScheduler, name: str, seconds: float, tick: Tick) -> None:
    """Run ``tick`` every ``seconds``; overlapping runs are skipped, missed ones coalesced."""
    scheduler.add_job(tick, "interval", seconds=seconds, id=name, name=name, replace_existing=True)
