"""Webhook mode and the health endpoints through the real ``python -m bot`` process.

The local Bot API server POSTs updates to the bot's webhook with the secret; requests without it
are refused unprocessed. /healthz, /readyz and /metrics answer in both modes, and the JSON logs
of the whole run hold neither the token nor what a user typed.
"""

from __future__ import annotations

import asyncio
import json
import re
from pathlib import Path

import aiohttp
import pytest

from tests.e2e.test_reminders import FIRST_USER, UNTHROTTLED, delivered, seed
from tests.support.redis_server import free_port
from tests.support.server_plugin import BotProcess, SpawnBot
from tests.support.telegram_server import TelegramServer

pytestmark = pytest.mark.e2e
SECRET = "e2e-webhook-secret_0123456789"
TYPED = "Nurlan passport N0987654"  # a user's personal data: must never reach the logs


def webhook_env(port: int, health: int) -> dict[str, str]:
    return {
        "WEBHOOK_URL": f"http://127.0.0.1:{port}/telegram/hook",
        "WEBHOOK_SECRET": SECRET,
        "WEBHOOK_HOST": "127.0.0.1",
        "WEBHOOK_PORT": str(port),
        "WEBHOOK_ALLOW_LOCAL_HTTP": "1",
        "HEALTH_PORT": str(health),
        "LOG_FORMAT": "json",
    }


async def get(url: str) -> tuple[int, str]:
    async with aiohttp.ClientSession() as session, session.get(url) as response:
        return response.status, await response.text()


async def post_update(url: str, update: dict[str, object], secret: str | None) -> int:
    headers = {} if secret is None else {"X-Telegram-Bot-Api-Secret-Token": secret}
    async with (
        aiohttp.ClientSession() as session,
        session.post(url, json=update, headers=headers) as response,
    ):
        return response.status


def metric(text: str, name: str, **labels: str) -> float:
    """The sample ``name{labels}`` in a Prometheus exposition (0 when absent)."""
    wanted = ",".join(f'{key}="{value}"' for key, value in sorted(labels.items()))
    for line in text.splitlines():
        match = re.fullmatch(r"([a-z_]+)(?:\{(.*)\})? (\S+)", line)
        if match and match[1] == name and ",".join(sorted((match[2] or "").split(","))) == wanted:
            return float(match[3])
    return 0.0


async def started_webhook(
    server: TelegramServer, spawn_bot: SpawnBot, env: dict[str, str]
) -> BotProcess:
    bot = await spawn_bot(ready=False, **env)
    await server.wait_for(
        lambda: server.webhook_url or bot.process.returncode is not None, timeout=90
    )
    assert bot.process.returncode is None, bot.stderr
    return bot


def forged_update(user: int) -> dict[str, object]:
    sender = {"id": user, "is_bot": False, "first_name": "X", "language_code": "en"}
    return {
        "update_id": 999_999,
        "message": {
            "message_id": 1,
            "date": 0,
            "chat": {"id": user, "type": "private"},
            "from": sender,
            "text": "/start",
        },
    }


async def test_webhook_answers_with_the_secret_and_refuses_without(
    telegram_server: TelegramServer, spawn_bot: SpawnBot
) -> None:
    server, port, health = telegram_server, free_port(), free_port()
    bot = await started_webhook(server, spawn_bot, webhook_env(port, health))
    assert server.webhook_secret == SECRET
    assert {"message", "callback_query"} <= set(server.allowed_updates)

    welcome = await server.say(10, "/start", "ru")
    assert "Здравствуйте" in welcome.text, "the bot answered through the webhook"
    await server.say(10, TYPED, "en")
    hook = f"http://127.0.0.1:{port}/telegram/hook"
    assert await post_update(hook, forged_update(77), None) == 401
    assert await post_update(hook, forged_update(77), "wrong-secret") == 401
    await asyncio.sleep(1)
    assert server.messages(77) == [], "a refused request is not processed"

    base = f"http://127.0.0.1:{health}"
    assert (await get(f"{base}/healthz"))[0] == 200
    status, body = await get(f"{base}/readyz")
    assert status == 200, body
    assert json.loads(body)["checks"] == {"database": "ok", "scheduler": "ok", "telegram": "ok"}
    _, scraped = await get(f"{base}/metrics")
    assert metric(scraped, "permitbot_updates_total", type="message", outcome="handled") >= 2
    assert metric(scraped, "permitbot_handler_seconds_count", type="message") >= 2

    assert await bot.stop() == 0
    assert server.calls("getUpdates") == [], "no polling while the webhook is set"
    assert_private_json_logs(bot, server.token)
    server.assert_clean()


async def test_polling_after_webhook_deletes_it_and_metrics_follow_reminders(
    telegram_server: TelegramServer, spawn_bot: SpawnBot, tmp_path: Path
) -> None:
    server, health = telegram_server, free_port()
    first = await started_webhook(server, spawn_bot, webhook_env(free_port(), free_port()))
    assert await first.stop() == 0
    users = range(FIRST_USER, FIRST_USER + 3)
    await seed(server, tmp_path / "data", users)

    env = {**UNTHROTTLED, "HEALTH_PORT": str(health), "LOG_FORMAT": "json"}
    second = await spawn_bot(first.now(), **env)  # polling: ready at its first getUpdates
    assert server.webhook_url == "", "polling deleted the webhook"
    await server.wait_for(lambda: sum(delivered(server).values()) == 3, timeout=30)
    base = f"http://127.0.0.1:{health}"

    async def scraped_sent() -> float:
        return metric(
            (await get(f"{base}/metrics"))[1], "permitbot_reminders_total", outcome="sent"
        )

    for _ in range(50):  # the counter follows the send by one database write
        if await scraped_sent() == 3:
            break
        await asyncio.sleep(0.1)
    _, text = await get(f"{base}/metrics")
    assert metric(text, "permitbot_reminders_total", outcome="sent") == 3
    assert metric(text, "permitbot_reminders_due") == 0
    assert metric(text, "permitbot_oldest_due_reminder_age_seconds") == 0
    assert (await get(f"{base}/readyz"))[0] == 200
    assert await second.stop() == 0
    assert_private_json_logs(second, server.token)
    server.assert_clean()


def assert_private_json_logs(bot: BotProcess, token: str) -> None:
    output = bot.stderr + bot.stdout
    assert token not in output and token.split(":")[1] not in output
    assert SECRET not in output
    assert TYPED not in output and "N0987654" not in output
    lines = [line for line in bot.stderr.splitlines() if line.strip()]
    assert lines, "the bot logged its start"
    for line in lines:
        entry = json.loads(line)  # one JSON object per line, nothing else
        assert {"time", "level", "logger", "message"} <= set(entry)
