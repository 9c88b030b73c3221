"""/status: the company profile conversation (Back, Cancel, validation) and the ratio on it."""

from __future__ import annotations

import pytest

from bot.app import App
from bot.i18n import Translator
from bot.records import profile
from knowledge.l10n import Lang
from tests.conftest import DialogFactory
from tests.support.dialog import Dialog
from tests.support.labels import NO, YES
from tests.support.teams import personal

PROFILE = {"ru": "Профиль компании", "kk": "Компания профилі", "en": "Company profile"}
EDIT = {"ru": "Заполнить", "kk": "Толтыру", "en": "Fill in"}
BACK = {"ru": "Назад", "kk": "Артқа", "en": "Back"}
CANCEL = {"ru": "Отмена", "kk": "Болдырмау", "en": "Cancel"}
SAVE = {"ru": "Сохранить", "kk": "Сақтау", "en": "Save"}
RATIO_FAIL = {"ru": "не соблюдается", "kk": "сақталмаған", "en": "not met"}


async def start_profile(d: Dialog, lang: str) -> None:
    await d.send("/status")
    await d.click(PROFILE[lang])
    await d.click(EDIT[lang])


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
async def test_fill_in_the_profile_and_see_the_ratio(
    dialog: DialogFactory, app: App, lang: str
) -> None:
    d = dialog(user_id=81, lang=lang)
    await start_profile(d, lang)
    assert "1" in d.text and "7" in d.text  # step 1 of 7
    await d.send("120")
    await d.click(NO[lang])  # not a small business
    await d.click(NO[lang])  # not a branch
    for count in ("6", "4", "95", "5"):  # 60 % local in cats 1-2: under 70 %
        await d.send(count)
    assert RATIO_FAIL[lang] in d.text
    assert "enbek" in d.text or "href" in d.text, "the check names its sources"
    assert await profile.get(app.db, await personal(app.db, 81)) is None, (
        "nothing is saved before Save"
    )
    await d.click(SAVE[lang])
    stored = await profile.get(app.db, await personal(app.db, 81))
    assert stored == profile.CompanyProfile(120, False, False, 6, 4, 95, 5)
    result = await profile.ratio_for_workspace(
        app.db, await personal(app.db, 81), app.clock.today("Asia/Almaty")
    )
    assert result is not None and not result.ok


async def test_back_cancel_and_validation(dialog: DialogFactory, app: App) -> None:
    d = dialog(user_id=82, lang="en")
    await start_profile(d, "en")
    assert "Back" not in " ".join(d.buttons()), "no Back on the first step"
    await d.send("many")
    assert "whole number" in d.text
    await d.send("-3")
    assert "whole number" in d.text
    await d.send("1000001")  # above the form's ceiling
    assert "whole number" in d.text
    await d.send("١٢")  # digits of another script are refused, as in the interview
    assert "whole number" in d.text
    await d.send("1,200")  # as people write thousands: commas and spaces are fine
    assert "small business" in d.text
    await d.send("maybe")  # a yes/no step wants a button or a typed yes/no
    assert "press Yes or No" in d.text
    await d.click("Back")
    assert "employees" in d.text and "Step 1" in d.text
    await d.send("15")
    await d.click("Yes")  # small business, 15 staff: exempt
    await d.click("No")
    for count in ("1", "1", "1", "1"):
        await d.send(count)
    assert "allows hiring" in d.text, "a small business of 15 is exempt from the ratio"
    await d.click("Back")  # from the confirmation back to the last question
    assert "Step 7" in d.text
    await d.click("Cancel")
    assert "Cancelled" in d.text or "cancel" in d.text.lower()
    assert await profile.get(app.db, await personal(app.db, 82)) is None
    await d.send("hello")  # the conversation is over: plain text is a question again
    assert "Step" not in d.text


async def test_saved_profile_is_shown_and_can_be_changed(dialog: DialogFactory, app: App) -> None:
    d = dialog(user_id=83, lang="ru")
    await start_profile(d, "ru")
    for step in ("30", NO["ru"], YES["ru"], "2", "1", "10", "0"):
        if step.isdigit():
            await d.send(step)
        else:
            await d.click(step)
    await d.click(SAVE["ru"])
    assert "Профиль компании сохранён" in d.text and "Всего работников: 30" in d.text
    await d.send("/status")
    await d.click(PROFILE["ru"])
    assert "Всего работников: 30" in d.text
    assert "Филиал или представительство иностранной компании: Да" in d.text


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
async def test_profile_prompts_keep_their_way_out(
    dialog: DialogFactory, app: App, lang: Lang
) -> None:
    t = Translator(lang)
    d = dialog(user_id=83, lang=lang)
    await start_profile(d, lang)
    first = [t("track-btn-cancel")]
    assert d.buttons() == first
    await d.send_media("photo")
    assert d.replies() == [t("need-text")] and d.buttons() == first
    await d.send("9" * 5000)
    assert d.replies() == [t("status-profile-invalid", min=1)] and d.buttons() == first
    typed = await d.send("120")
    await d.click(NO[lang])
    await d.click(NO[lang])
    for count in ("6", "4", "95", "5"):
        await d.send(count)
    await d.edit(typed, "130")  # a corrected headcount, seen at the confirmation
    assert "130" in d.text
    await d.click(SAVE[lang])
    stored = await profile.get(app.db, await personal(app.db, 83))
    assert stored is not None and stored.headcount == 130


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
async def test_profile_staff_cannot_exceed_the_headcount(
    dialog: DialogFactory, app: App, lang: Lang
) -> None:
    """A profile of 20 employees took 15 + 15 + 10 + 10 staff and showed a ratio check on 50
    people: the staff by category group are among the employees, so the count that takes them
    past the headcount is asked again, naming both numbers."""
    d = dialog(user_id=84, lang=lang)
    await start_profile(d, lang)
    await d.send("20")
    await d.click(NO[lang])
    await d.click(NO[lang])
    await d.send("15")
    await d.send("6")
    assert "21" in d.text and "20" in d.text, "asked again"
    await d.send("5")
    await d.send("0")
    await d.send("1")
    assert "21" in d.text and SAVE[lang] not in " ".join(d.buttons())
    await d.send("0")
    assert any(SAVE[lang] in label for label in d.buttons()), "20 of 20: on to Save"


ZERO = {"ru": "ноль", "kk": "нөл", "en": "zero"}


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
async def test_a_company_of_no_employees_is_refused_and_zero_staff_may_be_typed_as_a_word(
    dialog: DialogFactory, app: App, lang: Lang
) -> None:
    """The interview asks for at least one employee; the profile did not (0 made a "small
    business of 0" exempt). "ноль" / "нөл" / "zero" is read as 0 where 0 is allowed."""
    t = Translator(lang)
    d = dialog(user_id=84, lang=lang)
    await start_profile(d, lang)
    for typed in ("0", ZERO[lang]):
        await d.send(typed)
        assert d.replies() == [t("status-profile-invalid", min=1)], typed
    await d.send("12")
    await d.click(NO[lang])
    await d.click(NO[lang])
    await d.send(ZERO[lang])  # no citizens in categories 1-2
    assert t("status-profile-invalid", min=0) not in d.text
    for count in ("0", "10", "2"):
        await d.send(count)
    await d.click(SAVE[lang])
    saved = await profile.get(app.db, await personal(app.db, 84))
    assert saved is not None and (saved.headcount, saved.locals_12, saved.locals_34) == (12, 0, 10)
