"""The bot's commands: one list for the Telegram menu (setMyCommands) and for /help."""

from __future__ import annotations

from aiogram import Bot
from aiogram.types import BotCommand, BotCommandScopeAllGroupChats, BotCommandScopeAllPrivateChats

from bot.i18n import Translator
from knowledge.l10n import LANGS

# (command, catalog key of its description). The same names in every language.
COMMANDS: list[tuple[str, str]] = [
    ("start", "cmd-start"),
    ("help", "cmd-help"),
    ("language", "cmd-language"),
    ("eligibility", "cmd-eligibility"),
    ("category", "cmd-category"),
    ("deadlines", "cmd-deadlines"),
    ("ask", "cmd-ask"),
    ("fees", "cmd-fees"),
    ("changes", "cmd-changes"),
    ("track", "cmd-track"),
    ("status", "cmd-status"),
    ("workspace", "cmd-workspace"),
    ("workers", "cmd-workers"),
    ("import", "cmd-import"),
    ("calendar", "cmd-calendar"),
    ("export", "cmd-export"),
    ("settings", "cmd-settings"),
    ("privacy", "cmd-privacy"),
    ("deletemydata", "cmd-deletemydata"),
    ("cancel", "cmd-cancel"),
]
WRITE_COMMANDS = {"track", "import"}  # create records: /help does not offer them to a viewer

# In group chats the bot only links the company's group (handlers/group): offer just that.
GROUP_COMMANDS: list[tuple[str, str]] = [("link", "cmd-link"), ("unlink", "cmd-unlink")]

Scope = BotCommandScopeAllPrivateChats | BotCommandScopeAllGroupChats


def bot_commands(t: Translator, commands: list[tuple[str, str]] = COMMANDS) -> list[BotCommand]:
    return [BotCommand(command=name, description=t(key)) for name, key in commands]


async def register_commands(bot: Bot) -> None:
    """The commands menus (private chats, group chats) per language, plus the English default."""
    menus: list[tuple[Scope, list[tuple[str, str]]]] = [
        (BotCommandScopeAllPrivateChats(), COMMANDS),
        (BotCommandScopeAllGroupChats(), GROUP_COMMANDS),
    ]
    for scope, commands in menus:
        await bot.set_my_commands(bot_commands(Translator("en"), commands), scope=scope)
        for lang in LANGS:
            menu = bot_commands(Translator(lang), commands)
            await bot.set_my_commands(menu, scope=scope, language_code=lang)
