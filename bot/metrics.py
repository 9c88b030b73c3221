"""Prometheus metrics: updates, handler latency, reminders, 429s; hooks only, no handler edits.

One ``Metrics`` per app with its own registry (tests build several apps in one process). The
update middleware sits outermost in the dispatcher; the request middleware inside the retries, so
it sees every attempt (each 429, each success that makes /readyz trust Telegram).
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware, Bot
from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.dispatcher.event.bases import UNHANDLED
from aiogram.exceptions import TelegramRetryAfter
from aiogram.methods import TelegramMethod
from aiogram.methods.base import TelegramType
from aiogram.types import TelegramObject, Update
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest

from bot.db import Database
from bot.notify import Outcome

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]
CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.updates = Counter(
            "permitbot_updates",
            "Updates handled, by type and outcome",
            ["type", "outcome"],
            registry=r,
        )
        self.latency = Histogram(
            "permitbot_handler_seconds",
            "Time to handle one update",
            ["type"],
            buckets=LATENCY_BUCKETS,
            registry=r,
        )
        self.reminders = Counter(
            "permitbot_reminders", "Reminder delivery attempts by outcome", ["outcome"], registry=r
        )
        self.reminders_due = Gauge("permitbot_reminders_due", "Reminders due now", registry=r)
        self.reminders_paused = Gauge(
            "permitbot_reminders_paused", "Reminders paused (user blocked the bot)", registry=r
        )
        self.oldest_due = Gauge(
            "permitbot_oldest_due_reminder_age_seconds",
            "Age of the oldest reminder due and not yet sent (0: none)",
            registry=r,
        )
        self.retry_after = Counter(
            "permitbot_telegram_429", "429 Too Many Requests answers from Telegram", registry=r
        )
        self.retry_wait = Counter(
            "permitbot_telegram_429_wait_seconds", "Sum of the retry_after waits", registry=r
        )
        self.api_errors = Counter(
            "permitbot_telegram_errors", "Failed Bot API requests by method", ["method"], registry=r
        )
        self.last_api_ok: float | None = None  # time.monotonic() of the last successful request

    def observe_reminder(self, outcome: Outcome) -> None:
        self.reminders.labels(outcome.value).inc()

    async def refresh(self, db: Database, now: int) -> None:
        """The reminder gauges, read from the database at scrape time (the source of truth)."""
        row = await db.fetchone(
            "SELECT COUNT(*) AS due, MIN(send_at) AS oldest FROM reminders "
            "WHERE status = 'pending' AND send_at <= ?",
            (now,),
        )
        paused = await db.fetchone("SELECT COUNT(*) AS n FROM reminders WHERE status = 'paused'")
        due = int(row["due"]) if row else 0
        oldest = row["oldest"] if row else None
        self.reminders_due.set(due)
        self.oldest_due.set(max(0, now - int(oldest)) if oldest is not None else 0)
        self.reminders_paused.set(int(paused["n"]) if paused else 0)

    def exposition(self) -> bytes:
        return generate_latest(self.registry)


class UpdateMetrics(BaseMiddleware):
    """Counts each update by type and outcome (handled, unhandled, error) and times it."""

    def __init__(self, metrics: Metrics) -> None:
        self.metrics = metrics
        # Labelled children looked up once per update type (``labels()`` per update costs more
        # than the rest): type -> (its latency histogram, its counter by outcome).
        self._children: dict[str, tuple[Any, dict[str, Any]]] = {}

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        kind = event.event_type if isinstance(event, Update) else type(event).__name__
        started = time.perf_counter()
        outcome = "error"
        try:
            result = await handler(event, data)
            outcome = "unhandled" if result is UNHANDLED else "handled"
            return result
        finally:
            self._record(kind, outcome, time.perf_counter() - started)

    def _record(self, kind: str, outcome: str, seconds: float) -> None:
        children = self._children.get(kind)
        if children is None:
            children = self._children[kind] = (self.metrics.latency.labels(kind), {})
        latency, counts = children
        count = counts.get(outcome)
        if count is None:
            count = counts[outcome] = self.metrics.updates.labels(kind, outcome)
        latency.observe(seconds)
        count.inc()


class ApiWatch(BaseRequestMiddleware):
    """Each Bot API attempt: success time (for /readyz), 429s and their wait, failures."""

    def __init__(self, metrics: Metrics) -> None:
        self.metrics = metrics

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Any:
        try:
            result = await make_request(bot, method)
        except TelegramRetryAfter as exc:
            self.metrics.retry_after.inc()
            self.metrics.retry_wait.inc(float(exc.retry_after))
            raise
        except Exception:
            self.metrics.api_errors.labels(type(method).__name__).inc()
            raise
        self.metrics.last_api_ok = time.monotonic()
        return result
