"""/status: every open record, overdue first, a page at a time; each line opens its record."""

from __future__ import annotations

import datetime as dt
import html
from collections import defaultdict

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from pydantic import Field

from bot.clock import Clock
from bot.db import Database
from bot.db import records as records_repo
from bot.db import workers as workers_repo
from bot.db.users import User
from bot.db.workspaces import Access
from bot.i18n import Translator
from bot.i18n.dates import when
from bot.records import board
from bot.records import details as details_repo
from bot.records.planning import subjects
from bot.reminders import repo as reminders_repo
from handlers.access import READ, writes
from handlers.callbacks import MenuCb
from handlers.keyboards import button
from handlers.replies import reply
from handlers.status import ProfCb
from handlers.tracking import RecCb, record_name, record_title
from handlers.tracking.callbacks import RecAction
from knowledge.l10n import format_date

PAGE = 8  # lines a phone shows without scrolling far


class BoardCb(CallbackData, prefix="st"):
    page: int = Field(ge=0, le=10_000)


class WorkerBoardCb(CallbackData, prefix="stw"):
    """/status grouped by worker (issue 14), a page at a time."""

    page: int = Field(ge=0, le=10_000)


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


async def entries(db: Database, user: User, today: dt.date, workspace_id: int) -> list[board.Entry]:
    """Every open record of the workspace, with what its line says."""
    records = [r for r in await records_repo.for_workspace(db, workspace_id) if r.status == "open"]
    details = await details_repo.for_workspace(db, workspace_id)
    by_record = defaultdict(list)
    for reminder in await reminders_repo.upcoming_in(db, workspace_id):
        by_record[reminder.record_id].append(reminder)
    found = []
    for record in records:
        extra = details.get(record.id)
        if record.kind == "vacancy" and extra is not None and extra.stage == "closed":
            continue  # a closed vacancy is closed
        dates = subjects(record, user, extra)
        found.append(board.entry(record, by_record[record.id], dates, today))
    return board.ordered(found)


def empty_view(t: Translator, may_write: bool) -> tuple[str, InlineKeyboardMarkup]:
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


def router() -> Router:
    r = Router(name="dashboard")
    r.message.register(status, Command("status"), flags=READ)  # roles: bot.access
    r.callback_query.register(status_button, MenuCb.filter(F.action == "status"), flags=READ)
    r.callback_query.register(turn_page, BoardCb.filter(), flags=READ)
    r.callback_query.register(worker_board, WorkerBoardCb.filter(), flags=READ)
    return r
