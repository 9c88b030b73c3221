from __future__ import annotations

import datetime as dt

import pytest

from bot.app import App
from bot.db import users
from bot.i18n import Translator
from bot.reminders import repo
from knowledge.l10n import Lang
from tests.conftest import DialogFactory
from tests.dialogs.test_tracking import compute_permit


async def tracked(dialog: DialogFactory, user_id: int, lang: str = "en"):  # type: ignore[no-untyped-def]
    d = dialog(user_id=user_id, lang=lang)
    await compute_permit(d, lang, "01.06.2026")  # ends 31.05.2027
    await d.click("Skip" if lang == "en" else "Пропустить")
    await d.click("Save" if lang == "en" else "Сохранить")
    return d


async def test_hour_and_quiet_hours_move_the_send_time(dialog: DialogFactory, app: App) -> None:
    d = await tracked(dialog, 81)
    before = {r.kind: r.send_at for r in await repo.upcoming(app.db, 81)}
    await d.send("/settings")
    assert "09:00" in d.text and "21:00–09:00" in d.text
    await d.click("Hour")
    await d.click("14:00")
    after = {r.kind: r.send_at for r in await repo.upcoming(app.db, 81)}
    assert all(after[k] - before[k] == 5 * 3600 for k in before), "14:00 instead of 09:00"
    await d.click("Quiet hours")
    await d.click("22:00–08:00")
    user = await users.get(app.db, 81)
    assert user is not None and (user.reminder_hour, user.quiet_start, user.quiet_end) == (
        14,
        22,
        8,
    )


async def test_turning_a_kind_off_and_lead_times(dialog: DialogFactory, app: App) -> None:
    d = await tracked(dialog, 82)
    await d.send("/settings")
    await d.click("🔔 Renewal")
    kinds = {r.kind for r in await repo.upcoming(app.db, 82)}
    assert not any(k.startswith("renewal") for k in kinds) and "permit_expired" in kinds
    assert "🔕 Renewal" in d.buttons()
    await d.click("🔕 Renewal")
    await d.click("Renewal lead: 45")
    recommended = next(
        r for r in await repo.upcoming(app.db, 82) if r.kind == "renewal_recommended"
    )
    assert recommended.due_date == dt.date(2027, 5, 31) - dt.timedelta(days=50)
    await d.click("Expiry warning: 7")
    soon = next(r for r in await repo.upcoming(app.db, 82) if r.kind == "permit_expires_soon")
    assert soon.due_date == dt.date(2027, 5, 17)


async def test_time_zone_in_russian(dialog: DialogFactory, app: App) -> None:
    d = await tracked(dialog, 83, "ru")
    await d.send("/settings")
    assert "Настройки напоминаний" in d.text
    await d.click("Часовой пояс")
    await d.click("Europe/Moscow")
    user = await users.get(app.db, 83)
    assert user is not None and user.timezone == "Europe/Moscow"


@pytest.mark.parametrize(
    "data",
    [
        "set:hour:3",
        "set:zone:99",
        "set:mute:everything",
        "set:expiry:1000",
        "set:nope:1",
        "set:menu:nothing",
    ],
)
async def test_forged_settings_buttons_change_nothing(
    dialog: DialogFactory, app: App, data: str
) -> None:
    d = dialog(user_id=84, lang="en")
    await d.send("/settings")
    before = await users.get(app.db, 84)
    await d.click_data(data)
    assert await users.get(app.db, 84) == before


HOUR = {"ru": "Час", "kk": "Сағат", "en": "Hour"}
ZONE = {"ru": "Часовой пояс", "kk": "Уақыт белдеуі", "en": "Time zone"}
QUIET = {"ru": "Тихие часы", "kk": "Тыныш сағаттар", "en": "Quiet hours"}
TYPED_HOURS = [
    ("ru", "10", 10),
    ("ru", "8 вечера", 20),
    ("kk", "кешкі 7", 19),
    ("kk", "сағат 11", 11),
    ("en", "6 pm", 18),
    ("en", "10:00", 10),
]


@pytest.mark.parametrize(("lang", "typed", "hour"), TYPED_HOURS)
async def test_a_typed_reminder_hour_is_saved(
    dialog: DialogFactory, app: App, lang: Lang, typed: str, hour: int
) -> None:
    d = dialog(user_id=85, lang=lang)
    await d.send("/settings")
    await d.click(HOUR[lang])
    await d.send(typed)
    assert Translator(lang)("settings-saved") in d.text and f"{hour:02d}:00" in d.text
    user = await users.get(app.db, 85)
    assert user is not None and user.reminder_hour == hour


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
@pytest.mark.parametrize("typed", ["10:30", "25", "-5", "<b>9</b>", "😀"])
async def test_a_typed_hour_that_cannot_be_read_changes_nothing(
    dialog: DialogFactory, app: App, lang: Lang, typed: str
) -> None:
    d = dialog(user_id=86, lang=lang)
    await d.send("/settings")
    await d.click(HOUR[lang])
    await d.send(typed)
    assert d.replies() == [Translator(lang)("settings-typed-bad-hour")]
    assert "07:00" in d.buttons(), "the hour buttons again"
    user = await users.get(app.db, 86)
    assert user is not None and user.reminder_hour == 9


TYPED_ZONES = [
    ("en", "Asia/Almaty", "Asia/Almaty", "Asia/Almaty"),
    ("en", "asia/tashkent", "Asia/Tashkent", "Asia/Tashkent"),
    ("ru", "UTC+6", "Etc/GMT-6", "UTC+6"),
    ("kk", "+5", "Etc/GMT-5", "UTC+5"),
    ("ru", "Москва", "Europe/Moscow", "Europe/Moscow"),
    ("kk", "Ақтау", "Asia/Aqtau", "Asia/Aqtau"),
    ("en", "Istanbul", "Europe/Istanbul", "Europe/Istanbul"),
]


@pytest.mark.parametrize(("lang", "typed", "zone", "shown"), TYPED_ZONES)
async def test_a_typed_time_zone_is_saved(
    dialog: DialogFactory, app: App, lang: Lang, typed: str, zone: str, shown: str
) -> None:
    d = dialog(user_id=87, lang=lang)
    await d.send("/settings")
    await d.click(ZONE[lang])
    await d.send(typed)
    assert Translator(lang)("settings-saved") in d.text and shown in d.text
    user = await users.get(app.db, 87)
    assert user is not None and user.timezone == zone


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
async def test_typed_quiet_hours_and_a_bad_zone(
    dialog: DialogFactory, app: App, lang: Lang
) -> None:
    d = dialog(user_id=88, lang=lang)
    await d.send("/settings")
    await d.click(ZONE[lang])
    await d.send("UTC+99")
    assert d.replies() == [Translator(lang)("settings-typed-bad-zone")]
    await d.send("/cancel")
    await d.send("/settings")
    await d.click(QUIET[lang])
    await d.send({"ru": "с 23 до 7", "kk": "23-7", "en": "from 23 to 7"}[lang])
    assert "23:00–07:00" in d.text
    user = await users.get(app.db, 88)
    assert user is not None and (user.timezone, user.quiet_start, user.quiet_end) == (
        "Asia/Almaty",
        23,
        7,
    )


async def test_after_the_menu_a_typed_text_is_a_question_again(dialog: DialogFactory) -> None:
    d = dialog(user_id=89, lang="en")
    await d.send("/settings")
    await d.click("Hour")
    await d.click("‹ Back")
    await d.send("10")
    assert Translator("en")("settings-typed-bad-hour") not in d.text


@pytest.mark.parametrize(("lang", "typed"), [("ru", "Назад"), ("kk", "артқа"), ("en", "back")])
async def test_back_typed_in_a_sub_menu_is_the_back_button(
    dialog: DialogFactory, lang: Lang, typed: str
) -> None:
    d = dialog(user_id=90, lang=lang)
    await d.send("/settings")
    await d.click(HOUR[lang])
    await d.send(typed)
    assert d.text.startswith(
        Translator(lang)(
            "settings-overview", hour="09:00", quiet="", zone="", recommended=45, expiry=7
        )[:12]
    )
    await d.send("10")
    assert Translator(lang)("settings-typed-bad-hour") not in d.text, "the menu was left"


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
async def test_a_typed_hour_or_quiet_hours_that_would_silence_the_hour_are_refused(
    dialog: DialogFactory, app: App, lang: Lang
) -> None:
    """The buttons never put the hour inside the quiet hours; typed, 22:00 inside 21:00–09:00
    sent each reminder the next morning, a deadline's last-day reminder after the deadline."""
    t = Translator(lang)
    d = dialog(user_id=91, lang=lang)
    await d.send("/settings")
    await d.click(HOUR[lang])
    await d.send("22")
    assert d.replies() == [t("settings-typed-in-quiet", hour="22:00", quiet="21:00–09:00")]
    await d.send("/settings")
    await d.click(QUIET[lang])
    await d.send("8-20")
    assert d.replies() == [t("settings-typed-in-quiet", hour="09:00", quiet="08:00–20:00")]
    user = await users.get(app.db, 91)
    assert user is not None and (user.reminder_hour, user.quiet_start, user.quiet_end) == (
        9,
        21,
        9,
    )


@pytest.mark.parametrize(
    ("lang", "question"),
    [
        ("ru", "сколько раз можно продлить разрешение?"),
        ("kk", "рұқсатты қанша рет ұзартуға болады"),
        ("en", "how many times can a permit be renewed"),
    ],
)
async def test_a_question_typed_with_a_sub_menu_open_is_answered(
    dialog: DialogFactory, lang: Lang, question: str
) -> None:
    """The hour menu left open above, a question is not "I could not read that hour"."""
    d = dialog(user_id=92, lang=lang)
    await d.send("/settings")
    await d.click(HOUR[lang])
    await d.send(question)
    assert Translator(lang)("settings-typed-bad-hour") not in d.text
    assert any("📚" in label for label in d.buttons()), "an answer card, with its topics"
    await d.send("10")
    assert Translator(lang)("settings-typed-bad-hour") not in d.text, "the menu was left"
    assert Translator(lang)("settings-saved") not in d.text
