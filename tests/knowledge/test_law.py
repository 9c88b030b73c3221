"""The law as the reference states it: EY's nine points, corrected texts, honest statuses."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from knowledge import answers, render
from knowledge.changes import CHANGES_FACT, EY_ALERT, NINE_POINTS
from knowledge.l10n import LANGS, Lang
from knowledge.loader import load_knowledge

ROOT = Path(__file__).resolve().parents[2]
AFTER = dt.date(2025, 10, 1)


def test_each_of_the_nine_points_has_a_confirmed_fact_citing_the_alert() -> None:
    kb = load_knowledge()
    assert [point.number for point in NINE_POINTS] == list(range(1, 10))
    for point in NINE_POINTS:
        answers.topic(point.topic_id)  # the point has a topic to open ("more")
        for fact_id in point.fact_ids:
            fact = kb.fact(fact_id, AFTER)
            assert fact.status == "confirmed", fact_id
            assert fact.sources[0] == EY_ALERT, f"{fact_id}: the alert is the first source"
            assert fact.in_force(AFTER), fact_id


@pytest.mark.parametrize("lang", LANGS)
def test_what_changed_lists_all_nine_points_one_line_each(lang: Lang) -> None:
    text = load_knowledge().fact(CHANGES_FACT, AFTER).text.get(lang)
    numbered = [line for line in text.splitlines() if re.match(r"^\d\. ", line)]
    assert [line.split(".")[0] for line in numbered] == [str(n) for n in range(1, 10)]
    card = answers.card("changes", lang, AFTER)
    assert all(line in card for line in numbered)


KEY_WORDS = {  # point → a word each language's line must carry
    5: {"ru": "МИД", "kk": "СІМ", "en": "Foreign Affairs"},
    6: {"ru": "сопоставимых", "kk": "салыстырмалы", "en": "comparable"},
    7: {"ru": "тот же срок", "kk": "сол мерзімге", "en": "same period"},
    8: {"ru": "12 месяцев", "kk": "12 айға", "en": "12-month"},
    9: {"ru": "20", "kk": "20", "en": "20"},
}


@pytest.mark.parametrize("lang", LANGS)
def test_what_changed_lines_say_what_the_alert_says(lang: Lang) -> None:
    lines = load_knowledge().fact(CHANGES_FACT, AFTER).text.get(lang).splitlines()
    by_number = {line[0]: line for line in lines if re.match(r"^\d\. ", line)}
    for number, words in KEY_WORDS.items():
        assert words[lang] in by_number[str(number)], (number, lang)


@pytest.mark.parametrize(
    ("question", "topic_id"),
    [
        ("МИД проверяет апостиль диплома", "mfa_check"),
        ("СІМ апостильді тексереді", "mfa_check"),
        ("ministry of foreign affairs apostille check", "mfa_check"),
        ("отчет по приложению 11", "reporting"),
        ("11-қосымша бойынша есеп", "reporting"),
        ("Appendix 11 report", "reporting"),
        ("за что могут отозвать разрешение", "refusal"),
        ("рұқсатты кері қайтарып алу негіздері", "refusal"),
        ("why can a work permit be revoked", "refusal"),
    ],
)
def test_new_points_are_answerable(question: str, topic_id: str) -> None:
    assert answers.search(question, "en")[0].topic_id == topic_id


def test_mfa_check_is_no_longer_answered_by_the_commission_card() -> None:
    assert answers.search("МИД проверка апостиля", "ru")[0].topic_id != "commission"


def test_esutd_timeliness_may_influence_the_decision() -> None:
    fact = load_knowledge().fact("obligation.esutd.required")
    assert "may influence the decision to issue or refuse" in fact.text.en
    assert fact.sources[0] == EY_ALERT


def test_appendix_11_is_named_with_its_channel() -> None:
    fact = load_knowledge().fact("obligation.reporting")
    words: dict[Lang, str] = {"ru": "приложения 11", "kk": "11-қосымша", "en": "Appendix 11"}
    for lang in LANGS:
        assert words[lang] in fact.text.get(lang) and "migration.enbek.kz" in fact.text.get(lang)


def test_refusal_grounds_2025_current_and_2016_kept_as_history() -> None:
    kb = load_knowledge()
    current = kb.fact("refusal.grounds_2025", AFTER)
    assert current.status == "confirmed" and "revoke" in current.text.en
    for ground in ("declared profession", "conditions", "false documents", "without a permit"):
        assert ground in current.text.en
    history = kb.fact("refusal.grounds_2016")
    assert history.effective_to == dt.date(2025, 8, 31) and history.text.en.startswith("History")
    assert history.status == "practice"
    card = answers.card("refusal", "en", AFTER)
    assert "Since 1 September 2025" in card and "History (2016–2023 texts)" in card


def test_ban_covers_intra_corporate_transfers_and_cites_the_alert() -> None:
    fact = load_knowledge().fact("ban.twelve_months")
    assert fact.value == 12 and fact.sources[0] == EY_ALERT
    assert "intra-corporate transfers included" in fact.text.en


def test_category_1_is_renewable_for_the_same_period() -> None:
    kb = load_knowledge()
    fact = kb.fact("route.cat1.term")
    assert "renewable for the same period" in fact.text.en
    assert "renewed for 1, 2 or 3 years" not in fact.text.en
    assert kb.route("cat1").renewal_same_term and kb.route("cat1").renewal_term_months == []


def test_category_4_replacement_is_a_duty_in_identical_or_comparable_positions() -> None:
    kb = load_knowledge()
    now = kb.fact("cat4.replacement", AFTER)
    assert now.status == "confirmed" and now.value == [6, 12]
    assert "identical or comparable positions" in now.text.en
    assert "duty" in now.text.en and "not a window" in now.text.en
    old = kb.fact("cat4.replacement", dt.date(2024, 1, 1))
    assert old.effective_to == dt.date(2025, 8, 31) and old.status == "practice"


def test_ratio_questions_name_the_categories_right() -> None:
    for lang, wrong in {"ru": "специалист", "kk": "маман", "en": "specialist"}.items():
        text = (ROOT / "bot/i18n/locales" / lang / "tracking.ftl").read_text(encoding="utf-8")
        line = next(row for row in text.splitlines() if row.startswith("status-ask-locals_12"))
        assert wrong not in line.lower(), lang


REGRADED = [
    "vacancy.region",
    "obligation.special_conditions",
    "route.ict.term",
    "ratio.ict",
    "fee.basis",
    "portal.electronic_only",
    "permit.issuer",
    "quota.2025",
]


@pytest.mark.parametrize("fact_id", REGRADED)
def test_overstated_facts_are_practice(fact_id: str) -> None:
    assert load_knowledge().fact(fact_id).status == "practice"


def test_the_electronic_only_note_is_not_part_of_the_confirmed_portal_fact() -> None:
    portal = load_knowledge().fact("portal.migration_enbek")
    assert portal.status == "confirmed" and "2020" not in portal.text.en


@pytest.mark.parametrize("lang", LANGS)
def test_card_says_checked_against_the_sources_not_last_verified(lang: Lang) -> None:
    card = answers.card("vacancy", lang, AFTER)
    assert "Last verified" not in card and "Проверено:" not in card
    words = {
        "ru": "Сверено с источниками",
        "kk": "Дереккөздермен салыстырылған",
        "en": "Checked against the sources",
    }
    assert words[lang] in card.splitlines()[-1]


def test_official_text_is_the_first_source_of_every_card() -> None:
    official = load_knowledge().fact("rules.official_text")
    assert official.sources == [
        "https://adilet.zan.kz/rus/docs/V2300032977",
        "https://adilet.zan.kz/kaz/docs/V2300032977",
    ]
    for topic_id in answers.topics():
        card = answers.card(topic_id, "en", AFTER)
        sources = card.splitlines()[-2]
        assert sources.index("V2300032977") < sources.index("</a>"), topic_id
        assert sources.count("V2300032977") == 1, topic_id


def test_official_text_link_follows_the_language() -> None:
    assert "/kaz/docs/V2300032977" in render.source_links(["vacancy.posting_period"], None, "kk")
    assert "/rus/docs/V2300032977" in render.source_links(["vacancy.posting_period"], None, "ru")
    assert "/rus/docs/V2300032977" in render.source_links(["vacancy.posting_period"], None, "en")


def test_a_category_4_permit_is_reminded_of_its_duty_not_told_to_plan_a_new_permit() -> None:
    from knowledge.timeline import plan

    kinds = {item.kind: item for item in plan("permit", dt.date(2026, 2, 1), "cat4", "m12")}
    assert "plan_replacement" not in kinds
    assert kinds["cat4_permit_ends"].fact_id == "cat4.replacement"
    assert "plan_replacement" in {
        i.kind for i in plan("permit", dt.date(2026, 2, 1), "seasonal", "d90")
    }
    for lang in LANGS:
        text = (ROOT / "bot/i18n/locales" / lang / "reminders.ftl").read_text(encoding="utf-8")
        for key in ("rem-cat4_permit_ends", "rem-title-cat4_permit_ends"):
            assert f"\n{key} = " in text, (lang, key)
        line = next(row for row in text.splitlines() if row.startswith("rem-cat4_replace_from"))
        assert "window" not in line and "период замены" not in line and "кезеңі ашық" not in line
