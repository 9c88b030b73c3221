"""A new user, in each language, through the whole product — the real process over HTTP."""

from __future__ import annotations

import asyncio
import sqlite3
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pytest

from tests.e2e.conftest import StartBot
from tests.support.botapi import FakeBotApi

pytestmark = pytest.mark.e2e

LABELS = {
    "ru": {
        "no": "Нет",
        "cat3": "3-я категория",
        "other": "Другой",
        "posted": "Да, размещена",
        "steps": "Шаги по порядку",
        "permit": "Выдано разрешение",
        "track": "Отслеживать",
        "save": "Сохранить",
        "welcome": "Здравствуйте",
        "done": "Сделано",
    },
    "kk": {
        "no": "Жоқ",
        "cat3": "3-санат",
        "other": "Басқа",
        "posted": "Иә, орналастырылды",
        "steps": "Қадамдар ретімен",
        "permit": "Рұқсат берілді",
        "track": "Бақылау",
        "save": "Сақтау",
        "welcome": "Сәлеметсіз бе",
        "done": "Орындалды",
    },
    "en": {
        "no": "No",
        "cat3": "Category 3",
        "other": "Other",
        "posted": "Yes, it is posted",
        "steps": "Steps, in order",
        "permit": "Permit issued",
        "track": "Track this",
        "save": "Save",
        "welcome": "Hello",
        "done": "Done",
    },
}


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
async def test_new_user_journey(
    botapi: FakeBotApi, start_bot: StartBot, tmp_path: Path, lang: str
) -> None:
    words, user = LABELS[lang], {"ru": 501, "kk": 502, "en": 503}[lang]
    bot = await start_bot()

    async def act(action: Callable[[], object]) -> None:
        before = botapi.changes
        action()
        await botapi.wait_answer(before)

    await act(lambda: botapi.send_message(user, "/start", lang))
    assert words["welcome"] in botapi.messages(user)[-1].text
    # Eligibility interview: not EAEU, category 3, an ordinary employer, staff, vacancy posted.
    await act(lambda: botapi.send_message(user, "/eligibility", lang))
    for label in (words["no"], words["cat3"], words["other"]):
        await act(partial(botapi.press, user, label, lang))
    for text in ("50", "3"):
        await act(partial(botapi.send_message, user, text, lang))
    await act(lambda: botapi.press(user, words["posted"], lang))
    await act(lambda: botapi.send_message(user, "01.09.2025", lang))
    assert any(words["steps"] in sent.text for sent in botapi.messages(user))
    # Deadline calculator → track the permit.
    await act(lambda: botapi.send_message(user, "/deadlines", lang))
    await act(lambda: botapi.press(user, words["permit"], lang))
    await act(lambda: botapi.press(user, "2", lang))  # category 2
    await act(lambda: botapi.press(user, "12", lang))  # 12 months
    await act(lambda: botapi.send_message(user, "28.12.2025", lang))
    await act(lambda: botapi.press(user, words["track"], lang))
    await act(lambda: botapi.send_message(user, "Aigerim", lang))
    await act(lambda: botapi.press(user, words["save"], lang))
    await act(lambda: botapi.send_message(user, "/status", lang))
    assert "Aigerim" in botapi.messages(user)[-1].text
    # Time passes: the first reminder falls due; it arrives with its buttons; Done closes it.
    database = tmp_path / "data" / "permitbot.sqlite3"
    seen = len(botapi.messages(user))
    with sqlite3.connect(database) as conn:
        conn.execute(
            "UPDATE reminders SET send_at = ? WHERE id = (SELECT min(id) FROM reminders "
            "WHERE user_id = ? AND status = 'pending')",
            (int(time.time()) - 60, user),
        )
    deadline = time.monotonic() + 20
    while len(botapi.messages(user)) == seen:
        assert time.monotonic() < deadline, "the due reminder did not arrive"
        await asyncio.sleep(0.05)
    reminder = botapi.messages(user)[-1]
    assert "Aigerim" in reminder.text
    assert any(words["done"] in label for label in reminder.labels())
    await act(lambda: botapi.press(user, words["done"], lang))
    with sqlite3.connect(database) as conn:
        done = conn.execute(
            "SELECT count(*) FROM reminders WHERE user_id = ? AND status = 'done'", (user,)
        ).fetchone()[0]
    assert done >= 1
    assert await bot.stop() == 0
    assert botapi.violations == [], botapi.violations
