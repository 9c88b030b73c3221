"""A tracked permit's document checklist: tick documents off, see "5 of 7 collected".

The list comes from ``knowledge.checklists`` (the renewal list for a renewable permit, the route's
own list otherwise); ticks are kept per record (``bot.records.checklist``).
"""

from __future__ import annotations

import html

from aiogram import F, Router
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup

from bot.clock import Clock
from bot.db import Database, audit
from bot.db.records import Record
from bot.db.users import User
from bot.db.workspaces import Access
from bot.i18n import Translator
from bot.records import checklist as checklist_repo
from bot.records import details as details_repo
from handlers.access import READ, WRITE, in_workspace
from handlers.checklist_cb import ChkAction, ChkCb
from handlers.keyboards import button
from handlers.replies import reply
from handlers.tracking import RecCb, record_title
from knowledge import checklists as kc

MARKS = {"needed": ("☐", "☑"), "unclear": ("❔", "☑")}
LABEL = 36  # a button alone on its row


def label(mark: str, name: str) -> str:
    text = f"{mark} {name}"
    return text if len(text) <= LABEL else text[: LABEL - 1] + "…"


def view(
    t: Translator, record: Record, which: kc.ChecklistId, ticked: set[str]
) -> tuple[str, InlineKeyboardMarkup]:
    entries = kc.checklist(which)
    done = kc.progress(which, ticked)
    lines = [f"<b>{record_title(t, record)}</b>", t(f"chk-title-{which}")]
    lines.append(t("chk-progress", collected=done.collected, total=done.total))
    rows: list[list[InlineKeyboardButton]] = []
    skipped = []
    for index, entry in enumerate(entries):
        name = entry.item.name.get(t.lang)
        if entry.need == "not_needed":
            skipped.append(html.escape(name, quote=False))
            continue
        on = entry.item.id in ticked
        mark = MARKS[entry.need][on]
        weak = " ⚠" if entry.status != "confirmed" else ""
        lines.append(f"{mark} {html.escape(name, quote=False)}{weak}")
        data = ChkCb(action=ChkAction.TICK, id=record.id, item=index, on=int(not on))
        rows.append([button(label(mark, name), data)])
    if skipped:
        lines.append(t("chk-not-needed", items="; ".join(skipped)))
    if any(entry.need == "unclear" for entry in entries):
        lines.append(t("chk-unclear"))
    if any(entry.status != "confirmed" for entry in entries if entry.need != "not_needed"):
        lines.append(t("chk-weak"))
    rows.append([button(t("track-btn-back"), RecCb(action="open", id=record.id))])
    return "\n".join(lines), InlineKeyboardMarkup(inline_keyboard=rows)


async def _load(
    db: Database, access: Access, user: User, record_id: int
) -> tuple[Record, kc.ChecklistId, User] | None:
    """A permit of the current workspace, its checklist and its creator (whose ticks they are)."""
    found = await in_workspace(db, access, record_id, user)
    if found is None:
        return None
    record, owner = found
    details = await details_repo.get(db, owner.id, record.id)
    which = checklist_repo.checklist_of(record, details)
    return None if which is None else (record, which, owner)


async def open_checklist(
    query: CallbackQuery,
    callback_data: ChkCb,
    t: Translator,
    user: User,
    db: Database,
    access: Access,
) -> None:
    found = await _load(db, access, user, callback_data.id)
    if found is None:
        await query.answer(t("track-not-found"), show_alert=True)
        return
    record, which, user = found
    await reply(query, *view(t, record, which, await checklist_repo.ticked(db, user.id, record.id)))


async def tick(
    query: CallbackQuery,
    callback_data: ChkCb,
    t: Translator,
    user: User,
    db: Database,
    clock: Clock,
    access: Access,
) -> None:
    found = await _load(db, access, user, callback_data.id)
    if found is None:
        await query.answer(t("track-not-found"), show_alert=True)
        return
    record, which, user = found
    entries = kc.checklist(which)
    if callback_data.item >= len(entries) or entries[callback_data.item].need == "not_needed":
        await query.answer(t("chk-stale"), show_alert=True)
        return
    item = entries[callback_data.item].item.id
    async with db.transaction():
        await checklist_repo.set_tick(db, user.id, record.id, item, bool(callback_data.on))
        await audit.log(
            db, record.id, access.user_id, audit.Action.EDITED, clock.now(), audit.Field.DOCUMENTS
        )
    await reply(query, *view(t, record, which, await checklist_repo.ticked(db, user.id, record.id)))


def router() -> Router:
    r = Router(name="checklist")
    r.callback_query.register(  # roles: bot.access
        open_checklist, ChkCb.filter(F.action == ChkAction.OPEN), flags=READ
    )
    r.callback_query.register(tick, ChkCb.filter(F.action == ChkAction.TICK), flags=WRITE)
    return r
