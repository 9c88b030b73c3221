"""A button's label typed instead of pressed answers the choice like the button, in every
language; other text still gets the hint with the buttons."""

from __future__ import annotations

import pytest

from bot.i18n import Translator
from knowledge.l10n import Lang
from tests.conftest import DialogFactory

LANGS: list[Lang] = ["ru", "kk", "en"]
PERMIT = {"ru": "выдано разрешение", "kk": "Рұқсат берілді", "en": "permit issued"}
CAT2 = {"ru": "2-я категория", "kk": "2-санат", "en": "category 2"}
SMALL = {"ru": "малый бизнес", "kk": "Шағын бизнес", "en": "Small business"}


@pytest.mark.parametrize("lang", LANGS)
async def test_typed_labels_walk_the_calculator(dialog: DialogFactory, lang: Lang) -> None:
    t = Translator(lang)
    d = dialog(user_id=4201, lang=lang)
    await d.send("/deadlines")
    await d.send(PERMIT[lang])
    assert t("dl-q-route") in d.text
    await d.send(CAT2[lang])
    assert t("dl-q-term") in d.text
    await d.send(t("dl-term-months", count=12))
    assert t("dl-q-date-permit") in d.text


@pytest.mark.parametrize("lang", LANGS)
async def test_other_text_at_a_choice_still_shows_the_buttons(
    dialog: DialogFactory, lang: Lang
) -> None:
    t = Translator(lang)
    d = dialog(user_id=4202, lang=lang)
    await d.send("/deadlines")
    await d.send("что-нибудь")
    assert t("dl-use-buttons") in d.text
    assert len(d.buttons()) > 3, "the step's buttons come again"


@pytest.mark.parametrize("lang", LANGS)
async def test_typed_labels_answer_the_interview(dialog: DialogFactory, lang: Lang) -> None:
    t = Translator(lang)
    d = dialog(user_id=4203, lang=lang)
    await d.send("/eligibility")
    await d.send(t("elig-opt-no"))
    assert t("elig-q-route") in d.text
    await d.send(CAT2[lang])
    assert t("elig-q-employer").split("(")[0].strip() in d.text
    await d.send(SMALL[lang])
    assert t("elig-q-employer").split("(")[0].strip() not in d.text
    assert t("elig-use-buttons") not in d.text
