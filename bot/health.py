"""/healthz, /readyz and /metrics on HEALTH_PORT, in polling and webhook mode alike.

/healthz: the process answers. /readyz: the database (and Redis, with REDIS_URL) answers, the
reminder tick ran recently, and Telegram answered recently (probed with getMe when the bot has
been quiet) -> 200, else 503 with a JSON body naming the failed checks. Timers are monotonic:
they say how long, not what day.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable
from typing import TYPE_CHECKING, Any, cast

from aiohttp import web
from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_EXECUTED, EVENT_JOB_MAX_INSTANCES

from bot.config import ConfigError
from bot.metrics import CONTENT_TYPE

if TYPE_CHECKING:
    from bot.app import App

log = logging.getLogger(__name__)
CHECK_TIMEOUT = 3.0  # seconds for the database or getMe to answer a readiness check
TICK_JOB = "reminders"
TICK_GRACE = 60.0  # seconds beyond three tick periods before the scheduler counts as stuck


class Ticks:
    """When the reminder job last ran (or was found still running: a long backlog is alive)."""

    def __init__(self) -> None:
        self.last: float | None = None

    def __call__(self, event: Any) -> None:
        if getattr(event, "job_id", None) == TICK_JOB:
            self.last = time.monotonic()


def watch_ticks(app: App) -> Ticks:
    ticks = Ticks()
    events = EVENT_JOB_EXECUTED | EVENT_JOB_ERROR | EVENT_JOB_MAX_INSTANCES
    app.scheduler.add_listener(ticks, events)
    return ticks


async def check_database(app: App) -> str:
    try:
        await asyncio.wait_for(app.db.fetchone("SELECT 1"), CHECK_TIMEOUT)
    except Exception as exc:
        return f"unreachable: {type(exc).__name__}"
    return "ok"


async def check_redis(app: App) -> str:
    if app.redis is None:
        return "ok"
    try:
        await asyncio.wait_for(cast(Awaitable[bool], app.redis.ping()), CHECK_TIMEOUT)
    except Exception as exc:
        return f"unreachable: {type(exc).__name__}"
    return "ok"


def check_scheduler(app: App, ticks: Ticks, started: float) -> str:
    if not app.scheduler.running:
        return "not running"
    limit = 3 * app.settings.reminder_tick_seconds + TICK_GRACE
    since = time.monotonic() - (ticks.last if ticks.last is not None else started)
    return "ok" if since <= limit else f"no tick for {since:.0f} s"


async def check_telegram(app: App) -> str:
    last = app.metrics.last_api_ok
    if last is not None and time.monotonic() - last <= app.settings.ready_api_seconds:
        return "ok"
    try:  # quiet (webhook mode, no traffic): ask Telegram once
        await asyncio.wait_for(app.bot.get_me(), CHECK_TIMEOUT)
    except Exception as exc:
        return f"no answer: {type(exc).__name__}"
    return "ok"


def health_app(app: App) -> web.Application:
    ticks = watch_ticks(app)
    started = time.monotonic()

    async def healthz(_request: web.Request) -> web.Response:
        return web.json_response({"status": "ok"})

    async def readyz(_request: web.Request) -> web.Response:
        checks = {
            "database": await check_database(app),
            "scheduler": check_scheduler(app, ticks, started),
            "telegram": await check_telegram(app),
        }
        if app.redis is not None:  # REDIS_URL: the replicas' shared state must answer
            checks["redis"] = await check_redis(app)
        ready = all(value == "ok" for value in checks.values())
        body = {"status": "ok" if ready else "fail", "checks": checks}
        return web.json_response(body, status=200 if ready else 503)

    async def metrics(_request: web.Request) -> web.Response:
        try:
            await asyncio.wait_for(
                app.metrics.refresh(app.db, int(app.clock.now().timestamp())), CHECK_TIMEOUT
            )
        except Exception as exc:  # the counters are still worth serving
            log.warning("metrics: could not read the reminder gauges: %s", type(exc).__name__)
        return web.Response(body=app.metrics.exposition(), headers={"Content-Type": CONTENT_TYPE})

    web_app = web.Application()
    web_app.router.add_get("/healthz", healthz)
    web_app.router.add_get("/readyz", readyz)
    web_app.router.add_get("/metrics", metrics)
    return web_app


async def start_health(app: App) -> web.AppRunner | None:
    """Serve the endpoints when HEALTH_PORT is set; the runner to clean up, or None."""
    port = app.settings.health_port
    if port is None:
        return None
    runner = web.AppRunner(health_app(app), access_log=None)
    await runner.setup()
    try:
        await web.TCPSite(runner, app.settings.health_host, port).start()
    except OSError as exc:
        await runner.cleanup()
        raise ConfigError(f"cannot listen on HEALTH_PORT {port}: {exc.strerror}") from None
    log.info("health and metrics on port %d", port)
    return runner
