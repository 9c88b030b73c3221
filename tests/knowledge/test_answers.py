from __future__ import annotations

import datetime as dt
import html
import tomllib

import pytest

from knowledge import answers
from knowledge.accuracy import CASES, accuracy, load_cases
from knowledge.l10n import LANGS, Lang
from knowledge.loader import load_knowledge
from knowledge.render import source_name
from knowledge.textnorm import kazakh_strip, normalize, stem, terms
from tests.support.telegram_html import html_problem

MIN_TOP1 = 0.9


@pytest.mark.parametrize("lang", LANGS)
def test_top1_accuracy_per_language(lang: str) -> None:
    cases = load_cases()[lang]
    assert len(cases) >= 40
    top1, top3, misses = accuracy(lang, cases)
    assert top1 >= MIN_TOP1, "\n".join(misses)
    assert top3 >= top1


def test_off_topic_questions_get_no_answer() -> None:
    off_topic = tomllib.loads(CASES.read_text(encoding="utf-8"))["off_topic"]
    assert off_topic
    for question in off_topic:
        assert answers.search(question, "ru") == [], question
    assert answers.search("", "en") == [] and answers.search("???", "en") == []


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("разрешенние на роботу для сварщика", "route.cat4"),  # typos
        ("сезоных работников", "route.seasonal"),
        ("ЕСУТД", "esutd"),
        ("ЕШЕБЖ-ға тіркеу", "esutd"),
        ("когда подавать на продлениие", "renewal.window"),
        ("registr the employmnt contract", "esutd"),
        ("Қырғызстан азаматтарына", "eaeu"),  # an inflected Kazakh form
        ("quota for 2027", "quota"),  # a number the index lacks weighs little
    ],
)
def test_typos_and_word_forms(question: str, topic: str) -> None:
    hits = answers.search(question, "en")
    assert hits and hits[0].topic_id == topic, hits


def test_stemming_and_normalisation() -> None:
    assert normalize("ЁЛКА ЖСН-ді") == "елка жсн"
    assert stem("разрешения") == stem("разрешение") == stem("разрешений")
    assert stem("permits") == stem("permit")
    assert kazakh_strip("жұмысшыларды") == kazakh_strip("жұмысшы")
    assert stem("санаттағы") == stem("санатқа") == stem("санат")
    assert terms("как и что, the of") == ()


def test_topics_are_complete_and_linked() -> None:
    topics = answers.topics()
    assert len(topics) >= 30
    kb = load_knowledge()
    for topic in topics.values():
        assert all(kb.has(fact_id) for fact_id in topic.fact_ids)
        assert all(other in topics for other in topic.related)
        for lang in LANGS:
            assert topic.title.get(lang) and getattr(topic.questions, lang)
    route_cards = {f"route.{route.id}" for route in kb.routes}
    assert route_cards <= set(topics), "every route has a category card"
    assert "changes" in topics


@pytest.mark.parametrize("lang", LANGS)
def test_every_card_is_valid_telegram_html(lang: str) -> None:
    for topic_id in answers.topics():
        text = answers.card(topic_id, lang, dt.date(2026, 11, 25))
        assert html_problem(text) is None, (topic_id, html_problem(text))
        assert len(text) < 3500
        assert (
            "migration.enbek.kz" in text
            or "Status" in text
            or "Основание" in text
            or "Негізі" in text
        )


def test_card_shows_sources_status_and_verified_date() -> None:
    text = answers.card("vacancy", "en", dt.date(2026, 11, 25))
    assert "ey.com" in text and "Sources:" in text
    assert "Status: confirmed" not in text or "Not confirmed" in text
    assert "Checked against the sources on 1 December 2026" in text
    assert "<script" not in text


@pytest.mark.parametrize("lang", LANGS)
def test_facts_kept_off_a_card_are_behind_its_more_button(lang: Lang) -> None:
    on = dt.date(2026, 11, 25)
    kb = load_knowledge()
    item = answers.topic("changes")
    assert item.detail_ids and answers.has_more("changes")
    card, details = answers.card("changes", lang, on), answers.card_details("changes", lang, on)
    for fact_id in item.detail_ids:
        text = html.escape(kb.fact(fact_id, on).text.get(lang))
        assert text not in card and text in details, "moved behind the button, not dropped"
    for url in (u for f in item.detail_ids for u in kb.fact(f, on).sources):
        assert f">{source_name(url).name}</a>" in details, "with its sources (one per publisher)"
    assert answers.search("July 2023 branch exemption cut from 30 to 10", lang)[0].topic_id in {
        "changes",
        "ratio.exemptions",
    }, "still searched"


def test_card_depends_on_the_date_asked_about() -> None:
    before = answers.card("ratio.exemptions", "en", dt.date(2025, 8, 1))
    after = answers.card("ratio.exemptions", "en", dt.date(2025, 10, 1))
    assert "did not apply to any small business" in before
    assert "no more than 20 employees" in after


def test_menu_and_snippets() -> None:
    menu = answers.topic_menu("kk")
    assert next(iter(menu)) == "routes"
    assert sum(len(items) for items in menu.values()) == len(answers.topics())
    assert len(answers.snippet("route.cat1", "en")) <= 100
