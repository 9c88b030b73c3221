"""Delivering due reminders from the outbox.

Each run claims due rows in a transaction ("sending"), sends them through the notifier, and marks
them sent; it keeps claiming until nothing is due, so a backlog drains at the limiter's pace.
At start, rows a crash left "sending" are re-queued (so after a hard kill at most the message in
flight repeats). Reminders missed for more than 30 days (downtime, a user who blocked the bot and
came back) are summarised in one message per user. A late reminder waits for the end of the
user's quiet hours; on-time ones were planned outside them (``timing.send_time``).
Two reminders of one record about one deadline on one day (the day-before nudge and the deadline
itself after downtime, a nudge snoozed onto the deadline) would say the same: only one goes out.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Callable
from zoneinfo import ZoneInfo

from aiogram.types import InlineKeyboardMarkup

from bot.clock import Clock
from bot.db import Database
from bot.db import records as records_repo
from bot.db import users as users_repo
from bot.db.records import Record
from bot.db.users import User
from bot.i18n import Translator
from bot.i18n.dates import dated
from bot.notify import Notifier, Outcome
from bot.records import checklist as checklist_repo
from bot.records import details as details_repo
from bot.records.details import Details
from bot.records.planning import subjects
from bot.reminders import digest, escalation, repo
from bot.reminders.repo import Reminder
from bot.reminders.timing import next_allowed
from knowledge.checklists import Progress
from knowledge.timeline import OBLIGATIONS  # the working-day duties, by kind

log = logging.getLogger(__name__)
LATE = 2 * 3600  # a reminder this late (seconds) went out after downtime: say so
SUMMARISE_AFTER = 30 * 86400
RETRY_DELAY = 60
WEEK = 7 * 86400


# What a reminder message says and its buttons; the handlers side provides it (the composition
# root passes it in), so delivery never imports the presentation.
# (translator, reminder, its record, sent late?, the date it is about, today, document progress)
Renderer = Callable[
    [Translator, Reminder, Record | None, bool, dt.date, dt.date, Progress | None],
    tuple[str, InlineKeyboardMarkup],
]


def title_key(kind: str) -> str:
    """The short title; an obligation is named by its deadline, not by the day-before nudge."""
    group = kind.split("_", 1)[0]
    return f"rem-title-{group}_due" if group in OBLIGATIONS else f"rem-title-{kind}"


def interleaved(reminders: list[Reminder]) -> list[Reminder]:
    """Every user's first reminder, then every user's second, ...: a chat's next message comes
    after the others', so the one-message-a-second-per-chat limit rarely makes anyone wait."""
    rank: dict[int, int] = defaultdict(int)
    keyed = []
    for position, reminder in enumerate(reminders):
        keyed.append((rank[reminder.user_id], position, reminder))
        rank[reminder.user_id] += 1
    return [reminder for _rank, _position, reminder in sorted(keyed, key=lambda k: k[:2])]


class Engine:
    """``workers`` sends may be in flight at once: enough for Telegram's ~30 messages a second at
    ~100 ms a request, and the most a hard kill can repeat (each is marked sent as it completes).
    """

    def __init__(
        self,
        db: Database,
        notifier: Notifier,
        clock: Clock,
        render: Renderer,
        batch: int = 200,
        workers: int = 4,
        lease: int = 120,
    ) -> None:
        self.db, self.notifier, self.clock, self.render = db, notifier, clock, render
        self.batch, self.workers = batch, workers
        # PostgreSQL: seconds a claim is this replica's; a batch must be sent well within it.
        self.lease = lease
        self._lock = asyncio.Lock()
        self._stopped = False
        self.observe: Callable[[Outcome], None] | None = None  # each send's outcome (metrics)

    async def start(self) -> None:
        requeued = await repo.requeue_stale(self.db, self._now())
        if requeued:
            log.info("re-queued %d reminders left in flight", requeued)
        if await escalation.requeue_stale(self.db, self._now()):
            log.info("re-queued escalations left in flight")

    async def stop(self) -> None:
        """Let the sends in flight finish, return the rest to the queue; later runs do nothing."""
        self._stopped = True
        async with self._lock:
            pass

    async def run_once(self) -> int:
        """Deliver everything due now; return how many were sent."""
        async with self._lock:  # one run at a time, whoever calls
            if self._stopped:
                return 0
            await self.summarise_old()
            sent = 0
            while not self._stopped and (
                claimed := await repo.claim_due(
                    self.db,
                    self._now(),
                    self.batch,
                    since=self._now() - SUMMARISE_AFTER,
                    lease=self.lease,
                )
            ):
                sent += await self._deliver(claimed)
            if not self._stopped:  # after the reminders: the responsible member hears first
                # (not counted in ``sent``: that is the reminders delivered)
                await escalation.deliver(self.db, self.notifier, self.clock, title_key)
                await digest.deliver(self.db, self.notifier, self.clock, title_key)
            return sent

    def _now(self) -> int:
        return int(self.clock.now().timestamp())

    async def _renew(self, ids: list[int]) -> None:
        """While a batch is being sent, renew its lease every third of it (PostgreSQL)."""
        while True:
            await asyncio.sleep(self.lease / 3)
            await repo.renew_lease(self.db, ids, self._now() + self.lease)

    def _quiet_until(self, user: User) -> int | None:
        """When the user's quiet hours end, if they are in them now."""
        now = self.clock.now()
        allowed = next_allowed(now, user.timezone, user.quiet_start, user.quiet_end)
        return None if allowed == now else int(allowed.timestamp())

    async def _deliver(self, claimed: list[Reminder]) -> int:
        records = await self._records(claimed)
        claimed, collapsed = await self._collapse(claimed, records)
        queue: asyncio.Queue[Reminder] = asyncio.Queue()
        for reminder in interleaved(claimed):
            queue.put_nowait(reminder)
        results: dict[Outcome, list[int]] = defaultdict(list)

        async def worker() -> None:
            while not queue.empty() and not self._stopped:
                reminder = queue.get_nowait()
                outcome = await self._send(reminder, records.get(reminder.record_id))
                if self.observe is not None:
                    self.observe(outcome)
                results[outcome].append(reminder.id)
                if outcome in (Outcome.SENT, Outcome.REJECTED, Outcome.COLLAPSED):
                    # Marked at once: a hard kill can repeat only what is in flight.
                    await repo.mark_sent(self.db, [reminder.id], self._now(), WEEK)

        renewing = asyncio.create_task(self._renew([r.id for r in claimed]))
        try:
            await asyncio.gather(*(worker() for _ in range(min(self.workers, len(claimed)))))
        finally:
            renewing.cancel()
        # After the sends: marked earlier, they would look "told today" to the one kept.
        await repo.mark_sent(self.db, collapsed, self._now(), WEEK)
        await repo.release(self.db, results[Outcome.RETRY], self._now() + RETRY_DELAY)
        # Stopping: what was claimed but not sent goes back to the queue as it was.
        await repo.unclaim(self.db, [queue.get_nowait().id for _ in range(queue.qsize())])
        return len(results[Outcome.SENT])

    async def _send(self, reminder: Reminder, record: tuple[Record, Details] | None) -> Outcome:
        user = await users_repo.get(self.db, reminder.user_id)
        if user is None or not user.is_active:
            await repo.pause_user(self.db, reminder.user_id)
            return Outcome.BLOCKED
        late = self._now() - reminder.send_at > LATE
        quiet_until = self._quiet_until(user) if late else None
        if quiet_until is not None:  # e.g. the bot came back at 23:00: wait for the morning
            await repo.release(self.db, [reminder.id], quiet_until)
            return Outcome.DEFERRED
        subject = self._subject(reminder, user, record)
        if await self._told_today(reminder, user, record, subject):
            return Outcome.COLLAPSED
        t = Translator(user.lang)
        docs = None
        if record is not None and reminder.kind.startswith("renewal_"):
            docs = await checklist_repo.progress(self.db, user.id, *record)
        text, markup = self.render(
            t, reminder, record[0] if record else None, late, subject, self._today(user), docs
        )
        return await self.notifier.send(user.id, user.chat_id, text, markup)

    def _today(self, user: User) -> dt.date:
        return self.clock.today(user.timezone)

    async def _collapse(
        self, claimed: list[Reminder], records: dict[int, tuple[Record, Details]]
    ) -> tuple[list[Reminder], list[int]]:
        """Split off the reminders another one in this batch supersedes (same user, record,
        group and deadline): the latest stage is sent, the earlier ones are closed unsent."""
        buckets: dict[tuple[int, int, str], list[Reminder]] = defaultdict(list)
        for reminder in claimed:
            buckets[(reminder.user_id, reminder.record_id, repo.group(reminder.kind))].append(
                reminder
            )
        dropped: set[int] = set()
        for (user_id, record_id, _group), members in buckets.items():
            user = await users_repo.get(self.db, user_id) if len(members) > 1 else None
            if user is None or not user.is_active:  # one reminder, or a user _send pauses
                continue
            latest: dict[dt.date, Reminder] = {}
            for reminder in sorted(members, key=lambda r: (r.due_date, r.id)):
                subject = self._subject(reminder, user, records.get(record_id))
                if subject in latest:
                    dropped.add(latest[subject].id)
                latest[subject] = reminder
        kept = [reminder for reminder in claimed if reminder.id not in dropped]
        return kept, sorted(dropped)

    async def _told_today(
        self,
        reminder: Reminder,
        user: User,
        record: tuple[Record, Details] | None,
        subject: dt.date,
    ) -> bool:
        """Whether a reminder of the same record and group, about the same date, already went
        out to the user today (a nudge snoozed onto its deadline's day, say)."""
        today = dt.datetime.combine(self._today(user), dt.time(), ZoneInfo(user.timezone))
        rows = await self.db.fetchall(
            "SELECT * FROM reminders WHERE user_id = ? AND record_id = ? AND status = 'sent' "
            "AND sent_at >= ? AND id != ?",
            (user.id, reminder.record_id, int(today.timestamp()), reminder.id),
        )
        return any(
            repo.group(other.kind) == repo.group(reminder.kind)
            and self._subject(other, user, record) == subject
            for other in map(repo.row_reminder, rows)
        )

    @staticmethod
    def _subject(reminder: Reminder, user: User, record: tuple[Record, Details] | None) -> dt.date:
        """The date the reminder is about, from the record as it is now."""
        found = subjects(record[0], user, record[1]) if record else {}
        return found.get(reminder.kind, reminder.due_date)

    async def _records(self, reminders: list[Reminder]) -> dict[int, tuple[Record, Details]]:
        ids = sorted({reminder.record_id for reminder in reminders})
        records = await records_repo.by_ids(self.db, ids)
        details = await details_repo.by_ids(self.db, ids)
        return {rid: (record, details.get(rid, Details())) for rid, record in records.items()}

    async def summarise_old(self) -> None:
        """Missed for over 30 days: one message per user instead of a flood of stale reminders."""
        by_user: dict[int, list[Reminder]] = defaultdict(list)
        for reminder in await repo.claim_old(
            self.db, self._now() - SUMMARISE_AFTER, lease_until=self._now() + self.lease
        ):
            by_user[reminder.user_id].append(reminder)
        for user_id, items in by_user.items():
            ids = [item.id for item in items]
            user = await users_repo.get(self.db, user_id)
            if user is None or not user.is_active:
                await repo.pause_user(self.db, user_id)
                continue
            if self._stopped or self._quiet_until(user) is not None:
                await repo.unclaim(self.db, ids)  # summarised by a later run
                continue
            summary = self._summary(user, items, await self._records(items))
            outcome = await self.notifier.send(user.id, user.chat_id, summary)
            if outcome in (Outcome.SENT, Outcome.REJECTED):
                await repo.mark_sent(self.db, ids, self._now(), WEEK)  # repeats go on weekly
            elif outcome is Outcome.BLOCKED:
                await repo.pause_user(self.db, user_id)
            else:
                await repo.unclaim(self.db, ids)

    def _summary(
        self, user: User, items: list[Reminder], records: dict[int, tuple[Record, Details]]
    ) -> str:
        t = Translator(user.lang)
        # One line per record, group and date: the nudge and its deadline are one line.
        lines_by: dict[tuple[int, str, dt.date], str] = {}
        for item in items:
            subject = self._subject(item, user, records.get(item.record_id))
            key = (item.record_id, repo.group(item.kind), subject)
            lines_by[key] = f"• {dated(t, subject, self._today(user))}: {t(title_key(item.kind))}"
        found = list(lines_by.values())
        lines = [t("rem-summary", count=len(found)), *found[:15]]
        if len(found) > 15:
            lines.append("…")
        lines.append(t("rem-summary-footer"))
        return "\n".join(lines)
