"""Every state has a way out: /cancel and any other command leave a conversation and run."""

from __future__ import annotations

import pytest
from aiogram.fsm.storage.base import StorageKey

from bot.app import App
from bot.i18n import Translator
from knowledge.l10n import Lang
from tests.conftest import DialogFactory
from tests.support.dialog import Dialog

LANGS: list[Lang] = ["ru", "kk", "en"]
VACANCY = {"ru": "Вакансия", "kk": "Бос орын", "en": "Vacancy"}
TRACK = {"ru": "Отслеживать", "kk": "Бақылау", "en": "Track this"}


async def at_name_prompt(d: Dialog, lang: Lang) -> None:
    """/track → a vacancy → 25.11.2026 → 🔔 Track this: the bot asks for a name."""
    await d.send("/track")
    await d.click(VACANCY[lang])
    await d.send("25.11.2026")
    await d.click(TRACK[lang])
    assert Translator(lang)("track-ask-label") in d.replies()


async def state(app: App, d: Dialog) -> str | None:
    key = StorageKey(bot_id=app.bot.id, chat_id=d.chat.id, user_id=d.user.id)
    return await app.dp.storage.get_state(key)


@pytest.mark.parametrize("lang", LANGS)
async def test_cancel_in_the_name_prompt_leaves_it(
    dialog: DialogFactory, app: App, lang: Lang
) -> None:
    t = Translator(lang)
    d = dialog(user_id=101, lang=lang)
    await at_name_prompt(d, lang)
    await d.send("/cancel")
    assert d.text == t("cancelled")
    assert await state(app, d) is None
    await d.send("сколько дней вакансия на enbek")  # the next question is a question
    assert t("track-label-invalid", limit=64) not in d.replies()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("command", ["/status", "/deadlines", "/help", "/deletemydata"])
async def test_any_command_in_a_prompt_leaves_it_and_runs(
    dialog: DialogFactory, app: App, lang: Lang, command: str
) -> None:
    t = Translator(lang)
    d = dialog(user_id=102, lang=lang)
    await at_name_prompt(d, lang)
    await d.send(command)
    assert t("track-label-invalid", limit=64) not in d.replies()
    expected = {
        "/status": t("status-empty"),
        "/deadlines": t("dl-q-event"),
        "/help": t("help-title"),
        "/deletemydata": t("privacy-erase-confirm"),
    }[command]
    assert expected in d.text
