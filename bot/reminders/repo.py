"""The reminders outbox. Status: pending → sending → sent; done closes; paused for blocked users.

Queries that act for a user take their id; the engine's queries work on due rows by index.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from zoneinfo import ZoneInfo

from bot.db.connection import Database, Row
from bot.db.users import User
from bot.reminders.timing import send_time
from knowledge import timeline
from knowledge.timeline import Planned


@dataclass(frozen=True, slots=True)
class Reminder:
    id: int
    user_id: int
    record_id: int
    kind: str
    due_date: dt.date
    send_at: int
    status: str
    fact_id: str
    repeat: bool


def row_reminder(row: Row) -> Reminder:
    return Reminder(
        id=row["id"],
        user_id=row["user_id"],
        record_id=row["record_id"],
        kind=row["kind"],
        due_date=dt.date.fromisoformat(row["due_date"]),
        send_at=row["send_at"],
        status=row["status"],
        fact_id=row["fact_id"],
        repeat=bool(row["repeat"]),
    )


def _send_at(user: User, due: dt.date) -> int:
    instant = send_time(due, user.timezone, user.reminder_hour, user.quiet_start, user.quiet_end)
    return int(instant.timestamp())


async def plan_for_record(
    db: Database,
    user: User,
    record_id: int,
    items: list[Planned],
    now: dt.datetime,
    *,
    new: bool = False,
) -> int:
    """(Re)plan a record's reminders: future ones replaced, sent ones kept, none duplicated.

    ``items`` is the record's whole plan; what is still true today comes from
    ``knowledge.timeline.upcoming`` (an overdue duty or an open window moves to today). A group
    marked done is never planned again, and a reminder already sent is not sent again: an
    overdue duty that was sent continues on its weekly rhythm. ``new``: a record inserted in
    this transaction has no reminders to read or replace.
    """
    today = now.astimezone(ZoneInfo(user.timezone)).date()
    async with db.transaction():
        # "+user_id", "status || ''": by the record's own index (a few rows), not the user's or
        # the due index (all their rows: re-planning each record of a 1,000-row import scanned
        # every reminder of the user). Both spellings keep PostgreSQL's plan too.
        rows = (
            []
            if new
            else await db.fetchall(
                "SELECT kind, status, due_date FROM reminders WHERE record_id = ? AND +user_id = ?",
                (record_id, user.id),
            )
        )
        done = {group(row["kind"]) for row in rows if row["status"] == "done"}
        sent: dict[str, dt.date] = {}
        for row in rows:
            if row["status"] in ("sent", "sending"):
                day = dt.date.fromisoformat(row["due_date"])
                sent[row["kind"]] = max(day, sent.get(row["kind"], day))
        if not new:
            await db.execute(
                "DELETE FROM reminders WHERE record_id = ? AND +user_id = ? AND status || '' IN "
                "('pending', 'paused')",
                (record_id, user.id),
            )
        status = "pending" if user.is_active else "paused"
        chosen = []
        for item in timeline.upcoming(items, today):
            if group(item.kind) in done:
                continue
            if item.due == today and item.kind in sent:
                if not item.repeat:
                    continue  # already told
                item = replace(item, due=_next_week(sent[item.kind], today))
            chosen.append(item)
        earliest = int(now.timestamp())
        rows_out = [
            (
                user.id,
                record_id,
                item.kind,
                item.due.isoformat(),
                max(_send_at(user, item.due), earliest),
                status,
                item.fact_id,
                int(item.repeat),
            )
            for item in chosen
        ]
        await db.executemany(
            "INSERT INTO reminders (user_id, record_id, kind, due_date, send_at, "
            "status, fact_id, repeat) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            rows_out,
        )
    return len(rows_out)


def _next_week(last: dt.date, today: dt.date) -> dt.date:
    """The first weekly occurrence after ``today`` of a duty last sent on ``last``."""
    weeks = max(1, (today - last).days // 7 + 1)
    return last + dt.timedelta(days=7 * weeks)


async def upcoming(db: Database, user_id: int) -> list[Reminder]:
    rows = await db.fetchall(
        "SELECT * FROM reminders WHERE user_id = ? AND status IN ('pending', 'sent', 'paused') "
        "ORDER BY due_date, id",
        (user_id,),
    )
    return [row_reminder(row) for row in rows]


async def upcoming_in(db: Database, workspace_id: int) -> list[Reminder]:
    """The open reminders of a workspace's records, whoever they go to (the dashboard).

    ``CROSS JOIN`` keeps SQLite's join order: the workspace's records first (by index), then
    their reminders by record. Left to choose without statistics it read every pending reminder
    through ``reminders_due`` — 14 ms a workspace at 20,000 reminders, seconds at a million."""
    rows = await db.fetchall(
        "SELECT r.* FROM records AS rec CROSS JOIN reminders AS r "  # no ON: PostgreSQL's syntax
        "WHERE r.record_id = rec.id AND rec.workspace_id = ? "
        "AND r.status IN ('pending', 'sent', 'paused') "
        "ORDER BY r.due_date, r.id",
        (workspace_id,),
    )
    return [row_reminder(row) for row in rows]


async def get(db: Database, user_id: int, reminder_id: int) -> Reminder | None:
    row = await db.fetchone(
        "SELECT * FROM reminders WHERE id = ? AND user_id = ?", (reminder_id, user_id)
    )
    return None if row is None else row_reminder(row)


def group(kind: str) -> str:
    """Reminders of one obligation share the prefix: renewal_opens, renewal_last_day → renewal."""
    return kind.split("_", 1)[0]


async def mark_done(db: Database, user_id: int, reminder_id: int) -> bool:
    """Close the obligation: this reminder and its follow-ups (same record, same group)."""
    reminder = await get(db, user_id, reminder_id)
    if reminder is None:
        return False
    await db.execute(
        "UPDATE reminders SET status = 'done' WHERE user_id = ? AND record_id = ? "
        "AND (kind = ? OR kind LIKE ? ESCAPE '\\') AND status != 'done'",
        (user_id, reminder.record_id, group(reminder.kind), group(reminder.kind) + "\\_%"),
    )
    return True


async def close_record(db: Database, user_id: int, record_id: int) -> None:
    """The record is closed: every reminder of it is done."""
    await db.execute(
        "UPDATE reminders SET status = 'done' WHERE record_id = ? AND user_id = ?",
        (record_id, user_id),
    )


async def snooze(db: Database, user_id: int, reminder_id: int, until: dt.datetime) -> bool:
    changed = await db.execute(
        "UPDATE reminders SET status = 'pending', send_at = ?, snoozed = 1 WHERE id = ? "
        "AND user_id = ? AND status IN ('pending', 'sent')",
        (int(until.timestamp()), reminder_id, user_id),
    )
    return changed == 1


async def pause_user(db: Database, user_id: int) -> None:
    await db.execute(
        "UPDATE reminders SET status = 'paused' WHERE user_id = ? AND status IN "
        "('pending', 'sending')",
        (user_id,),
    )


async def resume_user(db: Database, user_id: int) -> int:
    return await db.execute(
        "UPDATE reminders SET status = 'pending' WHERE user_id = ? AND status = 'paused'",
        (user_id,),
    )


# --- the engine's side -------------------------------------------------------------------------


async def requeue_stale(db: Database, now: int) -> int:
    """Rows left "sending" by a crash go back to the queue (at most the in-flight one repeats).

    SQLite has one process: every "sending" row is its own. On PostgreSQL another replica may be
    sending them right now: only claims whose lease has run out (or that have none) go back."""
    if db.engine == "postgres":
        return await db.execute(
            "UPDATE reminders SET status = 'pending', lease_until = NULL "
            "WHERE status = 'sending' AND (lease_until IS NULL OR lease_until < ?)",
            (now,),
        )
    return await db.execute("UPDATE reminders SET status = 'pending' WHERE status = 'sending'")


async def claim_due(
    db: Database, now: int, limit: int, since: int = 0, lease: int = 120
) -> list[Reminder]:
    """Take up to ``limit`` rows due in [since, now], oldest first, marking them "sending" in one
    transaction. Rows older than ``since`` are left for the summary (``claim_old``)."""
    if db.engine == "postgres":
        return await _claim_shared(db, now, limit, since, lease)
    async with db.transaction():
        rows = await db.fetchall(
            "SELECT * FROM reminders WHERE status = 'pending' AND send_at BETWEEN ? AND ? "
            "ORDER BY send_at LIMIT ?",
            (since, now, limit),
        )
        if rows:
            marks = ",".join("?" * len(rows))
            await db.execute(
                f"UPDATE reminders SET status = 'sending', attempts = attempts + 1 "  # noqa: S608
                f"WHERE id IN ({marks})",
                [row["id"] for row in rows],
            )
    return [row_reminder(row) for row in rows]


async def _claim_shared(
    db: Database, now: int, limit: int, since: int, lease: int
) -> list[Reminder]:
    """PostgreSQL, several replicas: rows another replica holds are skipped (``SKIP LOCKED``,
    so two claims never take one row), and a claim is a lease: a replica that died mid-send
    leaves rows "sending" whose lease runs out, and any replica's next claim takes them back.
    (Two statements: one ``OR`` of both would read every due row and sort it, not the index.)"""
    await requeue_stale(db, now)
    rows = await db.fetchall(
        "UPDATE reminders SET status = 'sending', attempts = attempts + 1, lease_until = ? "
        "WHERE id IN (SELECT id FROM reminders WHERE status = 'pending' AND send_at "
        "BETWEEN ? AND ? ORDER BY send_at LIMIT ? FOR UPDATE SKIP LOCKED) RETURNING *",
        (now + lease, since, now, limit),
    )
    return sorted((row_reminder(row) for row in rows), key=lambda r: (r.send_at, r.id))


async def renew_lease(db: Database, ids: list[int], until: int) -> None:
    """PostgreSQL: the claimed rows still being sent stay this replica's until ``until`` (a
    batch paced by the token's shared rate, or paused by a 429, may outlast one lease; without
    renewal another replica would take the rest back and send them again). SQLite: nothing
    (one process; no leases)."""
    if db.engine != "postgres" or not ids:
        return
    marks = ",".join("?" * len(ids))
    await db.execute(
        f"UPDATE reminders SET lease_until = ? WHERE status = 'sending' AND id IN ({marks})",  # noqa: S608
        [until, *ids],
    )


async def mark_sent(db: Database, ids: list[int], now: int, repeat_after: int) -> None:
    """Sent; a repeating (overdue) reminder gets its next weekly occurrence queued.

    The next occurrence is the first weekly one after ``now``: a reminder sent weeks late (after
    downtime or a block) must not queue copies that are already due and go out at once.
    """
    if not ids:
        return
    marks = ",".join("?" * len(ids))
    async with db.transaction():
        repeating = await db.fetchall(
            f"SELECT user_id, record_id, kind, due_date, send_at, fact_id FROM reminders "  # noqa: S608
            f"WHERE id IN ({marks}) AND repeat = 1",
            ids,
        )
        await db.executemany(
            "INSERT INTO reminders (user_id, record_id, kind, due_date, send_at, status, "
            "fact_id, repeat) VALUES (?, ?, ?, ?, ?, 'pending', ?, 1) ON CONFLICT DO NOTHING",
            [_next_occurrence(row, now, repeat_after) for row in repeating],
        )
        await db.execute(
            f"UPDATE reminders SET status = 'sent', sent_at = ? WHERE id IN ({marks}) "  # noqa: S608
            f"AND status = 'sending'",
            [now, *ids],
        )


def _next_occurrence(row: Row, now: int, repeat_after: int) -> tuple[object, ...]:
    """The row of the first repetition due after ``now`` (at least one period on)."""
    periods = max(1, (now - row["send_at"]) // repeat_after + 1)
    due = dt.date.fromisoformat(row["due_date"]) + dt.timedelta(
        days=repeat_after // 86400 * periods
    )
    return (
        row["user_id"],
        row["record_id"],
        row["kind"],
        due.isoformat(),
        row["send_at"] + repeat_after * periods,
        row["fact_id"],
    )


async def release(db: Database, ids: list[int], retry_at: int) -> None:
    """Not delivered this time (network, 5xx): back to the queue for a later tick."""
    if ids:
        marks = ",".join("?" * len(ids))
        await db.execute(
            f"UPDATE reminders SET status = 'pending', send_at = ? WHERE id IN ({marks}) "  # noqa: S608
            f"AND status = 'sending'",
            [retry_at, *ids],
        )


async def unclaim(db: Database, ids: list[int]) -> None:
    """Claimed but not attempted (stopping, quiet hours, a summary to retry): back to the queue
    with its send time unchanged."""
    if ids:
        marks = ",".join("?" * len(ids))
        await db.execute(
            f"UPDATE reminders SET status = 'pending' WHERE id IN ({marks}) "  # noqa: S608
            f"AND status = 'sending'",
            ids,
        )


async def claim_old(db: Database, before: int, lease_until: int = 0) -> list[Reminder]:
    """Every pending row due before ``before`` (long missed), marked "sending", by user.
    (PostgreSQL: held until ``lease_until``, as ``claim_due``'s rows.)"""
    if db.engine == "postgres":
        rows = await db.fetchall(
            "UPDATE reminders SET status = 'sending', lease_until = ? WHERE id IN (SELECT id "
            "FROM reminders WHERE status = 'pending' AND send_at < ? FOR UPDATE SKIP LOCKED) "
            "RETURNING *",
            (lease_until, before),
        )
        found = [row_reminder(row) for row in rows]
        return sorted(found, key=lambda r: (r.user_id, r.due_date, r.id))
    async with db.transaction():
        rows = await db.fetchall(
            "SELECT * FROM reminders WHERE status = 'pending' AND send_at < ? "
            "ORDER BY user_id, due_date, id",
            (before,),
        )
        if rows:
            marks = ",".join("?" * len(rows))
            await db.execute(
                f"UPDATE reminders SET status = 'sending' WHERE id IN ({marks})",  # noqa: S608
                [row["id"] for row in rows],
            )
    return [row_reminder(row) for row in rows]


# --- a company's group chat (issue 14): any writer of the workspace acts, recorded by who -------


async def in_workspace(db: Database, workspace_id: int, reminder_id: int) -> Reminder | None:
    """The reminder if its record belongs to the workspace (a forged button names another's)."""
    row = await db.fetchone(
        "SELECT r.* FROM reminders AS r JOIN records AS rec ON rec.id = r.record_id "
        "WHERE r.id = ? AND rec.workspace_id = ?",
        (reminder_id, workspace_id),
    )
    return None if row is None else row_reminder(row)


async def done_in_workspace(db: Database, workspace_id: int, reminder_id: int, by: int) -> bool:
    """Close the obligation from the group, recording who pressed; False if not open there."""
    reminder = await in_workspace(db, workspace_id, reminder_id)
    if reminder is None:
        return False
    changed = await db.execute(
        "UPDATE reminders SET status = 'done', closed_by = ? WHERE record_id = ? "
        "AND (kind = ? OR kind LIKE ? ESCAPE '\\') AND status != 'done'",
        (by, reminder.record_id, group(reminder.kind), group(reminder.kind) + "\\_%"),
    )
    return changed > 0


async def snooze_in_workspace(
    db: Database, workspace_id: int, reminder_id: int, until: dt.datetime, by: int
) -> bool:
    reminder = await in_workspace(db, workspace_id, reminder_id)
    if reminder is None:
        return False
    changed = await db.execute(
        "UPDATE reminders SET status = 'pending', send_at = ?, snoozed = 1, closed_by = ? "
        "WHERE id = ? AND status IN ('pending', 'sent')",
        (int(until.timestamp()), by, reminder_id),
    )
    return changed == 1
