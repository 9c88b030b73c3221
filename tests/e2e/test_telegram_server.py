"""The local Bot API server answers a real aiogram Bot the way Telegram would."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiogram import Bot, Dispatcher
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramConflictError,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramNotFound,
    TelegramRetryAfter,
    TelegramServerError,
    TelegramUnauthorizedError,
)
from aiogram.methods import TelegramMethod
from aiogram.types import (
    BotCommand,
    BotCommandScopeAllPrivateChats,
    BufferedInputFile,
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
)

from tests.support import budget
from tests.support.telegram_html import parse_html
from tests.support.telegram_server import Limits, TelegramServer


@pytest.fixture
async def bot(telegram_server: TelegramServer) -> AsyncIterator[Bot]:
    bot = Bot(
        telegram_server.token,
        session=AiohttpSession(api=TelegramAPIServer.from_base(telegram_server.url)),
    )
    yield bot
    await bot.session.close()


def keyboard(*buttons: InlineKeyboardButton) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[list(buttons)])


def button(text: str, data: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=data)


# ------------------------------------------------------------------------------ basics


async def test_get_me_unknown_method_and_wrong_token(
    telegram_server: TelegramServer, bot: Bot
) -> None:
    me = await bot.get_me()
    assert me.is_bot and me.username == "permit_test_bot"

    class GetNothing(TelegramMethod[bool]):
        __returning__ = bool
        __api_method__ = "getNothing"

    with pytest.raises(TelegramNotFound, match="Not Found"):
        await bot(GetNothing())
    stranger = Bot("654321:WRONG-token", session=bot.session)
    with pytest.raises(TelegramUnauthorizedError, match="Unauthorized"):
        await stranger.get_me()
    assert await bot.log_out() and await bot.close()
    assert [(v.method, v.error) for v in telegram_server.violations] == [
        ("getNothing", "Not Found"),
        ("getMe", "Unauthorized"),
    ]


async def test_user_message_update_has_sender_chat_and_command_entity(
    telegram_server: TelegramServer, bot: Bot
) -> None:
    telegram_server.send_message(7, "/start deep", language_code="kk")
    telegram_server.send_message(7, "привет")
    updates = await bot.get_updates()
    first, second = (update.message for update in updates)
    assert first is not None and second is not None
    assert first.from_user is not None and first.from_user.language_code == "kk"
    assert first.chat.id == 7 and first.chat.type == "private"
    assert first.entities is not None
    assert (first.entities[0].type, first.entities[0].offset, first.entities[0].length) == (
        "bot_command",
        0,
        6,
    )
    assert second.entities is None
    assert updates[0].update_id < updates[1].update_id
    assert first.message_id < second.message_id
    assert abs(first.date.timestamp() - time.time()) < 5  # real clock: Telegram-like stamp


# ------------------------------------------------------------------------------ HTML and text


async def test_valid_html_is_parsed_into_entities(
    telegram_server: TelegramServer, bot: Bot
) -> None:
    telegram_server.send_message(1, "/start")
    source = (
        '<b>Срок</b> &lt;30&gt; дней &amp; <a href="https://adilet.zan.kz">НПА</a> '
        '<span class="tg-spoiler">x</span> <blockquote expandable>q</blockquote> 1 > 0 &#128512;'
    )
    message = await bot.send_message(1, source, parse_mode="HTML")
    assert message.text == "Срок <30> дней & НПА x q 1 > 0 😀"
    assert message.entities is not None
    kinds = [(e.type, e.offset, e.length) for e in message.entities]
    assert kinds == [
        ("bold", 0, 4),
        ("text_link", 17, 3),
        ("spoiler", 21, 1),
        ("expandable_blockquote", 23, 1),
    ]
    assert telegram_server.last(1).source == source
    assert telegram_server.violations == []


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("line<br>break", 'Unsupported start tag "br"'),
        ("<b>bold", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<b><i>x</b></i>", 'expected "</i>", found "</b>"'),
        ("1 < 2", "Unexpected '<'"),
        ("AT&T", "Unexpected '&'"),
        ("&nbsp;", "Unexpected '&'"),
        ("<span>x</span>", 'must have class "tg-spoiler"'),
    ],
)
async def test_html_parse_errors_are_refused_and_recorded(
    telegram_server: TelegramServer, bot: Bot, text: str, problem: str
) -> None:
    telegram_server.send_message(1, "/start")
    with pytest.raises(TelegramBadRequest, match="can't parse entities") as error:
        await bot.send_message(1, text, parse_mode="HTML")
    assert problem in error.value.message
    assert len(telegram_server.violations) == 1
    assert telegram_server.violations[0].method == "sendMessage"
    assert text in telegram_server.violations[0].payload
    assert telegram_server.messages(1) == []


async def test_length_counts_text_after_parsing(telegram_server: TelegramServer, bot: Bot) -> None:
    telegram_server.send_message(1, "/start")
    await bot.send_message(1, "<b>" + "я" * 4096 + "</b>", parse_mode="HTML")
    with pytest.raises(TelegramBadRequest, match="message is too long"):
        await bot.send_message(1, "я" * 4097)
    with pytest.raises(TelegramBadRequest, match="message is too long"):
        await bot.send_message(1, "😀" * 2049)  # counted in UTF-16 units, 2 each
    with pytest.raises(TelegramBadRequest, match="message text is empty"):
        await bot.send_message(1, "<b> </b>", parse_mode="HTML")
    assert len(telegram_server.violations) == 3
    assert len(telegram_server.messages(1)) == 1


def test_parser_offsets_are_utf16_and_trimmed() -> None:
    text, entities = parse_html("  😀 <i>x</i>\n")
    assert text == "😀 x"
    assert entities == [{"type": "italic", "offset": 3, "length": 1}]


# ------------------------------------------------------------------------------ buttons


@pytest.mark.parametrize(
    ("markup", "error"),
    [
        ({"text": "Д", "callback_data": "ж" * 33}, "BUTTON_DATA_INVALID"),  # 66 bytes
        ({"text": "Д"}, "text buttons are unallowed"),
        ({"text": "Д", "callback_data": "x", "url": "https://a.kz"}, "more than one"),
        ({"text": "", "callback_data": "x"}, "BUTTON_TEXT_INVALID"),
    ],
)
async def test_invalid_inline_buttons_are_refused(
    telegram_server: TelegramServer, bot: Bot, markup: dict[str, Any], error: str
) -> None:
    telegram_server.send_message(1, "/start")
    unchecked = InlineKeyboardButton.model_construct(**markup)  # aiogram would refuse some
    raw = InlineKeyboardMarkup(inline_keyboard=[[unchecked]])
    with pytest.raises(TelegramBadRequest, match=error):
        await bot.send_message(1, "menu", reply_markup=raw)
    assert len(telegram_server.violations) == 1
    assert error in telegram_server.violations[0].error


async def test_64_byte_callback_data_is_accepted(telegram_server: TelegramServer, bot: Bot) -> None:
    telegram_server.send_message(1, "/start")
    await bot.send_message(1, "menu", reply_markup=keyboard(button("Д", "ж" * 32)))
    assert telegram_server.last(1).labels() == ["Д"]


# ------------------------------------------------------------------------------ edits


async def test_edits_apply_keep_history_and_refuse_like_telegram(
    telegram_server: TelegramServer, bot: Bot
) -> None:
    telegram_server.send_message(1, "/start")
    telegram_server.send_message(2, "/start")
    sent = await bot.send_message(1, "one", reply_markup=keyboard(button("Next", "n")))
    await bot.edit_message_text(
        text="two", chat_id=1, message_id=sent.message_id, reply_markup=keyboard(button("A", "a"))
    )
    with pytest.raises(TelegramBadRequest, match="message is not modified"):
        await bot.edit_message_text(
            text="two",
            chat_id=1,
            message_id=sent.message_id,
            reply_markup=keyboard(button("A", "a")),
        )
    with pytest.raises(TelegramBadRequest, match="message is not modified"):
        await bot.edit_message_reply_markup(
            chat_id=1, message_id=sent.message_id, reply_markup=keyboard(button("A", "a"))
        )
    with pytest.raises(TelegramBadRequest, match="message to edit not found"):
        await bot.edit_message_text(text="x", chat_id=2, message_id=sent.message_id)
    with pytest.raises(TelegramBadRequest, match="message to edit not found"):
        await bot.edit_message_text(text="x", chat_id=1, message_id=999)
    await bot.edit_message_text(text="two", chat_id=1, message_id=sent.message_id)  # drops keys

    message = telegram_server.last(1)
    assert (message.text, message.reply_markup) == ("two", None)
    assert [(r.text, bool(r.reply_markup)) for r in message.history] == [
        ("one", True),
        ("two", True),
    ]
    assert len(telegram_server.violations) == 4

    assert await bot.delete_message(1, sent.message_id)
    assert telegram_server.messages(1) == []
    with pytest.raises(TelegramBadRequest, match="message to delete not found"):
        await bot.delete_message(1, sent.message_id)


async def test_unknown_chat_is_refused(telegram_server: TelegramServer, bot: Bot) -> None:
    with pytest.raises(TelegramBadRequest, match="chat not found"):
        await bot.send_message(404, "hello")
    with pytest.raises(TelegramBadRequest, match="chat not found"):
        await bot.send_chat_action(404, "typing")
    telegram_server.send_message(404, "/start")
    assert await bot.send_chat_action(404, "typing")
    assert [v.error for v in telegram_server.violations] == ["Bad Request: chat not found"] * 2


# ------------------------------------------------------------------------------ queries


async def test_callback_answered_twice_or_late_is_refused(
    telegram_server: TelegramServer, bot: Bot
) -> None:
    telegram_server.send_message(1, "/start")
    await bot.send_message(1, "menu", reply_markup=keyboard(button("Да", "yes")))
    first = telegram_server.press(1, "Да")
    assert await bot.answer_callback_query(first, text="ok")
    with pytest.raises(TelegramBadRequest, match="query is too old"):
        await bot.answer_callback_query(first)
    telegram_server.query_timeout = 0.05
    late = telegram_server.press(1, "Да")
    await asyncio.sleep(0.1)
    with pytest.raises(TelegramBadRequest, match="query is too old"):
        await bot.answer_callback_query(late)
    assert [(a.query_id, a.data, a.text) for a in telegram_server.callback_answers] == [
        (first, "yes", "ok")
    ]
    assert len(telegram_server.violations) == 2


def article(result_id: str, text: str = "answer") -> InlineQueryResultArticle:
    content = InputTextMessageContent(message_text=text, parse_mode="HTML")
    return InlineQueryResultArticle(id=result_id, title="t", input_message_content=content)


@pytest.mark.parametrize(
    ("results", "error"),
    [
        ([article(str(n)) for n in range(51)], "RESULTS_TOO_MUCH"),
        ([article("same"), article("same")], "RESULT_ID_DUPLICATE"),
        ([article("1", "a < b")], "can't parse entities"),
        ([article("x" * 65)], "RESULT_ID_INVALID"),
    ],
)
async def test_invalid_inline_answers_are_refused(
    telegram_server: TelegramServer, bot: Bot, results: list[InlineQueryResultArticle], error: str
) -> None:
    query_id = telegram_server.inline_query(1, "срок")
    with pytest.raises(TelegramBadRequest, match=error):
        await bot.answer_inline_query(query_id, results)  # type: ignore[arg-type]
    assert telegram_server.inline_answers == []
    assert len(telegram_server.violations) == 1


async def test_inline_answer_is_recorded_once(telegram_server: TelegramServer, bot: Bot) -> None:
    query_id = telegram_server.inline_query(1, "срок")
    updates = await bot.get_updates()
    assert updates[0].inline_query is not None and updates[0].inline_query.query == "срок"
    assert await bot.answer_inline_query(query_id, [article(str(n)) for n in range(50)])
    with pytest.raises(TelegramBadRequest, match="query is too old"):
        await bot.answer_inline_query(query_id, [])
    answer = telegram_server.inline_answers[0]
    assert (answer.query, len(answer.results)) == ("срок", 50)


# ------------------------------------------------------------------------------ getUpdates


async def test_offset_confirms_and_limit_caps(telegram_server: TelegramServer, bot: Bot) -> None:
    for n in range(3):
        telegram_server.send_message(1, f"m{n}")
    first = await bot.get_updates(limit=2)
    assert [u.message.text for u in first if u.message] == ["m0", "m1"]
    again = await bot.get_updates(offset=first[-1].update_id + 1)
    assert [u.message.text for u in again if u.message] == ["m2"]
    assert await bot.get_updates(offset=again[-1].update_id + 1) == []
    assert telegram_server.updates == []


async def test_long_poll_returns_when_an_update_arrives(
    telegram_server: TelegramServer, bot: Bot
) -> None:
    started = time.monotonic()
    assert await bot.get_updates(timeout=1) == []
    assert time.monotonic() - started >= 0.9

    asyncio.get_running_loop().call_later(0.2, telegram_server.send_message, 1, "late")
    started = time.monotonic()
    updates = await bot.get_updates(timeout=10)
    assert 0.15 < time.monotonic() - started < 2
    assert updates[0].message is not None and updates[0].message.text == "late"


async def test_allowed_updates_filters_kinds(telegram_server: TelegramServer, bot: Bot) -> None:
    telegram_server.send_message(1, "text")
    telegram_server.inline_query(1, "inline")
    updates = await bot.get_updates(allowed_updates=["inline_query"])
    assert [u.inline_query.query for u in updates if u.inline_query] == ["inline"]
    assert len(updates) == 1


async def test_second_poller_terminates_the_first(
    telegram_server: TelegramServer, bot: Bot
) -> None:
    first = asyncio.create_task(bot.get_updates(timeout=5))
    await telegram_server.wait_for(lambda: len(telegram_server.requests) == 1)
    second = asyncio.create_task(bot.get_updates(timeout=0))
    with pytest.raises(TelegramConflictError, match="only one bot instance"):
        await first
    assert await second == []
    assert [v.method for v in telegram_server.violations] == ["getUpdates"]


# ------------------------------------------------------------------------------ rate limits


async def test_burst_to_one_chat_gets_429_and_a_patient_retry_passes(
    telegram_server: TelegramServer, bot: Bot
) -> None:
    telegram_server.send_message(1, "/start")
    for n in range(3):  # the default burst
        await bot.send_message(1, f"n{n}")
    with pytest.raises(TelegramRetryAfter) as error:
        await bot.send_message(1, "too soon")
    assert error.value.retry_after == 1
    limited = telegram_server.rate_limited[0]
    assert (limited.chat_id, limited.scope, limited.early) == (1, "chat", False)

    with pytest.raises(TelegramRetryAfter):
        await bot.send_message(1, "did not wait")
    assert len(telegram_server.early_retries) == 1

    await asyncio.sleep(error.value.retry_after)
    await bot.send_message(1, "waited")
    assert [m.text for m in telegram_server.messages(1)] == ["n0", "n1", "n2", "waited"]
    assert telegram_server.violations == []


async def test_global_limit_spans_chats(telegram_server: TelegramServer, bot: Bot) -> None:
    telegram_server.set_limits(Limits(per_second=5))
    for user in range(1, 7):
        telegram_server.send_message(user, "/start")
    results = await asyncio.gather(
        *(bot.send_message(user, "hi") for user in range(1, 7)), return_exceptions=True
    )
    refused = [r for r in results if isinstance(r, TelegramRetryAfter)]
    assert len(refused) == 1
    assert telegram_server.rate_limited[0].scope == "global"


async def test_limits_can_be_turned_off(telegram_server: TelegramServer, bot: Bot) -> None:
    telegram_server.set_limits(None)
    telegram_server.send_message(1, "/start")
    for n in range(10):
        await bot.send_message(1, str(n))
    assert telegram_server.rate_limited == []


# ------------------------------------------------------------------------------ faults


async def test_server_errors_for_next_requests_or_one_method(
    telegram_server: TelegramServer, bot: Bot
) -> None:
    telegram_server.send_message(1, "/start")
    telegram_server.fail_next(2)
    for _ in range(2):
        with pytest.raises(TelegramServerError):
            await bot.get_me()
    await bot.get_me()
    telegram_server.fail_next(1, method="sendMessage", status=502, description="Bad Gateway")
    await bot.get_me()
    with pytest.raises(TelegramServerError, match="Bad Gateway"):
        await bot.send_message(1, "x")
    await bot.send_message(1, "x")
    assert telegram_server.violations == []


async def test_stall_and_hang(telegram_server: TelegramServer, bot: Bot) -> None:
    telegram_server.stall(0.3, method="getMe", count=1)
    started = time.monotonic()
    await bot.get_me()
    assert time.monotonic() - started >= 0.3
    telegram_server.hang(method="getMe")
    with pytest.raises(TelegramNetworkError, match="timeout"):
        await bot.get_me(request_timeout=1)
    telegram_server.clear_faults()
    await bot.get_me()


async def test_blocked_and_deactivated_users(telegram_server: TelegramServer, bot: Bot) -> None:
    telegram_server.send_message(1, "/start")
    telegram_server.send_message(2, "/start")
    telegram_server.block(1)
    telegram_server.deactivate(2)
    with pytest.raises(TelegramForbiddenError, match="bot was blocked by the user"):
        await bot.send_message(1, "x")
    with pytest.raises(TelegramForbiddenError, match="user is deactivated"):
        await bot.send_message(2, "x")
    assert telegram_server.violations == []


async def test_forced_retry_after_and_early_retry_is_recorded(
    telegram_server: TelegramServer, bot: Bot
) -> None:
    telegram_server.send_message(1, "/start")
    telegram_server.force_retry_after(2, method="sendMessage")
    with pytest.raises(TelegramRetryAfter) as error:
        await bot.send_message(1, "x")
    assert error.value.retry_after == 2
    assert telegram_server.early_retries == []
    with pytest.raises(TelegramRetryAfter):
        await bot.send_message(1, "again at once")
    assert [r.scope for r in telegram_server.rate_limited] == ["forced", "chat"]
    assert len(telegram_server.early_retries) == 1


# ------------------------------------------------------------------------------ acting as users


async def test_press_reaches_the_bots_handler(telegram_server: TelegramServer, bot: Bot) -> None:
    dp = Dispatcher()
    seen: list[str] = []

    @dp.callback_query()
    async def on_press(query: CallbackQuery) -> None:
        seen.append(query.data or "")
        await query.answer("pressed")

    telegram_server.send_message(5, "/start", language_code="en")
    menu = keyboard(button("📅 Deadlines", "menu:deadlines"), button("Help", "menu:help"))
    await bot.send_message(5, "Main menu", reply_markup=menu)
    with pytest.raises(AssertionError, match=r"Deadlines.*Help"):
        telegram_server.press(5, "Missing")
    telegram_server.press(5, "Deadlines")  # a part of the label is enough

    polling = asyncio.create_task(
        dp.start_polling(bot, handle_signals=False, close_bot_session=False, polling_timeout=1)
    )
    try:
        await telegram_server.wait_for(lambda: telegram_server.callback_answers, timeout=5)
    finally:
        await dp.stop_polling()
        await polling
    assert seen == ["menu:deadlines"]
    assert telegram_server.callback_answers[0].text == "pressed"
    assert telegram_server.violations == []


async def test_press_data_forges_a_callback(telegram_server: TelegramServer, bot: Bot) -> None:
    telegram_server.send_message(5, "/start")
    sent = await bot.send_message(5, "menu", reply_markup=keyboard(button("A", "a")))
    telegram_server.press_data(5, sent.message_id, "forged:" + "x" * 100)
    update = (await bot.get_updates())[-1]
    assert update.callback_query is not None
    assert update.callback_query.data == "forged:" + "x" * 100
    assert update.callback_query.message is not None
    assert update.callback_query.message.message_id == sent.message_id


async def test_documents_keep_name_and_bytes(telegram_server: TelegramServer, bot: Bot) -> None:
    telegram_server.send_message(1, "/start")
    ics = b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"
    sent = await bot.send_document(
        1, BufferedInputFile(ics, "permit.ics"), caption="<b>Календарь</b>", parse_mode="HTML"
    )
    document = telegram_server.documents(1)[0]
    assert (document.file_name, document.data) == ("permit.ics", ics)
    assert telegram_server.last(1).text == "Календарь"
    assert sent.document is not None
    downloaded = await bot.download(sent.document.file_id)
    assert downloaded is not None and downloaded.read() == ics


async def test_commands_per_scope_and_language(telegram_server: TelegramServer, bot: Bot) -> None:
    ru = [BotCommand(command="start", description="Начать")]
    await bot.set_my_commands(ru, language_code="ru")
    await bot.set_my_commands([BotCommand(command="help", description="Help")])
    private = BotCommandScopeAllPrivateChats()
    await bot.set_my_commands(ru, scope=private, language_code="ru")
    assert telegram_server.my_commands("ru")[0]["description"] == "Начать"
    assert telegram_server.my_commands("")[0]["command"] == "help"
    assert (await bot.get_my_commands(language_code="ru"))[0].command == "start"
    assert telegram_server.my_commands("ru", {"type": "all_private_chats"}) != []
    await bot.delete_my_commands(language_code="ru")
    assert await bot.get_my_commands(language_code="ru") == []
    with pytest.raises(TelegramBadRequest, match="BOT_COMMAND_INVALID"):
        await bot.set_my_commands([BotCommand(command="Start!", description="x")])


async def test_wait_for_message_can_wait_for_a_new_one(
    telegram_server: TelegramServer, bot: Bot
) -> None:
    telegram_server.send_message(1, "/start")
    await bot.send_message(1, "Hello")
    seen = len(telegram_server.messages(1))

    async def later() -> None:
        await asyncio.sleep(0.1)
        await bot.send_message(1, "Hello again")

    sending = asyncio.create_task(later())
    message = await telegram_server.wait_for_message(1, "Hello", after=seen)
    await sending
    assert message.text == "Hello again"
    with pytest.raises(AssertionError, match="Hello again"):
        await telegram_server.wait_for_message(1, "never", timeout=0.1)


# ------------------------------------------------------------------------------ phone budget


async def test_the_server_records_what_users_see_with_the_press_behind_it(
    telegram_server: TelegramServer, bot: Bot
) -> None:
    """spawn_bot puts these records on the phone budget (tests/support/budget.py): a details
    press may run long, a typed message's answer may not."""
    telegram_server.send_message(7, "hi")
    first = await bot.send_message(7, "<b>x</b> &amp; y", parse_mode="HTML")
    telegram_server.press_data(7, first.message_id, "cd:vacancy")
    await bot.edit_message_text(
        "<b>Details</b>\n\n" + "line\n" * 400,
        chat_id=7,
        message_id=first.message_id,
        parse_mode="HTML",
    )
    telegram_server.send_message(7, "again")
    await bot.send_message(7, "plain <b> " + "word " * 400)
    kinds = [(o.kind, o.cause) for o in telegram_server.outputs]
    assert kinds == [("message", None), ("edit", "cd:vacancy"), ("message", None)]
    budget.watch_server(telegram_server)
    found = budget.violations()
    budget.reset()  # on purpose: this test's own long texts must not fail it
    assert [(v.rule, v.output.kind) for v in found] == [
        ("length", "message"),
        ("answer-first", "message"),
    ], "the asked-for edit passes; the plain text is read as plain (its <b> is no tag)"


async def test_get_chat_member_says_who_administers_a_group(
    bot: Bot, telegram_server: TelegramServer
) -> None:
    """``/link`` asks whether the sender administers the group (issue 14)."""
    telegram_server.group_admins[-100900] = {7}
    admin = await bot.get_chat_member(-100900, 7)
    member = await bot.get_chat_member(-100900, 8)
    assert (admin.status, member.status) == ("administrator", "member")
    assert telegram_server.violations == []
