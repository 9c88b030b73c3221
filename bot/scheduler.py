"""APScheduler wiring. The database is the source of truth; jobs only wake code that reads it.

Jobs live in memory (never pickled) and are re-added at every start from code.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from apscheduler.jobstores.memory import MemoryJobStore
from apscheduler.schedulers.asyncio import AsyncIOScheduler

Tick = Callable[[], Awaitable[object]]


class TickScheduler(AsyncIOScheduler):  # type: ignore[misc]  # untyped library
    """An AsyncIOScheduler whose ticks can be stopped without cancelling one mid-way.

    ``stop`` lets a running tick finish, and a tick APScheduler still starts after it (a wake-up
    queued just before, e.g. the catch-up at start) returns at once instead of reaching a
    database that is being closed."""

    def __init__(self) -> None:
        super().__init__(
            jobstores={"default": MemoryJobStore()},
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": None},
            timezone="UTC",
        )
        self.stopping = False
        self.running_ticks: set[asyncio.Task[object]] = set()

    def guard(self, tick: Tick) -> Callable[[], Awaitable[object]]:
        async def guarded() -> object:
            task = asyncio.current_task()
            if self.stopping or task is None:
                return None
            self.running_ticks.add(task)
            try:
                return await tick()
            finally:
                self.running_ticks.discard(task)

        return guarded

    async def stop(self, timeout: float) -> None:
        """No new tick; the running ones finish (within ``timeout``); then shut down."""
        self.stopping = True
        if self.running:
            self.pause()
        await asyncio.sleep(0)  # a tick submitted just before enters its guard (and is counted)
        if self.running_ticks:
            await asyncio.wait(set(self.running_ticks), timeout=timeout)
        if self.running:
            self.remove_all_jobs()
            self.shutdown(wait=False)


def create_scheduler() -> TickScheduler:
    return TickScheduler()


def add_tick(scheduler: TickScheduler, name: str, seconds: float, tick: Tick) -> None:
    """Run ``tick`` every ``seconds``; overlapping runs are skipped, missed ones coalesced."""
    scheduler.add_job(
        scheduler.guard(tick),
        "interval",
        seconds=seconds,
        id=name,
        name=name,
        replace_existing=True,
    )
