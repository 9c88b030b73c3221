"""/deadlines through the real Dispatcher, in ru, kk and en."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from aiogram.fsm.storage.base import StorageKey

from bot.app import App, create_app
from bot.clock import FrozenClock
from bot.config import Settings
from bot.i18n import Translator
from bot.local_session import LocalSession
from handlers.deadlines import DlCb, TrackThis, track_payload
from handlers.states import Deadlines
from knowledge.calculator import compute
from knowledge.l10n import Lang, format_date
from tests.conftest import DEFAULT_NOW, DialogFactory
from tests.support.dialog import Dialog

LANGS: list[Lang] = ["ru", "kk", "en"]
VACANCY = {"ru": "Вакансия", "kk": "Бос орын", "en": "Vacancy"}
ARRIVED = {"ru": "прибыл", "kk": "келді", "en": "arrived"}
PERMIT = {"ru": "Выдано разрешение", "kk": "Рұқсат берілді", "en": "Permit issued"}
TRACK = {"ru": "Отслеживать", "kk": "Бақылау", "en": "Track this"}


def full(d: Dialog) -> str:
    return "\n".join(d.replies())


async def how_counted(d: Dialog, lang: Lang) -> str:
    """The result's "How counted" view (the traces), sent below the result."""
    await d.click(Translator(lang)("dl-how"))
    return full(d)


async def state_of(app: App, d: Dialog) -> tuple[str | None, dict[str, object]]:
    key = StorageKey(bot_id=app.bot.id, chat_id=d.chat.id, user_id=d.user.id)
    return await app.dp.storage.get_state(key), await app.dp.storage.get_data(key)


@pytest.mark.parametrize("lang", LANGS)
async def test_vacancy_posted_gives_the_earliest_filing_date(
    dialog: DialogFactory, lang: Lang
) -> None:
    d = dialog(user_id=31, lang=lang)
    await d.send("/deadlines")
    await d.click(VACANCY[lang])
    await d.send("01.09.2025")
    text = full(d)
    assert format_date(dt.date(2025, 9, 17), lang) in text
    assert "ey.com" in text, "with its source"
    track = next(data for label, data in d.last_message().buttons() if TRACK[lang] in label)
    trace = await how_counted(d, lang)
    assert format_date(dt.date(2025, 9, 16), lang) in trace, "the trace shows the last counted day"
    assert track_payload(TrackThis.unpack(track)) is not None, "the button carries the computation"
    await d.click_data(track)
    assert Translator(lang)("track-ask-label") in d.replies(), "Track this starts tracking"


@pytest.mark.parametrize("lang", LANGS)
async def test_arrival_notification_skips_the_holiday(dialog: DialogFactory, lang: Lang) -> None:
    d = dialog(user_id=32, lang=lang)
    await d.send("/deadlines")
    await d.click(ARRIVED[lang])
    await d.send("12.12.2025")  # a Friday; 16 December is Independence Day
    text = full(d)
    assert format_date(dt.date(2025, 12, 18), lang) in text
    trace = await how_counted(d, lang)
    assert format_date(dt.date(2025, 12, 16), lang) in trace, "the skipped holiday is named"


@pytest.mark.parametrize("lang", LANGS)
async def test_permit_route_term_and_date_picker(dialog: DialogFactory, lang: Lang) -> None:
    d = dialog(user_id=33, lang=lang)
    await d.send("/deadlines")
    await d.click(PERMIT[lang])
    await d.click("1")  # category 1
    await d.click("24")
    await d.click_data("dp:pick:20250301")
    text = full(d)
    assert format_date(dt.date(2027, 2, 28), lang) in text, "valid through the day before"
    assert format_date(dt.date(2026, 12, 31), lang) in text, "renewal window opens E−59"


async def test_category4_adds_the_replacement_window() -> None:
    results = compute("permit", dt.date(2025, 3, 1), "cat4", "m12")
    assert [r.kind for r in results] == ["permit_end", "no_renewal", "cat4_replacement"]


@pytest.mark.parametrize("lang", LANGS)
async def test_bad_dates_keep_the_state(dialog: DialogFactory, app: App, lang: Lang) -> None:
    d = dialog(user_id=34, lang=lang)
    await d.send("/deadlines")
    await d.click(ARRIVED[lang])
    before = await state_of(app, d)
    for bad, hint in (
        ("31.02.2025", "28.02.2025"),
        ("01/02/2025", "01.02.2025"),
        ("soon", "2025-09-01"),
    ):
        await d.send(bad)
        assert hint in d.replies()[0]
        assert await state_of(app, d) == before
    assert before == (Deadlines.date.state, {"event": "arrival"})


async def test_back_through_every_step_and_cancel(dialog: DialogFactory, app: App) -> None:
    d = dialog(user_id=35, lang="en")
    await d.send("/deadlines")
    await d.click("Permit issued")
    await d.click("Seasonal")
    assert "90 days" in " ".join(d.buttons())
    await d.click("180 days")
    await d.click("‹ Back")
    assert "term" in d.text
    await d.click("‹ Back")
    assert "route" in d.text
    await d.click("‹ Back")
    assert "What happened" in d.text
    await d.click("Cancel")
    assert "Cancelled" in d.text and (await state_of(app, d))[0] is None
    await d.send("/deadlines")
    await d.send("/cancel")
    assert "Cancelled" in d.text and (await state_of(app, d))[0] is None


async def test_text_when_buttons_are_expected(dialog: DialogFactory, app: App) -> None:
    d = dialog(user_id=36, lang="ru")
    await d.send("/deadlines")
    await d.send("<i>вчера</i>")
    assert "вариантов" in d.text and "<i>" not in d.text
    assert (await state_of(app, d))[0] == Deadlines.event.state


@pytest.mark.parametrize("lang", LANGS)
async def test_text_at_a_choice_gets_that_steps_buttons_again(
    dialog: DialogFactory, app: App, lang: Lang
) -> None:
    t = Translator(lang)
    d = dialog(user_id=38, lang=lang)
    await d.send("/deadlines")
    events = d.buttons()
    await d.send("01.02.03")
    assert d.replies() == [t("dl-use-buttons")] and d.buttons() == events
    await d.click(PERMIT[lang])
    routes = d.buttons()
    await d.send("не знаю")  # a label typed would be that button (test_typed_labels)
    assert d.buttons() == routes
    await d.click(routes[2])  # category 3
    terms = d.buttons()
    await d.send("12")
    assert d.buttons() == terms and (await state_of(app, d))[0] == Deadlines.term.state


async def test_forged_buttons_mid_flow(dialog: DialogFactory, app: App) -> None:
    d = dialog(user_id=37, lang="en")
    await d.send("/deadlines")
    await d.click("Permit issued")
    await d.click("Category 2")
    before = await state_of(app, d)
    for data in (
        DlCb(step="term", v="m24").pack(),  # category 2 has only 12 months
        DlCb(step="route", v="cat1").pack(),  # a button of the previous step
        DlCb(step="event", v="vacancy").pack(),
        "dp:pick:20251301",
    ):
        query_id = await d.click_data(data)
        assert "out of date" in (d.callback_text(query_id) or "")
        assert await state_of(app, d) == before


async def test_track_button_hook(dialog: DialogFactory) -> None:
    payload = TrackThis(kind="permit", date="20250301", route="cat2", term="m12")
    request = track_payload(payload)
    assert request is not None and request.day == dt.date(2025, 3, 1) and request.term == "m12"
    assert (
        track_payload(TrackThis(kind="permit", date="20250301", route="cat2", term="m24")) is None
    )
    assert track_payload(TrackThis(kind="nope", date="20250301")) is None
    d = dialog(user_id=38, lang="en")
    await d.send("/start")
    await d.click_data(payload.pack())
    assert "short name" in d.text, "the tracking flow takes the button over"
    assert len(payload.pack().encode()) < 64


async def test_menu_button_and_restart(settings: Settings, tmp_path: Path) -> None:
    clock = FrozenClock(DEFAULT_NOW)

    async def start_app() -> App:
        app = await create_app(settings, session=LocalSession(), clock=clock)
        await app.dp.emit_startup(bot=app.bot, **app.dp.workflow_data)
        return app

    first = await start_app()
    d = Dialog(first, first.bot.session, 39, "kk")  # type: ignore[arg-type]
    await d.send("/start")
    await d.click("Мерзімдер")
    await d.click(ARRIVED["kk"])
    await first.dp.emit_shutdown(bot=first.bot, **first.dp.workflow_data)

    second = await start_app()
    try:
        d2 = Dialog(second, second.bot.session, 39, "kk")  # type: ignore[arg-type]
        await d2.send("12.12.2025")
        assert format_date(dt.date(2025, 12, 18), "kk") in full(d2)
    finally:
        await second.dp.emit_shutdown(bot=second.bot, **second.dp.workflow_data)


async def test_forged_date_actions_fail_to_unpack(dialog: DialogFactory, app: App) -> None:
    """An action the picker never sends ("steal", "") reaches the fallback, not a handler."""
    d = dialog(user_id=38, lang="en")
    await d.send("/deadlines")
    await d.click(ARRIVED["en"])
    before = await state_of(app, d)
    for data in ("dp:steal:20250301", "dp::20250301", "dp:PICK:20250301"):
        query_id = await d.click_data(data)
        assert "out of date" in (d.callback_text(query_id) or ""), data
        assert await state_of(app, d) == before


@pytest.mark.parametrize("lang", LANGS)
async def test_media_at_the_date_step_needs_text_with_the_same_buttons(
    dialog: DialogFactory, app: App, lang: Lang
) -> None:
    t = Translator(lang)
    d = dialog(user_id=39, lang=lang)
    await d.send("/deadlines")
    await d.click(ARRIVED[lang])
    before = await state_of(app, d)
    way_out = [t("datepick-calendar"), "‹ " + t("dl-back"), "✕ " + t("dl-cancel")]
    for kind in ("photo", "sticker", "document"):
        await d.send_media(kind)
        assert d.replies() == [t("need-text")], kind
        assert d.buttons() == way_out, kind
        assert await state_of(app, d) == before, "the step waits for the date still"
    await d.send("01.09.2025")
    assert format_date(dt.date(2025, 9, 4), lang) in full(d), "the date typed next is taken"
