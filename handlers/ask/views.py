"""What a question gets (the situation's line, then the card) and the Q&A keyboards."""

from __future__ import annotations

import contextlib
import datetime as dt
import html
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from aiogram.filters.callback_data import CallbackData
from aiogram.types import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InlineQueryResultUnion,
    InputTextMessageContent,
)
from pydantic import ValidationError

from bot.clock import Clock
from bot.i18n import Translator
from handlers.ask.callbacks import CardCb, GroupCb, TopicCb
from handlers.callbacks import MenuAction, MenuCb
from handlers.deadlines.callbacks import DlOpen
from handlers.eligibility.callbacks import ElStart
from handlers.keyboards import button, rows
from knowledge import answers, consult, qa
from knowledge.changes import NINE_POINTS
from knowledge.continuation import Continuation, continuation
from knowledge.l10n import Lang, knowledge_catalog
from knowledge.loader import load_knowledge
from knowledge.rules import KnowledgeBase

MAX_QUESTION = 500  # characters of a question that are searched
CHANGES_TOPIC = "changes"  # the /changes card


def _topic_button(topic_id: str, title: str) -> InlineKeyboardButton:
    return button(title, TopicCb(id=topic_id))


def _menu_row(t: Translator) -> list[InlineKeyboardButton]:
    return [
        button(t("ask-topics"), MenuCb(action=MenuAction.ASK)),
        button(t("menu-main"), MenuCb(action=MenuAction.MAIN)),
    ]


FlowButton = tuple[MenuAction, str]  # the flow that continues a situation, and the button's data


def flow_button(found: Continuation | None) -> FlowButton | None:
    """The button into the flow, with what the question stated (the plain flow when the values
    do not fit a button)."""
    if found is None:
        return None
    action = MenuAction.DEADLINES if found.flow == "deadlines" else MenuAction.ELIGIBILITY
    data: CallbackData = MenuCb(action=action)
    with contextlib.suppress(ValidationError):
        if found.event is not None and found.day is not None:
            data = DlOpen(kind=found.event, date=found.day.strftime("%Y%m%d"))
        elif found.answers:
            data = ElStart.model_validate(found.answers)
    return action, data.pack()


def card_keyboard(
    t: Translator,
    topic_ids: Sequence[str],
    flow: FlowButton | None = None,
    shown: str | None = None,
) -> InlineKeyboardMarkup:
    """The card's details (why not sure, more sources), the next closest topics, the flow that
    continues a situation, Topics / Main."""
    return _card_keyboard(t.lang, tuple(topic_ids), flow, shown)


def details_row(t: Translator, topic_id: str) -> list[InlineKeyboardButton]:
    row = []
    if answers.has_caveats(topic_id):
        row.append(button(t("ask-btn-why"), CardCb(id=topic_id)))
    if answers.has_more(topic_id):  # the same view: the facts kept off the card, every source
        row.append(button(t("ask-btn-more"), CardCb(id=topic_id)))
    elif count := answers.more_sources(topic_id):
        row.append(button(t("ask-btn-sources", count=count), CardCb(id=topic_id)))
    return row


@lru_cache(maxsize=512)  # the same few topic sets come up again and again
def _card_keyboard(
    lang: Lang, topic_ids: tuple[str, ...], flow: FlowButton | None, shown: str | None
) -> InlineKeyboardMarkup:
    t = Translator(lang)
    rows_ = [row for row in ([details_row(t, shown)] if shown else []) if row]
    rows_ += [[_topic_button(i, "→ " + answers.topic(i).short.get(t.lang))] for i in topic_ids]
    if flow:
        action, data = flow
        rows_.append([InlineKeyboardButton(text=t(f"menu-{action}"), callback_data=data)])
    return InlineKeyboardMarkup(inline_keyboard=[*rows_, _menu_row(t)])


def changes_keyboard(t: Translator) -> InlineKeyboardMarkup:
    """The card's details row, then one button per point of the 1 September 2025 changes,
    numbered as in the card."""
    return _changes_keyboard(t.lang)


@lru_cache(maxsize=3)
def _changes_keyboard(lang: Lang) -> InlineKeyboardMarkup:
    t = Translator(lang)
    buttons = [
        _topic_button(
            point.topic_id, f"{point.number}. {answers.topic(point.topic_id).short.get(lang)}"
        )
        for point in NINE_POINTS
    ]
    details = [row for row in [details_row(t, CHANGES_TOPIC)] if row]
    return InlineKeyboardMarkup(inline_keyboard=[*details, *([b] for b in buttons), _menu_row(t)])


def groups_keyboard(t: Translator) -> InlineKeyboardMarkup:
    groups = list(answers.topic_menu(t.lang))
    buttons = [button(t(f"ask-group-{group}"), GroupCb(group=group)) for group in groups]
    return InlineKeyboardMarkup(inline_keyboard=[*rows(buttons, 2), _menu_row(t)[1:]])


def group_keyboard(t: Translator, group: str) -> InlineKeyboardMarkup:
    items = answers.topic_menu(t.lang).get(group, [])
    buttons = [[_topic_button(topic_id, title)] for topic_id, title in items]
    return InlineKeyboardMarkup(inline_keyboard=[*buttons, _menu_row(t)])


@dataclass(frozen=True)
class Answer:
    text: str  # Telegram HTML; "" when nothing matches
    others: tuple[str, ...]  # the next closest topics
    topic_id: str | None = None  # the card shown
    card: bool = True  # False: a refusal (no match, or a neighbouring domain's pointer)
    flow: FlowButton | None = None  # the flow that continues the situation stated
    line: str | None = None  # the situation's one-line answer (plain text), if one was stated


def answer_for(
    question: str, lang: Lang, clock: Clock, timezone: str, *, shared: bool = False
) -> Answer:
    """The situation's one-line answer, then the card; or the pointer for a neighbouring domain.
    ``shared``: for inline mode, a message without the card's buttons.

    A pure function of the question, the language, the day and the rules in force, so it is
    remembered by them (issue 16: the search, the situation and the card were ~0.5 ms of a
    question). The answer is shared between callers: they read it, never change it."""
    return _answer(question[:MAX_QUESTION], lang, clock.today(timezone), shared, load_knowledge())


@lru_cache(maxsize=2048)  # bounded: the keys are whatever users type
def _answer(asked: str, lang: Lang, today: dt.date, shared: bool, rules: KnowledgeBase) -> Answer:
    """``answer_for``'s work; ``rules`` (the active knowledge base) is part of the key only."""
    reply = qa.ask(asked, lang, today)
    if reply.topic_id is None:
        if reply.scope and reply.scope != "chatter":
            pointer = knowledge_catalog().get(lang, f"scope-{reply.scope}")
            return Answer(html.escape(pointer), (), card=False)
        return Answer("", (), card=False)
    best = reply.topic_id
    others = list(reply.others)
    for related in answers.related(best):
        if related not in others and related != best:
            others.append(related)
    text = answers.card(best, lang, today, shared=shared)
    line = consult.render(reply.outcome, lang) if reply.outcome else None
    if line:
        text = f"<b>{html.escape(line)}</b>\n\n{text}"
    flow = flow_button(continuation(asked, reply.outcome, today))
    return Answer(text, tuple(others[:3]), best, flow=flow, line=line)


def _article(topic_id: str, lang: Lang, text: str, line: str | None) -> InlineQueryResultArticle:
    return InlineQueryResultArticle(
        id=topic_id,
        title=answers.topic(topic_id).title.get(lang),
        description=line or answers.snippet(topic_id, lang),
        input_message_content=InputTextMessageContent(message_text=text, parse_mode="HTML"),
    )


def inline_results(
    question: str, lang: Lang, clock: Clock, timezone: str
) -> list[InlineQueryResultUnion]:
    """Inline mode answers as the chat does (qa.ask: refusal, situation, then the closest cards);
    an empty query offers the topics."""
    today = clock.today(timezone)
    if not question:
        menu = [topic_id for items in answers.topic_menu(lang).values() for topic_id, _ in items]
        shared = [answers.card(t, lang, today, shared=True) for t in menu[:10]]
        return [_article(t, lang, text, None) for t, text in zip(menu, shared, strict=False)]
    found = answer_for(question, lang, clock, timezone, shared=True)
    if not found.card or found.topic_id is None:
        if not found.text:  # nothing matched, or plain chatter
            return []
        plain = html.unescape(found.text)  # a neighbouring domain's pointer: where to ask
        pointer = InputTextMessageContent(message_text=found.text, parse_mode="HTML")
        title = plain.split(":")[0].split(". ")[0][:100]
        return [
            InlineQueryResultArticle(
                id="scope", title=title, description=plain, input_message_content=pointer
            )
        ]
    results: list[InlineQueryResultUnion] = [_article(found.topic_id, lang, found.text, found.line)]
    more = [hit.topic_id for hit in answers.search(question, lang, limit=10)]
    for topic_id in dict.fromkeys([*found.others, *more]):
        if topic_id != found.topic_id and len(results) < 10:
            text = answers.card(topic_id, lang, today, shared=True)
            results.append(_article(topic_id, lang, text, None))
    return results
