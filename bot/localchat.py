"""A chat in the terminal on the very same Dispatcher, database and scheduler (no token needed).

What you type becomes a Telegram update; the bot's replies print as text, inline buttons as
numbered choices, and typing a number presses that button.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import html
import itertools
import re
import signal
import sys
import threading
from collections.abc import Callable
from typing import Any, TextIO

from aiogram.methods import AnswerCallbackQuery, EditMessageText, SendDocument, SendMessage
from aiogram.types import CallbackQuery, Chat, Message, Update, User

from bot.app import App
from bot.i18n import Translator
from bot.local_session import LocalSession, SentMessage
from knowledge.l10n import Lang

LOCAL_USER_ID = 1
_TAG = re.compile(r"<[^>]+>")


def plain(text: str) -> str:
    """Telegram HTML as terminal text."""
    return html.unescape(_TAG.sub("", text))


class LocalChat:
    def __init__(self, app: App, session: LocalSession, lang: Lang, out: TextIO) -> None:
        self.app, self.session, self.out = app, session, out
        self.user = User(id=LOCAL_USER_ID, is_bot=False, first_name="You", language_code=lang)
        self.chat = Chat(id=LOCAL_USER_ID, type="private")
        self.update_ids = itertools.count(1)
        self.buttons: list[tuple[SentMessage, str]] = []

    def print_output(self, method: Any, result: Any) -> None:
        """Session hook: show what the bot sends."""
        if isinstance(method, SendMessage | EditMessageText):
            sent = self.session.messages.get((LOCAL_USER_ID, getattr(result, "message_id", 0)))
            prefix = "(edited) " if isinstance(method, EditMessageText) else ""
            self.write(prefix + plain(method.text or ""), sent)
        elif isinstance(method, SendDocument):
            name, data = self.session.chat(LOCAL_USER_ID)[-1].document or ("file", b"")
            self.write(f"[file {name}, {len(data)} bytes]", None)
        elif isinstance(method, AnswerCallbackQuery) and method.text:
            self.write(f"({plain(method.text)})", None)

    def write(self, text: str, sent: SentMessage | None) -> None:
        print(f"\nbot> {text}", file=self.out)
        if sent is not None and sent.markup is not None:
            self.buttons = []
            for row in sent.markup.inline_keyboard:
                cells = []
                for button in row:
                    label = button.text.strip()  # a label is plain text in Telegram
                    if label and button.callback_data:  # blank calendar cells are not choices
                        self.buttons.append((sent, button.callback_data))
                        cells.append(f"[{len(self.buttons)}] {label}")
                if cells:
                    print("  " + "  ".join(cells), file=self.out)
        self.out.flush()

    def update_for(self, line: str) -> Update:
        update_id = next(self.update_ids)
        now = dt.datetime.now(dt.UTC)
        if line.isdigit() and 1 <= int(line) <= len(self.buttons):
            sent, data = self.buttons[int(line) - 1]
            message = Message(
                message_id=sent.message_id,
                date=now,
                chat=self.chat,
                text=sent.text,
                reply_markup=sent.markup,
            )
            query = CallbackQuery(
                id=str(update_id),
                from_user=self.user,
                chat_instance="local",
                message=message,
                data=data,
            )
            return Update(update_id=update_id, callback_query=query)
        message = Message(
            message_id=10_000_000 + update_id,
            date=now,
            chat=self.chat,
            from_user=self.user,
            text=line,
        )
        return Update(update_id=update_id, message=message)

    async def run(self, lines: asyncio.Queue[str | None]) -> None:
        bot, dp = self.app.bot, self.app.dp
        await dp.emit_startup(bot=bot, **dp.workflow_data)
        try:
            while (line := await lines.get()) is not None:
                if line.strip():
                    await dp.feed_update(bot, self.update_for(line.strip()))
        finally:
            await dp.emit_shutdown(bot=bot, **dp.workflow_data)


def read_lines(source: TextIO, loop: asyncio.AbstractEventLoop) -> asyncio.Queue[str | None]:
    """Read stdin in a daemon thread, so a pending read never blocks shutdown."""
    queue: asyncio.Queue[str | None] = asyncio.Queue()

    def pump() -> None:
        for line in source:
            loop.call_soon_threadsafe(queue.put_nowait, line.rstrip("\n"))
        loop.call_soon_threadsafe(queue.put_nowait, None)

    threading.Thread(target=pump, name="stdin", daemon=True).start()
    return queue


async def run_local_chat(
    build: Callable[[LocalSession], Any],
    lang: Lang,
    source: TextIO = sys.stdin,
    out: TextIO = sys.stdout,
) -> None:
    """``build(session)`` returns the App (awaitable) built on a local session."""
    holder: list[LocalChat] = []
    session = LocalSession(on_output=lambda method, result: holder[0].print_output(method, result))
    app: App = await build(session)
    chat = LocalChat(app, session, lang, out)
    holder.append(chat)
    print(Translator(lang)("local-banner"), file=out, flush=True)
    loop = asyncio.get_running_loop()
    lines = read_lines(source, loop)
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, lines.put_nowait, None)
    await chat.run(lines)
