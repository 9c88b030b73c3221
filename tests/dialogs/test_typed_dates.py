"""Dates as people type them: one message per error, the calendar only when asked, and a guess
(no year, a two-digit year, a date far away) confirmed before it is used."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.i18n import Translator
from knowledge.l10n import Lang, format_date
from tests.conftest import DEFAULT_NOW, DialogFactory
from tests.support.dialog import Dialog

ARRIVED = {"ru": "прибыл", "kk": "келді", "en": "arrived"}
LANGS: list[Lang] = ["ru", "kk", "en"]


async def at_date_question(d: Dialog, lang: Lang) -> None:
    await d.send("/deadlines")
    await d.click(ARRIVED[lang])


@pytest.mark.parametrize("lang", LANGS)
async def test_a_bad_date_is_one_message_with_the_calendar_on_request(
    dialog: DialogFactory, lang: Lang
) -> None:
    t = Translator(lang)
    d = dialog(user_id=95, lang=lang)
    await at_date_question(d, lang)
    await d.send("31.02.2026")
    assert d.replies() == [t("datepick-problem-impossible")]
    assert len(d.buttons()) <= 3, "no 45-button grid unasked"
    await d.click(t("datepick-calendar"))
    assert len(d.buttons()) > 30, "the grid, when asked"
    await d.click("15")
    assert "📌" in d.text, "a day picked on the grid answers the question"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("typed", ["20.11", "1.9.25", "01.01.2099"])
async def test_a_guessed_date_is_confirmed_before_use(
    dialog: DialogFactory, lang: Lang, typed: str
) -> None:
    d = dialog(user_id=96, lang=lang)
    await at_date_question(d, lang)
    await d.send(typed)
    assert len(d.replies()) == 1 and "📌" not in d.text, "asked, not computed"
    confirm = next(label for label in d.buttons() if label.startswith("✓ "))
    await d.click(confirm)
    assert "📌" in d.text


async def test_a_typed_date_with_its_year_needs_no_confirmation(dialog: DialogFactory) -> None:
    d = dialog(user_id=97, lang="en")
    await at_date_question(d, "en")
    await d.send("20 November 2026")
    assert "📌" in d.text


# Other ways people write one date, each read as the canonical spelling is (the clock's today is
# DEFAULT_NOW; "2 days ago" words are counted from it).
SAME_DATE = [
    ("en", "September 1, 2025", "01.09.2025"),
    ("en", "Sep 1 2025", "01.09.2025"),
    ("en", "sept. 1st, 2025", "01.09.2025"),
    ("en", "1st September 2025", "01.09.2025"),
    ("ru", "01.09.2025 г.", "01.09.2025"),
    ("ru", "01.09.2025г", "01.09.2025"),
    ("ru", "1 сентября 2025 года", "01.09.2025"),
    ("kk", "01.09.2025 ж.", "01.09.2025"),
    ("ru", "позавчера", "day-2"),
    ("kk", "алдыңғы күні", "day-2"),
    ("en", "the day before yesterday", "day-2"),
    # DEFAULT_NOW is a Wednesday: the next Monday is 5 days ahead, the last Friday 5 days back
    ("ru", "в следующий понедельник", "day+5"),
    ("kk", "келесі дүйсенбі", "day+5"),
    ("kk", "келеси дуйсенби", "day+5"),
    ("en", "next Monday", "day+5"),
    ("ru", "в прошлую пятницу", "day-5"),
    ("kk", "өткен жұмада", "day-5"),
    ("en", "last Friday", "day-5"),
    ("ru", "3 дня назад", "day-3"),
    ("kk", "3 күн бұрын", "day-3"),
    ("en", "3 days ago", "day-3"),
    ("ru", "через 10 дней", "day+10"),
    ("kk", "10 күннен кейін", "day+10"),
    ("en", "in 10 days", "day+10"),
    ("ru", "неделю назад", "day-7"),
    ("kk", "2 аптадан кейін", "day+14"),
    ("en", "a week ago", "day-7"),
    ("ru", "вчера.", "day-1"),
    ("en", "Today!", "day+0"),
    ("en", "2025/09/01", "01.09.2025"),
    ("en", "1st of September 2025", "01.09.2025"),
    ("ru", "1-го сентября 2025", "01.09.2025"),
    ("ru", "01 09 2025", "01.09.2025"),
    ("kk", "2025 жылғы 1 қыркүйекте", "01.09.2025"),
]


@pytest.mark.parametrize(("lang", "typed", "canonical"), SAME_DATE)
async def test_a_date_typed_another_way_reads_as_its_canonical_spelling(
    dialog: DialogFactory, lang: Lang, typed: str, canonical: str
) -> None:
    if canonical.startswith("day"):
        shift = dt.timedelta(days=int(canonical[3:]))
        canonical = (DEFAULT_NOW.date() + shift).strftime("%d.%m.%Y")
    first = dialog(user_id=98, lang=lang)
    await at_date_question(first, lang)
    await first.send(canonical)
    second = dialog(user_id=99, lang=lang)
    await at_date_question(second, lang)
    await second.send(typed)
    assert "📌" in second.text and second.text == first.text


@pytest.mark.parametrize(
    ("lang", "typed"), [("ru", "в понедельник"), ("kk", "дүйсенбіде"), ("en", "on Monday")]
)
async def test_a_weekday_alone_is_confirmed_as_the_last_one_for_a_vacancy(
    dialog: DialogFactory, lang: Lang, typed: str
) -> None:
    t = Translator(lang)
    last_monday = DEFAULT_NOW.date() - dt.timedelta(days=2)  # DEFAULT_NOW is a Wednesday
    d = dialog(user_id=100, lang=lang)
    await d.send("/deadlines")
    await d.click({"ru": "Вакансия", "kk": "Бос орын", "en": "Vacancy"}[lang])
    await d.send(typed)
    assert d.replies() == [t("datepick-confirm-weekday", date=format_date(last_monday, lang))], (
        "asked, not computed, about the Monday just past"
    )
    await d.click("✓ " + format_date(last_monday, lang))
    assert "📌" in d.text
