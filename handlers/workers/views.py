"""/workers' texts and keyboards (pure functions of what the handlers read)."""

from __future__ import annotations

import html
import itertools

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.db.records import Record
from bot.db.workers import Worker
from bot.i18n import Translator
from handlers.callbacks import MenuCb
from handlers.keyboards import button, rows
from handlers.tracking.callbacks import RecAction, RecCb
from handlers.tracking.views import record_name
from handlers.workers_cb import Category, WkAction, WkAttachCb, WkCatCb, WkCb, WkField
from knowledge.l10n import format_date
from knowledge.loader import load_knowledge

PAGE = 12  # workers a page
CARD_RECORDS = 6  # a worker's records listed (and linked) on the card
Markup = InlineKeyboardMarkup


def category_name(t: Translator, category: str) -> str:
    try:
        return load_knowledge().route(category).name.get(t.lang)
    except KeyError:
        return ""


def _wk(
    t: Translator, key: str, action: WkAction, worker: int = 0, **kw: WkField
) -> InlineKeyboardButton:
    return button(t(key), WkCb(action=action, id=worker, **kw))


def label(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def list_view(
    t: Translator,
    ws_name: str,
    workers: list[Worker],
    counts: dict[int, int],
    page: int,
    may_write: bool,
) -> tuple[str, Markup]:
    pages = max(1, (len(workers) + PAGE - 1) // PAGE)
    page = min(max(page, 0), pages - 1)
    shown = workers[page * PAGE : (page + 1) * PAGE]
    lines = [t("wk-title", name=html.escape(ws_name), count=len(workers))]
    lines += [t("wk-line", name=html.escape(w.name), records=counts.get(w.id, 0)) for w in shown]
    if not workers:
        lines.append(t("wk-empty"))
    people = [button(label(w.name, 24), WkCb(action=WkAction.OPEN, id=w.id)) for w in shown]
    keyboard = rows(people, 2)
    if pages > 1:
        nav = [button("‹", WkCb(action=WkAction.LIST, id=page - 1))] if page else []
        nav.append(button(f"{page + 1}/{pages}", WkCb(action=WkAction.LIST, id=page)))
        if page + 1 < pages:
            nav.append(button("›", WkCb(action=WkAction.LIST, id=page + 1)))
        keyboard.append(nav)
    if may_write:
        keyboard.append([_wk(t, "wk-btn-add", WkAction.ADD)])
    keyboard.append([button(t("menu-main"), MenuCb(action="main"))])
    return "\n".join(lines), Markup(inline_keyboard=keyboard)


def _day(t: Translator, worker: Worker, field: str) -> str:
    value = getattr(worker, field)
    return format_date(value, t.lang) if value else t("wk-none")


def card_text(t: Translator, worker: Worker, records: list[Record]) -> str:
    none = t("wk-none")
    lines = [
        t(
            "wk-card",
            name=html.escape(worker.name),
            citizenship=html.escape(worker.citizenship) or none,
            position=html.escape(worker.position) or none,
            category=category_name(t, worker.category) or none,
            visa=_day(t, worker, "visa_until"),
            passport=_day(t, worker, "passport_until"),
        ),
        "",
    ]
    if not records:
        lines.append(t("wk-no-records"))
    else:
        lines.append(t("wk-records"))
        lines += [
            t(
                "wk-record-line",
                kind=t(f"track-kind-{r.kind}"),
                date=format_date(r.event_date, t.lang),
                name=record_name(t, r),
            )
            for r in records[:CARD_RECORDS]
        ]
    return "\n".join(lines)


def card_markup(t: Translator, worker: Worker, records: list[Record], may_write: bool) -> Markup:
    keyboard: list[list[InlineKeyboardButton]] = []
    for r in records[:CARD_RECORDS]:
        text = f"{t(f'track-kind-{r.kind}')} · {format_date(r.event_date, t.lang)}"
        keyboard.append([button(label(text, 36), RecCb(action=RecAction.OPEN, id=r.id))])
    if may_write:
        edits = [
            _wk(t, f"wk-btn-{key}", WkAction.EDIT, worker.id, field=field)
            for key, field in (
                ("name", WkField.NAME),
                ("citizenship", WkField.CITIZENSHIP),
                ("position", WkField.POSITION),
                ("category", WkField.CATEGORY),
                ("visa", WkField.VISA),
                ("passport", WkField.PASSPORT),
            )
        ]
        keyboard += rows(edits, 2)
        keyboard.append([_wk(t, "wk-btn-delete", WkAction.DELETE, worker.id)])
    keyboard.append(
        [_wk(t, "wk-btn-list", WkAction.LIST), button(t("menu-main"), MenuCb(action="main"))]
    )
    return Markup(inline_keyboard=keyboard)


def back_markup(t: Translator) -> Markup:
    return Markup(
        inline_keyboard=[
            [_wk(t, "wk-btn-list", WkAction.LIST), button(t("menu-main"), MenuCb(action="main"))]
        ]
    )


def prompt_markup(t: Translator, worker: int, with_clear: bool = False) -> Markup:
    row = [button(t("track-btn-cancel"), WkCb(action=WkAction.CANCEL, id=worker))]
    if with_clear:
        row.insert(0, _wk(t, "wk-btn-clear", WkAction.CLEAR, worker))
    return Markup(inline_keyboard=[row])


def category_markup(t: Translator, worker: int) -> Markup:
    choices = [
        button(label(category_name(t, c.value), 24), WkCatCb(id=worker, cat=c))
        for c in Category
        if c != Category.NONE
    ]
    keyboard = rows(choices, 2)
    keyboard.append(
        [
            button(t("wk-btn-clear"), WkCatCb(id=worker, cat=Category.NONE)),
            button(t("track-btn-cancel"), WkCb(action=WkAction.OPEN, id=worker)),
        ]
    )
    return Markup(inline_keyboard=keyboard)


def delete_markup(t: Translator, worker: int) -> Markup:
    return Markup(
        inline_keyboard=[
            [
                _wk(t, "wk-btn-delete-yes", WkAction.DELETE_YES, worker),
                button(t("track-btn-keep"), WkCb(action=WkAction.OPEN, id=worker)),
            ]
        ]
    )


def picker_markup(t: Translator, record: int, workers: list[Worker]) -> Markup:
    people = [
        button(label(w.name, 24), WkAttachCb(record=record, worker=w.id))
        for w in itertools.islice(workers, 30)
    ]
    keyboard = rows(people, 2)
    keyboard.append(
        [
            button(t("wk-btn-none"), WkAttachCb(record=record, worker=0)),
            button(t("track-btn-back"), RecCb(action=RecAction.OPEN, id=record)),
        ]
    )
    return Markup(inline_keyboard=keyboard)


def attached_markup(t: Translator, record: int, worker: Worker | None) -> Markup:
    row = [button(t("track-btn-back"), RecCb(action=RecAction.OPEN, id=record))]
    if worker is not None:
        row.append(button(label(f"👤 {worker.name}", 24), WkCb(action=WkAction.OPEN, id=worker.id)))
    return Markup(inline_keyboard=[row])
