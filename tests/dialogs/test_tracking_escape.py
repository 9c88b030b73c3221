"""Tracking never traps: every text prompt has its way out, wrong kinds of input get one answer
with the same buttons, edited answers correct, double presses change nothing (ru, kk, en)."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.app import App
from bot.db import records
from bot.i18n import Translator
from bot.records import details
from handlers.tracking.views import default_name, route_name
from knowledge.l10n import Lang
from tests.conftest import DialogFactory
from tests.dialogs.test_escape import at_name_prompt, state
from tests.dialogs.test_tracking import compute_permit
from tests.support.dialog import Dialog

LANGS: list[Lang] = ["ru", "kk", "en"]
MEDIA = ("photo", "sticker", "document")


def labels(t: Translator, *keys: str) -> list[str]:
    return [t(key) for key in keys]


async def saved_permit(d: Dialog, lang: Lang, name: str = "Ali") -> None:
    await compute_permit(d, lang)
    await d.send(name)
    await d.click(Translator(lang)("track-btn-save"))


async def click_twice(d: Dialog, label: str) -> str:
    """Press a button, then the very same button again; returns the second query's id."""
    sent = next(
        m for m in reversed(d.session.chat(d.chat.id)) if any(label in b for b, _ in m.buttons())
    )
    data = next(data for text, data in sent.buttons() if label in text)
    await d.click_data(data, sent)
    return await d.click_data(data, sent)


@pytest.mark.parametrize("lang", LANGS)
async def test_name_prompt_media_long_text_and_cancel(
    dialog: DialogFactory, app: App, lang: Lang
) -> None:
    t = Translator(lang)
    d = dialog(user_id=301, lang=lang)
    await at_name_prompt(d, lang)
    way_out = labels(t, "track-btn-skip", "track-btn-cancel")
    assert d.buttons() == way_out
    for kind in MEDIA:
        await d.send_media(kind)
        assert d.replies() == [t("need-text")] and d.buttons() == way_out, kind
    await d.send("x" * 5000)
    assert d.replies() == [t("track-label-invalid", limit=64)] and d.buttons() == way_out
    await d.click(t("track-btn-cancel"))
    assert d.text == t("cancelled") and await state(app, d) is None
    assert await records.for_user(app.db, 301) == [], "nothing stored"


@pytest.mark.parametrize("lang", LANGS)
async def test_an_edited_name_corrects_it_and_back_returns(
    dialog: DialogFactory, app: App, lang: Lang
) -> None:
    t = Translator(lang)
    d = dialog(user_id=302, lang=lang)
    await compute_permit(d, lang)
    typed = await d.send("Alise")
    await d.edit(typed, "Alice")  # a typo fixed after the confirmation was shown
    assert "<b>Alice</b>" in d.text
    await d.click(t("track-btn-back"))
    assert d.text == t("track-ask-label")
    await d.send("Bob")
    await d.click(t("track-btn-save"))
    assert [r.label for r in await records.for_user(app.db, 302)] == ["Bob"]


@pytest.mark.parametrize("lang", LANGS)
async def test_rename_and_redate_prompts_have_cancel(
    dialog: DialogFactory, app: App, lang: Lang
) -> None:
    t = Translator(lang)
    d = dialog(user_id=303, lang=lang)
    await saved_permit(d, lang)
    await d.click(t("track-btn-rename"))
    assert d.buttons() == [t("track-btn-cancel")]
    await d.send_media("photo")
    assert d.replies() == [t("need-text")] and d.buttons() == [t("track-btn-cancel")]
    await d.click(t("track-btn-cancel"))
    assert "Ali" in d.text and await state(app, d) is None
    await d.click(t("track-btn-redate"))
    typed = await d.send("31.02.2026")
    assert len(d.replies()) == 1, "one message per bad date"
    assert d.buttons() == [t("datepick-calendar"), t("track-btn-cancel")]
    await d.edit(typed, "01.06.2026")  # the corrected date is taken
    record = (await records.for_user(app.db, 303))[0]
    assert record.event_date == dt.date(2026, 6, 1) and await state(app, d) is None


@pytest.mark.parametrize("lang", LANGS)
async def test_detail_prompt_has_back_and_cancel(
    dialog: DialogFactory, app: App, lang: Lang
) -> None:
    t = Translator(lang)
    d = dialog(user_id=304, lang=lang)
    await saved_permit(d, lang)
    await d.click(t("track-btn-details"))
    await d.click(t("track-btn-region"))
    way_out = labels(t, "track-btn-back", "track-btn-cancel")
    assert d.buttons() == way_out
    await d.send_media("sticker")
    assert d.replies() == [t("need-text")] and d.buttons() == way_out
    await d.send("x" * 5000)
    assert d.buttons() == way_out
    await d.click(t("track-btn-back"))  # to the details screen
    assert t("track-btn-region") in d.buttons() and await state(app, d) is None
    record = (await records.for_user(app.db, 304))[0]
    assert await details.get(app.db, 304, record.id) in (None, details.Details())


@pytest.mark.parametrize("lang", LANGS)
async def test_double_presses_change_nothing(dialog: DialogFactory, app: App, lang: Lang) -> None:
    t = Translator(lang)
    d = dialog(user_id=305, lang=lang)
    await compute_permit(d, lang)  # the name prompt is open
    await d.click_data(
        next(data for _t, data in d.session.chat(d.chat.id)[-2].buttons() if "tr:" in data)
    )
    assert d.replies() == [], "the second tap opens no second prompt"
    await d.send("Ali")
    await click_twice(d, t("track-btn-save"))
    assert len(await records.for_user(app.db, 305)) == 1, "saved once"
    await d.click(t("track-btn-delete"))
    second = await click_twice(d, t("track-btn-delete-yes"))
    assert d.callback_text(second) == t("track-not-found")
    assert await records.for_user(app.db, 305) == []


@pytest.mark.parametrize("lang", LANGS)
async def test_skipped_names_tell_records_apart(
    dialog: DialogFactory, app: App, lang: Lang
) -> None:
    t = Translator(lang)
    d = dialog(user_id=306, lang=lang)
    for start in ("28.12.2025", "01.03.2026"):
        await compute_permit(d, lang, start)
        await d.click(t("track-btn-skip"))
        await d.click(t("track-btn-save"))
    await d.send("/status")
    names = [
        default_name(t, "permit", "cat2", dt.date(2025, 12, 28)),
        default_name(t, "permit", "cat2", dt.date(2026, 3, 1)),
    ]
    assert route_name("cat2", t) in names[0] and "28.12.2025" in names[0]
    buttons = [label for label in d.buttons() if label[:1] in "🔴🟠🟢⚪"]
    assert len(set(buttons)) == 2 and all(any(n[:30] in b for b in buttons) for n in names)
    await d.click(names[0][:20])
    assert names[0] in d.text and "—:" not in d.text and "CAT2" not in d.text


async def test_a_vacancy_default_name(dialog: DialogFactory, app: App) -> None:
    t = Translator("en")
    d = dialog(user_id=307, lang="en")
    await at_name_prompt(d, "en")
    await d.click(t("track-btn-skip"))
    assert "<b>Vacancy · 25.11.2026</b>" in d.text


@pytest.mark.parametrize(
    "data",
    [
        "rec:steal:1",
        "m:nowhere",
        "set:evil:1",
        "prof:hack:",
        "r:s99:1",
        "trk:explode",
        "prv:all",
        "recd:label:1:",
    ],
)
async def test_forged_enum_values_reach_the_fallback(dialog: DialogFactory, data: str) -> None:
    d = dialog(user_id=308, lang="kk")
    await d.send("/start")
    query = await d.click_data(data)
    assert d.callback_text(query) == Translator("kk")("stale-button")


@pytest.mark.parametrize("lang", LANGS)
async def test_an_edited_message_outside_a_prompt_is_ignored(
    dialog: DialogFactory, app: App, lang: Lang
) -> None:
    d = dialog(user_id=309, lang=lang)
    typed = await d.send("/start")
    await d.edit(typed, "/deletemydata")  # an old message edited: nothing runs, nothing breaks
    assert d.replies() == []
    assert await state(app, d) is None
