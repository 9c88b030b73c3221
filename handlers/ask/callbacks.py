"""Typed button data of Q&A. Topics and groups are data (``knowledge/data/topics.toml``): their
ids are bounded here (a forged one that does not fit fails to unpack) and checked by the handler."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData
from pydantic import Field

TOPIC_ID = r"^[a-z0-9_.]{1,40}$"
GROUP = r"^[a-z0-9_]{1,24}$"


class TopicCb(CallbackData, prefix="t"):
    id: str = Field(pattern=TOPIC_ID)


class GroupCb(CallbackData, prefix="tg"):
    group: str = Field(pattern=GROUP)


class CardCb(CallbackData, prefix="cd"):
    """A card's details: what is not confirmed and every source (one view for both buttons)."""

    id: str = Field(pattern=TOPIC_ID)
