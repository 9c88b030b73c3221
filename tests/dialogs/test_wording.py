"""The ru/kk wording named in issue 11, read off real dialog output, and Kazakh dates in it."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from bot.i18n import Translator
from knowledge import answers
from knowledge.l10n import Lang
from tests.conftest import DialogFactory

CONTRACT = {"ru": "Подписан трудовой договор", "kk": "Еңбек шартына қол қойылды"}
TRACK = {"ru": "Отслеживать", "kk": "Бақылау"}
SAVE = {"ru": "Сохранить", "kk": "Сақтау"}
CLOSE = {"ru": "Закрыть", "kk": "Жабу"}
QUIET = {"ru": "Тихие часы", "kk": "Тыныш сағаттар"}
OFF = {"ru": "нет", "kk": "жоқ"}


@pytest.mark.parametrize("lang", ["ru", "kk"])
async def test_a_closed_record_named_like_its_kind_reads_once(
    dialog: DialogFactory, lang: Lang
) -> None:
    d = dialog(user_id=9101, lang=lang)
    await d.send("/deadlines")
    await d.click(CONTRACT[lang])
    await d.send("20.11.2026")
    await d.click(TRACK[lang])
    kind = Translator(lang)("track-kind-contract")
    await d.send(kind)  # the user names the record by its kind
    await d.click(SAVE[lang])
    await d.click(CLOSE[lang])
    assert f"{kind} · {kind}" not in d.text
    assert "закрыто" not in d.text, "no neuter verb after a name of any gender"
    assert d.text.startswith("✓ ") and f"«{kind}»" in d.text


@pytest.mark.parametrize("lang", ["ru", "kk"])
async def test_quiet_hours_off_reads_as_a_label(dialog: DialogFactory, lang: str) -> None:
    d = dialog(user_id=9102, lang=lang)
    await d.send("/settings")
    await d.click(QUIET[lang])
    await d.click(OFF[lang])
    await d.send("/settings")
    assert f"({OFF[lang]}) емес" not in d.text and f"({OFF[lang]})" not in d.text
    assert f"{QUIET[lang]}: {OFF[lang]}." in d.text


def test_route_line_names_the_permit_type_not_an_option() -> None:
    kk = Translator("kk")("elig-result-route", name="2-санат", explain="басшылар")
    ru = Translator("ru")("elig-result-route", name="2-я категория", explain="руководители")
    assert "Нұсқа" not in kk and kk.startswith("Рұқсат түрі: <b>2-санат</b>")
    assert "Вариант" not in ru and ru.startswith("Вид разрешения: <b>2-я категория</b>")


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
def test_status_and_checked_lines_are_not_team_notes(lang: str) -> None:
    for topic_id in answers.topics():
        text = answers.card(topic_id, lang, dt.date(2026, 11, 25))
        for note in ("Мәртебесі", "біздің есеп", "наш расчёт", "our own", "our reference"):
            assert note not in text, (topic_id, note)
        for note in ("нашим справочником", "Біздің анықтамалық"):
            assert note not in text, (topic_id, note)


async def test_kazakh_reminder_dates_take_the_case_of_their_postposition(
    dialog: DialogFactory,
) -> None:
    d = dialog(user_id=9103, lang="kk")
    await d.send("/deadlines")
    await d.click(CONTRACT["kk"])
    await d.send("20.11.2026")  # 5 working days after Friday 20 Nov → registration by the 27th
    assert "<b>2026 жылғы 27 қарашаны</b> қоса алғанда" in d.text, "accusative"
    await d.click("Қалай есептелді")
    assert "2026 жылғы 20 қарашадан бастап" in d.text, "ablative"
    assert "2026 жылғы 27 қарашада аяқталады" in d.text, "locative"
    assert not re.search(r"\d\d\.\d\d\.\d{4}", d.text), "no numeric Kazakh dates left"


# Words of the team's research process; a user needs what is uncertain, not how it was researched.
TEAM_NOTES = re.compile(
    r"\bbrief\b|not retrieved|\bTODO\b|our reference|\bour own|we have not|could only read|"
    r"не получен|нашим справочник|нам удалось|мы не проверили|наш расчёт|"
    r"біздің есеп|біз тексермедік|оқи алдық|алынбаған",
    re.IGNORECASE,
)


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
def test_no_team_notes_in_catalogs_or_fact_texts(lang: Lang) -> None:
    from pathlib import Path

    from knowledge.loader import load_knowledge

    roots = [Path("bot/i18n/locales") / lang, Path("knowledge/locales") / lang]
    texts = {str(path): path.read_text(encoding="utf-8") for r in roots for path in r.glob("*.ftl")}
    kb = load_knowledge()
    for fact in (version for fact_id in kb.fact_ids for version in kb.versions(fact_id)):
        texts[fact.id] = fact.text.get(lang)
        if fact.uncertain is not None:
            texts[fact.id + ".uncertain"] = fact.uncertain.get(lang)
    found = {
        key: TEAM_NOTES.findall(text) for key, text in texts.items() if TEAM_NOTES.search(text)
    }
    assert not found
