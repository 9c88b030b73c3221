"""A question's answer is remembered (issue 16) by what it depends on: the words asked, the
language, the day and the rules in force; a remembered answer is the one computed afresh."""

from __future__ import annotations

import datetime as dt

from bot.clock import FrozenClock
from handlers.ask.views import _answer, answer_for
from knowledge.loader import load_knowledge
from knowledge.rules import KnowledgeBase
from tests.support.today import ALMATY

# A date without a year: the year comes from the day asked, so the answer moves with the day.
QUESTION = "трудовой договор подписан 10 июня, до какого числа уведомить"


def fresh(day: dt.date, lang: str = "ru", question: str = QUESTION) -> str:
    return _answer.__wrapped__(question, lang, day, False, load_knowledge()).text


def test_a_remembered_answer_is_the_same_object_and_text() -> None:
    clock = FrozenClock(dt.datetime(2026, 6, 20, 11, 0, tzinfo=ALMATY))
    first = answer_for(QUESTION, "ru", clock, "Asia/Almaty")
    assert answer_for(QUESTION, "ru", clock, "Asia/Almaty") is first
    assert first.text == fresh(dt.date(2026, 6, 20))
    assert isinstance(first.others, tuple)  # shared between callers: nothing to change in place


def test_another_day_language_or_question_is_answered_afresh() -> None:
    earlier = FrozenClock(dt.datetime(2025, 6, 20, 11, 0, tzinfo=ALMATY))
    later = FrozenClock(dt.datetime(2026, 6, 20, 11, 0, tzinfo=ALMATY))
    a = answer_for(QUESTION, "ru", earlier, "Asia/Almaty")
    b = answer_for(QUESTION, "ru", later, "Asia/Almaty")
    assert "17 июня 2025" in a.text and "17 июня 2026" in b.text
    assert a.text == fresh(dt.date(2025, 6, 20)) and b.text == fresh(dt.date(2026, 6, 20))
    kk = answer_for(QUESTION, "kk", later, "Asia/Almaty")
    assert kk.text == fresh(dt.date(2026, 6, 20), "kk") != b.text
    # The day is the user's: late evening in Almaty is already the next day there.
    evening = FrozenClock(dt.datetime(2026, 6, 19, 20, 0, tzinfo=dt.UTC))  # 01:00 on 20 June
    assert answer_for(QUESTION, "ru", evening, "Asia/Almaty") is b


def test_other_rules_are_not_answered_from_memory() -> None:
    day = dt.date(2026, 6, 20)
    kb = load_knowledge()
    other = KnowledgeBase([], [])  # (a key only: a release loaded from another data folder)
    assert _answer(QUESTION, "ru", day, False, kb) is _answer(QUESTION, "ru", day, False, kb)
    assert _answer(QUESTION, "ru", day, False, other) is not _answer(QUESTION, "ru", day, False, kb)
