"""The long cards opened in every language, so the phone budget (tests/support/budget.py) covers
them: every answer card with its details, /changes, inline shares, the eligibility results with
their steps and how they were counted, and the deadline calculator's results."""

from __future__ import annotations

import html

import pytest

from bot.i18n import Translator
from knowledge import answers
from knowledge.l10n import Lang
from tests.conftest import DialogFactory
from tests.support import budget

LANGS: list[Lang] = ["ru", "kk", "en"]


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
