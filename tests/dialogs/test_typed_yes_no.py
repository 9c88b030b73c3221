"""A typed "да"/"иә"/"yes" or "нет"/"жоқ"/"no" answers a yes/no question like its button."""

from __future__ import annotations

import pytest

from bot.app import App
from bot.i18n import Translator
from bot.records import profile
from knowledge.l10n import Lang
from knowledge.yesno import parse_yes_no
from tests.conftest import DialogFactory
from tests.support.labels import NO
from tests.support.teams import personal

LANGS: list[Lang] = ["ru", "kk", "en"]
TYPED_YES = {"ru": "Да", "kk": "иә", "en": "yes!"}
TYPED_NO = {"ru": "нет.", "kk": "Жоқ", "en": "No"}
PROFILE = {"ru": "Профиль компании", "kk": "Компания профилі", "en": "Company profile"}
EDIT = {"ru": "Заполнить", "kk": "Толтыру", "en": "Fill in"}
SAVE = {"ru": "Сохранить", "kk": "Сақтау", "en": "Save"}
CAT3 = {"ru": "3-я категория", "kk": "3-санат", "en": "Category 3"}


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("да", True),
        (" ДА ", True),
        ("иә", True),
        ("ия", True),
        ("Yes.", True),
        ("нет", False),
        ("жоқ", False),
        ("жок", False),
        ("no", False),
        ("да нет", None),
        ("", None),
        ("5", None),
    ],
)
def test_parse_yes_no(text: str, said: bool | None) -> None:
    assert parse_yes_no(text) is said


@pytest.mark.parametrize("lang", LANGS)
async def test_typed_yes_answers_the_eaeu_question(dialog: DialogFactory, lang: Lang) -> None:
    d = dialog(user_id=4101, lang=lang)
    await d.send("/eligibility")
    await d.send(TYPED_YES[lang])
    assert "Korgan Zan" in d.text, "the EAEU stop, as after the Yes button"


@pytest.mark.parametrize("lang", LANGS)
async def test_typed_no_answers_and_moves_on(dialog: DialogFactory, lang: Lang) -> None:
    d = dialog(user_id=4102, lang=lang)
    await d.send("/eligibility")
    await d.send(TYPED_NO[lang])
    assert any(CAT3[lang] in label for label in d.buttons()), "the route question is next"


async def test_a_sentence_still_asks_for_the_buttons(dialog: DialogFactory) -> None:
    d = dialog(user_id=4103, lang="ru")
    await d.send("/eligibility")
    await d.send("да нет, наверное")
    assert "кнопк" in d.text


@pytest.mark.parametrize("lang", LANGS)
async def test_typed_yes_no_in_the_category_finder(dialog: DialogFactory, lang: Lang) -> None:
    d = dialog(user_id=4104, lang=lang)
    await d.send("/category")
    await d.send("менеджер")  # category 2 or 3: a yes/no question
    await d.send(TYPED_NO[lang])
    assert "3" in d.text, "no → category 3, as after the No button"
    assert Translator(lang)("unexpected-in-flow") not in d.text


@pytest.mark.parametrize("lang", LANGS)
async def test_typed_yes_no_in_the_company_profile(
    dialog: DialogFactory, app: App, lang: Lang
) -> None:
    d = dialog(user_id=4105, lang=lang)
    await d.send("/status")
    await d.click(PROFILE[lang])
    await d.click(EDIT[lang])
    await d.send("120")
    await d.send(TYPED_NO[lang])  # not a small business
    await d.send(TYPED_YES[lang])  # a branch
    for count in ("6", "4", "95", "5"):
        await d.send(count)
    await d.click(SAVE[lang])
    stored = await profile.get(app.db, await personal(app.db, 4105))
    assert stored == profile.CompanyProfile(120, False, True, 6, 4, 95, 5)


@pytest.mark.parametrize("lang", LANGS)
async def test_an_edited_profile_count_keeps_the_headcount_check(
    dialog: DialogFactory, app: App, lang: Lang
) -> None:
    """Editing a typed staff count to more than the headcount was stored without a word."""
    d = dialog(user_id=4106, lang=lang)
    await d.send("/status")
    await d.click(PROFILE[lang])
    await d.click(EDIT[lang])
    headcount = await d.send("20")
    await d.click(NO[lang])
    await d.click(NO[lang])
    first = await d.send("5")
    await d.send("5")
    await d.edit(first, "18")  # 18 + 5 = 23 > 20
    assert "23" in d.text and "20" in d.text
    for count in ("5", "5"):
        await d.send(count)
    await d.edit(headcount, "12")  # 5 + 5 + 5 + 5 = 20 > 12, at the confirmation
    assert "12" in d.text and "20" in d.text
    await d.click(SAVE[lang])
    stored = await profile.get(app.db, await personal(app.db, 4106))
    assert stored == profile.CompanyProfile(20, False, False, 5, 5, 5, 5)
