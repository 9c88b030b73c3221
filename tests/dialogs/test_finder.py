"""The category finder through the real Dispatcher: title, yes/no answers, suggestion, onwards."""

from __future__ import annotations

import pytest
from aiogram.types import Message, Sticker, Update

from bot.app import App
from tests.conftest import DEFAULT_NOW, DialogFactory
from tests.support.dialog import Dialog

WELDER = {"ru": "сварщик 5 разряда", "kk": "дәнекерлеуші", "en": "welder"}
CATEGORY = {"ru": "сварщик", "kk": "дәнекерлеуші", "en": "welder"}
ASK_TITLE = {"ru": "название должности", "kk": "Лауазым атауын", "en": "job title"}
Q_DIVISION = {
    "ru": "структурным подразделением",
    "kk": "құрылымдық бөлімшені",
    "en": "structural division",
}
YES = {"ru": "Да", "kk": "Иә", "en": "Yes"}
NO = {"ru": "Нет", "kk": "Жоқ", "en": "No"}
BACK = {"ru": "Назад", "kk": "Артқа", "en": "Back"}
CHECK = {"ru": "Проверить", "kk": "Тексеру", "en": "Check eligibility"}
FIND = {"ru": "Помогите выбрать", "kk": "Таңдауға көмек", "en": "Help me find it"}
EAEU = {"ru": "ЕАЭС", "kk": "ЕАЭО", "en": "EAEU"}
EMPLOYER = {
    "ru": "Какой вы работодатель",
    "kk": "қандай жұмыс беруші",
    "en": "What kind of employer",
}
NEED_TEXT = {"ru": "нужен текст", "kk": "мәтін керек", "en": "I need text"}


async def state_of(app: App, d: Dialog) -> tuple[str | None, dict[str, object]]:
    key = app.dp.fsm.get_context(app.bot, d.chat.id, d.user.id)
    return await key.get_state(), await key.get_data()


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
async def test_a_clear_title_gets_its_category_and_goes_on(
    dialog: DialogFactory, app: App, lang: str
) -> None:
    d = dialog(user_id=81, lang=lang)
    await d.send("/category")
    assert ASK_TITLE[lang] in d.text
    await d.send(WELDER[lang])
    assert "4" in d.text and CATEGORY[lang] in d.text.lower()
    await d.click(CHECK[lang])
    assert EAEU[lang] in d.text, "the interview starts from its first question"
    state, data = await state_of(app, d)
    assert state is not None and "Eligibility" in state
    assert data == {"history": [["route", "cat4"]]}


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
async def test_an_ambiguous_title_asks_then_suggests(
    dialog: DialogFactory, app: App, lang: str
) -> None:
    d = dialog(user_id=82, lang=lang)
    await d.send("/category")
    await d.send("менеджер")  # category 2 or 3
    assert Q_DIVISION[lang] in d.text
    yes = d.last_message().buttons()[0][1]
    await d.click(NO[lang])
    assert "3" in d.text
    query = await d.click_data(yes)  # the old question's button, pressed again
    assert d.callback_text(query) is not None
    await d.click(BACK[lang])
    assert Q_DIVISION[lang] in d.text
    await d.click(YES[lang])
    assert "2" in d.text
    await d.click(BACK[lang])
    await d.click(BACK[lang])
    assert ASK_TITLE[lang] in d.text


async def test_unknown_title_cannot_tell(dialog: DialogFactory, app: App) -> None:
    d = dialog(user_id=83, lang="en")
    await d.send("/category")
    await d.send("<b>zzz</b>")
    assert "&lt;b&gt;zzz" in d.text and "<b>zzz" not in d.text
    for _ in range(4):
        if "cannot tell" in d.text.lower() or "do not fit" in d.text:
            break
        await d.click("No")
    assert "cannot tell" in d.text.lower() or "do not fit" in d.text


async def test_sticker_long_title_and_cancel(dialog: DialogFactory, app: App) -> None:
    d = dialog(user_id=84, lang="ru")
    await d.send("/category")
    sticker = Sticker(
        file_id="s",
        file_unique_id="s",
        type="regular",
        width=1,
        height=1,
        is_animated=False,
        is_video=False,
    )
    message = Message(
        message_id=1, date=DEFAULT_NOW, chat=d.chat, from_user=d.user, sticker=sticker
    )
    await d.feed(Update(update_id=910_001, message=message))
    assert NEED_TEXT["ru"] in d.text and "Отмена" in " ".join(d.buttons())
    await d.send("x" * 101)
    assert "100" in d.text
    await d.send("/cancel")
    assert (await state_of(app, d))[0] is None
    await d.send("/category")
    await d.click("Отмена")
    assert (await state_of(app, d))[0] is None


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
async def test_from_the_interview_and_back_into_it(
    dialog: DialogFactory, app: App, lang: str
) -> None:
    d = dialog(user_id=85, lang=lang)
    await d.send("/eligibility")
    await d.click(NO[lang])  # not an EAEU citizen: the route question
    await d.click(FIND[lang])
    assert ASK_TITLE[lang] in d.text
    await d.click(BACK[lang])  # back to the route question, answers kept
    assert (await state_of(app, d))[1] == {"history": [["eaeu", "no"]]}
    await d.click(FIND[lang])
    await d.send(WELDER[lang])
    await d.click(CHECK[lang])
    assert EMPLOYER[lang] in d.text, "the interview goes on after the route"
    assert (await state_of(app, d))[1] == {"history": [["eaeu", "no"], ["route", "cat4"]]}


# A title typed as people type it: in Latin letters, Kazakh without its letters, a doubled
# letter dropped, one letter wrong. The finder reads it like the spelling it knows.
TYPED_LOOSELY = [
    ("ru", "svarshik", 4),
    ("ru", "glavnyi buhgalter", None),  # главный бухгалтер: 2 or 3, asked
    ("ru", "програмист", 3),
    ("en", "chief acountant", None),  # chief accountant: 2 or 3, asked
    ("en", "electrican", 4),
    ("kk", "дэнекерлеуши", 4),
    ("kk", "жургизуши", 4),
    ("kk", "бас есепші", None),  # chief accountant: 2 or 3, asked
    ("kk", "есепші", 3),
]


@pytest.mark.parametrize(("lang", "title", "category"), TYPED_LOOSELY)
async def test_a_title_typed_loosely_is_read_as_its_spelling(
    dialog: DialogFactory, lang: str, title: str, category: int | None
) -> None:
    d = dialog(user_id=89, lang=lang)
    await d.send("/category")
    await d.send(title)
    if category is None:
        assert Q_DIVISION[lang] in d.text, "a title pointing to 2 or 3 asks about a division"
    else:
        assert f"{category}" in d.text and CHECK[lang] in " ".join(d.buttons())
