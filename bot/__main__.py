"""``python -m bot``: long polling with a token, a local terminal chat without one."""

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
import locale
import logging
import os
import sqlite3

from pydantic import ValidationError

from bot.app import App, create_app, on_shutdown
from bot.config import ConfigError, Settings
from bot.localchat import run_local_chat
from bot.logs import setup_logging
from knowledge.l10n import Lang, normalize_lang

log = logging.getLogger("bot")


def fail(message: str) -> int:
    print(f"permitbot: {message}", file=sys.stderr)
    return 2


def local_lang(settings: Settings) -> Lang:
    code = settings.local_lang or os.environ.get("LANG") or (locale.getlocale()[0] or "")
    return normalize_lang(code)


async def run(settings: Settings) -> None:
    if settings.bot_token is None:
        await run_local_chat(
            lambda session: create_app(settings, session=session), local_lang(settings)
        )
        return
    await until_signal(settings)


async def until_signal(settings: Settings) -> None:
    """Poll until SIGTERM or SIGINT, which ends the process cleanly (code 0) at any moment:
    while polling, the update in hand finishes (``on_shutdown``); during start-up (the database
    opening, Telegram not answering getMe or setMyCommands), start-up is abandoned and the
    database closed."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    apps: list[App] = []
    polling = asyncio.Event()
    serving = asyncio.create_task(serve(settings, apps, polling))
    stopping = asyncio.create_task(stop.wait())
    await asyncio.wait({serving, stopping}, return_when=asyncio.FIRST_COMPLETED)
    stopping.cancel()
    if serving.done():
        return serving.result()  # polling ended by itself, or start-up failed
    log.info("stopping")
    if polling.is_set():
        await apps[0].dp.stop_polling()  # start_polling then runs on_shutdown
        await serving
        return
    serving.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await serving
    if apps:
        await abandon_start_up(apps[0])


async def serve(settings: Settings, apps: list[App], polling: asyncio.Event) -> None:
    app = await create_app(settings)
    apps.append(app)

    async def started() -> None:  # registered after on_startup: start-up is complete
        polling.set()

    app.dp.startup.register(started)
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


def main() -> int:
    try:
        settings = Settings()
        token = settings.token()
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(part) for part in first["loc"]).upper()
        return fail(f"invalid setting {field}: {first['msg']}")
    except ConfigError as exc:
        return fail(str(exc))
    setup_logging(settings.log_level, [token or ""])
    try:
        asyncio.run(run(settings))
    except ConfigError as exc:
        return fail(str(exc))
    except (sqlite3.Error, OSError) as exc:
        return fail(f"cannot open the database in DATA_DIR: {type(exc).__name__}: {exc}")
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
