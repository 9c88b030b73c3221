"""The decisions moved out of handlers: which flow continues a stated situation and with what,
the interview filled with known answers, a route's steps, the calculator's events."""

from __future__ import annotations

import datetime as dt

import pytest

from knowledge import interview, qa
from knowledge.calculator import EVENTS, Event, compute, valid
from knowledge.continuation import continuation

ON = dt.date(2026, 11, 25)


@pytest.mark.parametrize(
    ("question", "lang", "event", "day"),
    [
        ("signed the employment contract on 2 February 2026, ESUTD?", "en", Event.CONTRACT,
         dt.date(2026, 2, 2)),
        ("уволили работника 05.02.2026, есутд?", "ru", Event.ENDED, dt.date(2026, 2, 5)),
        ("worker arrived on 10.02.2026", "en", Event.ARRIVAL, dt.date(2026, 2, 10)),
    ],
)  # fmt: skip
def test_a_stated_date_continues_in_the_calculator(
    question: str, lang: str, event: Event, day: dt.date
) -> None:
    reply = qa.ask(question, lang, ON)  # type: ignore[arg-type]
    found = continuation(question, reply.outcome, ON)
    assert found is not None and (found.flow, found.event, found.day) == ("deadlines", event, day)


def test_stated_answers_continue_in_the_interview() -> None:
    question = "an Uzbek citizen, category 3, we are 14 people"
    found = continuation(question, qa.ask(question, "en", ON).outcome, ON)
    assert found is not None and found.flow == "eligibility"
    assert found.answers == {"eaeu": "no", "route": "cat3", "headcount": 14}


def test_no_situation_no_continuation() -> None:
    assert continuation("hello", None, ON) is None


def test_fill_gives_known_answers_as_their_questions_come_up() -> None:
    known: dict[str, interview.Value] = {"eaeu": "no", "route": "cat3", "headcount": 14}
    assert interview.fill([], known, ON) == [("eaeu", "no"), ("route", "cat3")]
    after_employer = [("eaeu", "no"), ("route", "cat3"), ("employer", "small")]
    assert interview.fill(after_employer, known, ON)[-1] == ("headcount", 14)
    assert interview.fill([], {"eaeu": "maybe"}, ON) == [], "an unacceptable value is not given"


def test_route_steps() -> None:
    assert "fee" not in interview.route_steps("ict") and "esutd-ict" in interview.route_steps("ict")
    assert interview.route_steps("cat4")[-1] == "cat4"
    assert interview.route_steps("cat2")[:4] == ["post", "wait", "file", "fee"]


def test_every_event_is_computed_and_forged_ones_are_not_valid() -> None:
    for event in EVENTS:
        if event != Event.PERMIT:
            assert valid(event) and compute(event, ON)
    assert valid("permit", "cat2", "m12") and not valid("permit", "cat2", "m24")
    assert not valid("nope")
