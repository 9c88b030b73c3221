"""Fees: known seasonal amounts, no number for categories 1–4, a notice tracked with its rate."""

from __future__ import annotations

import datetime as dt

import pytest
from aiogram.types import Message, Sticker, Update

from bot.app import App
from bot.db import records
from bot.i18n import Translator
from bot.reminders import repo
from handlers.fees import money
from handlers.tracking import RecCb
from knowledge import deadlines as dl
from knowledge.l10n import Lang, format_date
from knowledge.loader import load_knowledge
from tests.conftest import DEFAULT_NOW, DialogFactory

NOTICE = {"ru": "Ввести уведомление", "kk": "Хабарламаны енгізу", "en": "Enter my fee notice"}
MCI = {"ru": "МРП", "kk": "АЕК", "en": "MCI"}
UNKNOWN = {"ru": "№ 819", "kk": "№ 819", "en": "No. 819"}
BACK = {"ru": "Назад", "kk": "Артқа", "en": "Back"}
CANCEL = {"ru": "Отмена", "kk": "Болдырмау", "en": "Cancel"}
NOTICE_DAY = dt.date(2026, 11, 20)


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
async def test_fees_known_unknown_and_a_tracked_notice(
    dialog: DialogFactory, app: App, lang: str
) -> None:
    kb = load_knowledge()
    d = dialog(user_id=91, lang=lang)
    await d.send("/fees")
    seasonal = kb.seasonal_fee(90, 2026)
    assert seasonal.amount_kzt is not None
    assert f"12 {MCI[lang]} = <b>{money(seasonal.amount_kzt, lang)}</b>" in d.text
    assert UNKNOWN[lang] in d.text
    await d.click(NOTICE[lang])
    await d.send("soon")  # not a date
    await d.send("01.12.2026")  # in the future: a notice already received is in the past
    assert len(d.replies()) == 1 and CANCEL[lang] in " ".join(d.buttons())
    await d.send("20.11.2026")
    await d.send("0")
    await d.send("abc")
    assert CANCEL[lang] in " ".join(d.buttons()) and BACK[lang] in " ".join(d.buttons())
    await d.click(BACK[lang])
    await d.send("20.11.2026")
    await d.send("150")
    due = dl.fee_payment(NOTICE_DAY).dates["due"]
    mci = kb.mci(due.year)
    assert mci is not None
    assert format_date(due, lang) in d.text
    assert money(150 * mci, lang) in d.text
    (record,) = await records.for_user(app.db, 91)
    assert (record.kind, record.event_date) == ("fee", NOTICE_DAY)
    kinds = {r.kind for r in await repo.upcoming(app.db, 91)}
    assert kinds == {"fee_due_soon", "fee_due"}
    await d.click_data(RecCb(action="open", id=record.id).pack())
    assert money(150 * mci, lang) in d.text


async def test_sticker_cancel_and_stale_back(dialog: DialogFactory, app: App) -> None:
    d = dialog(user_id=92, lang="en")
    await d.send("/fees")
    await d.click("Enter my fee notice")
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
    await d.feed(Update(update_id=920_001, message=message))
    assert "I need text" in d.text and "Cancel" in " ".join(d.buttons())
    await d.click("Cancel")
    assert await records.for_user(app.db, 92) == []
    query = await d.click_data("fee:back")  # Back with nothing to go back to
    assert d.callback_text(query) is not None
    await d.click_data("fee:burn")  # a forged action: answered, nothing happens


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
async def test_a_year_is_written_as_a_year(dialog: DialogFactory, lang: str) -> None:
    """/fees said "Permit fees in 2,026" ("2 026 году" in ru/kk): Fluent grouped the digits of
    every integer, years too. A year is a name, not an amount."""
    d = dialog(lang=lang)
    await d.send("/fees")
    assert "2026" in d.text
    assert not any(grouped in d.text for grouped in ("2,026", "2 026", "2\xa0026", "2\u202f026"))


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
async def test_fees_show_no_fact_ids_or_bare_addresses(dialog: DialogFactory, lang: str) -> None:
    """/fees said "Seasonal workers (fact: fee.seasonal)" and "Source: https://continent-online
    .com/Document/?doc_id=…": an internal id and a bare address; a user reads who published it."""
    d = dialog(lang=lang)
    await d.send("/fees")
    assert "fee.seasonal" not in d.text
    assert 'href="https://continent-online.com' in d.text, "the source is a named link"
    assert ": https://" not in d.text


@pytest.mark.parametrize(
    ("lang", "typed"), [("ru", "20.11"), ("kk", "20 қараша"), ("en", "Friday"), ("en", "20.11.26")]
)
async def test_a_guessed_notice_date_is_confirmed_not_refused(
    dialog: DialogFactory, lang: Lang, typed: str
) -> None:
    """ "20.11" (no year) or "Friday" got "a past or today's date, please", though it was one:
    a date read with a guess is confirmed, as in the other date prompts, then the rate is asked."""
    t = Translator(lang)
    d = dialog(user_id=92, lang=lang)
    await d.send("/fees")
    await d.click(NOTICE[lang])
    await d.send(typed)
    assert t("fee-date-bad") not in d.text
    await d.click("✓ " + format_date(NOTICE_DAY, lang))
    assert d.text == t("fee-ask-rate")
    await d.send("150")
    due = dl.fee_payment(NOTICE_DAY).dates["due"]  # counted from the confirmed day
    assert format_date(due, lang) in "\n".join(d.replies())
