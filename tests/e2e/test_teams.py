"""Colleagues over the real process and the local Bot API server: a company, an invitation by
deep link, a record one tracks and the other sees; every request is one Telegram accepts."""

from __future__ import annotations

import re

import pytest

from bot.i18n import Translator
from knowledge.l10n import Lang
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


async def company_with_links(
    server: TelegramServer, owner: int, lang: Lang, name: str, roles: list[str]
) -> list[str]:
    """The owner creates a company and makes one invitation per role: their /start payloads."""
    t = Translator(lang)
    await server.say(owner, "/workspace", lang)
    await server.tap(owner, t("ws-btn-new"))
    await server.say(owner, name, lang)
    await server.tap(owner, t("ws-btn-skip"))
    links = []
    for role in roles:
        await server.say(owner, "/workspace", lang)
        await server.tap(owner, t("ws-btn-members"))
        await server.tap(owner, t("ws-btn-invite"))
        found = PAYLOAD.search((await server.tap(owner, t(f"ws-role-{role}"))).text)
        assert found is not None
        links.append(found.group(1))
    return links


async def track_arrival(server: TelegramServer, user: int, lang: Lang, name: str) -> None:
    """A worker arrived today: the arrival notice is due within days (urgent)."""
    t = Translator(lang)
    await server.say(user, "/deadlines", lang)
    await server.tap(user, t("dl-event-arrival"))
    await server.say(user, typed(local_day(E2E_NOW)), lang)
    await server.tap(user, t("dl-track"))
    await server.say(user, name, lang)
    await server.tap(user, t("track-btn-save"))


async def test_two_companies_of_three_and_a_consultant_in_both(
    telegram_server: TelegramServer, spawn_bot: SpawnBot
) -> None:
    """Issue 14's 'done means' over the real process, in ru, kk and en: each company's three
    colleagues share its records by role, the consultant sees both companies' urgent items in one
    view and switches with a button, a viewer's command menu has no /track, and a forged button
    naming the other company's record changes nothing."""
    bot = await spawn_bot(E2E_NOW)
    server = telegram_server
    ru, kk, en = Translator("ru"), Translator("kk"), Translator("en")
    a_owner, a_member, a_viewer = 7_410_001, 7_410_002, 7_410_003
    b_owner, b_admin, b_member = 7_420_001, 7_420_002, 7_420_003
    consultant = 7_430_001
    a = await company_with_links(server, a_owner, "ru", "Kaz Steel", ["member", "viewer", "member"])
    b = await company_with_links(server, b_owner, "kk", "Beta", ["admin", "member", "viewer"])
    await server.say(a_member, f"/start {a[0]}", "ru")
    await server.say(a_viewer, f"/start {a[1]}", "ru")
    await server.say(b_admin, f"/start {b[0]}", "kk")
    await server.say(b_member, f"/start {b[1]}", "kk")
    await server.say(consultant, f"/start {a[2]}", "en")
    await server.say(consultant, f"/start {b[2]}", "en")

    await track_arrival(server, a_member, "ru", "Timur")
    await track_arrival(server, b_member, "kk", "Aibek")
    assert "Timur" in (await server.say(a_viewer, "/status", "ru")).text
    assert "Aibek" in (await server.say(b_admin, "/status", "kk")).text
    assert "Timur" not in (await server.say(b_owner, "/status", "kk")).text
    viewer_menu = server.my_commands(scope={"type": "chat", "chat_id": a_viewer})
    assert viewer_menu and "track" not in {c["command"] for c in viewer_menu}
    assert ru("menu-track") not in (await server.say(a_viewer, "/start", "ru")).labels()

    await server.say(consultant, "/status", "en")  # Beta is current: joined last
    combined = await server.tap(consultant, en("status-btn-all"))
    assert "Kaz Steel" in combined.text and "Beta" in combined.text
    order = [combined.text.index(word) for word in ("Kaz Steel", "Timur", "Beta", "Aibek")]
    assert order == sorted(order), "each worker under their company's name"
    opened = await server.tap(consultant, "→ Kaz Steel")
    assert "Timur" in opened.text and "Aibek" not in opened.text

    timur = next(b for b in opened.buttons() if "Timur" in b["text"])
    await server.say(b_admin, "/status", "kk")  # Beta's admin forges Kaz Steel's record
    forged = server.last(b_admin)
    server.press_data(b_admin, forged.message_id, timur["callback_data"])
    await server.wait_for(lambda: not server.unanswered() or None)
    assert "Timur" not in server.last(b_admin).text, "another company's record stays unseen"
    assert kk("track-btn-rename") not in server.last(b_admin).labels()

    assert await bot.stop() == 0
    server.assert_clean()
