"""Dates that have passed say so, and a plan made after a window closed says what to do now."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.clock import FrozenClock
from tests.conftest import DialogFactory
from tests.support.dialog import Dialog

PERMIT = {"ru": "Выдано разрешение", "kk": "Рұқсат берілді", "en": "Permit issued"}
PASSED = {"ru": "(прошло)", "kk": "(өтті)", "en": "(passed)"}
CLOSED = {
    "ru": "Окно продления закрылось",
    "kk": "кезеңі 2026 жылғы 1 желтоқсанда жабылды",
    "en": "window closed",
}
PREPARE = {"ru": "Готовьтесь сейчас", "kk": "Қазір дайындалыңыз", "en": "Prepare now"}
OPEN_NOW = {"ru": "открыто сейчас", "kk": "қазір ашық", "en": "is open now"}
DEC_2 = dt.datetime(2026, 12, 2, 4, tzinfo=dt.UTC)  # 09:00 in Almaty


async def permit(d: Dialog, lang: str, category: str, issued: str) -> str:
    await d.send("/deadlines")
    await d.click(PERMIT[lang])
    await d.click(category)
    await d.click("12")
    await d.send(issued)
    return d.text


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
async def test_after_the_renewal_window_the_calculator_says_it_closed(
    dialog: DialogFactory, clock: FrozenClock, lang: str
) -> None:
    clock.set(DEC_2)
    # Category 2 from 1 Jan 2026: valid through 31 Dec 2026, last safe filing day 1 Dec 2026.
    text = await permit(dialog(user_id=91, lang=lang), lang, "2", "01.01.2026")
    assert PASSED[lang] in text
    assert CLOSED[lang].lower() in text.lower()
    assert text.count(PASSED[lang]) >= 2, "both ends of the window have passed"


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
async def test_a_category_4_plan_made_late_says_prepare_now(
    dialog: DialogFactory, clock: FrozenClock, lang: str
) -> None:
    clock.set(DEC_2)
    # Category 4 from 15 Jan 2026: valid through 14 Jan 2027, "prepare by" 31 Oct 2026.
    text = await permit(dialog(user_id=92, lang=lang), lang, "4", "15.01.2026")
    assert PASSED[lang] in text and PREPARE[lang] in text


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
async def test_inside_the_window_it_is_open_now_and_nothing_passed_is_unmarked(
    dialog: DialogFactory, clock: FrozenClock, lang: str
) -> None:
    clock.set(DEC_2)
    # Category 3 from 20 Jan 2026: valid through 19 Jan 2027, window 22 Nov – 20 Dec 2026.
    text = await permit(dialog(user_id=93, lang=lang), lang, "3", "20.01.2026")
    assert OPEN_NOW[lang] in text
    assert text.count(PASSED[lang]) == 1, "only the opening day has passed"
