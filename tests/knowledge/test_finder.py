"""The category finder on 30 typed job titles per language, and with answers."""

from __future__ import annotations

import pytest

from knowledge.finder import QUESTIONS, Question, suggest, title_candidates
from knowledge.l10n import LANGS, Lang, knowledge_catalog
from knowledge.render import render_step

RU: list[tuple[str, int | None]] = [
    ("Генеральный директор", 1),
    ("заместитель генерального директора", 1),
    ("Исполнительный директор", 1),
    ("управляющий директор", 1),
    ("Президент компании", 1),
    ("председатель правления", 1),
    ("первый руководитель", 1),
    ("начальник отдела кадров", 2),
    ("руководитель отдела продаж", 2),
    ("начальник цеха", 2),
    ("директор департамента", 2),
    ("заведующий лабораторией", 2),
    ("Инженер-механик", 3),
    ("бухгалтер", 3),
    ("юрист", 3),
    ("программист", 3),
    ("врач-терапевт", 3),
    ("геолог", 3),
    ("переводчик", 3),
    ("ведущий специалист", 3),
    ("сварщик", 4),
    ("электромонтёр", 4),
    ("слесарь-ремонтник", 4),
    ("машинист крана", 4),
    ("бетонщик", 4),
    ("водитель", 4),
    ("директор по продажам", None),
    ("менеджер", None),
    ("главный инженер", None),
    ("мастер участка", None),
]
KK: list[tuple[str, int | None]] = [
    ("бас директор", 1),
    ("бас директордың орынбасары", 1),
    ("атқарушы директор", 1),
    ("басқарма төрағасы", 1),
    ("компания басшысы", 1),
    ("бірінші басшы", 1),
    ("президент", 1),
    ("бөлім бастығы", 2),
    ("бөлім басшысы", 2),
    ("цех бастығы", 2),
    ("департамент директоры", 2),
    ("зертхана меңгерушісі", 2),
    ("инженер", 3),
    ("бухгалтер", 3),
    ("заңгер", 3),
    ("бағдарламашы", 3),
    ("дәрігер", 3),
    ("аудармашы", 3),
    ("мұғалім", 3),
    ("жетекші маман", 3),
    ("дәнекерлеуші", 4),
    ("электрик", 4),
    ("слесарь", 4),
    ("тас қалаушы", 4),
    ("бұрғылаушы", 4),
    ("жүргізуші", 4),
    ("директор", None),
    ("менеджер", None),
    ("бас инженер", None),
    ("шебер", None),
]
EN: list[tuple[str, int | None]] = [
    ("CEO", 1),
    ("Chief Executive Officer", 1),
    ("General Director", 1),
    ("managing director", 1),
    ("deputy general director", 1),
    ("President", 1),
    ("Chairman of the Board", 1),
    ("country manager", 1),
    ("head of department", 2),
    ("Head of Finance Division", 2),
    ("department manager", 2),
    ("head of the IT unit", 2),
    ("petroleum engineer", 3),
    ("accountant", 3),
    ("lawyer", 3),
    ("software developer", 3),
    ("geologist", 3),
    ("interpreter", 3),
    ("teacher", 3),
    ("HSE specialist", 3),
    ("welder", 4),
    ("electrician", 4),
    ("pipe fitter", 4),
    ("crane operator", 4),
    ("bricklayer", 4),
    ("truck driver", 4),
    ("sales director", None),
    ("project manager", None),
    ("chief engineer", None),
    ("foreman", None),
]
CASES: dict[Lang, list[tuple[str, int | None]]] = {"ru": RU, "kk": KK, "en": EN}


@pytest.mark.parametrize("lang", LANGS)
def test_thirty_titles_per_language(lang: Lang) -> None:
    cases = CASES[lang]
    assert len(cases) == 30 and len({title for title, _ in cases}) == 30
    wrong = [(t, suggest(t).category, want) for t, want in cases if suggest(t).category != want]
    assert wrong == []


@pytest.mark.parametrize("lang", LANGS)
def test_cannot_tell_asks_the_question_that_settles_it(lang: Lang) -> None:
    for title, want in CASES[lang]:
        result = suggest(title)
        if want is None:
            assert result.ask is not None and len(result.candidates) >= 2, title
            assert result.why.key == "finder-cannot-tell"
        else:
            assert result.ask is None and result.fact_ids == (f"route.cat{want}.definition",)


def test_answers_settle_an_ambiguous_title() -> None:
    assert suggest("директор по продажам").candidates == (1, 2)
    assert suggest("директор по продажам", {"heads_organisation": True}).category == 1
    no = suggest("директор по продажам", {"heads_organisation": False})
    assert no.category == 2 and no.why.key == "finder-why-left"
    assert suggest("manager", {"heads_division": True}).category == 2
    assert suggest("manager", {"heads_division": False}).category == 3


def test_answers_outrank_the_title() -> None:
    result = suggest("welder", {"heads_division": True})
    assert result.category == 2 and result.why.key == "finder-why-heads_division"


def test_no_category_by_elimination_alone() -> None:
    answers: dict[Question, bool] = {
        "heads_organisation": False,
        "heads_division": False,
        "specialist": False,
    }
    result = suggest("разнорабочий", answers)
    assert result.category is None and result.ask == "skilled_worker"
    every_no: dict[Question, bool] = {question: False for question in QUESTIONS.values()}
    assert suggest("разнорабочий", every_no).ask is None


def test_conflicting_answers_cannot_tell() -> None:
    result = suggest("x", {"specialist": True, "skilled_worker": True})
    assert result.category is None and result.why.key == "finder-cannot-tell-conflict"


def test_unknown_titles_cannot_tell() -> None:
    assert title_candidates("астронавт") == frozenset()
    assert suggest("астронавт").why.key == "finder-cannot-tell-none"


@pytest.mark.parametrize("lang", LANGS)
def test_every_explanation_renders_in_every_language(lang: Lang) -> None:
    catalog = knowledge_catalog()
    for question in QUESTIONS.values():
        assert catalog.has(lang, f"finder-q-{question}")
    for title, _ in CASES[lang]:
        assert render_step(suggest(title).why, lang).strip()
    assert catalog.has(lang, "finder-note")
