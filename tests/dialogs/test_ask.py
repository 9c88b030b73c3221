from __future__ import annotations

import datetime as dt

import pytest
from aiogram.types import InlineQueryResultArticle, InputTextMessageContent

from bot.i18n import Translator
from knowledge.l10n import Lang, format_date
from tests.conftest import DEFAULT_NOW, DialogFactory
from tests.support.telegram_html import html_problem

QUESTIONS = {
    "ru": ("Сколько действует разрешение второй категории?", "2-я категория", "Источники:"),
    "kk": ("Екінші санаттағы рұқсаттың мерзімі қанша?", "2-санат", "Дереккөздер:"),
    "en": ("How long is a category 2 permit valid?", "Category 2", "Sources:"),
}


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
async def test_plain_text_question_gets_a_card_with_next_topics(
    dialog: DialogFactory, lang: str
) -> None:
    question, title, sources = QUESTIONS[lang]
    d = dialog(lang=lang)
    await d.send(question)
    assert title in d.text and sources in d.text
    assert html_problem(d.text) is None
    assert len(d.buttons()) >= 4, "next closest topics plus Topics and Main menu"
    await d.click("→")
    assert sources in d.text, "a next-topic button opens that card"


async def test_question_in_another_language_is_answered_in_the_users(dialog: DialogFactory) -> None:
    d = dialog(lang="en")
    await d.send("нужно ли разрешение гражданину Кыргызстана")
    assert "EAEU citizens" in d.text


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("ru", "Надёжного ответа"), ("kk", "сенімді жауап"), ("en", "reliable answer")],
)
async def test_no_match_shows_the_topic_menu(
    dialog: DialogFactory, lang: str, expected: str
) -> None:
    d = dialog(lang=lang)
    await d.send("рецепт борща")
    assert expected in d.text
    assert len(d.buttons()) >= 7


async def test_ask_menu_groups_and_category_cards(dialog: DialogFactory) -> None:
    d = dialog(lang="en")
    await d.send("/ask")
    await d.click("Categories and routes")
    await d.click("Category 4")
    assert "cannot be renewed" in d.text and "six months to one year" in d.text
    await d.click("Topics")
    await d.click("Fees and MCI")
    assert "Permit cost" in " ".join(d.buttons())


@pytest.mark.parametrize(
    ("lang", "expected"), [("ru", "С 1 сентября 2025"), ("en", "Since 1 September 2025")]
)
async def test_changes_command_and_button(dialog: DialogFactory, lang: str, expected: str) -> None:
    d = dialog(lang=lang)
    await d.send("/changes")
    assert expected in d.text and "migration.enbek.kz" in d.text
    more = [label for label in d.buttons() if label[:2] in {f"{n}." for n in range(1, 10)}]
    assert [label[0] for label in more] == [str(n) for n in range(1, 10)], "a button per point"
    await d.click(more[4])  # point 5: the MFA check of apostilles
    assert "V2300032977" in d.text and ("МИД" in d.text or "Foreign Affairs" in d.text)
    await d.send("/start")
    await d.click("🆕")
    assert expected in d.text


async def test_inline_mode_returns_shareable_cards(dialog: DialogFactory) -> None:
    d = dialog(lang="ru")
    answer = await d.inline("продление разрешения")
    assert 1 <= len(answer.results) <= 10
    first = answer.results[0]
    assert isinstance(first, InlineQueryResultArticle)
    assert isinstance(first.input_message_content, InputTextMessageContent)
    assert html_problem(first.input_message_content.message_text) is None
    empty = await d.inline("")
    assert len(empty.results) == 10, "an empty query offers topics"
    nothing = await d.inline("погода в Астане")
    assert nothing.results == []


@pytest.mark.parametrize("data", ["t:no.such.topic", "tg:nogroup", "t:", "t:" + "x" * 60])
async def test_forged_topic_buttons(dialog: DialogFactory, data: str) -> None:
    d = dialog(lang="en")
    await d.send("/ask")
    query_id = await d.click_data(data)
    assert "out of date" in (d.callback_text(query_id) or "")


async def test_very_long_question_is_handled(dialog: DialogFactory) -> None:
    d = dialog(lang="ru")
    await d.send("продление разрешения " * 300)
    assert d.replies() and all(len(text) <= 4096 for text in d.replies())


@pytest.mark.parametrize(
    ("lang", "question", "first_line"),
    [
        ("en", "we are 14 people, does the ratio apply?", "<b>A small business with 14 employees"),
        ("ru", "узбек сварщик, нужно разрешение?", "<b>Узбекистан — не государство ЕАЭС"),
        ("kk", "4 санат рұқсат мерзімі", "<b>4-санат: рұқсат 12 айға беріледі."),
    ],
)
async def test_a_stated_situation_is_answered_first(
    dialog: DialogFactory, lang: str, question: str, first_line: str
) -> None:
    d = dialog(lang=lang)
    await d.send(question)
    assert d.text.startswith(first_line), d.text
    assert html_problem(d.text) is None
    assert len(d.buttons()) >= 3, "the card's next topics and menu follow"
    await d.click("✅")  # the eligibility check continues the situation, with what it stated
    if lang == "ru":  # an Uzbek citizen: "not EAEU" is taken from the question, the route is next
        assert d.text.startswith(Translator("ru")("elig-q-route")), d.text
    else:
        assert "EAEU" in d.text or "ЕАЭО" in d.text, d.text


async def test_a_stated_date_offers_the_deadline_calculator(dialog: DialogFactory) -> None:
    d = dialog(lang="en")
    await d.send("contract signed on 2 February 2026, ESUTD deadline?")
    assert d.text.startswith("<b>From 2 February 2026: 5 working days"), d.text
    await d.click("📅")
    assert html_problem(d.text) is None and len(d.buttons()) >= 3


@pytest.mark.parametrize(
    ("lang", "question", "pointer"),
    [
        ("ru", "ставка НДС в Казахстане", "Комитет государственных доходов"),
        ("kk", "жыл сайынғы еңбек демалысы неше күн", "adilet.zan.kz"),
        ("en", "how do I register an LLP <b>fast</b>", "Public Service Centre"),
    ],
)
async def test_a_neighbouring_question_gets_an_official_pointer(
    dialog: DialogFactory, lang: str, question: str, pointer: str
) -> None:
    d = dialog(lang=lang)
    await d.send(question)
    assert pointer in d.text and "Sources" not in d.text and "<b>" not in d.text
    assert html_problem(d.text) is None
    assert len(d.buttons()) >= 7, "the topic menu, to ask within the bot's knowledge"


async def test_inline_mode_answers_as_the_chat_does(dialog: DialogFactory) -> None:
    """Inline mode runs qa.ask: the situation's line first, a neighbour's pointer, no wrong card."""
    d = dialog(lang="en")
    answer = await d.inline("we are 19 people, does the ratio apply?")
    first = answer.results[0]
    assert isinstance(first, InlineQueryResultArticle) and first.id == "ratio.exemptions"
    assert first.description and "exempt" in first.description
    assert isinstance(first.input_message_content, InputTextMessageContent)
    text = first.input_message_content.message_text
    assert text.startswith("<b>") and "19" in text.split("\n")[0]
    assert html_problem(text) is None
    assert len({result.id for result in answer.results}) == len(answer.results) <= 10
    kyrgyz = (await d.inline("kyrgyz driver, do we need a work permit")).results[0]
    assert isinstance(kyrgyz, InlineQueryResultArticle) and kyrgyz.id == "eaeu"
    assert kyrgyz.description and kyrgyz.description.startswith("Kyrgyzstan")
    tax = (await d.inline("VAT rate for our LLP")).results
    assert [result.id for result in tax] == ["scope"], "a neighbouring domain is refused"
    assert isinstance(tax[0], InlineQueryResultArticle)
    assert isinstance(tax[0].input_message_content, InputTextMessageContent)
    assert "tax" in tax[0].input_message_content.message_text.lower()


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
async def test_a_shared_card_points_to_no_button_it_lacks(
    dialog: DialogFactory, lang: Lang
) -> None:
    """A card shared inline is a message without buttons: "see “Why not sure?”" would send the
    reader to a button that is not there, so it says where to check instead."""
    d = dialog(lang=lang)
    why = Translator(lang)("ask-btn-why").removeprefix("⚠️").strip()
    texts = []
    for query in ("", "продление разрешения", "vacancy 15 days"):
        for result in (await d.inline(query)).results:
            assert isinstance(result, InlineQueryResultArticle)
            assert isinstance(result.input_message_content, InputTextMessageContent)
            texts.append(result.input_message_content.message_text)
    assert any("⚠️" in text for text in texts), "a card with an unconfirmed part was shared"
    assert not [text for text in texts if why in text]
    assert all("migration.enbek.kz" in text for text in texts if "⚠️" in text)
    await d.send("How long is a category 2 permit valid?")  # in the chat the button is there
    assert why in d.text and any(why in label for label in d.buttons())


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
@pytest.mark.parametrize("typed", ["25:00", "10:00", "0", "-5", "31.02.2026", "1000000", "🙂"])
async def test_a_bare_number_or_date_outside_a_prompt_gets_no_card(
    dialog: DialogFactory, lang: Lang, typed: str
) -> None:
    """Typing "10:00" after the reminder-hour picker was left answered with the quota card, "-5"
    with ESUTD: a text without a word is an answer to no question waiting for it, so the bot
    says so and shows the menu instead of a card that matched its digits. (With the picker
    open, the hour is read: tests/dialogs/test_settings.py.)"""
    d = dialog(lang=lang)
    await d.send("/settings")
    await d.click(Translator(lang)("settings-btn-hour"))
    await d.click(Translator(lang)("settings-btn-back"))
    await d.send(typed)
    assert d.replies() == [Translator(lang)("ask-not-a-question")]
    assert Translator(lang)("menu-deadlines") in d.buttons(), "a way on: the main menu"


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
@pytest.mark.parametrize("typed", ["бүгін", "вчера", "20 ноября", "September 1, 2025", "1.9.25"])
async def test_a_date_in_words_outside_a_prompt_gets_no_card(
    dialog: DialogFactory, lang: Lang, typed: str
) -> None:
    """A date typed in words after its prompt closed ("бүгін" answered "no reliable answer") is,
    like "31.02.2026", an answer to no question here."""
    d = dialog(lang=lang)
    await d.send(typed)
    assert d.replies() == [Translator(lang)("ask-not-a-question")]


# A greeting or a thank-you is a new user's first message: it is greeted with what the bot does
# and the menu, not told that no reliable answer was found.
@pytest.mark.parametrize(
    ("lang", "typed"),
    [
        ("ru", "Привет!"),
        ("ru", "Здравствуйте"),
        ("kk", "Сәлеметсіз бе"),
        ("kk", "рахмет"),
        ("en", "hi"),
        ("en", "Hello, thanks"),
    ],
)
async def test_a_greeting_gets_the_menu_not_a_failed_search(
    dialog: DialogFactory, lang: Lang, typed: str
) -> None:
    t = Translator(lang)
    d = dialog(user_id=71, lang=lang)
    await d.send(typed)
    assert d.replies() == [t("ask-greeting")]
    assert t("menu-eligibility") in d.buttons(), "the main menu under it"


SEASONAL_FEE = [
    ("ru", "сколько сбор за сезонного работника на 200 дней?", "36 МРП = 155 700 ₸"),
    ("kk", "маусымдық жұмыскерге 100 күнге алым қанша?", "24 АЕК = 2026 жылы 103 800 ₸"),
    ("en", "how much is the fee for a seasonal worker for 2 months?", "12 MCI = 51,900 ₸"),
    ("en", "seasonal worker fee for 400 days", "longest seasonal permit (365 days)"),
]


@pytest.mark.parametrize(("lang", "question", "said"), SEASONAL_FEE)
async def test_a_seasonal_fee_question_with_its_span_gets_the_amount(
    dialog: DialogFactory, lang: Lang, question: str, said: str
) -> None:
    """The card listed the four terms and left the sum to the user: the span stated picks the
    shortest term that covers it, and the line gives its MCI and the amount of the year."""
    d = dialog(lang=lang)
    await d.send(question)
    assert said in d.text.replace("\u00a0", " ")


RELATIVE_QUESTIONS = [
    ("ru", "вакансию разместили вчера, когда можно подавать?", 1),
    ("kk", "бос орын бүгін орналастырылды, қашан өтініш беруге болады?", 0),
    ("en", "vacancy posted 3 days ago, when can I file?", 3),
    ("ru", "работник прибыл в прошлый понедельник, когда уведомлять?", 2),
    ("en", "the worker arrived a week ago, when do we notify the police?", 7),
]


@pytest.mark.parametrize(("lang", "question", "back"), RELATIVE_QUESTIONS)
async def test_a_question_with_a_relative_date_gets_that_days_deadline(
    dialog: DialogFactory, lang: Lang, question: str, back: int
) -> None:
    """ "Posted yesterday" got the card without the dates, "posted on 24 November" with them:
    a date said relative to today ("вчера", "3 days ago", "в прошлый понедельник") is the
    same date (the clock's today is DEFAULT_NOW, a Wednesday)."""
    d = dialog(lang=lang)
    await d.send(question)
    day = DEFAULT_NOW.date() - dt.timedelta(days=back)
    assert format_date(day, lang) in d.text.replace("\u00a0", " ")
