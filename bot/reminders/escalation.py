"""Escalation (issue 14): an obligation nobody marked done or snoozed by the workspace's lead
(``workspaces.escalate_days``) is told to its owner and admins; on the deadline and once overdue,
to the workspace's linked group too (record names and dates only, with Done/Snooze buttons).

Planned with the reminders, on the engine's run: the obligations whose deadline reminder is still
pending are read by the due index, each admin's escalation instant is computed (the lead before
the deadline, moved back off a day off, at the admin's hour and outside their quiet hours), and a
row is inserted once it is due. The unique key (record, kind, date, stage, person) makes planning
again a no-op; rows are claimed ("sending") and marked sent as each completes, and rows a crash
left "sending" go back to the queue at start, as reminders do. The text is chosen at send time.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from zoneinfo import ZoneInfo

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.clock import Clock
from bot.db import groups
from bot.db import users as users_repo
from bot.db.connection import Database, Row
from bot.db.groups import GroupLink
from bot.db.users import User, _user
from bot.i18n import Translator
from bot.i18n.dates import dated
from bot.ids import RowId
from bot.notify import Notifier, Outcome
from bot.reminders.timing import next_allowed, send_time
from knowledge.l10n import Lang, format_date
from knowledge.teams import escalates_on, escalation_day, group_stage

STAGE_ADMINS = "admins"
GROUP_HORIZON = 9 * 86400  # the overdue window (7 days) plus the widest time-zone gap
HORIZON = 9 * 86400  # the longest lead (7 days) plus a day off and the widest time-zone gap
RETRY_DELAY = 60
LEASE = 120  # PostgreSQL: seconds a replica's claim is its own (as the reminders')

# An open obligation: its deadline reminder still pending, nobody snoozed any reminder of it,
# in a company workspace with escalation on. (Done closes every reminder of the group.)
_OPEN = (
    "FROM reminders AS r JOIN records AS rec ON rec.id = r.record_id AND rec.status = 'open' "
    "JOIN workspaces AS w ON w.id = rec.workspace_id AND w.kind = 'company' "
    "AND w.escalate_days > 0 "
    "WHERE r.status = 'pending' AND r.snoozed = 0 AND r.kind LIKE '%\\_due' ESCAPE '\\' "
    "AND NOT EXISTS (SELECT 1 FROM reminders AS s WHERE s.record_id = r.record_id "
    "AND s.snoozed = 1 AND substr(s.kind, 1, instr(s.kind, '_')) = "
    "substr(r.kind, 1, instr(r.kind, '_'))) "
    "AND NOT EXISTS (SELECT 1 FROM reminders AS d WHERE d.record_id = r.record_id "
    "AND d.kind = r.kind AND d.status IN ('sending', 'sent', 'done'))"
)


# The group's stages: the first deadline row of a duty (its weekly repeats come later), not done,
# nobody snoozed it, the workspace linked to a group and its ladder on.
_GROUP_OPEN = (
    "FROM reminders AS r JOIN records AS rec ON rec.id = r.record_id AND rec.status = 'open' "
    "JOIN workspaces AS w ON w.id = rec.workspace_id AND w.kind = 'company' "
    "AND w.escalate_days > 0 JOIN group_links AS g ON g.workspace_id = w.id "
    "WHERE r.status IN ('pending', 'sending', 'sent') AND r.kind LIKE '%\\_due' ESCAPE '\\' "
    "AND NOT EXISTS (SELECT 1 FROM reminders AS s WHERE s.record_id = r.record_id "
    "AND (s.snoozed = 1 OR s.status = 'done') AND substr(s.kind, 1, instr(s.kind, '_')) = "
    "substr(r.kind, 1, instr(r.kind, '_'))) "
    "AND NOT EXISTS (SELECT 1 FROM reminders AS e WHERE e.record_id = r.record_id "
    "AND e.kind = r.kind AND e.due_date < r.due_date)"
)


class GroupAction(StrEnum):
    DONE = "done"
    SNOOZE = "snooze"


class GroupCb(CallbackData, prefix="grp"):
    """A group escalation's button: the workspace (the role check reads it) and the reminder."""

    action: GroupAction
    ws: RowId
    rid: RowId


@dataclass(frozen=True, slots=True)
class Obligation:
    record_id: int
    kind: str
    deadline: dt.date
    responsible: int  # the member reminders go to (the record's creator)
    label: str
    workspace_id: int
    company: str
    lead: int


@dataclass(frozen=True, slots=True)
class Escalation:
    id: int
    record_id: int
    kind: str
    deadline: dt.date
    target: int  # an admin's user id, or the group's chat id (negative)
    stage: str


def _obligation(row: Row) -> Obligation:
    return Obligation(
        record_id=row["record_id"],
        kind=row["kind"],
        deadline=dt.date.fromisoformat(row["due_date"]),
        responsible=row["user_id"],
        label=row["label"],
        workspace_id=row["workspace_id"],
        company=row["name"],
        lead=row["escalate_days"],
    )


_COLUMNS = (
    "SELECT r.record_id, r.kind, r.due_date, r.user_id, rec.label, rec.workspace_id, w.name, "
    "w.escalate_days "
)


async def open_obligations(db: Database, now: int) -> list[Obligation]:
    """Obligations whose deadline reminder goes out within ``HORIZON`` (by the due index)."""
    rows = await db.fetchall(
        _COLUMNS + _OPEN + " AND r.send_at <= ? ORDER BY r.send_at", (now + HORIZON,)
    )
    return [_obligation(row) for row in rows]


async def group_obligations(db: Database, now: int) -> list[tuple[Obligation, int, int]]:
    """(obligation, group chat, deadline reminder id) around their deadline (by the due index)."""
    rows = await db.fetchall(
        _COLUMNS + ", g.chat_id, r.id AS rid " + _GROUP_OPEN + " AND r.send_at BETWEEN ? AND ?",
        (now - GROUP_HORIZON, now + GROUP_HORIZON),
    )
    return [(_obligation(row), row["chat_id"], row["rid"]) for row in rows]


async def group_still_open(
    db: Database, item: Escalation
) -> tuple[Obligation, int, GroupLink] | None:
    row = await db.fetchone(
        _COLUMNS
        + ", g.chat_id, r.id AS rid "
        + _GROUP_OPEN
        + " AND r.record_id = ? AND r.kind = ? AND r.due_date = ? AND g.chat_id = ?",
        (item.record_id, item.kind, item.deadline.isoformat(), item.target),
    )
    link = await groups.of_chat(db, item.target)
    if row is None or link is None:
        return None
    return _obligation(row), row["rid"], link


async def still_open(
    db: Database, record_id: int, kind: str, deadline: dt.date
) -> Obligation | None:
    row = await db.fetchone(
        _COLUMNS + _OPEN + " AND r.record_id = ? AND r.kind = ? AND r.due_date = ?",
        (record_id, kind, deadline.isoformat()),
    )
    return None if row is None else _obligation(row)


async def admins(db: Database, workspace_id: int, besides: int) -> list[User]:
    """The workspace's owner and admins who can be told, except the responsible member."""
    rows = await db.fetchall(
        "SELECT u.* FROM members AS m JOIN users AS u ON u.id = m.user_id "
        "WHERE m.workspace_id = ? AND m.role IN ('owner', 'admin') AND u.id != ? "
        "AND u.is_active = 1 ORDER BY u.id",
        (workspace_id, besides),
    )
    return [_user(row) for row in rows]


async def is_admin(db: Database, workspace_id: int, user_id: int) -> bool:
    """Still an owner or admin at send time (a removed or demoted one is not told)."""
    row = await db.fetchone(
        "SELECT 1 FROM members WHERE workspace_id = ? AND user_id = ? "
        "AND role IN ('owner', 'admin')",
        (workspace_id, user_id),
    )
    return row is not None


async def responsible_name(db: Database, workspace_id: int, user_id: int) -> str:
    row = await db.fetchone(
        "SELECT name FROM members WHERE workspace_id = ? AND user_id = ?", (workspace_id, user_id)
    )
    return "" if row is None else str(row["name"])


def due_at(obligation: Obligation, admin: User, now: dt.datetime) -> int | None:
    """When this admin is told, if that is now or past; None while it is not due (or never)."""
    today = now.astimezone(ZoneInfo(admin.timezone)).date()
    if not escalates_on(obligation.deadline, obligation.lead, today):
        return None
    day = escalation_day(obligation.deadline, obligation.lead)
    assert day is not None  # escalates_on said so
    start = send_time(
        max(day, today), admin.timezone, admin.reminder_hour, admin.quiet_start, admin.quiet_end
    )
    if day < today:  # first seen inside the window: now, unless the admin is in quiet hours
        start = next_allowed(now, admin.timezone, admin.quiet_start, admin.quiet_end)
    return int(start.timestamp()) if start <= now else None


def group_due_at(
    obligation: Obligation, responsible: User, now: dt.datetime
) -> tuple[str, int] | None:
    """The group's stage and when it is told (the responsible member's calendar and hour), if
    that is now or past."""
    today = now.astimezone(ZoneInfo(responsible.timezone)).date()
    found = group_stage(obligation.deadline, today)
    if found is None:
        return None
    stage, day = found
    start = send_time(day, responsible.timezone, responsible.reminder_hour, 0, 0)
    return (stage, int(start.timestamp())) if start <= now else None


async def _group_rows(db: Database, now: dt.datetime) -> list[tuple[object, ...]]:
    rows: list[tuple[object, ...]] = []
    for obligation, chat_id, _rid in await group_obligations(db, int(now.timestamp())):
        responsible = await users_repo.get(db, obligation.responsible)
        found = None if responsible is None else group_due_at(obligation, responsible, now)
        if found is not None:
            stage, send_at = found
            rows.append(
                (
                    obligation.record_id,
                    obligation.kind,
                    obligation.deadline.isoformat(),
                    stage,
                    chat_id,
                    send_at,
                )
            )
    return rows


async def plan(db: Database, now: dt.datetime) -> int:
    """Insert the escalations that are due now; a row already there is left alone."""
    rows = await _group_rows(db, now)
    for obligation in await open_obligations(db, int(now.timestamp())):
        for admin in await admins(db, obligation.workspace_id, obligation.responsible):
            send_at = due_at(obligation, admin, now)
            if send_at is not None:
                rows.append(
                    (
                        obligation.record_id,
                        obligation.kind,
                        obligation.deadline.isoformat(),
                        STAGE_ADMINS,
                        admin.id,
                        send_at,
                    )
                )
    if rows:
        await db.executemany(
            "INSERT INTO escalations (record_id, kind, due_date, stage, target, "
            "send_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            rows,
        )
    return len(rows)


async def requeue_stale(db: Database, now: int) -> int:
    """As ``repo.requeue_stale``: on PostgreSQL only the claims whose lease ran out."""
    if db.engine == "postgres":
        return await db.execute(
            "UPDATE escalations SET status = 'pending', lease_until = NULL "
            "WHERE status = 'sending' AND (lease_until IS NULL OR lease_until < ?)",
            (now,),
        )
    return await db.execute("UPDATE escalations SET status = 'pending' WHERE status = 'sending'")


async def claim_due(db: Database, now: int, limit: int) -> list[Escalation]:
    if db.engine == "postgres":  # several replicas: as ``repo.claim_due``
        await requeue_stale(db, now)
        rows = await db.fetchall(
            "UPDATE escalations SET status = 'sending', lease_until = ? WHERE id IN (SELECT id "
            "FROM escalations WHERE status = 'pending' AND send_at <= ? "
            "ORDER BY send_at, id LIMIT ? FOR UPDATE SKIP LOCKED) RETURNING *",
            (now + LEASE, now, limit),
        )
        rows = sorted(rows, key=lambda row: (row["send_at"], row["id"]))
        return [_escalation(row) for row in rows]
    async with db.transaction():
        rows = await db.fetchall(
            "SELECT * FROM escalations WHERE status = 'pending' AND send_at <= ? "
            "ORDER BY send_at, id LIMIT ?",
            (now, limit),
        )
        if rows:
            marks = ",".join("?" * len(rows))
            await db.execute(
                f"UPDATE escalations SET status = 'sending' WHERE id IN ({marks})",  # noqa: S608
                [row["id"] for row in rows],
            )
    return [_escalation(row) for row in rows]


def _escalation(row: Row) -> Escalation:
    return Escalation(
        row["id"],
        row["record_id"],
        row["kind"],
        dt.date.fromisoformat(row["due_date"]),
        row["target"],
        row["stage"],
    )


async def finish(db: Database, escalation_id: int, status: str, now: int) -> None:
    """sent / dropped (done or snoozed meanwhile, admin gone) / pending again (retry later)."""
    if status == "pending":
        await db.execute(
            "UPDATE escalations SET status = 'pending', send_at = ? WHERE id = ?",
            (now + RETRY_DELAY, escalation_id),
        )
    else:
        await db.execute(
            "UPDATE escalations SET status = ?, sent_at = ? WHERE id = ?",
            (status, now, escalation_id),
        )


def render(t: Translator, obligation: Obligation, who: str, title: str, today: dt.date) -> str:
    """The admins' message; every name came from a user, so all are escaped."""
    return t(
        "esc-admins",
        company=html.escape(obligation.company),
        title=title,
        date=dated(t, obligation.deadline, today),
        label=html.escape(obligation.label) or "—",
        who=html.escape(who) or "—",
        days=obligation.lead,
    )


async def deliver(
    db: Database,
    notifier: Notifier,
    clock: Clock,
    title_key: Callable[[str], str],
    batch: int = 200,
) -> int:
    """Plan what is due, then send it; return how many went out. ``title_key`` names a
    reminder kind's title (the engine's, so reminders and escalations say the same)."""
    now = clock.now()
    await plan(db, now)
    sent = 0
    while claimed := await claim_due(db, int(now.timestamp()), batch):
        for item in claimed:
            outcome = await _send_one(db, notifier, clock, item, title_key)
            sent += outcome is Outcome.SENT
            status = {
                Outcome.SENT: "sent",
                Outcome.REJECTED: "sent",
                Outcome.RETRY: "pending",
                Outcome.DEFERRED: "pending",
            }.get(outcome, "dropped")
            await finish(db, item.id, status, int(clock.now().timestamp()))
    return sent


async def _send_one(
    db: Database,
    notifier: Notifier,
    clock: Clock,
    item: Escalation,
    title_key: Callable[[str], str],
) -> Outcome:
    if item.stage != STAGE_ADMINS:
        return await _send_group(db, notifier, clock, item, title_key)
    obligation = await still_open(db, item.record_id, item.kind, item.deadline)
    admin = await users_repo.get(db, item.target)
    if (
        obligation is None
        or admin is None
        or not admin.is_active
        or not await is_admin(db, obligation.workspace_id, admin.id)
    ):
        return Outcome.BLOCKED  # dropped: done or snoozed meanwhile, or the admin is gone
    t = Translator(admin.lang)
    who = await responsible_name(db, obligation.workspace_id, obligation.responsible)
    text = render(t, obligation, who, t(title_key(item.kind)), clock.today(admin.timezone))
    return await notifier.send(admin.id, admin.chat_id, text)


async def _send_group(
    db: Database,
    notifier: Notifier,
    clock: Clock,
    item: Escalation,
    title_key: Callable[[str], str],
) -> Outcome:
    found = await group_still_open(db, item)
    if found is None:
        return Outcome.BLOCKED  # dropped: done, snoozed or unlinked meanwhile
    obligation, rid, link = found
    lang: Lang = "en" if link.lang == "en" else "kk" if link.lang == "kk" else "ru"
    t = Translator(lang)
    text = t(
        f"esc-{item.stage.replace('_', '-')}",
        company=html.escape(obligation.company),
        title=t(title_key(item.kind)),
        date=format_date(obligation.deadline, t.lang),  # the text says today or overdue
        label=html.escape(obligation.label) or "—",
    )
    outcome = await notifier.send_group(link.chat_id, text, group_buttons(t, obligation, rid))
    if outcome is Outcome.BLOCKED:  # the bot was removed from the group: the link ends
        await groups.unlink(db, link.chat_id)
    return outcome


def group_buttons(t: Translator, obligation: Obligation, rid: int) -> InlineKeyboardMarkup:
    def button(label: str, action: GroupAction) -> InlineKeyboardButton:
        data = GroupCb(action=action, ws=obligation.workspace_id, rid=rid).pack()
        return InlineKeyboardButton(text=t(label), callback_data=data)

    return InlineKeyboardMarkup(
        inline_keyboard=[
            [button("grp-btn-done", GroupAction.DONE), button("grp-btn-snooze", GroupAction.SNOOZE)]
        ]
    )
