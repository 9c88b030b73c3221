"""Small helpers for answering: edit in place when a button was pressed, split long texts."""

from __future__ import annotations

from aiogram.exceptions import TelegramBadRequest
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.shown import shown_for, unchanged

TELEGRAM_LIMIT = 4096


def split_text(text: str, limit: int = TELEGRAM_LIMIT) -> list[str]:
    """Split at line breaks so each part fits one message (a longer line is cut hard)."""
    parts: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line) > limit:
            if current:
                parts.append(current)
                current = ""
            parts.append(line[:limit])
            line = line[limit:]
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            parts.append(current)
            current = line
        else:
            current = candidate
    if current or not parts:
        parts.append(current)
    return parts


async def send(message: Message, text: str, markup: InlineKeyboardMarkup | None = None) -> None:
    """Answer a message; long texts go out in parts with the keyboard on the last one."""
    parts = split_text(text)
    for index, part in enumerate(parts):
        await message.answer(part, reply_markup=markup if index == len(parts) - 1 else None)


async def show(query: CallbackQuery, text: str, markup: InlineKeyboardMarkup | None = None) -> None:
    """Show ``text`` for a pressed button: edit the message, or send anew if it can't be edited."""
    message = query.message
    if not isinstance(message, Message):  # inaccessible (too old) or an inline message
        if query.from_user is not None and query.bot is not None:
            for index, part in enumerate(parts := split_text(text)):
                last = index == len(parts) - 1
                await query.bot.send_message(
                    query.from_user.id, part, reply_markup=markup if last else None
                )
        return
    if len(text) > TELEGRAM_LIMIT:
        await send(message, text, markup)
        return
    if unchanged(message, text, markup, shown_for(query.bot)):
        return  # a double tap: Telegram would refuse the edit ("message is not modified")
    try:
        await message.edit_text(text, reply_markup=markup)
    except TelegramBadRequest as exc:
        if "not modified" in exc.message:
            return  # the same content again: nothing to do
        await message.answer(text, reply_markup=markup)


async def show_markup(query: CallbackQuery, markup: InlineKeyboardMarkup | None) -> None:
    """Change only the keyboard of the pressed button's message; nothing when it is the same."""
    message = query.message
    if not isinstance(message, Message):
        return
    if unchanged(message, message.html_text, markup, shown_for(query.bot)):
        return  # a double tap: Telegram would refuse the edit ("message is not modified")
    try:
        await message.edit_reply_markup(reply_markup=markup)
    except TelegramBadRequest as exc:
        if "not modified" not in exc.message:
            raise


async def reply(
    target: Message | CallbackQuery, text: str, markup: InlineKeyboardMarkup | None = None
) -> None:
    """Answer a message with a new one, or a button press by editing its message."""
    if isinstance(target, CallbackQuery):
        await show(target, text, markup)
    else:
        await send(target, text, markup)
