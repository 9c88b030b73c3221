"""``python -m bot`` polls a Bot API server on 127.0.0.1 and answers like it would Telegram."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import StartBot
from tests.support.botapi import FakeBotApi

pytestmark = pytest.mark.e2e


async def test_polls_answers_start_and_stops_cleanly(
    botapi: FakeBotApi, start_bot: StartBot
) -> None:
    bot = await start_bot()
    botapi.send_message(10, "/start", language_code="ru")
    welcome = await botapi.wait_for_message(10, "Здравствуйте", timeout=20)
    assert any("Помощь" in label for label in welcome.labels())

    botapi.press(10, "Помощь", language_code="ru")
    await botapi.wait_for_message(10, "/language")

    botapi.send_message(11, "/start", language_code="kk")
    await botapi.wait_for_message(11, "Сәлеметсіз бе")

    assert await bot.stop() == 0
    assert "Traceback" not in bot.stderr
    assert botapi.token not in bot.stderr and botapi.token.split(":")[1] not in bot.stderr
    assert botapi.violations == []
    assert {"ru", "kk", "en", ""} <= set(botapi.commands), "commands menu set per language"
    assert botapi.answered, "the button press was answered"


async def test_a_conversation_survives_a_restart(botapi: FakeBotApi, start_bot: StartBot) -> None:
    first = await start_bot()
    botapi.send_message(20, "/language", language_code="en")
    await botapi.wait_for_message(20, "Choose your language")
    assert await first.stop() == 0

    second = await start_bot()
    botapi.press(20, "Қазақша")
    await botapi.wait_for_message(20, "Тіл: қазақша")
    assert await second.stop() == 0
    assert botapi.violations == []


async def test_telegram_5xx_is_retried(botapi: FakeBotApi, start_bot: StartBot) -> None:
    bot = await start_bot()
    botapi.send_message(30, "/start")
    await botapi.wait_for_message(30, "Hello")
    botapi.fail_next = 1
    botapi.send_message(30, "/help")
    await botapi.wait_for_message(30, "/language", timeout=20)
    assert await bot.stop() == 0


async def test_injected_429_nothing_sent_before_retry_after(
    botapi: FakeBotApi, start_bot: StartBot
) -> None:
    bot = await start_bot()
    botapi.send_message(40, "/start")
    await botapi.wait_for_message(40, "Hello")
    botapi.flood_next = 1
    botapi.send_message(40, "/help")
    await botapi.wait_for_message(40, "/language", timeout=20)
    sends = [at for at, method, _p in botapi.requests if method == "sendMessage"]
    flood_at = sends[-2]  # the refused attempt, then the one that went through
    assert sends[-1] - flood_at >= 1.0, "nothing was sent before retry_after passed"
    assert botapi.rate_limited == 1
    assert await bot.stop() == 0
