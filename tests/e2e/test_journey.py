"""A new user, in each language, through the whole product: the real process over HTTP."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest

from tests.support.engine import query
from tests.support.server_plugin import BotProcess, SpawnBot
from tests.support.telegram_server import TelegramServer
from tests.support.today import E2E_NOW, local_day, typed

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
WORKER = "Aigerim Zhaksylykova"  # personal data: must reach the user, never the logs
# The journey's dates, relative to the day its bot runs on: a vacancy posted three weeks ago and
# a permit issued a month ago (all its reminders lie ahead, the renewal window first).
TODAY = local_day(E2E_NOW)
VACANCY_DATE = typed(TODAY - dt.timedelta(days=21))
PERMIT_DAY = TODAY - dt.timedelta(days=30)
PERMIT_DATE = typed(PERMIT_DAY)


async def test_three_new_users_at_once(
    telegram_server: TelegramServer, spawn_bot: SpawnBot
) -> None:
    """A Russian, a Kazakh and an English speaker go through the whole product side by side."""
    # DEBUG is the chattiest level: if it leaks nothing, INFO leaks nothing.
    bot = await spawn_bot(E2E_NOW, LOG_LEVEL="DEBUG")
    users = {"ru": 7_300_501, "kk": 7_300_502, "en": 7_300_503}
    journeys = [journey(telegram_server, bot, lang, user) for lang, user in users.items()]
    await asyncio.gather(*journeys)

    assert await bot.stop() == 0
    logs = bot.stdout + bot.stderr
    assert "starting long polling" in logs, "the logs were captured"
    secret = telegram_server.token.split(":", 1)[1]
    for private in (
        WORKER,
        "Aigerim",
        PERMIT_DATE,
        PERMIT_DAY.isoformat(),
        secret,
        *map(str, users.values()),
    ):
        assert private not in logs, f"{private!r} in the logs"
    print(f"\n429 answers during the journeys: {len(telegram_server.rate_limited)}")
    telegram_server.assert_clean()


async def journey(server: TelegramServer, bot: BotProcess, lang: str, user: int) -> None:
    words = LABELS[lang]

    async def write(text: str) -> str:
        return (await server.say(user, text, lang)).text

    async def press(label: str) -> str:
        return (await server.tap(user, label)).text

    assert words["welcome"] in await write("/start")
    # Eligibility: not EAEU, category 3, an ordinary employer, staff counts, vacancy posted.
    await write("/eligibility")
    for label in (words["no"], words["cat3"], words["other"]):
        await press(label)
    await write("50")
    await write("3")
    await press(words["posted"])
    await write(VACANCY_DATE)
    await press(words["steps"])  # the result's button: the steps, in order, below it
    assert any(words["steps"] in sent.text for sent in server.messages(user))
    # Deadline calculator → track the permit → the dashboard shows it.
    await write("/deadlines")
    await press(words["permit"])
    await press("2")  # category 2
    await press("12")  # 12 months
    await write(PERMIT_DATE)
    await press(words["track"])
    await write(WORKER)
    await press(words["save"])
    assert WORKER in await write("/status")
    # Exports arrive as documents.
    await write("/calendar")
    await write("/export")
    ics, csv = server.documents(user)[-2:]
    assert ics.file_name == "permitbot.ics" and "BEGIN:VCALENDAR" in ics.text()
    assert WORKER in csv.text("utf-8-sig")
    # Time passes: the first reminder falls due, arrives with its buttons; Done closes it.
    seen = len(server.messages(user))
    query(
        bot.data_dir,
        "UPDATE reminders SET send_at = ? WHERE id = (SELECT min(id) FROM reminders "
        "WHERE user_id = ? AND status = 'pending')",
        int(bot.now().timestamp()) - 60,  # a minute ago on the bot's clock
        user,
    )
    reminder = await server.wait_for_message(user, WORKER, timeout=20, after=seen)
    assert any(words["done"] in label for label in reminder.labels())
    await press(words["done"])
    rows = query(
        bot.data_dir, "SELECT kind FROM reminders WHERE user_id = ? AND status = 'done'", user
    )
    done = {kind for (kind,) in rows}
    # The first reminder of a permit issued a month ago: the renewal window opens. Done closes
    # that obligation (its follow-ups too), not the permit's expiry reminders.
    assert done == {"renewal_opens", "renewal_recommended", "renewal_last_day"}
