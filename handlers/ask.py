"""Questions: /ask (topic menu and category cards), any plain text, /changes, and inline mode."""

from __future__ import annotations

import html
from dataclasses import dataclass
from functools import lru_cache

from aiogram import F, Router
from aiogram.filters import Command, StateFilter
from aiogram.filters.callback_data import CallbackData
from aiogram.types import (
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQuery,
    InlineQueryResultArticle,
    InlineQueryResultUnion,
    InputTextMessageContent,
    Message,
)

from bot.clock import Clock
from bot.db.users import User
from bot.i18n import Translator
from handlers.callbacks import MenuCb
from handlers.keyboards import button, rows
from handlers.replies import send, show
from knowledge import answers, consult, qa
from knowledge.changes import NINE_POINTS
from knowledge.l10n import Lang, knowledge_catalog

MAX_QUESTION = 500  # characters of a question that are searched
CHANGES_TOPIC = "changes"


class TopicCb(CallbackData, prefix="t"):
    id: str


class GroupCb(CallbackData, prefix="tg"):
    group: str


class CardCb(CallbackData, prefix="cd"):
    """A card's details: what is not confirmed and every source (one view for both buttons)."""

    id: str


def _topic_button(topic_id: str, title: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=title, callback_data=TopicCb(id=topic_id).pack())


def _menu_row(t: Translator) -> list[InlineKeyboardButton]:
    return [
        InlineKeyboardButton(text=t("ask-topics"), callback_data=MenuCb(action="ask").pack()),
        InlineKeyboardButton(text=t("menu-main"), callback_data=MenuCb(action="main").pack()),
    ]


def card_keyboard(
    t: Translator, topic_ids: list[str], flow: str | None = None, shown: str | None = None
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
    lang: Lang, topic_ids: tuple[str, ...], flow: str | None, shown: str | None
) -> InlineKeyboardMarkup:
    t = Translator(lang)
    rows_ = [details_row(t, shown)] if shown else []
    rows_ = [row for row in rows_ if row]
    rows_ += [[_topic_button(i, "→ " + answers.topic(i).short.get(t.lang))] for i in topic_ids]
    if flow:
        rows_.append(
            [InlineKeyboardButton(text=t(f"menu-{flow}"), callback_data=MenuCb(action=flow).pack())]
        )
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
    buttons = [
        InlineKeyboardButton(
            text=t(f"ask-group-{group}"), callback_data=GroupCb(group=group).pack()
        )
        for group in groups
    ]
    return InlineKeyboardMarkup(inline_keyboard=[*rows(buttons, 2), _menu_row(t)[1:]])


def group_keyboard(t: Translator, group: str) -> InlineKeyboardMarkup:
    items = answers.topic_menu(t.lang).get(group, [])
    buttons = [[_topic_button(topic_id, title)] for topic_id, title in items]
    return InlineKeyboardMarkup(inline_keyboard=[*buttons, _menu_row(t)])


@dataclass(frozen=True)
class Answer:
    text: str  # Telegram HTML; "" when nothing matches
    others: list[str]  # the next closest topics
    topic_id: str | None = None  # the card shown
    card: bool = True  # False: a refusal (no match, or a neighbouring domain's pointer)
    flow: str | None = None  # the menu action that continues the situation stated


def _flow(outcome: consult.Outcome | None) -> str | None:
    """Eligibility for a headcount, citizenship or category; the calculator for a date."""
    if outcome is None or outcome.key.startswith("trip-"):
        return None
    return "deadlines" if outcome.key.startswith("date-") else "eligibility"


def answer_for(question: str, lang: Lang, clock: Clock, timezone: str) -> Answer:
    """The situation's one-line answer, then the card; or the pointer for a neighbouring domain."""
    reply = qa.ask(question[:MAX_QUESTION], lang, clock.today(timezone))
    if reply.topic_id is None:
        if reply.scope and reply.scope != "chatter":
            pointer = knowledge_catalog().get(lang, f"scope-{reply.scope}")
            return Answer(html.escape(pointer), [], card=False)
        return Answer("", [], card=False)
    best = reply.topic_id
    others = list(reply.others)
    for related in answers.related(best):
        if related not in others and related != best:
            others.append(related)
    text = answers.card(best, lang, clock.today(timezone))
    if reply.outcome:
        text = f"<b>{html.escape(consult.render(reply.outcome, lang))}</b>\n\n{text}"
    return Answer(text, others[:3], best, flow=_flow(reply.outcome))


def router() -> Router:
    r = Router(name="ask")

    @r.message(Command("ask"))
    async def ask(message: Message, t: Translator) -> None:
        await message.answer(t("ask-intro"), reply_markup=groups_keyboard(t))

    @r.callback_query(MenuCb.filter(F.action == "ask"))
    async def ask_button(query: CallbackQuery, t: Translator) -> None:
        await show(query, t("ask-intro"), groups_keyboard(t))

    @r.callback_query(GroupCb.filter())
    async def group(query: CallbackQuery, callback_data: GroupCb, t: Translator) -> None:
        if callback_data.group not in answers.topic_menu(t.lang):
            await query.answer(t("stale-button"))
            return
        title = t(f"ask-group-{callback_data.group}")
        await show(query, f"<b>{title}</b>", group_keyboard(t, callback_data.group))

    @r.callback_query(TopicCb.filter())
    async def topic(
        query: CallbackQuery, callback_data: TopicCb, t: Translator, user: User, clock: Clock
    ) -> None:
        if not answers.has_topic(callback_data.id):
            await query.answer(t("stale-button"))
            return
        text = answers.card(callback_data.id, t.lang, clock.today(user.timezone))
        related = answers.related(callback_data.id)[:3]
        await show(query, text, card_keyboard(t, related, shown=callback_data.id))

    @r.callback_query(CardCb.filter())
    async def details(
        query: CallbackQuery, callback_data: CardCb, t: Translator, user: User, clock: Clock
    ) -> None:
        if not answers.has_topic(callback_data.id):
            await query.answer(t("stale-button"))
            return
        text = answers.card_details(callback_data.id, t.lang, clock.today(user.timezone))
        await query.answer()
        if isinstance(query.message, Message):  # below the card, which stays as it was
            await query.message.answer(text)

    @r.message(Command("changes"))
    async def changes(message: Message, t: Translator, user: User, clock: Clock) -> None:
        text = answers.card(CHANGES_TOPIC, t.lang, clock.today(user.timezone))
        await send(message, text, changes_keyboard(t))

    @r.callback_query(MenuCb.filter(F.action == "changes"))
    async def changes_button(query: CallbackQuery, t: Translator, user: User, clock: Clock) -> None:
        text = answers.card(CHANGES_TOPIC, t.lang, clock.today(user.timezone))
        await show(query, text, changes_keyboard(t))

    @r.message(StateFilter(None), F.text, ~F.text.startswith("/"))
    async def question(message: Message, t: Translator, user: User, clock: Clock) -> None:
        found = answer_for(message.text or "", t.lang, clock, user.timezone)
        if not found.card:
            await message.answer(found.text or t("ask-no-match"), reply_markup=groups_keyboard(t))
            return
        markup = card_keyboard(t, found.others, found.flow, shown=found.topic_id)
        await send(message, found.text, markup)

    @r.inline_query()
    async def inline(query: InlineQuery, t: Translator, user: User, clock: Clock) -> None:
        today = clock.today(user.timezone)
        text = query.query.strip()[:MAX_QUESTION]
        ids = (
            [hit.topic_id for hit in answers.search(text, t.lang, limit=10)]
            if text
            else [
                topic_id for items in answers.topic_menu(t.lang).values() for topic_id, _ in items
            ][:10]
        )
        results: list[InlineQueryResultUnion] = [
            InlineQueryResultArticle(
                id=topic_id,
                title=answers.topic(topic_id).title.get(t.lang),
                description=answers.snippet(topic_id, t.lang),
                input_message_content=InputTextMessageContent(
                    message_text=answers.card(topic_id, t.lang, today), parse_mode="HTML"
                ),
            )
            for topic_id in ids
        ]
        await query.answer(results, cache_time=60, is_personal=True)

    return r
