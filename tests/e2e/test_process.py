"""``python -m bot`` polls the local Bot API server on 127.0.0.1 and survives Telegram's trouble."""

from __future__ import annotations

import asyncio
import signal
from pathlib import Path

import pytest

from tests.support.server_plugin import SpawnBot
from tests.support.telegram_server import TelegramServer

pytestmark = pytest.mark.e2e


async def test_polls_answers_and_stops_cleanly(
    telegram_server: TelegramServer, spawn_bot: SpawnBot
) -> None:
    server = telegram_server
    bot = await spawn_bot()
    welcome = await server.say(10, "/start", "ru")
    assert "Здравствуйте" in welcome.text
    assert any("Помощь" in label for label in welcome.labels()), "the main menu"
    helped = await server.tap(10, "Помощь")
    assert "/language" in helped.text
    hello = await server.say(11, "/start", "kk")
    assert "Сәлеметсіз бе" in hello.text

    assert await bot.stop() == 0
    assert "Traceback" not in bot.stderr
    scope = {"type": "all_private_chats"}
    for lang in ("ru", "kk", "en", ""):
        assert server.my_commands(lang, scope), f"a command menu for {lang or 'everyone'}"
    server.assert_clean()


async def test_a_conversation_survives_a_restart(
    telegram_server: TelegramServer, spawn_bot: SpawnBot
) -> None:
    server = telegram_server
    first = await spawn_bot()
    asked = await server.say(20, "/language", "en")
    assert "Choose your language" in asked.text
    assert await first.stop() == 0

    second = await spawn_bot(first.now())  # its clock goes on
    chosen = await server.tap(20, "Қазақша")
    assert "Тіл: қазақша" in chosen.text
    assert await second.stop() == 0
    server.assert_clean()


async def help_arrives_once(server: TelegramServer, user: int) -> None:
    """The user asks for /help through whatever fault was injected; the answer comes, once."""
    helped = await server.say(user, "/help", "en")
    assert "/language" in helped.text
    assert sum("/language" in m.text for m in server.messages(user)) == 1, "sent once"


async def test_5xx_is_retried_and_nothing_is_lost(
    telegram_server: TelegramServer, spawn_bot: SpawnBot
) -> None:
    server = telegram_server
    bot = await spawn_bot()
    await server.say(30, "/start", "en")
    server.fail_next(2, method="sendMessage", status=502, description="Bad Gateway")
    await help_arrives_once(server, 30)
    assert await bot.stop() == 0
    server.assert_clean()


async def test_a_request_that_times_out_is_retried_once_delivered(
    telegram_server: TelegramServer, spawn_bot: SpawnBot
) -> None:
    server = telegram_server
    bot = await spawn_bot(REQUEST_TIMEOUT="1")
    await server.say(31, "/start", "en")
    server.stall(2.5, method="sendMessage", count=1)  # longer than the bot waits
    await help_arrives_once(server, 31)
    attempts = server.calls("sendMessage", 31)
    await server.wait_for(lambda: all(r.status for r in attempts))  # the stall has run out
    assert [r.status for r in attempts[-2:]] == [499, 200], "given up, then retried"
    assert await bot.stop() == 0
    server.assert_clean()


async def test_429_nothing_is_sent_before_retry_after(
    telegram_server: TelegramServer, spawn_bot: SpawnBot
) -> None:
    server = telegram_server
    bot = await spawn_bot()
    await server.say(40, "/start", "en")
    server.force_retry_after(2, method="sendMessage")
    await help_arrives_once(server, 40)
    refused, passed = server.calls("sendMessage", 40)[-2:]
    assert (refused.status, passed.status) == (429, 200)
    assert passed.at - refused.at >= 2.0, "waited out retry_after"
    assert await bot.stop() == 0
    server.assert_clean()  # includes: no request before an earlier retry_after passed


async def test_inline_query_is_answered_with_valid_results(
    telegram_server: TelegramServer, spawn_bot: SpawnBot
) -> None:
    server = telegram_server
    bot = await spawn_bot()
    server.user(50, "ru")
    server.inline_query(50, "сезонное разрешение")
    answer = await server.wait_for(lambda: server.inline_answers, timeout=15)
    assert answer[0].results, "at least one card"
    assert await bot.stop() == 0
    server.assert_clean()


async def test_forged_and_stale_buttons_are_answered(
    telegram_server: TelegramServer, spawn_bot: SpawnBot
) -> None:
    server = telegram_server
    bot = await spawn_bot()
    welcome = await server.say(60, "/start", "en")
    for data in ("rec:open:999999", "r:done:1", "dp:\u202e<b>", "x" * 64):
        server.press_data(60, welcome.message_id, data)
    await server.wait_for(lambda: len(server.callback_answers) == 4, timeout=15)
    assert await bot.stop() == 0
    assert "Traceback" not in bot.stderr
    server.assert_clean()


async def test_a_button_stops_spinning_before_its_reply_waits_out_a_429(
    telegram_server: TelegramServer, spawn_bot: SpawnBot
) -> None:
    server = telegram_server
    bot = await spawn_bot()
    await server.say(70, "/start", "en")
    server.force_retry_after(3, method="editMessageText")
    pressed: list[str] = []
    helped = await server.exchange(70, lambda: pressed.append(server.press(70, "Help")))
    assert "/language" in helped.text
    answer = next(a for a in server.callback_answers if a.query_id == pressed[0])
    edits = server.calls("editMessageText", 70)
    assert [r.status for r in edits] == [429, 200]
    assert answer.at < edits[0].at + 1 < edits[1].at, "answered at once, not after the wait"
    assert await bot.stop() == 0
    server.assert_clean()


@pytest.mark.parametrize(
    "method",
    [
        "setMyCommands",  # start-up itself waits: abandoned, database closed
        "getMe",  # start-up done, polling waits for its first request: stopped as usual
    ],
)
async def test_sigterm_while_telegram_stalls_start_up_exits_cleanly(
    telegram_server: TelegramServer, spawn_bot: SpawnBot, method: str
) -> None:
    server = telegram_server
    server.hang(method=method)
    bot = await spawn_bot(ready=False)
    await server.wait_for(lambda: server.calls(method), timeout=20)
    assert await bot.stop(timeout=10) == 0
    assert "Traceback" not in bot.stderr


def catches_sigterm(pid: int) -> bool:
    """Whether the process has a SIGTERM handler yet (Linux: the SigCgt mask in /proc)."""
    status = Path(f"/proc/{pid}/status").read_text()
    caught = next(line for line in status.splitlines() if line.startswith("SigCgt:"))
    return bool(int(caught.split()[1], 16) & (1 << (signal.SIGTERM - 1)))


async def test_sigterm_at_the_first_moment_the_bot_can_see_it_exits_cleanly(
    telegram_server: TelegramServer, spawn_bot: SpawnBot
) -> None:
    # The first line of bot/__main__ catches SIGTERM; before it, only the interpreter runs.
    bot = await spawn_bot(ready=False)
    pid = bot.process.pid
    for _ in range(500):
        if catches_sigterm(pid):
            break
        await asyncio.sleep(0.002)
    assert await bot.stop(timeout=10) == 0  # still importing, or opening the database
    assert "Traceback" not in bot.stderr
