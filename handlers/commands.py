"""The bot's commands: one list for the Telegram menu (setMyCommands) and for /help."""

from __future__ import annotations

from aiogram import Bot
from aiogram.types import BotCommand, BotCommandScopeAllPrivateChats

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
    ("calendar", "cmd-calendar"),
    ("export", "cmd-export"),
    ("settings", "cmd-settings"),
    ("privacy", "cmd-privacy"),
    ("deletemydata", "cmd-deletemydata"),
    ("cancel", "cmd-cancel"),
]


def bot_commands(t: Translator) -> list[BotCommand]:
    return [BotCommand(command=name, description=t(key)) for name, key in COMMANDS]


async def register_commands(bot: Bot) -> None:
    """The commands menu per language, plus the English default for everyone else."""
    scope = BotCommandScopeAllPrivateChats()
    await bot.set_my_commands(bot_commands(Translator("en")), scope=scope)
    for lang in LANGS:
        await bot.set_my_commands(bot_commands(Translator(lang)), scope=scope, language_code=lang)
