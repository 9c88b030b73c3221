"""A record's history behind 🕘 on its card: who created, edited, marked done, snoozed or
reassigned it, and when (``bot.db.audit``). Anyone who may read the record may read it; names
are the members' own, a former member (left or erased their data) is shown as such."""

from __future__ import annotations

import datetime as dt
from html import escape
from zoneinfo import ZoneInfo

from aiogram.types import CallbackQuery

from bot.db import Database, audit
from bot.db.records import Record
from bot.db.users import User
from bot.db.workspaces import Access
from bot.i18n import Translator
from handlers.keyboards import button
from handlers.replies import show
from handlers.tracking.callbacks import RecAction, RecCb
from handlers.tracking.views import keyboard, record_title
from knowledge.l10n import format_date


def who(t: Translator, person: audit.Person, reader: int) -> str:
    if person.user_id is not None and person.user_id == reader:
        return t("hist-you")
    if person.user_id is None or not person.member:
        return t("hist-former")
    return escape(person.name) if person.name else t("ws-unnamed", id=person.user_id)


def what(t: Translator, event: audit.Event, reader: int, day: str) -> str:
    if event.action == audit.Action.EDITED:
        known = event.detail in audit.Field.__members__.values()
        field = t(f"hist-field-{event.detail}") if known else event.detail
        return t("hist-edited", field=field)
    if event.action == audit.Action.DONE and event.detail:
        return t("hist-done-kind", what=t(f"rem-title-{event.detail}"))
    if event.action == audit.Action.SNOOZED and event.detail:
        return t("hist-snoozed", date=day)
    if event.action == audit.Action.REASSIGNED and event.target is not None:
        return t("hist-reassigned", to=who(t, event.target, reader))
    return t(f"hist-{event.action.value}")


def line(t: Translator, event: audit.Event, reader: User) -> str:
    local = event.at.astimezone(ZoneInfo(reader.timezone))
    stamp = f"{format_date(local.date(), t.lang)}, {local:%H:%M}"
    snoozed = ""
    if event.action == audit.Action.SNOOZED and event.detail:
        snoozed = format_date(dt.date.fromisoformat(event.detail), t.lang)
    return t(
        "hist-line",
        when=stamp,
        what=what(t, event, reader.id, snoozed),
        who=who(t, event.actor, reader.id),
    )


def text(t: Translator, record: Record, events: list[audit.Event], total: int, reader: User) -> str:
    lines = [t("hist-title", name=record_title(t, record))]
    lines += [line(t, event, reader) for event in events] or [t("hist-empty")]
    if total > len(events):
        lines.append(t("hist-more", count=total - len(events)))
    return "\n".join(lines)


async def show_history(
    query: CallbackQuery, t: Translator, db: Database, access: Access, reader: User, record: Record
) -> None:
    events, total = await audit.history(db, access.workspace.id, record.id)
    back = [button(t("track-btn-back"), RecCb(action=RecAction.OPEN, id=record.id))]
    await show(query, text(t, record, events, total, reader), keyboard(back))
