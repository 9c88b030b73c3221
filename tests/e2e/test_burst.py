"""Replies under Telegram's limits and trouble: a burst of users at once, a run of 5xx."""

from __future__ import annotations

import time

import pytest

from bot.i18n import Translator
from tests.support.server_plugin import SpawnBot
from tests.support.telegram_server import TelegramServer

pytestmark = pytest.mark.e2e
ERRORS = {Translator(lang)("error-generic") for lang in ("ru", "kk", "en")}
USERS = range(700_000, 700_200)


async def polling(server: TelegramServer) -> None:
    """Wait for the bot's first getUpdates: a cold start on a loaded machine can take 15 s."""
    await server.wait_for(lambda: server.calls("getUpdates"), timeout=60)


def error_replies(server: TelegramServer) -> list[str]:
    return [m.text for m in server.all_messages() if m.text in ERRORS]


async def test_200_users_at_the_same_instant_all_get_their_answer(
    telegram_server: TelegramServer, spawn_bot: SpawnBot
) -> None:
    server = telegram_server  # Telegram's limits: 30 messages/s overall, 1/s per chat
    bot = await spawn_bot()
    await polling(server)
    await server.say(1, "/start", "en")
    started = time.monotonic()
    for uid in USERS:
        server.send_message(uid, "/help", "en")

    def answered() -> int:
        return sum(any("/language" in m.text for m in server.messages(uid)) for uid in USERS)

    await server.wait_for(lambda: answered() == len(USERS), timeout=45)
    elapsed = time.monotonic() - started
    assert await bot.stop() == 0
    assert error_replies(server) == [], "no 'something went wrong'"
    for uid in USERS:
        assert len(server.messages(uid)) == 1, f"{uid}: one answer, sent once"
    assert not server.early_retries, "nothing sent before a retry_after had passed"
    assert "Traceback" not in bot.stderr
    # 200 messages at under 30/s: about 7 s; the limiter, not a retry, sets the pace.
    assert elapsed >= 200 / 30 - 0.5
    print(f"\n200 answers in {elapsed:.1f} s, {len(server.rate_limited)} x 429")
    server.assert_clean()


async def test_ten_5xx_in_a_row_on_a_reply_then_it_arrives_once(
    telegram_server: TelegramServer, spawn_bot: SpawnBot
) -> None:
    server = telegram_server
    # A short budget, so the reply outlives its retries and is kept and sent later.
    bot = await spawn_bot(REPLY_RETRY_SECONDS="3")
    await polling(server)
    await server.say(80, "/start", "en")
    before = len(server.messages(80))
    server.fail_next(10, method="sendMessage", status=502, description="Bad Gateway")
    started = time.monotonic()
    server.send_message(80, "/help", "en")
    helped = await server.wait_for_message(80, "/language", timeout=45, after=before)
    print(f"\nthe reply arrived after 10 x 502 in {time.monotonic() - started:.1f} s")
    attempts = server.calls("sendMessage", 80)[-11:]
    assert [r.status for r in attempts] == [502] * 10 + [200]
    assert len(server.messages(80)) == before + 1 and helped.text not in ERRORS, "once, no error"
    assert "kept for later" in bot.stderr or "kept for later" in bot.stdout
    assert await bot.stop() == 0
    assert error_replies(server) == []
    server.assert_clean()
