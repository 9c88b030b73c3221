"""Metrics hooks, the health endpoints and JSON logs, without a process or a network."""

from __future__ import annotations

import asyncio
import io
import json
import logging
import time
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiogram.exceptions import TelegramRetryAfter
from aiogram.methods import GetMe, SendMessage
from aiogram.types import Chat, Message, Update
from aiohttp.test_utils import TestClient, TestServer

from bot import healthcheck
from bot.app import App
from bot.health import TICK_GRACE, Ticks, check_scheduler, health_app
from bot.logs import JsonFormatter, RedactFilter
from bot.metrics import ApiWatch, Metrics, UpdateMetrics
from bot.notify import Outcome
from tests.support.seeding import seed_due_reminders

TOKEN = "123456:SECRET-token-value"


def sample(metrics: Metrics, name: str, **labels: str) -> float:
    value = metrics.registry.get_sample_value(name, labels)
    return 0.0 if value is None else value


def update(text: str = "hi") -> Update:
    chat = Chat(id=5, type="private")
    message = Message(message_id=1, date=0, chat=chat, text=text)  # type: ignore[arg-type]
    return Update(update_id=1, message=message)


async def test_updates_are_counted_by_type_and_outcome_and_timed() -> None:
    metrics = Metrics()
    middleware = UpdateMetrics(metrics)

    async def ok(_event: Any, _data: dict[str, Any]) -> str:
        return "done"

    async def boom(_event: Any, _data: dict[str, Any]) -> None:
        raise RuntimeError("handler failed")

    await middleware(ok, update(), {})
    with pytest.raises(RuntimeError):  # the failure still reaches the errors handler
        await middleware(boom, update(), {})
    assert sample(metrics, "permitbot_updates_total", type="message", outcome="handled") == 1
    assert sample(metrics, "permitbot_updates_total", type="message", outcome="error") == 1
    assert sample(metrics, "permitbot_handler_seconds_count", type="message") == 2


async def test_api_watch_counts_429s_and_their_wait_and_remembers_success() -> None:
    metrics = Metrics()
    watch = ApiWatch(metrics)
    method = SendMessage(chat_id=5, text="x")

    async def limited(_bot: Any, _method: Any) -> Any:
        raise TelegramRetryAfter(method=method, message="Too Many Requests", retry_after=7)

    async def fine(_bot: Any, _method: Any) -> Any:
        return True

    with pytest.raises(TelegramRetryAfter):
        await watch(limited, None, method)  # type: ignore[arg-type]
    assert metrics.last_api_ok is None, "a 429 is no sign of a working Telegram"
    await watch(fine, None, GetMe())  # type: ignore[arg-type]
    assert sample(metrics, "permitbot_telegram_429_total") == 1
    assert sample(metrics, "permitbot_telegram_429_wait_seconds_total") == 7
    assert metrics.last_api_ok is not None


async def test_reminder_gauges_come_from_the_database(app: App) -> None:
    now = app.clock.now()
    await seed_due_reminders(app.db, range(1, 4), ("arrival_due",), now)
    metrics = Metrics()
    metrics.observe_reminder(Outcome.SENT)
    await metrics.refresh(app.db, int(now.timestamp()))
    assert sample(metrics, "permitbot_reminders_due") == 3
    assert sample(metrics, "permitbot_oldest_due_reminder_age_seconds") == 60
    assert sample(metrics, "permitbot_reminders_total", outcome="sent") == 1
    await app.db.execute("UPDATE reminders SET status = 'paused' WHERE user_id = 1")
    await metrics.refresh(app.db, int(now.timestamp()))
    assert sample(metrics, "permitbot_reminders_due") == 2
    assert sample(metrics, "permitbot_reminders_paused") == 1


@pytest.fixture
async def client(app: App) -> AsyncIterator[TestClient[Any, Any]]:
    async with TestClient(TestServer(health_app(app))) as test_client:
        yield test_client


async def test_readyz_names_the_failed_check(app: App, client: TestClient[Any, Any]) -> None:
    assert (await client.get("/healthz")).status == 200
    response = await client.get("/readyz")  # the local session answers getMe: Telegram is fine
    body = await response.json()
    assert body["checks"]["telegram"] == "ok" and body["checks"]["database"] == "ok"
    assert response.status == 200, body
    app.scheduler.shutdown(wait=False)
    stopped = await client.get("/readyz")
    assert stopped.status == 503
    assert (await stopped.json())["checks"]["scheduler"] == "not running"
    metrics = await client.get("/metrics")
    assert "permitbot_reminders_due" in await metrics.text()


async def test_the_docker_healthcheck_asks_healthz(client: TestClient[Any, Any]) -> None:
    port = str(client.server.port)
    assert await asyncio.to_thread(healthcheck.check, port) == 0
    assert await asyncio.to_thread(healthcheck.check, "1") == 1, "nothing listens there"


def test_a_scheduler_that_stopped_ticking_is_not_ready(app: App) -> None:
    ticks = Ticks()
    assert check_scheduler(app, ticks, time.monotonic()) == "ok"
    ticks.last = time.monotonic() - 3 * app.settings.reminder_tick_seconds - TICK_GRACE - 5
    assert check_scheduler(app, ticks, time.monotonic()).startswith("no tick for")


def test_json_logs_are_one_object_a_line_and_redacted() -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RedactFilter([TOKEN]))
    logger = logging.getLogger("test.json")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        logger.warning("calling bot%s\nsecond line", TOKEN)
        try:
            raise RuntimeError(f"failed for {TOKEN}")
        except RuntimeError:
            logger.exception("boom")
    finally:
        logger.removeHandler(handler)
    lines = stream.getvalue().splitlines()
    assert len(lines) == 2
    first, second = (json.loads(line) for line in lines)
    assert first["level"] == "WARNING" and first["message"] == "calling bot<token>\nsecond line"
    assert "RuntimeError" in second["exc"] and TOKEN not in stream.getvalue()
