"""Issue 11: an edited message is a correction where the calculator or the interview waits for
typed input (a date, a number); elsewhere it is ignored. Through the real Dispatcher, ru/kk/en."""

from __future__ import annotations

import pytest
from aiogram.fsm.storage.base import StorageKey

from bot.app import App
from bot.i18n import Translator
from knowledge.interview import History
from knowledge.l10n import Lang
from tests.conftest import DialogFactory
from tests.support.dialog import Dialog
from tests.support.labels import NO

LANGS: list[Lang] = ["ru", "kk", "en"]
CAT1 = {"ru": "1-я категория", "kk": "1-санат", "en": "Category 1"}
CAT3 = {"ru": "3-я категория", "kk": "3-санат", "en": "Category 3"}
SMALL = {"ru": "Малый", "kk": "Шағын", "en": "Small"}
OTHER = {"ru": "Другой", "kk": "Басқа", "en": "Other"}
NOT_YET = {"ru": "Ещё нет", "kk": "Әлі жоқ", "en": "Not yet"}


async def state_of(app: App, d: Dialog) -> tuple[str | None, dict[str, object]]:
    key = StorageKey(bot_id=app.bot.id, chat_id=d.chat.id, user_id=d.user.id)
    return await app.dp.storage.get_state(key), await app.dp.storage.get_data(key)


async def answers(app: App, d: Dialog) -> History:
    raw = (await state_of(app, d))[1].get("history")
    assert isinstance(raw, list)
    return [(str(qid), value) for qid, value in raw]


async def to_staff_questions(d: Dialog, lang: Lang) -> None:
    await d.send("/eligibility")
    await d.click(NO[lang])
    await d.click(CAT3[lang])
    await d.click(OTHER[lang])


@pytest.mark.parametrize("lang", LANGS)
async def test_an_edited_date_in_the_calculator_is_taken(
    dialog: DialogFactory, app: App, lang: Lang
) -> None:
    t = Translator(lang)
    d = dialog(user_id=401, lang=lang)
    await d.send("/deadlines")
    await d.click(t("dl-event-arrival"))
    typed = await d.send("31.02.2025")
    assert len(d.replies()) == 1 and t("dl-result-title") not in d.text
    await d.edit(typed, "01.09.2025")  # the typo fixed
    assert d.text.startswith(t("dl-result-title")), d.text
    assert (await state_of(app, d))[0] is None
    await d.edit(typed, "02.09.2025")  # the calculation is over: an edit now is ignored
    assert d.replies() == []


@pytest.mark.parametrize("lang", LANGS)
async def test_an_edited_refused_number_answers_the_question(
    dialog: DialogFactory, app: App, lang: Lang
) -> None:
    d = dialog(user_id=402, lang=lang)
    await to_staff_questions(d, lang)
    typed = await d.send("fifty")
    assert len(d.replies()) == 1
    await d.edit(typed, "50")
    assert (await answers(app, d))[-1] == ("local", 50)
    assert Translator(lang)("elig-q-foreign", group="3–4") in d.text


@pytest.mark.parametrize("lang", LANGS)
async def test_an_edited_answer_corrects_it_and_the_later_answers_stay(
    dialog: DialogFactory, app: App, lang: Lang
) -> None:
    d = dialog(user_id=403, lang=lang)
    await to_staff_questions(d, lang)
    local = await d.send("50")
    await d.send("3")
    assert NOT_YET[lang] in " ".join(d.buttons()), "the vacancy question"
    await d.edit(local, "40")  # the local count was wrong, noticed a question later
    assert [a for a in await answers(app, d) if a[0] in ("local", "foreign")] == [
        ("local", 40),
        ("foreign", 3),
    ]
    assert NOT_YET[lang] in " ".join(d.buttons()), "back at the question the user was on"
    await d.click(NOT_YET[lang])
    more = Translator(lang)("elig-ratio-more", group="3–4", count=1)
    assert more in d.text, "40 local and 3 foreign allow one more (50 and 3 allowed two)"


@pytest.mark.parametrize("lang", LANGS)
async def test_a_correction_that_changes_the_path_drops_what_no_longer_applies(
    dialog: DialogFactory, app: App, lang: Lang
) -> None:
    d = dialog(user_id=404, lang=lang)
    await d.send("/eligibility")
    await d.click(NO[lang])
    await d.click(CAT1[lang])
    await d.click(SMALL[lang])
    headcount = await d.send("21")  # over the small-business limit: staff asked
    await d.send("7")
    await d.send("3")
    await d.edit(headcount, "15")  # within it: exempt, the staff questions do not apply
    assert [qid for qid, _ in await answers(app, d)] == ["eaeu", "route", "employer", "headcount"]
    assert NOT_YET[lang] in " ".join(d.buttons())


@pytest.mark.parametrize("lang", LANGS)
async def test_a_wrong_correction_says_so_and_keeps_the_answers(
    dialog: DialogFactory, app: App, lang: Lang
) -> None:
    d = dialog(user_id=405, lang=lang)
    await to_staff_questions(d, lang)
    local = await d.send("50")
    before = await state_of(app, d)
    await d.edit(local, "-5")
    assert len(d.replies()) == 1, "one message: what is wrong"
    assert await state_of(app, d) == before


@pytest.mark.parametrize("lang", LANGS)
async def test_an_edit_while_a_button_question_is_asked_is_ignored(
    dialog: DialogFactory, app: App, lang: Lang
) -> None:
    d = dialog(user_id=406, lang=lang)
    await d.send("/eligibility")
    typed = await d.send("50")  # "use the buttons"
    before = await state_of(app, d)
    await d.edit(typed, "60")
    assert d.replies() == [] and await state_of(app, d) == before
    await d.send("/deadlines")
    await d.click(Translator(lang)("dl-event-permit"))
    await d.edit(typed, "01.09.2025")  # the calculator asks for a route, by buttons
    assert d.replies() == []


@pytest.mark.parametrize("lang", LANGS)
async def test_an_answer_taken_back_then_edited_answers_the_question_again(
    dialog: DialogFactory, app: App, lang: Lang
) -> None:
    d = dialog(user_id=407, lang=lang)
    await to_staff_questions(d, lang)
    local = await d.send("50")
    await d.click("‹")  # the local count is asked again
    await d.edit(local, "45")
    assert (await answers(app, d))[-1] == ("local", 45)
    assert Translator(lang)("elig-q-foreign", group="3–4") in d.text
