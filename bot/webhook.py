"""Webhook mode (``WEBHOOK_URL`` set): aiogram's aiohttp request handler behind a secret token.

Every request must carry the secret in ``X-Telegram-Bot-Api-Secret-Token`` (aiogram's
``SimpleRequestHandler`` answers 401 otherwise, before the update is parsed); an accepted update is
answered 200 at once and handled in the background. Start-up and
shutdown are driven here, not by aiohttp's signals: the dispatcher starts before the port opens,
and at shutdown the port closes first, then the updates in hand finish (``on_shutdown``).
The webhook is left set at shutdown: Telegram keeps the updates for the next start.
"""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import urlsplit

from aiogram.webhook.aiohttp_server import SimpleRequestHandler
from aiohttp import web

from bot.app import App
from bot.config import ConfigError

log = logging.getLogger(__name__)
MARKER = ".webhook-set"  # in DATA_DIR: polling on this data must delete the webhook first
SHUTDOWN_TIMEOUT = 5.0  # seconds aiohttp waits for open connections when the port closes


def marker(app: App) -> Path:
    return app.settings.data_dir / MARKER


async def start_webhook(app: App, url: str, secret: str) -> web.AppRunner:
    """Start the dispatcher, listen, then tell Telegram where to send updates."""
    web_app = web.Application()
    # Each update is answered 200 at once and handled in a task: a slow step never holds the
    # HTTP answer (Telegram would time out and send the update again).
    handler = SimpleRequestHandler(
        dispatcher=app.dp, bot=app.bot, secret_token=secret, handle_in_background=True
    )
    handler.register(web_app, path=urlsplit(url).path or "/")
    await app.dp.emit_startup(bot=app.bot, dispatcher=app.dp, **app.dp.workflow_data)
    runner = web.AppRunner(web_app, access_log=None, shutdown_timeout=SHUTDOWN_TIMEOUT)
    await runner.setup()
    try:
        await listen(runner, app.settings.webhook_host, app.settings.webhook_port)
        await app.bot.set_webhook(
            url,
            secret_token=secret,
            allowed_updates=app.dp.resolve_used_update_types(),
            drop_pending_updates=False,
        )
    except BaseException:
        await runner.cleanup()
        raise
    marker(app).write_text("webhook\n", encoding="utf-8")
    log.info("webhook set; listening on port %d", app.settings.webhook_port)
    return runner


async def listen(runner: web.AppRunner, host: str, port: int) -> None:
    try:
        await web.TCPSite(runner, host, port).start()
    except OSError as exc:
        raise ConfigError(f"cannot listen on WEBHOOK_PORT {port}: {exc.strerror}") from None


async def stop_webhook(app: App, runner: web.AppRunner) -> None:
    await runner.cleanup()  # no new updates from here on
    await app.dp.emit_shutdown(bot=app.bot, dispatcher=app.dp, **app.dp.workflow_data)


async def leave_webhook(app: App) -> None:
    """Polling after webhook mode: getUpdates is refused while a webhook is set, so delete it
    (its pending updates kept: polling receives them)."""
    if not marker(app).exists():
        return
    await app.bot.delete_webhook(drop_pending_updates=False)
    marker(app).unlink(missing_ok=True)
    log.info("webhook deleted: polling")
