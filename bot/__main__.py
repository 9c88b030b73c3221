"""``python -m bot``: long polling (or a webhook with WEBHOOK_URL) with a token, a local terminal
chat without one."""

# ruff: noqa: E402 (the signal handler is installed before the slow imports)
from __future__ import annotations

import signal
import sys
from types import FrameType


def _exit_quietly(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(0)


# SIGTERM while Python is still importing, reading settings or opening the loop: nothing is open
# yet, so leave at once with code 0. ``until_signal`` takes over once the event loop runs.
signal.signal(signal.SIGTERM, _exit_quietly)

import asyncio
import contextlib
import gc
import locale
import logging
import os
import sqlite3

import asyncpg
from pydantic import ValidationError

from bot.app import App, create_app, on_shutdown
from bot.config import ConfigError, Settings, check_data_dir
from bot.health import start_health
from bot.localchat import run_local_chat
from bot.logs import setup_logging
from bot.webhook import leave_webhook, start_webhook, stop_webhook
from knowledge.l10n import Lang, normalize_lang

log = logging.getLogger("bot")


def fail(message: str) -> int:
    print(f"permitbot: {message}", file=sys.stderr)
    return 2


def local_lang(settings: Settings) -> Lang:
    code = settings.local_lang or os.environ.get("LANG") or (locale.getlocale()[0] or "")
    return normalize_lang(code)


Webhook = tuple[str, str] | None  # (URL, secret) in webhook mode


async def run(settings: Settings, webhook: Webhook = None) -> None:
    if settings.bot_token is None:
        await run_local_chat(
            lambda session: create_app(settings, session=session), local_lang(settings)
        )
        return
    await until_signal(settings, webhook)


async def until_signal(settings: Settings, webhook: Webhook = None) -> None:
    """Poll (or serve the webhook) until SIGTERM or SIGINT, which ends the process cleanly
    (code 0) at any moment: once started, the update in hand finishes (``on_shutdown``); during
    start-up (the database opening, Telegram not answering getMe or setMyCommands), start-up is
    abandoned and the database closed."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    apps: list[App] = []
    started = asyncio.Event()
    serving = asyncio.create_task(serve(settings, webhook, apps, started, stop))
    stopping = asyncio.create_task(stop.wait())
    await asyncio.wait({serving, stopping}, return_when=asyncio.FIRST_COMPLETED)
    stopping.cancel()
    if serving.done():
        return serving.result()  # polling ended by itself, or start-up failed
    log.info("stopping")
    if started.is_set():
        if webhook is None:
            await apps[0].dp.stop_polling()  # start_polling then runs on_shutdown
        await serving  # (the webhook server sees ``stop`` itself)
        return
    serving.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await serving
    if apps:
        await abandon_start_up(apps[0])


async def serve(
    settings: Settings,
    webhook: Webhook,
    apps: list[App],
    started: asyncio.Event,
    stop: asyncio.Event,
) -> None:
    app = await create_app(settings)
    apps.append(app)
    freeze_start_up()
    health = await start_health(app)  # /healthz answers during start-up; /readyz says 503
    try:
        if webhook is None:
            await poll(app, started)
        else:
            runner = await start_webhook(app, *webhook)
            started.set()
            await stop.wait()
            await stop_webhook(app, runner)
    finally:
        if health is not None:
            await health.cleanup()


def freeze_start_up() -> None:
    """Put what start-up built (aiogram's types, the knowledge base: some 230,000 objects) out of
    the cycle collector's reach, so a full collection scans only what came after: 148 ms became
    ~0 on 2 shared cores. A pause that long holds the replies and reminders due meanwhile and
    lets them out together, a burst Telegram's flood limit counts (issue 15)."""
    gc.collect()
    gc.freeze()


async def poll(app: App, started: asyncio.Event) -> None:
    async def polling() -> None:  # registered after on_startup: start-up is complete
        started.set()

    app.dp.startup.register(polling)
    await leave_webhook(app)
    log.info("starting long polling")
    await app.dp.start_polling(app.bot, handle_signals=False)


async def abandon_start_up(app: App) -> None:
    try:
        await asyncio.wait_for(on_shutdown(app), timeout=5)
    except Exception as exc:  # the database is what matters; close it whatever happened
        log.warning("clean shutdown during start-up failed: %s", type(exc).__name__)
        with contextlib.suppress(Exception):
            await app.db.close()
    with contextlib.suppress(Exception):
        await app.bot.session.close()
    if app.redis is not None:
        with contextlib.suppress(Exception):
            await app.redis.aclose()


def main() -> int:
    try:
        settings = Settings()
        token = settings.token()
        webhook = settings.webhook() if token else None
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(part) for part in first["loc"]).upper()
        return fail(f"invalid setting {field}: {first['msg']}")
    except ConfigError as exc:
        return fail(str(exc))
    if token is None and not sys.stdin.isatty():
        # A container or service without BOT_TOKEN: the local chat would read end of input and
        # exit 0, and a restart policy would loop on it. Say what is missing instead.
        try:
            check_data_dir(settings.data_dir)  # the more basic problem first
        except ConfigError as exc:
            return fail(str(exc))
        return fail("BOT_TOKEN is not set (and there is no terminal for the local chat)")
    secrets = [token or "", webhook[1] if webhook else "", settings.redis_password()]
    setup_logging(settings.log_level, secrets, settings.log_format)
    try:
        asyncio.run(run(settings, webhook))
    except ConfigError as exc:
        return fail(str(exc))
    except (sqlite3.Error, asyncpg.PostgresError, asyncpg.InterfaceError, OSError) as exc:
        where = "DATABASE_URL" if settings.database_url else "DATA_DIR"
        return fail(f"cannot open the database in {where}: {type(exc).__name__}: {exc}")
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
