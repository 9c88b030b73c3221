"""Impact alerts: at start-up, re-plan the records a changed rule affects and tell their users.

Every record's plan keeps the versions of the facts it rests on (``bot.records.plans``). When a
release changes one (a new term, a new MCI, a corrected convention), ``check`` re-plans the
records that used it — through ``replan_record``, which never re-sends a reminder already sent —
and queues one message per user naming which of *their* dates moved, old → new, and why (the
fact and its source). The new versions and the message are written in one transaction, so the
message goes once per change; a user whose dates did not move gets nothing. ``deliver`` sends the
queue through the notifier (limits, blocked users, quiet hours) on the reminder tick.
"""

from __future__ import annotations

import datetime as dt
import html
import logging
from typing import Any

from bot.clock import Clock
from bot.db import Database
from bot.db import records as records_repo
from bot.db import users as users_repo
from bot.db.records import Record
from bot.db.users import User
from bot.i18n import Translator
from bot.notify import Notifier, Outcome
from bot.records import plans as plans_repo
from bot.records.planning import remember_plan, replan_record
from bot.records.plans import PlanRow
from bot.reminders.timing import next_allowed
from knowledge import versions as kv
from knowledge.l10n import format_date
from knowledge.loader import load_knowledge
from knowledge.render import link
from knowledge.rules import KnowledgeBase

log = logging.getLogger(__name__)
MAX_MOVES = 12  # lines in one message; the rest is "…" (a phone screen, not a report)
MAX_FACTS = 3


async def check(db: Database, clock: Clock) -> int:
    """Compare open records' plans with the rules now loaded; return the alerts queued.

    Unchanged rules (the usual start) cost one query. On the first start there is nothing to
    compare with: the rules are remembered, and each record from its next planning.
    """
    now = clock.now()
    current = kv.fingerprint(load_knowledge())
    last = await plans_repo.fingerprint(db)
    if last == current:
        return 0
    queued = 0
    if last is not None:
        for user_id in await plans_repo.users_with_open_records(db):
            user = await users_repo.get(db, user_id)
            if user is not None and await _check_user(db, user, now):
                queued += 1
        log.info("the rules changed: %d users get a 'your dates moved' message", queued)
    # Written last: a crash before it repeats the comparison, which finds nothing left to send.
    await plans_repo.set_fingerprint(db, current, now)
    return queued


async def _check_user(db: Database, user: User, now: dt.datetime) -> bool:
    kb = load_knowledge()
    records: list[dict[str, Any]] = []
    facts: set[str] = set()
    async with db.transaction():
        before = await plans_repo.for_user(db, user.id)
        stale = {}
        for record in await records_repo.for_user(db, user.id):
            row = before.get(record.id)
            if record.status != "open":
                continue
            changed = await _refresh(db, kb, user, record, row, now)
            if changed:
                stale[record.id] = (record, changed)
        after = await plans_repo.for_user(db, user.id)
        for record_id, (record, changed) in stale.items():
            moves = kv.moved(before[record_id].dates, after[record_id].dates)
            if moves:
                records.append({"label": record.label, "kind": record.kind, "moves": moves})
                facts.update(changed)
        if records:
            changes = {"records": records, "facts": sorted(facts)}
            await plans_repo.add_alert(db, user.id, changes, now)
    return bool(records)


async def _refresh(
    db: Database,
    kb: KnowledgeBase,
    user: User,
    record: Record,
    row: PlanRow | None,
    now: dt.datetime,
) -> list[str]:
    """Re-plan a record whose facts changed; return those facts. A record without versions (planned
    before they were kept) only has them remembered: nothing to compare, nothing to report."""
    changed = [] if row is None else kv.changed(row.versions, kv.versions(kb, list(row.versions)))
    if row is not None and not changed:
        return []
    try:
        if row is None:
            await remember_plan(db, user, record, now)
        else:
            await replan_record(db, user, record, now)
    except (ValueError, KeyError) as exc:
        # The new rules no longer fit the record (e.g. its term was withdrawn): keep its plan and
        # go on; one record must not stop the start or the other users' messages.
        log.warning("record %d could not be re-planned: %s", record.id, exc)
        return []
    return changed


def render(t: Translator, changes: dict[str, Any]) -> str:
    """One message: the moved dates per record, then the facts that moved them and a source."""
    lines = [t("impact-title")]
    shown = 0
    for record in changes["records"]:
        label = html.escape(record["label"]) or t(f"track-kind-{record['kind']}")
        lines.append(t("impact-record", label=label))
        for kind, old, new in record["moves"]:
            if shown == MAX_MOVES:
                break
            lines.append(
                t("impact-move", what=t(f"impact-date-{kind}"), old=_day(t, old), new=_day(t, new))
            )
            shown += 1
    if shown == MAX_MOVES:
        lines.append("…")
    kb = load_knowledge()
    for fact_id in changes["facts"][:MAX_FACTS]:
        if fact_id.startswith(kv.ROUTE) and kv.known(kb, fact_id):
            route = kb.route(fact_id.removeprefix(kv.ROUTE)).name.get(t.lang)
            lines.append(t("impact-why-route", route=html.escape(route)))
        elif kb.has(fact_id):
            fact = kb.fact(fact_id)
            lines.append(t("impact-why", fact=html.escape(fact.text.get(t.lang))))
            lines.append(t("impact-source", url=link(fact.sources[0], lang=t.lang)))  # named
    lines.append(t("impact-footer"))
    return "\n".join(lines)


def _day(t: Translator, iso: str | None) -> str:
    return t("impact-none") if iso is None else format_date(dt.date.fromisoformat(iso), t.lang)


async def deliver(db: Database, notifier: Notifier, clock: Clock) -> int:
    """Send the queued messages; one a user may not get now waits for a later tick."""
    sent = 0
    for alert in await plans_repo.pending_alerts(db):
        user = await users_repo.get(db, alert.user_id)
        if user is None or not user.is_active:
            await plans_repo.close_alert(db, alert.id, "dropped")
            continue
        now = clock.now()
        if next_allowed(now, user.timezone, user.quiet_start, user.quiet_end) != now:
            continue  # quiet hours: the morning's tick sends it
        text = render(Translator(user.lang), alert.changes)
        outcome = await notifier.send(user.id, user.chat_id, text)
        if outcome in (Outcome.SENT, Outcome.REJECTED):
            await plans_repo.close_alert(db, alert.id, "sent")
            sent += outcome is Outcome.SENT
        elif outcome is Outcome.BLOCKED:
            await plans_repo.close_alert(db, alert.id, "dropped")
    return sent
