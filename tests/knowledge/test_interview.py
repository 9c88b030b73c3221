"""The interview engine: data validated, every path ends in an outcome, Back, typed answers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.i18n import catalog
from knowledge import interview
from knowledge.interview import History, Outcome, Question
from knowledge.l10n import LANGS
from knowledge.loader import load_knowledge

ON = dt.date(2026, 11, 25)
# Sample typed answers per question kind: enough to take every skip branch.
NUMBERS = {"headcount": [5, 15, 25], "local": [0, 9, 90], "foreign": [0, 1, 10]}


def sample_values(question: Question) -> list[str | int]:
    if question.kind == "choice":
        return [option.value for option in question.options]
    if question.kind == "route":
        return [route.id for route in load_knowledge().routes]
    if question.kind == "number":
        return list(NUMBERS[question.id])
    return ["2025-09-01"]


def all_paths() -> list[tuple[History, Outcome]]:
    """Depth-first over every sample answer: each finished history and its outcome."""
    done: list[tuple[History, Outcome]] = []
    stack: list[History] = [[]]
    while stack:
        history = stack.pop()
        step = interview.next_step(history, ON)
        if isinstance(step, Outcome):
            done.append((history, step))
            continue
        assert len(history) < len(interview.questionnaire().questions), "a loop"
        for value in sample_values(step):
            new = interview.answer(history, step.id, value, ON)
            assert new is not None, (step.id, value)
            stack.append(new)
    return done


def test_every_path_reaches_an_outcome_and_evaluates() -> None:
    paths = all_paths()
    kinds = {outcome.kind for _, outcome in paths}
    assert kinds == {"eaeu", "result"}
    for history, outcome in paths:
        if outcome.kind == "result":
            verdict = interview.evaluate(history, ON)
            assert verdict.fact_ids and all(load_knowledge().has(f) for f in verdict.fact_ids)
    assert len(paths) > 50


def test_every_question_is_reachable() -> None:
    asked = {qid for history, _ in all_paths() for qid, _ in history}
    assert asked == {q.id for q in interview.questionnaire().questions}


def test_eaeu_yes_stops_at_once() -> None:
    assert interview.next_step([("eaeu", "yes")], ON) == Outcome("eaeu")


def test_back_drops_the_last_answer_only() -> None:
    history = [("eaeu", "no"), ("route", "cat1")]
    assert interview.back(history) == [("eaeu", "no")]
    assert interview.back([]) == []
    step = interview.next_step(interview.back(history), ON)
    assert isinstance(step, Question) and step.id == "route"


@pytest.mark.parametrize(
    ("employer", "headcount", "asks_staff"),
    [("small", 20, False), ("small", 21, True), ("branch", 10, False), ("branch", 11, True)],
)
def test_exemptions_skip_the_staff_questions(
    employer: str, headcount: int, asks_staff: bool
) -> None:
    history: History = [
        ("eaeu", "no"),
        ("route", "cat1"),
        ("employer", employer),
        ("headcount", headcount),
    ]
    step = interview.next_step(history, ON)
    assert isinstance(step, Question)
    assert (step.id == "local") is asks_staff
    expected = None if asks_staff else {"small": "small_business", "branch": "branch"}[employer]
    assert interview.exemption(employer, headcount, ON) == expected


def test_routes_without_a_ratio_skip_employer_questions() -> None:
    for route in ("seasonal", "ict"):
        step = interview.next_step([("eaeu", "no"), ("route", route)], ON)
        assert isinstance(step, Question) and step.id == "vacancy"


def test_other_employer_is_not_asked_the_headcount() -> None:
    step = interview.next_step([("eaeu", "no"), ("route", "cat4"), ("employer", "other")], ON)
    assert isinstance(step, Question) and step.id == "local"


def test_stale_or_invalid_answers_are_refused() -> None:
    history: History = [("eaeu", "no")]
    assert interview.answer(history, "eaeu", "yes", ON) is None, "not the current question"
    assert interview.answer(history, "route", "cat9", ON) is None
    assert interview.answer([], "eaeu", "maybe", ON) is None
    at_number = [("eaeu", "no"), ("route", "cat1"), ("employer", "other")]
    assert interview.answer(at_number, "local", "12", ON) is None, "a number must be an int"
    assert interview.answer(at_number, "local", -1, ON) is None
    assert interview.answer(at_number, "local", 12, ON) == [*at_number, ("local", 12)]


@pytest.mark.parametrize(
    ("text", "value", "problem"),
    [
        ("25", 25, None),
        (" 1 200 ", 1200, None),
        ("1,200", 1200, None),
        ("0", 0, None),
        ("-3", None, "too_small"),
        ("2.5", None, "number"),
        ("ten", None, "number"),
        ("", None, "number"),
        ("١٢", None, "number"),
        ("1000001", None, "too_large"),
        ("9" * 40, None, "too_large"),
    ],
)
def test_parse_number(text: str, value: int | None, problem: str | None) -> None:
    question = interview.questionnaire().question("local")
    parsed = interview.parse_number(question, text)
    assert (parsed.value, parsed.problem) == (value, problem)


def test_headcount_must_be_positive() -> None:
    question = interview.questionnaire().question("headcount")
    assert interview.parse_number(question, "0").problem == "too_small"


def test_parse_date_gives_iso_or_the_problem() -> None:
    assert interview.parse_date("1.9.2025", ON).value == "2025-09-01"
    assert interview.parse_date("31.02.2025", ON).problem == "impossible"
    assert interview.parse_date("01/02/2025", ON).problem == "ambiguous"


def test_verdict_ratio_and_how_many_more() -> None:
    base = [("eaeu", "no"), ("route", "cat3"), ("employer", "other")]
    verdict = interview.evaluate([*base, ("local", 90), ("foreign", 0), ("vacancy", "no")], ON)
    assert verdict.ratio is not None and verdict.ratio.ok
    group = next(g for g in verdict.ratio.groups if g.group == "34")
    assert group.more_allowed == 10  # 90 / 0.9 - 90
    assert verdict.filing is None
    failing = interview.evaluate([*base, ("local", 9), ("foreign", 2), ("vacancy", "no")], ON)
    assert failing.ratio is not None and not failing.ratio.ok


def test_verdict_dates_and_fees() -> None:
    history = [("eaeu", "no"), ("route", "seasonal"), ("vacancy", "yes")]
    verdict = interview.evaluate([*history, ("vacancy_date", "2025-09-01")], ON)
    assert verdict.filing is not None
    assert verdict.filing.dates["earliest"] == dt.date(2025, 9, 17)
    fees = [(f.days, f.mci_count, f.amount_kzt) for f in verdict.fees]
    assert fees == [(90, 12, 51900), (180, 24, 103800), (270, 36, 155700), (365, 48, 207600)]
    assert verdict.ratio is None


def test_every_catalog_key_of_the_questionnaire_exists() -> None:
    keys = {q.text for q in interview.questionnaire().questions}
    keys |= {o.label for q in interview.questionnaire().questions for o in q.options}
    for lang in LANGS:
        assert all(catalog().has(lang, key) for key in keys), lang


def test_the_data_file_is_validated(tmp_path: Path) -> None:
    good = interview.DATA_FILE.read_text(encoding="utf-8")
    broken = {
        "unknown next": good.replace('next = "local"', 'next = "nowhere"'),
        "backwards": good.replace('next = "vacancy"\n', 'next = "eaeu"\n'),
        "predicate": good.replace('skip_if = ["no_ratio"]', 'skip_if = ["astrology"]'),
        "no options": good.replace('kind = "date"', 'kind = "choice"'),
    }
    for name, text in broken.items():
        assert text != good, name
        path = tmp_path / f"{name}.toml"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(ValidationError):
            interview.questionnaire(path)


def test_values_fit_callback_data() -> None:
    for question in interview.questionnaire().questions:
        for value in sample_values(question):
            assert len(f"el:{question.id}:{value}".encode()) < 64


@pytest.mark.parametrize(
    ("history", "question", "value", "expected"),
    [
        ([("headcount", 20)], "local", 25, 25),
        ([("headcount", 20)], "local", 20, None),
        ([("headcount", 20), ("local", 15)], "foreign", 6, 21),
        ([("headcount", 20), ("local", 15)], "foreign", 5, None),
        ([("local", 15)], "foreign", 600, None),  # no total asked: nothing to compare with
        ([("headcount", 5)], "headcount", 9, None),
    ],
)
def test_staff_counts_over_the_headcount(
    history: list[tuple[str, int]], question: str, value: int, expected: int | None
) -> None:
    assert interview.over_headcount(history, question, value) == expected
