"""Issue 12: a Q&A answer to a stated situation continues in the matching flow with the values
the question gave: a date for an event → the calculator's result for it; a citizenship, a route,
a headcount → the interview with those answers filled in. Through the real Dispatcher."""

from __future__ import annotations

import datetime as dt

import pytest
from aiogram.fsm.storage.base import StorageKey

from bot.app import App
from bot.i18n import Translator
from knowledge.calculator import compute
from knowledge.l10n import Lang, format_date
from tests.conftest import DialogFactory
from tests.support.dialog import Dialog
from tests.support.labels import NO

SMALL = {"ru": "Малый", "kk": "Шағын", "en": "Small"}
CAT3 = {"ru": "3-я категория", "kk": "3-санат", "en": "Category 3"}
NOT_YET = {"ru": "Ещё нет", "kk": "Әлі жоқ", "en": "Not yet"}


async def history(app: App, d: Dialog) -> list[tuple[str, object]]:
    key = StorageKey(bot_id=app.bot.id, chat_id=d.chat.id, user_id=d.user.id)
    raw = (await app.dp.storage.get_data(key)).get("history")
    assert isinstance(raw, list)
    return [(str(qid), value) for qid, value in raw]


@pytest.mark.parametrize(
    ("lang", "question", "event", "day"),
    [
        ("en", "signed the employment contract on 2 February 2026, when to register in ESUTD?",
         "contract", dt.date(2026, 2, 2)),
        ("ru", "вакансия размещена 01.02.2026, когда подавать?", "vacancy", dt.date(2026, 2, 1)),
        ("kk", "бос орын 01.02.2026 орналастырылды, қашан өтініш беруге болады?", "vacancy",
         dt.date(2026, 2, 1)),
    ],
)  # fmt: skip
async def test_a_stated_date_opens_the_calculators_result(
    dialog: DialogFactory, lang: Lang, question: str, event: str, day: dt.date
) -> None:
    t = Translator(lang)
    d = dialog(user_id=501, lang=lang)
    await d.send(question)
    await d.click(t("menu-deadlines"))
    assert d.text.startswith(t("dl-result-title")), d.text
    (result,) = compute(event, day)
    last = max(result.dates.values())
    assert format_date(last, lang) in d.text, "the dates for that event and day"
    assert t("dl-track") in " ".join(d.buttons()), "and it can be tracked from there"


@pytest.mark.parametrize(
    ("lang", "question"),
    [
        ("en", "an Uzbek citizen, category 3, do I need a permit?"),
        ("ru", "узбек сварщик, 3 категория, нужно разрешение?"),
        ("kk", "өзбекстан азаматы, 3 санат, рұқсат керек пе?"),
    ],
)
async def test_a_stated_citizenship_and_category_are_answered_in_the_interview(
    dialog: DialogFactory, app: App, lang: Lang, question: str
) -> None:
    t = Translator(lang)
    d = dialog(user_id=502, lang=lang)
    await d.send(question)
    await d.click(t("menu-eligibility"))
    assert await history(app, d) == [("eaeu", "no"), ("route", "cat3")]
    assert SMALL[lang] in " ".join(d.buttons()), "the first question not stated: the employer"


@pytest.mark.parametrize(
    ("lang", "question"),
    [
        ("en", "we are 14 people, does the ratio apply?"),
        ("ru", "нас 14 человек, соотношение применяется?"),
        ("kk", "біз 14 адамбыз, арақатынас қолданыла ма?"),
    ],
)
async def test_a_stated_headcount_is_given_when_asked_and_back_asks_it(
    dialog: DialogFactory, app: App, lang: Lang, question: str
) -> None:
    d = dialog(user_id=503, lang=lang)
    await d.send(question)
    await d.click(Translator(lang)("menu-eligibility"))
    await d.click(NO[lang])
    await d.click(CAT3[lang])
    await d.click(SMALL[lang])  # the headcount question comes next: 14 is given
    assert (await history(app, d))[-1] == ("headcount", 14)
    assert NOT_YET[lang] in " ".join(d.buttons()), "exempt: straight to the vacancy question"
    await d.click("‹")
    assert (await history(app, d))[-1] == ("employer", "small")
    assert NOT_YET[lang] not in " ".join(d.buttons()), "the headcount is asked, not given again"
    await d.send("30")
    assert (await history(app, d))[-1] == ("headcount", 30)


async def test_a_forged_prefill_fails_to_unpack(dialog: DialogFactory) -> None:
    d = dialog(user_id=504, lang="en")
    await d.send("/start")
    for data in ("els:maybe::0", "els:no:cat3:-1", "els:no:Cat 3:5", "dlo:nope:20260202::"):
        query_id = await d.click_data(data)
        assert "out of date" in (d.callback_text(query_id) or ""), data
