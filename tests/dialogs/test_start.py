from __future__ import annotations

import pytest

from bot.app import App
from bot.db import users
from tests.conftest import DialogFactory

WELCOME = {"ru": "Здравствуйте", "kk": "Сәлеметсіз бе", "en": "Hello"}


@pytest.mark.parametrize(
    ("code", "lang"),
    [("ru", "ru"), ("kk", "kk"), ("en", "en"), ("ru-RU", "ru"), ("de", "en"), (None, "en")],
)
async def test_start_follows_telegram_language_on_first_contact(
    dialog: DialogFactory, app: App, code: str | None, lang: str
) -> None:
    d = dialog(user_id=42, lang=code or "")
    d.user = d.user.model_copy(update={"language_code": code})
    await d.send("/start")
    assert WELCOME[lang] in d.text
    assert d.buttons(), "the welcome carries the main menu"
    stored = await users.get(app.db, 42)
    assert stored is not None and stored.lang == lang and stored.chat_id == 42


async def test_help_lists_commands_and_help_button_edits_in_place(dialog: DialogFactory) -> None:
    d = dialog(lang="en")
    await d.send("/help")
    assert "/start" in d.text and "/language" in d.text and "/cancel" in d.text
    await d.send("/start")
    await d.click("Help")
    assert "/help" in d.text
    edited = d.last_message()
    assert edited.history, "the menu message was edited, not a new one sent"
    await d.click("Help")  # same content again: no error, still answered


async def test_language_change_persists(dialog: DialogFactory, app: App) -> None:
    d = dialog(user_id=7, lang="en")
    await d.send("/language")
    await d.click("Қазақша")
    assert "Тіл: қазақша" in d.text
    await d.send("/start")
    assert "Сәлеметсіз бе" in d.text, "the stored choice beats Telegram's language_code"
    stored = await users.get(app.db, 7)
    assert stored is not None and stored.lang == "kk"


async def test_cancel_without_conversation(dialog: DialogFactory) -> None:
    d = dialog(lang="ru")
    await d.send("/cancel")
    assert "Отменять нечего" in d.text


@pytest.mark.parametrize("data", ["", "m:nosuch", "lang:xx", "x" * 64, "\x00\xff", "lang:ru:extra"])
async def test_stale_or_forged_buttons_are_answered_politely(
    dialog: DialogFactory, data: str
) -> None:
    d = dialog(lang="en")
    await d.send("/start")
    query_id = await d.click_data(data)
    assert d.callback_text(query_id) is not None
    assert "out of date" in (d.callback_text(query_id) or "")


async def test_unknown_text_gets_a_hint(dialog: DialogFactory) -> None:
    d = dialog(lang="kk")
    await d.send("<b>сәлем</b> & ?")
    assert d.replies(), "every message gets an answer"
