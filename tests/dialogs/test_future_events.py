"""A vacancy posted or a permit issued "tomorrow" is asked about, like the other date doubts."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.app import App
from bot.db import records
from bot.i18n import Translator
from knowledge.calculator import event_date
from knowledge.l10n import Lang, format_date
from knowledge.userdates import DateInput, happened, parse_user_date
from tests.conftest import DialogFactory
from tests.support.dialog import Dialog
from tests.support.labels import NO

LANGS: list[Lang] = ["ru", "kk", "en"]
TOMORROW = {"ru": "завтра", "kk": "ертең", "en": "tomorrow"}
VACANCY = {"ru": "Вакансия", "kk": "Бос орын", "en": "Vacancy"}
ARRIVED = {"ru": "прибыл", "kk": "келді", "en": "arrived"}
CAT3 = {"ru": "3-я категория", "kk": "3-санат", "en": "Category 3"}
OTHER = {"ru": "Другой", "kk": "Басқа", "en": "Other"}
POSTED = {"ru": "Да, размещена", "kk": "Иә, орналастырылды", "en": "Yes, it is posted"}
TODAY = dt.date(2026, 11, 25)  # tests.conftest.DEFAULT_NOW in Almaty


def test_happened_doubts_only_a_later_date() -> None:
    day = dt.date(2026, 3, 2)
    assert happened(parse_user_date("завтра", day), day).doubt == "future"
    assert happened(parse_user_date("сегодня", day), day) == DateInput(day)
    assert happened(parse_user_date("вчера", day), day).doubt is None
    assert happened(parse_user_date("3.03", day), day) == DateInput(
        dt.date(2025, 3, 3), doubt="no_year"
    ), "without a year, the last 3 March, not the coming one"
    assert happened(parse_user_date("1.03", day), day) == DateInput(
        dt.date(2026, 3, 1), doubt="no_year"
    )
    assert parse_user_date("завтра", day).doubt is None, "other dates may be ahead"


def confirm(lang: Lang) -> str:
    return Translator(lang)("datepick-confirm-future", date=format_date(TODAY, lang))[-25:]


@pytest.mark.parametrize("lang", LANGS)
async def test_a_vacancy_posted_tomorrow_is_asked_about(dialog: DialogFactory, lang: Lang) -> None:
    d = dialog(user_id=4201, lang=lang)
    await d.send("/deadlines")
    await d.click(VACANCY[lang])
    await d.send(TOMORROW[lang])
    assert confirm(lang) in d.text
    tomorrow = format_date(TODAY + dt.timedelta(days=1), lang)
    await d.click("✓ " + tomorrow)
    assert Translator(lang)("dl-result-title")[:10] in "\n".join(d.replies())


async def test_an_arrival_tomorrow_is_not_asked_about(dialog: DialogFactory) -> None:
    d = dialog(user_id=4202, lang="en")
    await d.send("/deadlines")
    await d.click(ARRIVED["en"])
    await d.send("tomorrow")
    assert confirm("en") not in "\n".join(d.replies())


@pytest.mark.parametrize("lang", LANGS)
async def test_the_interview_asks_about_a_vacancy_posted_tomorrow(
    dialog: DialogFactory, lang: Lang
) -> None:
    d = dialog(user_id=4203, lang=lang)
    await d.send("/eligibility")
    await d.click(NO[lang])
    await d.click(CAT3[lang])
    await d.click(OTHER[lang])
    await d.send("50")
    await d.send("3")
    await d.click(POSTED[lang])
    await d.send(TOMORROW[lang])
    assert confirm(lang) in d.text


async def saved_record(d: Dialog, app: App, kind: str) -> int:
    """A record of ``kind`` saved on 1 November, its card open."""
    await d.send("/start")  # the user and their personal workspace
    now = app.clock.now()
    route, term = ("cat2", "m12") if kind == "permit" else ("", "")
    day = dt.date(2026, 11, 1)
    rid = await records.add(app.db, d.user.id, kind, day, now, "Ali", route, term)
    await d.send("/status")
    await d.click("Ali")
    return rid


@pytest.mark.parametrize("lang", LANGS)
async def test_a_permit_redated_to_tomorrow_is_asked_about(
    dialog: DialogFactory, app: App, lang: Lang
) -> None:
    """The record's date change follows the calculator's rule by the record's kind."""
    t = Translator(lang)
    d = dialog(user_id=4203, lang=lang)
    rid = await saved_record(d, app, "permit")
    await d.click(t("track-btn-redate"))
    await d.send(TOMORROW[lang])
    assert confirm(lang) in d.text
    stored = await records.get(app.db, d.user.id, rid)
    assert stored is not None and stored.event_date == dt.date(2026, 11, 1), "not yet changed"
    await d.click("✓ " + format_date(TODAY + dt.timedelta(days=1), lang))
    stored = await records.get(app.db, d.user.id, rid)
    assert stored is not None and stored.event_date == TODAY + dt.timedelta(days=1)
    await d.click(t("track-btn-redate"))
    await d.send("20.12")  # without a year: the last 20 December, as in the calculator
    assert format_date(dt.date(2025, 12, 20), lang) in d.text


async def test_an_arrival_redated_to_tomorrow_is_not_asked_about(
    dialog: DialogFactory, app: App
) -> None:
    d = dialog(user_id=4204, lang="en")
    rid = await saved_record(d, app, "arrival")
    await d.click(Translator("en")("track-btn-redate"))
    await d.send("tomorrow")
    assert confirm("en") not in "\n".join(d.replies())
    stored = await records.get(app.db, d.user.id, rid)
    assert stored is not None and stored.event_date == TODAY + dt.timedelta(days=1)


def test_event_date_follows_the_kind() -> None:
    """One rule for the calculator's events and the records named after them."""
    tomorrow = parse_user_date("tomorrow", TODAY)
    for kind in ("vacancy", "permit"):
        assert event_date(tomorrow, TODAY, kind).doubt == "future", kind
    for kind in ("arrival", "contract", "ended", "fee", ""):
        assert event_date(tomorrow, TODAY, kind) == tomorrow, kind
