"""/status: every open record, overdue first, a page at a time; each line opens its record.

One who belongs to several workspaces (a consultant) also gets 🗂 All workspaces: every
workspace's urgent items in one view under its company's name, a button per company to switch
to it and open its /status."""

from __future__ import annotations

import datetime as dt
import html

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from pydantic import Field

from bot.clock import Clock
from bot.db import Database
from bot.db import workers as workers_repo
from bot.db import workspaces as ws_repo
from bot.db.users import User
from bot.db.workspaces import Access
from bot.i18n import Translator
from bot.i18n.dates import when
from bot.ids import RowId
from bot.records import board
from bot.records.dashboard import Section, combined, entries
from handlers.access import READ, writes
from handlers.callbacks import MenuCb
from handlers.commands import sync_private_menu
from handlers.keyboards import button
from handlers.replies import reply
from handlers.status import ProfCb
from handlers.tracking import RecCb, record_name, record_title
from handlers.tracking.callbacks import RecAction
from knowledge.l10n import format_date

PAGE = 8  # lines a phone shows without scrolling far


class BoardCb(CallbackData, prefix="st"):
    page: int = Field(ge=0, le=10_000)


class AllCb(CallbackData, prefix="sta"):
    """The combined dashboard: every workspace of the presser. The one field makes the data
    ``sta:0``: ``handlers.routing`` routes by ``prefix:``."""

    v: int = Field(default=0, ge=0, le=0)


class OpenWsCb(CallbackData, prefix="stw"):
    """Switch to workspace ``ws`` and open its /status (``bot.access`` checks that membership)."""

    ws: RowId


class WorkerBoardCb(CallbackData, prefix="stp"):
    """/status grouped by worker (issue 14), a page at a time."""

    page: int = Field(ge=0, le=10_000)


__all__ = ["AllCb", "BoardCb", "OpenWsCb", "WorkerBoardCb", "entries", "router"]


def colour(entry: board.Entry, today: dt.date) -> str:
    """🔴 overdue or under 7 days, 🟠 under 30 days, 🟢 later, ⚪ nothing ahead."""
    if entry.mark == "idle":
        return "⚪"
    days = (entry.day - today).days
    return "🔴" if entry.mark == "overdue" or days < 7 else "🟠" if days < 30 else "🟢"


def line(t: Translator, entry: board.Entry, today: dt.date) -> str:
    day = format_date(entry.day, t.lang)
    what = t(f"rem-title-{entry.kind}") if entry.kind else t("track-no-reminders")
    name = record_title(t, entry.record)
    if entry.mark == "overdue":
        overdue = t("when-overdue", days=(today - entry.day).days)
        repeat = (
            t("status-next-repeat", date=format_date(entry.next_repeat, t.lang))
            if entry.next_repeat
            else ""
        )
        return f"🔴 {day} — {what} · <b>{overdue}</b> · {name}{repeat}"
    if entry.mark == "idle":
        return f"⚪ {name} — {t('status-idle', what=what, date=day)}"
    return f"{colour(entry, today)} {day} ({when(t, entry.day, today)}) — {what} · {name}"


def empty_view(t: Translator, may_write: bool) -> tuple[str, InlineKeyboardMarkup]:
    """A fresh keyboard each time: ``view`` may add a row to it."""
    # A viewer cannot save: no "press Track this" hint for them.
    return t("status-empty" if may_write else "status-empty-read"), InlineKeyboardMarkup(
        inline_keyboard=[
            [button(t("menu-deadlines"), MenuCb(action="deadlines"))],
            [button(t("status-btn-profile"), ProfCb(action="open"))],
            [button(t("menu-main"), MenuCb(action="main"))],
        ]
    )


async def view(
    t: Translator, db: Database, user: User, today: dt.date, access: Access, page: int = 0
) -> tuple[str, InlineKeyboardMarkup]:
    text, markup = await _view(t, db, user, today, access, page)
    if len(await ws_repo.mine(db, user.id)) > 1:  # a consultant: every company in one view
        markup.inline_keyboard.insert(-1, [button(t("status-btn-all"), AllCb())])
    return text, markup


async def _view(
    t: Translator, db: Database, user: User, today: dt.date, access: Access, page: int
) -> tuple[str, InlineKeyboardMarkup]:
    items = await entries(db, user, today, access.workspace.id)
    if not items:
        return empty_view(t, writes(access))
    pages = (len(items) + PAGE - 1) // PAGE
    page = min(page, pages - 1)
    shown = items[page * PAGE : (page + 1) * PAGE]
    lines = [t("status-title"), *(line(t, entry, today) for entry in shown)]
    rest = len(items) - (page + 1) * PAGE
    if rest > 0:
        lines.append(t("status-more", count=rest))
    rows = [[record_button(t, entry, today)] for entry in shown]
    if pages > 1:
        rows.append(page_row(page, pages))
    if await workers_repo.of_records(db, access.workspace.id):
        rows.append([button(t("status-btn-by-worker"), WorkerBoardCb(page=0))])
    rows.append([button(t("status-btn-profile"), ProfCb(action="open"))])
    rows.append([button(t("menu-main"), MenuCb(action="main"))])
    return "\n".join(lines), InlineKeyboardMarkup(inline_keyboard=rows)


async def by_worker(
    t: Translator, db: Database, user: User, today: dt.date, access: Access, page: int = 0
) -> tuple[str, InlineKeyboardMarkup]:
    """The same lines grouped under each worker's name (A–Z), those without a worker last."""
    ws = access.workspace.id
    items = await entries(db, user, today, ws)
    if not items:
        return empty_view(t, writes(access))
    owner = await workers_repo.of_records(db, ws)
    names = {w.id: w.name for w in await workers_repo.for_workspace(db, ws)}

    def group(entry: board.Entry) -> tuple[int, str]:
        name = names.get(owner.get(entry.record.id, 0))
        return (1, "") if name is None else (0, name.casefold())

    ordered = sorted(items, key=group)  # stable: overdue first inside a group
    pages = (len(ordered) + PAGE - 1) // PAGE
    page = min(page, pages - 1)
    shown = ordered[page * PAGE : (page + 1) * PAGE]
    lines, last = [t("status-title")], None
    for entry in shown:
        name = names.get(owner.get(entry.record.id, 0))
        if name != last or len(lines) == 1:
            head = (
                t("status-no-worker")
                if name is None
                else t("status-worker", name=html.escape(name))
            )
            lines += ["", head]
            last = name
        lines.append(line(t, entry, today))
    rows = [[record_button(t, entry, today)] for entry in shown]
    if pages > 1:
        nav = [button("‹", WorkerBoardCb(page=page - 1))] if page > 0 else []
        nav.append(button(f"{page + 1}/{pages}", WorkerBoardCb(page=page)))
        if page + 1 < pages:
            nav.append(button("›", WorkerBoardCb(page=page + 1)))
        rows.append(nav)
    rows.append([button(t("status-btn-by-date"), MenuCb(action="status"))])
    rows.append([button(t("menu-main"), MenuCb(action="main"))])
    return "\n".join(lines), InlineKeyboardMarkup(inline_keyboard=rows)


async def worker_board(
    query: CallbackQuery,
    callback_data: WorkerBoardCb,
    t: Translator,
    user: User,
    db: Database,
    clock: Clock,
    access: Access,
) -> None:
    today = clock.today(user.timezone)
    await reply(query, *await by_worker(t, db, user, today, access, callback_data.page))


def record_button(t: Translator, entry: board.Entry, today: dt.date) -> InlineKeyboardButton:
    name = html.unescape(record_name(t, entry.record))  # a button label is plain text
    label = f"{colour(entry, today)} {name}"
    return button(label[:36], RecCb(action=RecAction.OPEN, id=entry.record.id))


def page_row(page: int, pages: int) -> list[InlineKeyboardButton]:
    row = [button("‹", BoardCb(page=page - 1))] if page > 0 else []
    row.append(button(f"{page + 1}/{pages}", BoardCb(page=page)))
    if page + 1 < pages:
        row.append(button("›", BoardCb(page=page + 1)))
    return row


async def status(
    message: Message, t: Translator, user: User, db: Database, clock: Clock, access: Access
) -> None:
    await reply(message, *await view(t, db, user, clock.today(user.timezone), access))


async def status_button(
    query: CallbackQuery, t: Translator, user: User, db: Database, clock: Clock, access: Access
) -> None:
    await reply(query, *await view(t, db, user, clock.today(user.timezone), access))


async def turn_page(
    query: CallbackQuery,
    callback_data: BoardCb,
    t: Translator,
    user: User,
    db: Database,
    clock: Clock,
    access: Access,
) -> None:
    today = clock.today(user.timezone)
    await reply(query, *await view(t, db, user, today, access, callback_data.page))


COMBINED_TEXT = 1_300  # characters of lines on the combined dashboard: the phone budget is 1,500
PER_SECTION = 3  # urgent lines shown per workspace; the rest are counted
SECTION_NAME = 28  # characters of a company's name on its button


def section_name(t: Translator, access: Access) -> str:
    """Escaped for a message: a company's name is what a user typed."""
    if access.workspace.kind == "personal":
        return t("ws-personal")
    return html.escape(access.workspace.name)


def section_lines(t: Translator, section: Section, today: dt.date) -> list[str]:
    count = len(section.entries)
    head = t("status-all-section", name=section_name(t, section.access), count=count)
    shown = [line(t, entry, today) for entry in section.entries[:PER_SECTION]]
    rest = count - len(shown)
    return [head, *shown, *([t("status-more", count=rest)] if rest > 0 else [])]


def combined_view(
    t: Translator, sections: list[Section], today: dt.date
) -> tuple[str, InlineKeyboardMarkup]:
    """Urgent items (overdue, due within 30 days) of every workspace, labelled by company,
    within the phone budget; a button per workspace with urgent items switches to it."""
    busy = [s for s in sections if s.entries]
    lines = [t("status-all-title", count=len(sections))]
    shown: list[Section] = []
    for section in busy:
        block = section_lines(t, section, today)
        if shown and sum(map(len, lines + block)) > COMBINED_TEXT:
            break
        lines += ["", *block]
        shown.append(section)
    if len(busy) > len(shown):
        lines += ["", t("status-all-more", count=len(busy) - len(shown))]
    calm = [section_name(t, s.access) for s in sections if not s.entries]
    if calm:
        lines += ["", t("status-all-calm", names=", ".join(calm)[:300])]
    rows = [[section_button(t, s)] for s in shown]
    rows.append([button(t("menu-main"), MenuCb(action="main"))])
    return "\n".join(lines), InlineKeyboardMarkup(inline_keyboard=rows)


def section_button(t: Translator, section: Section) -> InlineKeyboardButton:
    workspace = section.access.workspace
    name = t("ws-personal") if workspace.kind == "personal" else workspace.name  # plain text
    label = f"→ {name[:SECTION_NAME]} ({len(section.entries)})"
    return button(label, OpenWsCb(ws=workspace.id))


async def all_workspaces(
    query: CallbackQuery, t: Translator, user: User, db: Database, clock: Clock
) -> None:
    today = clock.today(user.timezone)
    await reply(query, *combined_view(t, await combined(db, user, today), today))


async def open_workspace(
    query: CallbackQuery, t: Translator, user: User, db: Database, clock: Clock, access: Access
) -> None:
    """Switch to the workspace the button names and show its /status."""
    await ws_repo.switch(db, user.id, access.workspace.id)
    if query.bot is not None:
        await sync_private_menu(query.bot, db, clock, user.id)
    await reply(query, *await view(t, db, user, clock.today(user.timezone), access))


def router() -> Router:
    r = Router(name="dashboard")
    # No role flag: it reads only the presser's own memberships (bot.db.workspaces.mine).
    r.callback_query.register(all_workspaces, AllCb.filter())
    r.callback_query.register(open_workspace, OpenWsCb.filter(), flags=READ)
    r.message.register(status, Command("status"), flags=READ)  # roles: bot.access
    r.callback_query.register(status_button, MenuCb.filter(F.action == "status"), flags=READ)
    r.callback_query.register(turn_page, BoardCb.filter(), flags=READ)
    r.callback_query.register(worker_board, WorkerBoardCb.filter(), flags=READ)
    return r
