"""The long cards opened in every language, so the phone budget (tests/support/budget.py) covers
them: every answer card with its details, /changes, inline shares, the eligibility results with
their steps and how they were counted, and the deadline calculator's results."""

from __future__ import annotations

import datetime as dt
import html
import tomllib
from pathlib import Path

import pytest

from bot.app import App
from bot.clock import FrozenClock
from bot.db import records, users
from bot.i18n import Translator
from bot.records.planning import replan_record
from handlers.ask.views import answer_for
from knowledge import answers
from knowledge.l10n import Lang
from knowledge.loader import load_knowledge
from tests.conftest import DEFAULT_NOW, DialogFactory
from tests.support import budget
from tests.support.dialog import Dialog

LANGS: list[Lang] = ["ru", "kk", "en"]
EVENTS = ("vacancy", "permit", "contract", "arrival", "ended", "fee", "violation")  # dl-event-*


@pytest.mark.parametrize("lang", LANGS)
async def test_every_answer_card_and_its_details(dialog: DialogFactory, lang: Lang) -> None:
    d = dialog(lang=lang)
    await d.send("/ask")
    for topic_id in answers.topics():
        await d.click_data(f"t:{topic_id}")
        assert html.escape(answers.topic(topic_id).title.get(lang)) in d.text
        if any(data.startswith("cd:") for _label, data in d.last_message().buttons()):
            await d.click_data(f"cd:{topic_id}")  # the details arrive below the card
    seen = [out for _m, cause in budget.watch(d.session).seen for out in budget.outputs(_m, cause)]
    assert sum(out.asked_for for out in seen) >= 10, "details were opened, not only cards"


@pytest.mark.parametrize("lang", LANGS)
async def test_the_changes_card_with_its_buttons(dialog: DialogFactory, lang: Lang) -> None:
    d = dialog(lang=lang)
    await d.send("/changes")
    labels = d.buttons()
    assert sum(label[:2] in {f"{n}." for n in range(1, 10)} for label in labels) == 9
    assert Translator(lang)("ask-btn-why") in labels, "the card's “Why not sure?” is a button"
    await d.click(Translator(lang)("ask-btn-why"))
    assert "2023" in d.text, "the July 2023 changes are one press away"


@pytest.mark.parametrize("lang", LANGS)
async def test_inline_shares_of_every_topic(dialog: DialogFactory, lang: Lang) -> None:
    d = dialog(lang=lang)
    for query in ("", "разрешение", "рұқсат", "permit", "changes 2025", "vacancy enbek"):
        await d.inline(query)


async def finish_interview(d: Dialog, vacancy: str) -> None:
    """Answer whatever the interview asks (a medium employer, 50 staff of whom 3 foreign, the
    vacancy posted on 1 September 2025 or not yet) until its result."""
    numbers = iter(["50", "3"])
    for _step in range(10):
        datas = [data for _label, data in d.last_message().buttons()]
        if any(data.startswith("elm:") for data in datas):
            return
        if "el:employer:other" in datas:
            await d.click_data("el:employer:other")
        elif f"el:vacancy:{vacancy}" in datas:
            await d.click_data(f"el:vacancy:{vacancy}")
        elif any(data.startswith("dp:") for data in datas):
            await d.send("01.09.2025")
        else:
            await d.send(next(numbers))
    raise AssertionError(f"no result; buttons now: {d.buttons()}")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("vacancy", ["yes", "no"])
async def test_every_eligibility_result_with_its_details(
    dialog: DialogFactory, lang: Lang, vacancy: str
) -> None:
    d = dialog(lang=lang)
    for route in load_knowledge().routes:
        await d.send("/eligibility")
        await d.click_data("el:eaeu:no")
        await d.click_data(f"el:route:{route.id}")
        await finish_interview(d, vacancy)
        for part in ("steps", "why"):
            await d.click_data(f"elm:{part}")
            assert d.replies(), (route.id, part)


@pytest.mark.parametrize("lang", LANGS)
async def test_every_deadline_result_with_how_it_was_counted(
    dialog: DialogFactory, lang: Lang
) -> None:
    d = dialog(lang=lang)
    for event in EVENTS:
        await d.send("/deadlines")
        await d.click_data(f"dl:event:{event}")
        for _step in range(4):  # a permit asks its route and term before the date
            datas = [data for _label, data in d.last_message().buttons()]
            if any(data.startswith("dp:") for data in datas):
                break
            await d.click_data(next(x for x in datas if x.startswith("dl:") and "event" not in x))
        await d.send("02.02.2026")
        assert any(data.startswith("dlw:") for _label, data in d.last_message().buttons()), event
        await d.click(Translator(lang)("dl-how"))


@pytest.mark.parametrize("lang", LANGS)
async def test_a_full_dashboard_page_of_long_names(
    dialog: DialogFactory, app: App, lang: Lang
) -> None:
    """/status at its worst: a page of eight records with the longest names, every kind."""
    d = dialog(user_id=83, lang=lang)
    await d.send("/start")
    user = await users.get(app.db, 83)
    assert user is not None
    kinds = ("vacancy", "permit", "contract", "arrival", "ended", "fee", "violation", "permit")
    for n, kind in enumerate(kinds):
        label = f"{n} " + "Ш" * (records.MAX_LABEL - 2)
        route, term = ("cat2", "m12") if kind == "permit" else ("", "")
        day = dt.date(2026, 11, 20)
        record_id = await records.add(app.db, 83, kind, day, d.now, label, route, term)
        record = await records.get(app.db, 83, record_id)
        assert record is not None
        await replan_record(app.db, user, record, d.now)
    await d.send("/status")
    assert "7 Ш" in d.text
    await d.click("0 Ш")  # a record's card
    assert d.replies()


SITUATIONS = {  # a stated situation's line comes above the card: the longest cards with one
    "ru": [
        "вакансия размещена 1 сентября 2025 когда подавать",
        "документы для заявления узбек сварщик",
        "ВКП узбекистан 30 сотрудников",
    ],
    "kk": [
        "бос орын 2025 жылғы 1 қыркүйекте жарияланды қашан тапсыру",
        "өтінішке қажет құжаттар өзбек дәнекерлеуші",
    ],
    "en": [
        "vacancy posted on 1 September 2025 when can I file",
        "documents for the application uzbek welder",
    ],
}


@pytest.mark.parametrize("lang", LANGS)
async def test_a_situation_above_the_longest_cards(dialog: DialogFactory, lang: Lang) -> None:
    d = dialog(lang=lang)
    for question in SITUATIONS[lang]:
        await d.send(question)
        assert d.text.startswith("<b>"), "the situation's answer comes first"


def test_every_evaluation_question_gets_an_answer_on_budget() -> None:
    """Each of the Q&A evaluation set's questions (tests/knowledge/qa_eval_*.toml) as its user
    would see the answer: the situation line and the card, in the question's language."""
    clock = FrozenClock(DEFAULT_NOW)
    found, answered = [], 0
    for path in sorted(Path("tests/knowledge").glob("qa_eval_*.toml")):
        rows = tomllib.loads(path.read_text(encoding="utf-8"))
        for lang in LANGS:
            for question, *_expected in rows[lang]:
                reply = answer_for(question, lang, clock, "Asia/Almaty")
                answered += bool(reply.text)
                found += budget.check(budget.Output("message", reply.text or "…"))
    assert answered >= 300
    assert not found, budget.report(found)
