"""The company's group chat (issue 14): /link, /unlink, the escalations' Done/Snooze buttons.

In groups the bot answers only commands and mentions: this router comes first and takes every
group message, so no other flow (free-text questions, /status with private data) runs there.
"""

from __future__ import annotations

from aiogram import Router
from aiogram.enums import ChatType

from handlers.group import flow
from handlers.routing import ChatTypeFilter

GROUPS = {ChatType.GROUP, ChatType.SUPERGROUP}


def router() -> Router:
    r = Router(name="group")
    r.message.filter(ChatTypeFilter(GROUPS))  # readable: skipped for a private chat's update
    r.my_chat_member.filter(ChatTypeFilter(GROUPS))
    flow.register(r)
    return r
