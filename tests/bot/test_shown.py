"""``bot.shown``: the visible text and formatting of HTML as Telegram's parser makes them, so an
unchanged edit is never requested and a changed one never skipped."""

from __future__ import annotations

import html

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, Message
from hypothesis import given
from hypothesis import strategies as st

from bot.local_session import LOCAL_BOT
from bot.shown import from_html, of_message, unchanged
from tests.support.telegram_html import parse_html

TAGS = ["b", "i", "u", "s", "code", "tg-spoiler", "blockquote"]
words = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12)
fragment = st.one_of(
    words.map(html.escape),
    st.tuples(st.sampled_from(TAGS), words).map(lambda p: f"<{p[0]}>{html.escape(p[1])}</{p[0]}>"),
    words.map(lambda w: f'<a href="https://example.kz/{len(w)}">{html.escape(w)}</a>'),
    st.sampled_from(["\n", " ", "  \n ", "🇰🇿", "&amp;", "&lt;b&gt;"]),
)
sources = st.lists(fragment, min_size=1, max_size=8).map("".join)


def telegram(source: str) -> tuple[str, frozenset[tuple[str, int, int, str | None]]]:
    text, entities = parse_html(source)
    return text, frozenset((e["type"], e["offset"], e["length"], e.get("url")) for e in entities)


@given(sources)
def test_the_same_text_and_entities_as_telegrams_parser(source: str) -> None:
    assert from_html(source) == telegram(source)


def message(source: str, markup: InlineKeyboardMarkup | None) -> Message:
    text, entities = parse_html(source)
    return Message.model_validate(
        {
            "message_id": 7,
            "date": 0,
            "chat": {"id": 5, "type": "private"},
            "from": LOCAL_BOT.model_dump(),
            "text": text,
            "entities": entities,
            "reply_markup": markup.model_dump() if markup else None,
        }
    )


def keyboard(data: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text="Go", callback_data=data)]]
    )


def test_unchanged_only_when_text_formatting_and_keyboard_are_the_same() -> None:
    shown = message("<b>Deadlines</b>\n1 &amp; 2", keyboard("m:main"))
    assert of_message(shown)[0] == "Deadlines\n1 & 2"
    assert unchanged(shown, "<b>Deadlines</b>\n1 &amp; 2", keyboard("m:main"), None)
    assert unchanged(shown, "<strong>Deadlines</strong>\n1 &amp; 2\n", keyboard("m:main"), None)
    assert not unchanged(shown, "Deadlines\n1 &amp; 2", keyboard("m:main"), None)  # bold lost
    assert not unchanged(shown, "<b>Deadlines</b>\n1 &amp; 3", keyboard("m:main"), None)
    assert not unchanged(shown, "<b>Deadlines</b>\n1 &amp; 2", keyboard("m:help"), None)
    assert not unchanged(shown, "<b>Deadlines</b>\n1 &amp; 2", None, None)
