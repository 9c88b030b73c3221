"""Questions: /ask (topic menu and category cards), any plain text, /changes, and inline mode."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command, StateFilter
from aiogram.types import CallbackQuery, InlineQuery, Message

from bot.clock import Clock
from bot.db import Database
from bot.db.users import User
from bot.i18n import Translator
from handlers.access import writes_now
from handlers.ask.callbacks import CardCb, GroupCb, TopicCb
from handlers.ask.views import (
    CHANGES_TOPIC,
    MAX_QUESTION,
    answer_for,
    card_keyboard,
    changes_keyboard,
    group_keyboard,
    groups_keyboard,
    inline_results,
)
from handlers.callbacks import MenuAction, MenuCb
from handlers.keyboards import main_menu
from handlers.replies import send, show
from handlers.routing import PlainText
from knowledge import answers, textnorm
from knowledge.userdates import parse_user_date


async def ask(message: Message, t: Translator) -> None:
    await message.answer(t("ask-intro"), reply_markup=groups_keyboard(t))


async def ask_button(query: CallbackQuery, t: Translator) -> None:
    await show(query, t("ask-intro"), groups_keyboard(t))


async def group(query: CallbackQuery, callback_data: GroupCb, t: Translator) -> None:
    if callback_data.group not in answers.topic_menu(t.lang):
        await query.answer(t("stale-button"))
        return
    title = t(f"ask-group-{callback_data.group}")
    await show(query, f"<b>{title}</b>", group_keyboard(t, callback_data.group))


async def topic(
    query: CallbackQuery, callback_data: TopicCb, t: Translator, user: User, clock: Clock
) -> None:
    if not answers.has_topic(callback_data.id):
        await query.answer(t("stale-button"))
        return
    text = answers.card(callback_data.id, t.lang, clock.today(user.timezone))
    related = answers.related(callback_data.id)[:3]
    await show(query, text, card_keyboard(t, related, shown=callback_data.id))


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


async def changes(message: Message, t: Translator, user: User, clock: Clock) -> None:
    text = answers.card(CHANGES_TOPIC, t.lang, clock.today(user.timezone))
    await send(message, text, changes_keyboard(t))


async def changes_button(query: CallbackQuery, t: Translator, user: User, clock: Clock) -> None:
    text = answers.card(CHANGES_TOPIC, t.lang, clock.today(user.timezone))
    await show(query, text, changes_keyboard(t))


async def question(message: Message, t: Translator, user: User, clock: Clock, db: Database) -> None:
    text = message.text or ""
    today = clock.today(user.timezone)
    if not any(char.isalpha() for char in text) or parse_user_date(text, today).value:
        # "10:00" at a button picker, "-5", a date after /cancel: an answer to no question here;
        # searched, its digits matched whatever card quotes them (the quota for "2026"); a date
        # in words ("бүгін", "20 ноября") is one too.
        menu = main_menu(t, await writes_now(db, user.id, clock))  # no Track to a viewer
        await message.answer(t("ask-not-a-question"), reply_markup=menu)
        return
    if not textnorm.words(text):  # "Привет!", "рахмет", "hi": no topic, a new user's hello
        menu = main_menu(t, await writes_now(db, user.id, clock))
        await message.answer(t("ask-greeting"), reply_markup=menu)
        return
    found = answer_for(text, t.lang, clock, user.timezone)
    if not found.card:
        await message.answer(found.text or t("ask-no-match"), reply_markup=groups_keyboard(t))
        return
    markup = card_keyboard(t, found.others, found.flow, shown=found.topic_id)
    await send(message, found.text, markup)


async def inline(query: InlineQuery, t: Translator, user: User, clock: Clock) -> None:
    results = inline_results(query.query.strip()[:MAX_QUESTION], t.lang, clock, user.timezone)
    await query.answer(results, cache_time=60, is_personal=True)


def register(r: Router) -> None:
    r.message.register(ask, Command("ask"))
    r.callback_query.register(ask_button, MenuCb.filter(F.action == MenuAction.ASK))
    r.callback_query.register(group, GroupCb.filter())
    r.callback_query.register(topic, TopicCb.filter())
    r.callback_query.register(details, CardCb.filter())
    r.message.register(changes, Command("changes"))
    r.callback_query.register(changes_button, MenuCb.filter(F.action == MenuAction.CHANGES))
    r.message.register(question, StateFilter(None), PlainText())
    r.inline_query.register(inline)
