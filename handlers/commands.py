"""The bot's commands: one list for the Telegram menu (setMyCommands) and for /help."""

from __future__ import annotations

import logging

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.types import (
    BotCommand,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeChat,
)

from bot.clock import Clock
from bot.db import Database
from bot.db import users as users_repo
from bot.db import workspaces as ws_repo
from bot.i18n import Translator
from knowledge.l10n import LANGS
from knowledge.teams import Role, allows

log = logging.getLogger(__name__)

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
READ_COMMANDS = [(name, key) for name, key in COMMANDS if name not in WRITE_COMMANDS]

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


async def sync_private_menu(bot: Bot, db: Database, clock: Clock, user_id: int) -> None:
    """The private command menu follows the role in the current workspace: a viewer's chat gets
    its own menu without /track (a chat scope wins over the all-private-chats one), anyone who may
    write gets the common menu back. Called where the current role may change: joining,
    switching, a role changed or a member removed, a workspace deleted, a language chosen."""
    user = await users_repo.get(db, user_id)
    if user is None:
        return
    access = await ws_repo.current(db, user_id, clock.now())
    scope = BotCommandScopeChat(chat_id=user.chat_id)
    if allows(access.role, Role.MEMBER):
        await clear_private_menu(bot, user.chat_id)
        return
    try:
        await bot.set_my_commands(bot_commands(Translator(user.lang), READ_COMMANDS), scope=scope)
    except TelegramAPIError:  # a menu is not worth failing the update for; the next sync mends it
        log.warning("command menu of user %s not updated", user_id)


async def clear_private_menu(bot: Bot, chat_id: int) -> None:
    """Back to the common private menu (also when a user's data is erased)."""
    try:
        await bot.delete_my_commands(scope=BotCommandScopeChat(chat_id=chat_id))
    except TelegramAPIError:
        log.warning("command menu of chat %s not reset", chat_id)
