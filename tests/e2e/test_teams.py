"""Colleagues over the real process and the local Bot API server: a company, an invitation by
deep link, a record one tracks and the other sees; every request is one Telegram accepts."""

from __future__ import annotations

import re

import pytest

from bot.i18n import Translator
from tests.support.server_plugin import SpawnBot
from tests.support.telegram_server import TelegramServer
from tests.support.today import E2E_NOW, local_day, typed

pytestmark = pytest.mark.e2e

PAYLOAD = re.compile(r"start=(inv_[A-Za-z0-9_-]{22})")


async def test_an_invited_colleague_shares_the_company_records(
    telegram_server: TelegramServer, spawn_bot: SpawnBot
) -> None:
    bot = await spawn_bot(E2E_NOW)
    owner, colleague = 7_400_001, 7_400_002
    en, ru = Translator("en"), Translator("ru")
    server = telegram_server

    await server.say(owner, "/workspace", "en")
    await server.tap(owner, en("ws-btn-new"))
    await server.say(owner, "Kaz Steel", "en")
    await server.say(owner, "940140000385", "en")
    await server.tap(owner, en("ws-btn-members"))
    await server.tap(owner, en("ws-btn-invite"))
    link = (await server.tap(owner, en("ws-role-member"))).text
    found = PAYLOAD.search(link)
    assert found is not None and "t.me/" in link, link

    joined = await server.say(colleague, f"/start {found.group(1)}", "ru")
    assert "Kaz Steel" in joined.text
    await server.say(colleague, "/deadlines", "ru")
    await server.tap(colleague, "Выдано разрешение")
    await server.tap(colleague, "2")
    await server.tap(colleague, "12")
    await server.say(colleague, typed(local_day(E2E_NOW)), "ru")
    await server.tap(colleague, "Отслеживать")
    await server.say(colleague, "Timur", "ru")
    await server.tap(colleague, ru("track-btn-save"))
    assert "Timur" in (await server.say(owner, "/status", "en")).text

    assert await bot.stop() == 0
    server.assert_clean()
